/** The five Android stores at once: honor, yyb, oppo, vivo and xiaomi publish in parallel. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator, EmulatorRequest } from '../src/sandbox/types.js';
import { fixture, withSandbox, type SandboxSetup } from './helpers.js';

const STORES = ['honor', 'yyb', 'oppo', 'vivo', 'xiaomi'] as const;

/** Each store's submit (Xiaomi's push both uploads and submits). */
function submitStep(store: string, req: EmulatorRequest): boolean {
  if (store === 'honor') return req.path.endsWith('/submit-audit');
  if (store === 'yyb') return req.path.endsWith('/update_app');
  if (store === 'oppo') return req.path === '/resource/v1/app/upd';
  if (store === 'xiaomi') return req.path === '/dev/push';
  return store === 'vivo' && vivoMethod(req) === 'app.sync.update.app';
}

/** vivo's `method` parameter: in the query, a form body, or a (streamed, already parsed) multipart field. */
function vivoMethod(req: EmulatorRequest): string | null {
  const part = Array.isArray(req.multipart) ? req.multipart.find((p) => p.name === 'method') : undefined;
  return (
    req.query.get('method') ??
    part?.data?.toString('utf8') ??
    new URLSearchParams(req.body.toString('utf8')).get('method')
  );
}

/**
 * A rendezvous, as in multi-store.test.ts: each store's submit is held until all five have
 * arrived. Stores run one after another would never all arrive (the first waits for the others):
 * the hold then gives up after HOLD_MS and the order of events shows it. Only the order is asserted.
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
      if (submitStep(emulator.id, req) && !arrived.has(emulator.id)) {
        arrived.add(emulator.id);
        events.push(`arrived ${emulator.id}`);
        if (arrived.size === STORES.length) allThere();
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
  sb = await withSandbox([...STORES], { wrap: rendezvous });
});
afterEach(() => sb.close());

describe('appstores publish --store honor,yyb,oppo,vivo,xiaomi', () => {
  it('publishes to the five stores in parallel', async () => {
    const r = await sb.run([
      'publish',
      fixture('apk/app-universal.apk'),
      '--store',
      STORES.join(','),
      '--notes',
      '修复了若干问题，提升了稳定性。',
      '--json',
    ]);

    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.results.map((x: { store: string; status: string }) => [x.store, x.status])).toEqual(
      STORES.map((s) => [s, 'submitted']),
    );
    for (const store of STORES) expect(sb.stores[store].state.submissions, store).toHaveLength(1);

    // The five submits were all under way at once: every one arrived before any was answered.
    expect(events.slice(0, STORES.length).sort()).toEqual(STORES.map((s) => `arrived ${s}`).sort());
    expect(events.slice(STORES.length).every((e) => e.startsWith('answered'))).toBe(true);
  });
});
