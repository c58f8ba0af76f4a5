/**
 * The retry decision, as a pure function so it can be tested as a table. Only requests that are
 * safe to repeat are retried (reads, token, upload-URL requests, uploads whose server-side effect
 * is keyed by a fresh single-use sign); a submit never is: after an ambiguous failure the adapter
 * queries the store's state instead.
 */

export interface RetryPolicy {
  /** Total attempts, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the attempt fails instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfter?: string | null }
  | { kind: 'network'; code: string };

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  reason: string;
}

/** Transport failures after which the same request may simply be sent again. */
const RETRYABLE_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

export function decideRetry(
  policy: RetryPolicy,
  attempt: number,
  outcome: AttemptOutcome,
  idempotent: boolean,
  now: number = Date.now(),
  random: () => number = Math.random,
): RetryDecision {
  const reason = outcome.kind === 'network' ? outcome.code : `HTTP ${outcome.status}`;
  const no = (why: string): RetryDecision => ({ retry: false, delayMs: 0, reason: why });

  if (!isRetryable(outcome)) return no(`${reason} is not retryable`);
  if (!idempotent) return no(`${reason} on a request that must not be repeated`);
  if (attempt >= policy.maxAttempts) return no(`${reason} after ${attempt} attempts`);

  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // Full jitter in the upper half: spreads parallel clients without ever retrying instantly.
  const jittered = Math.round(backoff * (0.5 + random() * 0.5));
  if (outcome.kind === 'response' && outcome.retryAfter) {
    const wait = parseRetryAfter(outcome.retryAfter, now);
    if (wait !== null) {
      if (wait > policy.maxRetryAfterMs) return no(`${reason} with Retry-After ${Math.ceil(wait / 1000)} s`);
      return { retry: true, delayMs: Math.max(wait, jittered), reason };
    }
  }
  return { retry: true, delayMs: jittered, reason };
}

function isRetryable(outcome: AttemptOutcome): boolean {
  if (outcome.kind === 'network') return RETRYABLE_NETWORK.has(outcome.code);
  return outcome.status === 408 || outcome.status === 429 || outcome.status >= 500;
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string, now: number): number | null {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
