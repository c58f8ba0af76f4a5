/**
 * Test helpers: a StoreContext wired to the sandbox (real HTTP on 127.0.0.1, real token cache in a
 * temp dir) and a fast clock whose sleeps are short, so retry and polling paths run in tests.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, type Dispatcher } from 'undici';
import { createStoreContext } from '../core/context.js';
import type { Clock, StoreAdapter, StoreContext } from '../stores/types.js';

/** Real time, but every sleep lasts at most `maxSleepMs` (retry backoff, task polling). */
export function fastClock(maxSleepMs = 5): Clock {
  return {
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        setTimeout(resolve, Math.min(ms, maxSleepMs));
      }),
  };
}

export function testContext<C>(
  adapter: StoreAdapter,
  config: C,
  options: { clock?: Clock; cacheDir?: string; log?: (line: string) => void; dispatcher?: Dispatcher } = {},
): StoreContext<C> {
  return createStoreContext(adapter, config, {
    dispatcher: options.dispatcher ?? new Agent({ connect: { timeout: 5_000 } }),
    clock: options.clock ?? fastClock(),
    cacheDir: options.cacheDir ?? mkdtempSync(join(tmpdir(), 'appstores-test-cache-')),
    signal: new AbortController().signal,
    log: options.log,
  });
}
