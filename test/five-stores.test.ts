/** The five Android stores at once: honor, yyb, oppo, vivo and xiaomi publish in parallel. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, withSandbox, type SandboxSetup } from './helpers.js';

const STORES = ['honor', 'yyb', 'oppo', 'vivo', 'xiaomi'] as const;
const DELAY_MS = 3_000;

let sb: SandboxSetup;
beforeEach(async () => {
  sb = await withSandbox([...STORES]);
});
afterEach(() => sb.close());

describe('appstores publish --store honor,yyb,oppo,vivo,xiaomi', () => {
  it('publishes to the five stores in parallel', async () => {
    // Each store's submit (or its one upload-and-submit call) is delayed: run one after another,
    // the delayed requests would arrive DELAY_MS or more apart.
    sb.sandbox.inject({ store: 'honor', match: 'submit-audit', fault: { kind: 'delay', ms: DELAY_MS } });
    sb.sandbox.inject({ store: 'yyb', match: 'update_app', fault: { kind: 'delay', ms: DELAY_MS } });
    sb.sandbox.inject({ store: 'oppo', match: '/app/upd', fault: { kind: 'delay', ms: DELAY_MS } });
    sb.sandbox.inject({ store: 'xiaomi', match: '/dev/push', fault: { kind: 'delay', ms: DELAY_MS } });
    sb.sandbox.inject({ store: 'vivo', match: 'method=app.sync.update.app', fault: { kind: 'delay', ms: DELAY_MS } });

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
    expect(report.results.map((x: { store: string; status: string }) => [x.store, x.status])).toEqual(STORES.map((s) => [s, 'submitted']));
    expect(sb.stores.honor.state.submissions).toHaveLength(1);
    expect(sb.stores.yyb.state.submissions).toHaveLength(1);
    expect(sb.stores.oppo.state.submissions).toHaveLength(1);
    expect(sb.stores.vivo.state.submissions).toHaveLength(1);
    expect(sb.stores.xiaomi.state.submissions).toHaveLength(1);

    const delayed = sb.sandbox.log.filter((e) => e.fault === 'delay');
    expect(delayed.map((e) => e.store).sort()).toEqual([...STORES].sort());
    const times = delayed.map((e) => e.time);
    // Logged on arrival: each arrived while the first was still held, so all five ran at once.
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(DELAY_MS);
  });
});
