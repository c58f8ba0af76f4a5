/**
 * Time, injected. A leaf module: every layer (http, core, stores, sandbox tests) imports it and it
 * imports nothing, so no layer has to import upward to get a clock.
 */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * The system clock with every wait (retry backoff, task polling) scaled by `scale`: the test suite
 * and the demo run against the sandbox with APPSTORES_TIME_SCALE=0.01 so a 10 s poll takes 0.1 s.
 */
export function scaledClock(scale: number): Clock {
  if (!(scale > 0) || scale === 1) return systemClock;
  return { now: systemClock.now, sleep: (ms, signal) => systemClock.sleep(Math.round(ms * scale), signal) };
}
