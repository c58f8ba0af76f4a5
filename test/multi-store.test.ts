/** Several stores at once: parallel, and one store's failure does not stop the others. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator, EmulatorRequest } from '../src/sandbox/types.js';
import { fixture, withSandbox, type SandboxSetup } from './helpers.js';

/** Each store's slowest step: OPPO's submit, Xiaomi's push, vivo's upload. */
function slowStep(store: string, req: EmulatorRequest): boolean {
  if (store === 'oppo') return req.path === '/resource/v1/app/upd';
  if (store === 'xiaomi') return req.path === '/dev/push';
  return store === 'vivo' && vivoMethod(req) === 'app.upload.apk.app';
}

/** vivo's `method` parameter, in the query or in a (streamed, already parsed) multipart field. */
function vivoMethod(req: EmulatorRequest): string | null {
  const part = Array.isArray(req.multipart) ? req.multipart.find((p) => p.name === 'method') : undefined;
  return req.query.get('method') ?? part?.data?.toString('utf8') ?? null;
}

/**
 * A rendezvous: each store's slow step is held until all three have arrived. Stores run one after
 * another would never all arrive (the first waits for the others): then the hold gives up after
 * HOLD_MS and the order of events shows it. No timing is asserted, only the order.
 */
const HOLD_MS = 20_000;
const events: string[] = [];
let arrived = new Set<string>();
let allThere: () => void = () => {};
let together = new Promise<void>((resolve) => (allThere = resolve));
function rendezvous(emulator: Emulator): Emulator {
  return {
    ...emulator,
    async handle(req, ctx) {
      if (slowStep(emulator.id, req) && !arrived.has(emulator.id)) {
        arrived.add(emulator.id);
        events.push(`arrived ${emulator.id}`);
        if (arrived.size === 3) allThere();
        await Promise.race([together, new Promise((resolve) => setTimeout(resolve, HOLD_MS))]);
        events.push(`answered ${emulator.id}`);
      }
      return emulator.handle(req, ctx);
    },
  };
}

let sb: SandboxSetup;
beforeEach(async () => {
  events.length = 0;
  arrived = new Set();
  together = new Promise<void>((resolve) => (allThere = resolve));
  sb = await withSandbox(['oppo', 'xiaomi', 'vivo'], { wrap: rendezvous });
});
afterEach(() => sb.close());

describe('appstores publish --store oppo,xiaomi,vivo', () => {
  it('publishes to the three stores in parallel, and a vivo rejection does not stop the other two', async () => {
    const r = await sb.run([
      'publish',
      fixture('apk/app-universal.apk'),
      // A channel package for vivo, signed with another key than the live version: vivo refuses it.
      `vivo=${fixture('apk/app-other-signer.apk')}`,
      '--store',
      'oppo,xiaomi,vivo',
      '--notes',
      'Bug fixes and stability improvements',
      '--json',
    ]);

    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    const byStore = Object.fromEntries(report.results.map((x: { store: string }) => [x.store, x]));
    expect(byStore.oppo).toMatchObject({ status: 'submitted', category: null });
    expect(byStore.xiaomi).toMatchObject({ status: 'submitted', category: null });
    expect(byStore.vivo).toMatchObject({ status: 'failed', category: 'rejected' });
    expect(String(byStore.vivo.storeCode)).toBe('15042');
    expect(sb.stores.oppo.state.submissions).toHaveLength(1);
    expect(sb.stores.xiaomi.state.submissions).toHaveLength(1);
    expect(sb.stores.vivo.state.submissions).toHaveLength(0);

    // The three slow steps were all under way at once: every one arrived before any was answered.
    expect(events.slice(0, 3).sort()).toEqual(['arrived oppo', 'arrived vivo', 'arrived xiaomi']);
    expect(events.slice(3).every((e) => e.startsWith('answered'))).toBe(true);
  });

  it('stops before any upload when one store fails its checks, and says which', async () => {
    const r = await sb.run(
      ['publish', fixture('apk/app-universal.apk'), '--notes', 'Bug fixes and stability improvements', '--json'],
      { APPSTORES_VIVO_ACCESS_SECRET: 'not-the-right-secret' },
    );
    expect(r.code).toBe(3);
    const statuses = Object.fromEntries(
      JSON.parse(r.stdout).results.map((x: { store: string; status: string }) => [x.store, x.status]),
    );
    expect(statuses).toEqual({ xiaomi: 'cancelled', oppo: 'cancelled', vivo: 'failed' });
    expect(sb.stores.oppo.state.submissions).toHaveLength(0);
    expect(sb.stores.xiaomi.state.submissions).toHaveLength(0);
  });
});
