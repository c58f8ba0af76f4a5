/**
 * plan() hands publish() what it read (Plan.state): one /dev/query and one launcher-icon
 * extraction per publish. Without the state (a direct call), publish() reads them itself.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { createXiaomiEmulator } from '../../sandbox/xiaomi.js';
import { testContext } from '../../testing/context.js';
import { testRelease } from '../../testing/release.js';
import { xiaomiAdapter } from './index.js';

const extracted = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../artifacts/apk-icon.js', async (original) => {
  const real = await original<typeof import('../../artifacts/apk-icon.js')>();
  return {
    ...real,
    extractLauncherIcon: (...args: Parameters<typeof real.extractLauncherIcon>) => {
      extracted.count++;
      return real.extractLauncherIcon(...args);
    },
  };
});

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox([createXiaomiEmulator()]);
  extracted.count = 0;
});
afterEach(() => sb.close());

const session = () =>
  xiaomiAdapter.connect(testContext(xiaomiAdapter, xiaomiAdapter.configSchema.parse(sb.config().stores.xiaomi)));
const queries = () => sb.log.filter((entry) => entry.path === '/dev/query').length;

describe('xiaomi plan → publish', () => {
  it('queries the app once and extracts the icon once, plan() to submit', async () => {
    const s = session();
    const r = await testRelease(['app-universal.apk']);
    const plan = await s.plan(r);
    expect(plan.action).toBe('submit');
    const outcome = await s.publish(r, () => {}, plan.state);
    expect(outcome.status).toBe('submitted');
    expect(queries()).toBe(1);
    expect(extracted.count).toBe(1);
  });

  it('reads both itself when called without a plan', async () => {
    const outcome = await session().publish(await testRelease(['app-universal.apk']), () => {});
    expect(outcome.status).toBe('submitted');
    expect(queries()).toBe(1);
    expect(extracted.count).toBe(1);
  });
});
