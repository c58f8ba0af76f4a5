/** core/status.ts in process: the state of a version from info(), and the watch on pollUntil. */
import { describe, expect, it } from 'vitest';
import { loadAdapters } from '../stores/registry.js';
import type { AppInfo, Clock, ReviewState, StoreSession } from '../stores/types.js';
import { StoreError } from './errors.js';
import { failed, followStatus, intervalFor, reached, statusOf, type StoreStatus } from './status.js';

const ADAPTERS = await loadAdapters();
const oppo = ADAPTERS.oppo!;
const xiaomi = ADAPTERS.xiaomi!;
const v610 = { versionCode: 6100000, versionName: '6.10.0' };
const v691 = { versionCode: 6091000, versionName: '6.9.1' };

function info(state: ReviewState, pending: typeof v610 | null, live = v691, reason: string | null = null): AppInfo {
  return {
    store: 'oppo',
    package: 'com.foo.bar',
    appId: '1',
    appName: 'Foo',
    live,
    pending,
    review: { state, reason, storeState: state },
  };
}

/** A clock whose sleeps take no time but are counted. */
function testClock(): Clock & { slept: number[] } {
  const slept: number[] = [];
  let now = 0;
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

function session(answers: Array<AppInfo | Error>): StoreSession & { calls: number } {
  const s = {
    calls: 0,
    verify: async () => {},
    plan: async () => ({ action: 'submit' as const, summary: '' }),
    publish: async () => ({ status: 'submitted' as const, message: '', reference: null }),
    info: async () => {
      const answer = answers[Math.min(s.calls++, answers.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return s;
}

describe('statusOf', () => {
  it('is live when the followed version is the live one, else the review state', () => {
    expect(statusOf(oppo, info('live', null, v610), v610, 't').state).toBe('live');
    expect(statusOf(oppo, info('reviewing', v610), v610, 't').state).toBe('reviewing');
    // The store says live, but of an older version than the one followed.
    expect(statusOf(oppo, info('live', null), v610, 't').state).toBe('unknown');
    // No version given: the one in review is followed.
    expect(statusOf(oppo, info('rejected', v610, v691, 'bad icon'), null, 't')).toMatchObject({
      version: v610,
      state: 'rejected',
      reason: 'bad icon',
    });
  });

  it('says what a store cannot tell', () => {
    expect(statusOf(xiaomi, info('reviewing', v610), v610, 't').cannotTell).toMatch(/no review API/);
    expect(statusOf(oppo, info('reviewing', v610), v610, 't').cannotTell).toBeNull();
  });
});

describe('targets and intervals', () => {
  it('reviewed is approved, scheduled or live; live only live; rejected and withdrawn fail', () => {
    expect(['approved', 'scheduled', 'live', 'reviewing'].map((s) => reached(s as ReviewState, 'reviewed'))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(reached('approved', 'live')).toBe(false);
    expect([failed('rejected'), failed('withdrawn'), failed('reviewing')]).toEqual([true, true, false]);
  });

  it('never asks more often than the store tolerates; --interval can only slow it down', () => {
    expect(intervalFor(ADAPTERS.honor!)).toBe(3 * 3_600_000);
    expect(intervalFor(ADAPTERS.honor!, 60_000)).toBe(3 * 3_600_000);
    expect(intervalFor(ADAPTERS.apple!, 3_600_000)).toBe(3_600_000);
    for (const adapter of Object.values(ADAPTERS)) expect(adapter!.capabilities.statusIntervalMs).toBeGreaterThan(0);
  });
});

describe('followStatus --watch', () => {
  const watch = (s: StoreSession, clock: Clock, changes: StoreStatus[], timeoutMs = 24 * 3_600_000) =>
    followStatus({
      stores: [{ adapter: oppo, session: s }],
      target: () => ({ package: 'com.foo.bar', version: v610 }),
      until: 'reviewed',
      watch: true,
      timeoutMs,
      clock,
      signal: new AbortController().signal,
      onChange: (c) => changes.push(c),
    });

  it('reports each change once, keeps going after a failed poll, and stops when approved', async () => {
    const s = session([
      info('reviewing', v610),
      info('reviewing', v610),
      new StoreError('OPPO answered 502', { code: 'STORE_UNAVAILABLE', store: 'oppo' }),
      info('approved', v610),
    ]);
    const clock = testClock();
    const changes: StoreStatus[] = [];
    const outcome = await watch(s, clock, changes);
    expect(s.calls).toBe(4);
    expect(changes.map((c) => c.state)).toEqual(['reviewing', 'error', 'approved']);
    expect(outcome).toMatchObject({ timedOut: [], statuses: [{ state: 'approved' }] });
    expect(clock.slept).toEqual([600_000, 600_000, 600_000]);
  });

  it('stops at a rejection with its reason', async () => {
    const changes: StoreStatus[] = [];
    const outcome = await watch(session([info('rejected', v610, v691, '截图不符')]), testClock(), changes);
    expect(outcome.statuses[0]).toMatchObject({ state: 'rejected', reason: '截图不符' });
  });

  it('times out after the polls its window holds', async () => {
    const s = session([info('reviewing', v610)]);
    const outcome = await watch(s, testClock(), [], 3_600_000);
    expect(outcome.timedOut).toEqual(['oppo']);
    expect(s.calls).toBe(7); // at once, then every 10 min for an hour
  });
});
