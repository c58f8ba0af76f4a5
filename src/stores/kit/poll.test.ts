import { describe, expect, it } from 'vitest';
import { InterruptedError, StoreError } from '../../core/errors.js';
import { virtualClock } from '../../testing/clock.js';
import { pollsIn, pollUntil } from './poll.js';

describe('pollUntil', () => {
  it('is bounded by its window, counted in waits, not in wall-clock time', async () => {
    const clock = virtualClock();
    let polls = 0;
    const outcome = await pollUntil({
      clock,
      firstDelayMs: 10_000,
      intervalMs: 15_000,
      windowMs: 60_000,
      poll: async () => void polls++,
    });
    expect(outcome).toMatchObject({ done: false, polls: 4, waitedMs: 55_000, failures: 0 });
    expect(polls).toBe(4);
    expect(clock.sleeps).toEqual([10_000, 15_000, 15_000, 15_000]);
    expect(pollsIn({ firstDelayMs: 10_000, intervalMs: 15_000, windowMs: 60_000 })).toBe(4);
  });

  it('ends on the first value', async () => {
    let n = 0;
    const outcome = await pollUntil({
      clock: virtualClock(),
      intervalMs: 1000,
      windowMs: 10_000,
      poll: async () => (++n === 3 ? 'done' : undefined),
    });
    expect(outcome).toMatchObject({ done: true, value: 'done', polls: 3, waitedMs: 2000 });
  });

  it('a failed poll, whatever the failure, costs one poll', async () => {
    const failures = [
      new StoreError('unreadable', { code: 'BAD_RESPONSE', store: 'oppo' }),
      new StoreError('refused', { code: 'AUTH_FAILED', store: 'oppo' }),
      new Error('socket hang up'),
    ];
    let n = 0;
    const seen: unknown[] = [];
    const outcome = await pollUntil({
      clock: virtualClock(),
      intervalMs: 1000,
      windowMs: 10_000,
      poll: async () => {
        const failure = failures[n++];
        if (failure) throw failure;
        return 'state 2';
      },
      onWait: ({ error }) => seen.push(error),
    });
    expect(outcome).toMatchObject({ done: true, value: 'state 2', polls: 4 });
    expect(seen).toEqual(failures);
  });

  it('reports the last failure when every poll failed', async () => {
    const outcome = await pollUntil({
      clock: virtualClock(),
      intervalMs: 1000,
      windowMs: 2000,
      poll: async () => {
        throw new Error('down');
      },
    });
    expect(outcome).toMatchObject({ done: false, polls: 3, failures: 3, lastError: new Error('down') });
  });

  it('stops at once when aborted', async () => {
    const controller = new AbortController();
    let polls = 0;
    const run = pollUntil({
      clock: virtualClock(),
      signal: controller.signal,
      intervalMs: 1000,
      windowMs: 60_000,
      poll: async () => {
        if (++polls === 2) controller.abort();
        return undefined;
      },
    });
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    expect(polls).toBe(2);
  });
});
