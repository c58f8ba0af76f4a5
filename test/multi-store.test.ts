/** Several stores at once: parallel, and one store's failure does not stop the others. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, withSandbox, type SandboxSetup } from './helpers.js';

let sb: SandboxSetup;
beforeEach(async () => {
  sb = await withSandbox(['oppo', 'xiaomi', 'vivo']);
});
afterEach(() => sb.close());

const DELAY_MS = 2_000;

describe('appstores publish --store oppo,xiaomi,vivo', () => {
  it('publishes to the three stores in parallel, and a vivo rejection does not stop the other two', async () => {
    // Each store's slowest step is delayed: sequential stores would take at least 3 × DELAY_MS.
    sb.sandbox.inject({ store: 'oppo', match: '/app/upd', fault: { kind: 'delay', ms: DELAY_MS } });
    sb.sandbox.inject({ store: 'xiaomi', match: '/dev/push', fault: { kind: 'delay', ms: DELAY_MS } });
    sb.sandbox.inject({ store: 'vivo', match: 'method=app.upload.apk.app', fault: { kind: 'delay', ms: DELAY_MS } });

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

    // The three delayed requests were all under way at once: each arrived before the first one's
    // DELAY_MS was over (run one after another, they would arrive DELAY_MS apart or more).
    const delayed = sb.sandbox.log.filter((e) => e.fault === 'delay').map((e) => e.time);
    expect(delayed).toHaveLength(3);
    expect(Math.max(...delayed) - Math.min(...delayed)).toBeLessThan(DELAY_MS);
    // So the whole run took about the slowest store's time, well below the sum of the three.
    for (const store of ['oppo', 'xiaomi', 'vivo']) expect(byStore[store].durationMs).toBeGreaterThanOrEqual(DELAY_MS);
    expect(r.ms).toBeLessThan(3 * DELAY_MS);
  });

  it('stops before any upload when one store fails its checks, and says which', async () => {
    const r = await sb.run(
      ['publish', fixture('apk/app-universal.apk'), '--notes', 'Bug fixes and stability improvements', '--json'],
      { APPSTORES_VIVO_ACCESS_SECRET: 'not-the-right-secret' },
    );
    expect(r.code).toBe(3);
    const statuses = Object.fromEntries(JSON.parse(r.stdout).results.map((x: { store: string; status: string }) => [x.store, x.status]));
    expect(statuses).toEqual({ xiaomi: 'cancelled', oppo: 'cancelled', vivo: 'failed' });
    expect(sb.stores.oppo.state.submissions).toHaveLength(0);
    expect(sb.stores.xiaomi.state.submissions).toHaveLength(0);
  });
});
