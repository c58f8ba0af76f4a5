/**
 * Apple after the submit, in process against the emulator: the reviewer (POST /_sandbox/review)
 * approves a MANUAL version, release sends one appStoreVersionReleaseRequest and starts its
 * phased release, rollout pauses / resumes / completes it; the no-op lines; a refusal of a state
 * that changed meanwhile is WRONG_STATE.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppleEmulator, type AppleEmulator } from '../../sandbox/apple.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import type { AppVersionState } from '../../sandbox/apple/state.js';
import type { EmulatorRequest } from '../../sandbox/types.js';
import { virtualClock } from '../../testing/clock.js';
import { testContext } from '../../testing/context.js';
import { afterEachRequest, review } from '../../testing/review.js';
import type { StoreSession } from '../types.js';
import { appleAdapter } from './index.js';

const PKG = 'com.foo.bar';
let apple: AppleEmulator;
let sb: Sandbox;
let race: { match: (req: EmulatorRequest) => boolean; change: () => void } | null = null;

beforeEach(async () => {
  apple = createAppleEmulator();
  race = null;
  sb = await startSandbox([
    afterEachRequest(apple, (req) => {
      if (race?.match(req)) {
        race.change();
        race = null;
      }
    }),
  ]);
});
afterEach(() => sb.close());

const connect = (): StoreSession => {
  const config = appleAdapter.configSchema.parse(sb.config().stores.apple);
  return appleAdapter.connect(testContext(appleAdapter, config, { clock: virtualClock() }));
};
const mutating = () =>
  sb.log.filter((e) => e.method === 'POST' || e.method === 'PATCH').map((e) => `${e.method} ${e.path}`);

/** Version 6.10.0 waiting for review, MANUAL, with an INACTIVE phased release (what publish leaves). */
function submitted() {
  const live = apple.state.versions[0]!;
  const version = {
    ...live,
    id: 'ver-6.10.0',
    versionString: '6.10.0',
    appVersionState: 'WAITING_FOR_REVIEW' as AppVersionState,
    releaseType: 'MANUAL' as const,
    createdDate: new Date(Date.parse(live.createdDate) + 86_400_000).toISOString(),
  };
  apple.state.versions.push(version);
  apple.state.submissions.push({
    id: 'sub-6.10.0',
    appId: live.appId,
    platform: live.platform,
    state: 'WAITING_FOR_REVIEW',
    versionIds: [version.id],
    submittedDate: new Date().toISOString(),
  });
  const phased = { id: 'phased-6.10.0', versionId: version.id, phasedReleaseState: 'INACTIVE' as const };
  apple.state.phasedReleases.push(phased);
  return { version, phased: () => apple.state.phasedReleases.find((p) => p.id === phased.id)! };
}

describe('apple release', () => {
  it('releases the MANUAL version once the reviewer approved it; before and after, a no-op line', async () => {
    const { version, phased } = submitted();
    const session = connect();
    expect(await session.release!({ package: PKG })).toEqual({
      status: 'noop',
      message:
        'nothing to release: version 6.10.0 (6091000) is WAITING_FOR_REVIEW, not approved and held (PENDING_DEVELOPER_RELEASE)',
    });
    await review(sb, { store: 'apple', package: PKG, to: 'approved' });
    expect(version.appVersionState).toBe('PENDING_DEVELOPER_RELEASE');
    expect(await session.release!({ package: PKG, versionName: '6.10.0' })).toEqual({
      status: 'done',
      message: 'released version 6.10.0 (6091000): on its way to the App Store',
    });
    expect(version.appVersionState).toBe('READY_FOR_DISTRIBUTION');
    expect(phased().phasedReleaseState).toBe('ACTIVE');
    expect((await session.release!({ package: PKG })).status).toBe('noop');
    expect(await session.release!({ package: PKG, versionName: '7.0.0' })).toEqual({
      status: 'noop',
      message: 'nothing to release: Apple has no version 7.0.0 of com.foo.bar',
    });
    expect(mutating()).toEqual(['POST /v1/appStoreVersionReleaseRequests']);
  });

  it('maps the STATE_ERROR of a version released meanwhile (on the web) to WRONG_STATE', async () => {
    const { version } = submitted();
    await review(sb, { store: 'apple', package: PKG, to: 'approved' });
    race = {
      match: (req) => req.method === 'GET' && req.path.endsWith('/appStoreVersions'),
      change: () => (version.appVersionState = 'READY_FOR_DISTRIBUTION'),
    };
    await expect(connect().release!({ package: PKG })).rejects.toMatchObject({
      code: 'WRONG_STATE',
      category: 'conflict',
      store: 'apple',
      storeCode: 'STATE_ERROR',
    });
  });
});

describe('apple rollout', () => {
  it('pauses, resumes and completes the phased release of the live version; repeats and wrong states are no-ops', async () => {
    const { phased } = submitted();
    await review(sb, { store: 'apple', package: PKG, to: 'approved' });
    const session = connect();
    // Held, not yet released: its phased release is INACTIVE and takes no pause.
    expect(await session.rollout!({ package: PKG, versionName: '6.10.0' }, { op: 'pause' })).toEqual({
      status: 'noop',
      message:
        'the phased release of version 6.10.0 (6091000) is INACTIVE: pause applies to ACTIVE only (it starts when the version is released)',
    });
    await session.release!({ package: PKG });
    const moves = [
      ['pause', 'ACTIVE → PAUSED'],
      ['resume', 'PAUSED → ACTIVE'],
      ['pause', 'ACTIVE → PAUSED'],
      ['complete', 'PAUSED → COMPLETE'],
    ] as const;
    for (const [op, move] of moves) {
      expect(await session.rollout!({ package: PKG }, { op })).toEqual({
        status: 'done',
        message: `phased release of version 6.10.0 (6091000): ${move}`,
      });
    }
    expect(phased().phasedReleaseState).toBe('COMPLETE');
    expect(await session.rollout!({ package: PKG }, { op: 'complete' })).toEqual({
      status: 'noop',
      message: 'the phased release of version 6.10.0 (6091000) is COMPLETE already',
    });
    expect((await session.rollout!({ package: PKG }, { op: 'resume' })).message).toBe(
      'the phased release of version 6.10.0 (6091000) is COMPLETE: resume applies to PAUSED only',
    );
    expect((await session.rollout!({ package: PKG }, { op: 'percent', percent: 20 })).status).toBe('noop');
    expect(mutating().filter((m) => m.startsWith('PATCH'))).toHaveLength(4);
  });

  it('says so for a version without a phased release, and maps a refusal after a change meanwhile to WRONG_STATE', async () => {
    const session = connect();
    expect(await session.rollout!({ package: PKG }, { op: 'pause' })).toEqual({
      status: 'noop',
      message: 'version 6.9.1 (6091000) has no phased release',
    });
    const { phased } = submitted();
    await review(sb, { store: 'apple', package: PKG, to: 'live' });
    expect(phased().phasedReleaseState).toBe('ACTIVE');
    race = {
      match: (req) => req.method === 'GET' && req.path.endsWith('/appStoreVersionPhasedRelease'),
      change: () => (phased().phasedReleaseState = 'COMPLETE'),
    };
    await expect(session.rollout!({ package: PKG }, { op: 'pause' })).rejects.toMatchObject({
      code: 'WRONG_STATE',
      storeCode: 'STATE_ERROR',
    });
    expect(phased().phasedReleaseState).toBe('COMPLETE');
  });
});
