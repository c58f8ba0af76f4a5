/**
 * Huawei after the submit, in process against the emulator: release-now of a version approved and
 * waiting for its time, rollout of a running phased release (percent, pause, resume, complete),
 * the no-op lines, and the store's refusals as WRONG_STATE.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHuaweiEmulator, type HuaweiEmulator } from '../../sandbox/huawei.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import type { EmulatorRequest } from '../../sandbox/types.js';
import { testContext } from '../../testing/context.js';
import { afterEachRequest, review } from '../../testing/review.js';
import type { StoreSession } from '../types.js';
import { huaweiAdapter } from './index.js';

const PKG = 'com.foo.bar';
let huawei: HuaweiEmulator;
let sb: Sandbox;
/** Run after the next answered request that matches, once (null: none). */
let race: { match: (req: EmulatorRequest) => boolean; change: () => void } | null = null;

beforeEach(async () => {
  huawei = createHuaweiEmulator();
  race = null;
  const wrapped = afterEachRequest(huawei, (req) => {
    if (race?.match(req)) {
      race.change();
      race = null;
    }
  });
  sb = await startSandbox([wrapped]);
});
afterEach(() => sb.close());

const connect = (): StoreSession =>
  huaweiAdapter.connect(testContext(huaweiAdapter, huaweiAdapter.configSchema.parse(sb.config().stores.huawei)));
const app = () => huawei.state.apps.get('100000001')!;
const puts = (path: string) => sb.log.filter((e) => e.method === 'PUT' && e.path === `/publish/v2/${path}`);

describe('huawei release', () => {
  it('puts a version approved for a scheduled time on sale now, once; other states are no-op lines', async () => {
    const session = connect();
    expect(await session.release!({ package: PKG })).toEqual({
      status: 'noop',
      message: 'nothing to release: version 6.0.0 is not approved and waiting for its release time (releaseState 0)',
    });
    // In review with a release time; the reviewer approves it: it waits for its time (releaseState 3).
    Object.assign(app(), {
      latest: { versionCode: 6100000, versionName: '6.10.0' },
      releaseState: 4,
      releaseTime: '2099-01-01T10:00:00+0800',
    });
    await review(sb, { store: 'huawei', package: PKG, to: 'approved' });
    expect(app().releaseState).toBe(3);
    expect(await session.release!({ package: PKG, versionName: '6.9.0' })).toMatchObject({
      status: 'noop',
      message: "nothing to release: Huawei's latest version is 6.10.0, not 6.9.0",
    });
    expect(await session.release!({ package: PKG, versionName: '6.10.0' })).toEqual({
      status: 'done',
      message: 'released version 6.10.0 now instead of at its scheduled time',
    });
    expect(app()).toMatchObject({ releaseState: 0, live: { versionCode: 6100000 } });
    expect(puts('on-shelf-time')).toHaveLength(1);
    expect((await session.release!({ package: PKG })).status).toBe('noop');
    expect(puts('on-shelf-time')).toHaveLength(1);
  });

  it('maps the refusal of a version that went on sale meanwhile to WRONG_STATE', async () => {
    Object.assign(app(), { latest: { versionCode: 6100000, versionName: '6.10.0' }, releaseState: 3 });
    race = { match: (req) => req.path === '/publish/v2/app-info', change: () => (app().releaseState = 0) };
    await expect(connect().release!({ package: PKG })).rejects.toMatchObject({
      code: 'WRONG_STATE',
      category: 'conflict',
      store: 'huawei',
      storeCode: 204144647,
    });
  });
});

describe('huawei rollout', () => {
  const running = () => {
    app().phased = {
      state: 'RELEASE',
      phasedReleaseStartTime: '2026-01-01T10:00:00+0800',
      phasedReleaseEndTime: '2099-01-08T10:00:00+0800',
      phasedReleasePercent: '10.00',
      phasedReleaseDescription: '',
    };
  };

  it('says so when there is no phased release, and sends nothing', async () => {
    expect(await connect().rollout!({ package: PKG }, { op: 'pause' })).toEqual({
      status: 'noop',
      message: 'com.foo.bar has no phased release at Huawei',
    });
    expect(puts('phased-release')).toEqual([]);
  });

  it('sets the percent, pauses, resumes and completes, sending the plan times back; a repeat is a no-op', async () => {
    running();
    const session = connect();
    const steps: Array<[Parameters<NonNullable<StoreSession['rollout']>>[1], string, string]> = [
      [{ op: 'percent', percent: 25 }, 'RELEASE 10.00 % → RELEASE 25.00 %', '25.00'],
      [{ op: 'pause' }, 'RELEASE 25.00 % → SUSPEND 25.00 %', '25.00'],
      [{ op: 'resume' }, 'SUSPEND 25.00 % → RELEASE 25.00 %', '25.00'],
      [{ op: 'complete' }, 'RELEASE 25.00 % → RELEASE 100.00 %', '100.00'],
    ];
    for (const [action, move, percent] of steps) {
      expect(await session.rollout!({ package: PKG }, action)).toEqual({
        status: 'done',
        message: `phased release: ${move}`,
      });
      expect(app().phased).toMatchObject({
        phasedReleasePercent: percent,
        phasedReleaseEndTime: '2099-01-08T10:00:00+0800',
      });
    }
    expect(app().phased?.state).toBe('RELEASE');
    expect(await session.rollout!({ package: PKG }, { op: 'complete' })).toEqual({
      status: 'noop',
      message: 'the phased release is RELEASE at 100.00 % already',
    });
    expect(puts('phased-release')).toHaveLength(4);
    // Every change went with releaseType 3, as the store requires.
    expect(puts('phased-release').every((e) => new URLSearchParams(e.query).get('releaseType') === '3')).toBe(true);
  });

  it("maps the store's refusal of a phased release that ended meanwhile to WRONG_STATE", async () => {
    running();
    race = {
      match: (req) => req.path === '/publish/v2/app-info' && req.query.get('releaseType') === '3',
      change: () => (app().releaseState = 4),
    };
    await expect(connect().rollout!({ package: PKG }, { op: 'pause' })).rejects.toMatchObject({
      code: 'WRONG_STATE',
      storeCode: 204144715,
      message: expect.stringContaining('no phased release is running'),
    });
    expect(app().phased?.state).toBe('RELEASE');
  });
});

describe('huawei withdraw (UNCONFIRMED call)', () => {
  const withdrawCalls = () => sb.log.filter((e) => e.method === 'POST' && e.path === '/publish/v1/app-info/withdraw');

  it('says so when nothing is in review, sending no withdraw; each result carries the warning', async () => {
    const outcome = await connect().withdraw!(PKG);
    expect(outcome).toEqual({
      status: 'nothing',
      message: 'com.foo.bar has no version in review at Huawei (releaseState 0)',
      reference: null,
      warning: expect.stringContaining('UNCONFIRMED'),
    });
    expect(withdrawCalls()).toEqual([]);
  });

  it('withdraws the update in review once, and says so only when app-info shows it withdrawn', async () => {
    Object.assign(app(), { latest: { versionCode: 6100000, versionName: '6.10.0' }, releaseState: 5 });
    const session = connect();
    expect(await session.withdraw!(PKG)).toEqual({
      status: 'withdrawn',
      message: 'version 6.10.0 (6100000) withdrawn from review: app-info shows releaseState 11',
      reference: '100000001',
      warning: expect.stringMatching(
        /^Huawei's withdraw call \(POST \/publish\/v1\/app-info\/withdraw\) is UNCONFIRMED/,
      ),
    });
    expect(withdrawCalls()).toHaveLength(1);
    expect(new URLSearchParams(withdrawCalls()[0]!.query).get('appId')).toBe('100000001');
    expect(app()).toMatchObject({ releaseState: 11, live: { versionCode: 6000000 } });
    expect((await session.info(PKG)).review.state).toBe('withdrawn');
    expect((await session.withdraw!(PKG)).status).toBe('nothing');
    expect(withdrawCalls()).toHaveLength(1);
  });

  it('maps a version that left review meanwhile to WRONG_STATE, and an accepted call that changed nothing to an error', async () => {
    Object.assign(app(), { latest: { versionCode: 6100000, versionName: '6.10.0' }, releaseState: 5 });
    race = { match: (req) => req.path === '/publish/v2/app-info', change: () => (app().releaseState = 0) };
    await expect(connect().withdraw!(PKG)).rejects.toMatchObject({ code: 'WRONG_STATE', storeCode: 204144647 });
    app().releaseState = 5;
    race = {
      match: (req) => req.path === '/publish/v1/app-info/withdraw',
      change: () => (app().releaseState = 5),
    };
    await expect(connect().withdraw!(PKG)).rejects.toMatchObject({
      code: 'STORE_REFUSED',
      message: expect.stringContaining('still shows releaseState 5'),
      hint: expect.stringContaining('AppGallery Connect'),
    });
  });
});
