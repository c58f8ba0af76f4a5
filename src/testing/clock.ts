/** A virtual clock for tests: sleep() returns at once and moves now() forward by what was asked. */
import type { Clock } from '../core/clock.js';

export interface VirtualClock extends Clock {
  /** Every sleep asked for, in order (ms). */
  readonly sleeps: number[];
}

export function virtualClock(start = Date.now()): VirtualClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
      // Let other work (HTTP answers, timers) run between polls.
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw signal.reason;
    },
  };
}
