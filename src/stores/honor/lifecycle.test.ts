/**
 * Honor's rollout in process against the emulator: update-phased-release-info with operationType
 * 3 / 0 / 4 for a phased release started on the console, each result with the UNCONFIRMED warning;
 * percent a no-op line; the store's refusal of a phased release in another state is WRONG_STATE.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHonorEmulator, FOO_BAR_APP_ID, type HonorEmulator } from '../../sandbox/honor.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { testContext } from '../../testing/context.js';
import type { StoreSession } from '../types.js';
import { honorAdapter } from './index.js';
import { HONOR_PHASED_WARNING } from './lifecycle.js';

const PKG = 'com.foo.bar';
let honor: HonorEmulator;
let sb: Sandbox;
beforeEach(async () => {
  honor = createHonorEmulator();
  sb = await startSandbox([honor]);
});
afterEach(() => sb.close());

const connect = (): StoreSession =>
  honorAdapter.connect(testContext(honorAdapter, honorAdapter.configSchema.parse(sb.config().stores.honor)));
const app = () => honor.state.apps.get(FOO_BAR_APP_ID)!;
const phasedCalls = () => sb.log.filter((e) => e.path.endsWith('/update-phased-release-info'));

describe('honor rollout', () => {
  it('pauses, resumes and completes a running phased release, each with the UNCONFIRMED warning', async () => {
    app().phased = { state: 'RUNNING' };
    const session = connect();
    for (const [op, type, state] of [
      ['pause', 3, 'PAUSED'],
      ['resume', 0, 'RUNNING'],
      ['complete', 4, 'FULL'],
    ] as const) {
      expect(await session.rollout!({ package: PKG }, { op })).toEqual({
        status: 'done',
        message: `phased release: ${op} sent (operationType ${type})`,
        warning: HONOR_PHASED_WARNING,
      });
      expect(app().phased).toEqual({ state });
    }
    expect(phasedCalls()).toHaveLength(3);
  });

  it('answers percent with a no-op line and sends nothing', async () => {
    app().phased = { state: 'RUNNING' };
    expect(await connect().rollout!({ package: PKG }, { op: 'percent', percent: 30 })).toEqual({
      status: 'noop',
      message: "Honor's API documents no percent for a running phased release",
    });
    expect(phasedCalls()).toEqual([]);
  });

  it('maps the refusal of no phased release, or one in another state, to WRONG_STATE', async () => {
    const session = connect();
    await expect(session.rollout!({ package: PKG }, { op: 'pause' })).rejects.toMatchObject({
      code: 'WRONG_STATE',
      category: 'conflict',
      store: 'honor',
      storeCode: 20010,
    });
    app().phased = { state: 'PAUSED' };
    await expect(session.rollout!({ package: PKG }, { op: 'pause' })).rejects.toMatchObject({ code: 'WRONG_STATE' });
    expect(app().phased).toEqual({ state: 'PAUSED' });
  });
});
