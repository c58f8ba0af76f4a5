/**
 * One bounded wait: ask the store every `intervalMs` until it answers what we wait for or the
 * window closes. A poll that fails, whatever the failure (network, 5xx, an unreadable answer),
 * costs one poll and the wait goes on; only an interruption ends it early. Time comes from the
 * injected clock, and the bound is counted in the waits asked for, so a test clock that sleeps
 * 0 ms still runs exactly the same number of polls.
 */
import type { Clock } from '../../core/clock.js';
import { InterruptedError } from '../../core/errors.js';

export interface PollOptions<T> {
  clock: Clock;
  signal?: AbortSignal;
  /** Wait before the first poll (OPPO: task-state no sooner than 10 s after /app/upd [src: U5]). */
  firstDelayMs?: number;
  intervalMs: number;
  /** Longest total wait, first delay included. At least one poll is always made. */
  windowMs: number;
  /** One poll: a value ends the wait; `undefined` means "not yet". */
  poll(attempt: number): Promise<T | undefined>;
  /** Called after each poll that did not end the wait (progress lines). */
  onWait?(state: PollState): void;
}

export interface PollState {
  attempt: number;
  waitedMs: number;
  /** The error of this poll, if it failed. */
  error: unknown;
}

export type PollOutcome<T> =
  | { done: true; value: T; polls: number; waitedMs: number }
  | { done: false; polls: number; waitedMs: number; failures: number; lastError: unknown };

/** How many polls a window holds. */
export function pollsIn(options: { firstDelayMs?: number; intervalMs: number; windowMs: number }): number {
  const first = options.firstDelayMs ?? 0;
  return 1 + Math.max(0, Math.floor((options.windowMs - first) / Math.max(1, options.intervalMs)));
}

export async function pollUntil<T>(options: PollOptions<T>): Promise<PollOutcome<T>> {
  const total = pollsIn(options);
  let waitedMs = 0;
  let failures = 0;
  let lastError: unknown = null;
  for (let attempt = 1; attempt <= total; attempt++) {
    const delay = attempt === 1 ? (options.firstDelayMs ?? 0) : options.intervalMs;
    if (delay > 0) await sleep(options, delay);
    waitedMs += delay;
    let error: unknown = null;
    try {
      const value = await options.poll(attempt);
      if (value !== undefined) return { done: true, value, polls: attempt, waitedMs };
    } catch (caught) {
      if (isInterruption(caught, options.signal)) throw caught;
      error = caught;
      failures++;
      lastError = caught;
    }
    options.onWait?.({ attempt, waitedMs, error });
  }
  return { done: false, polls: total, waitedMs, failures, lastError };
}

async function sleep(options: { clock: Clock; signal?: AbortSignal }, ms: number): Promise<void> {
  if (options.signal?.aborted) throw new InterruptedError();
  try {
    await options.clock.sleep(ms, options.signal);
  } catch (error) {
    throw options.signal?.aborted ? new InterruptedError() : error;
  }
}

function isInterruption(error: unknown, signal?: AbortSignal): boolean {
  return (
    Boolean(signal?.aborted) ||
    error instanceof InterruptedError ||
    (error instanceof Error && error.name === 'AbortError')
  );
}

/** "40 s" / "5 min" for messages. */
export function duration(ms: number): string {
  return ms >= 120_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}
