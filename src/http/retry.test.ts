import { describe, expect, it } from 'vitest';
import { decideRetry, parseRetryAfter, type AttemptOutcome, type RetryPolicy } from './retry.js';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 30_000 };
const now = Date.parse('2026-11-22T00:00:00Z');
const status = (s: number, retryAfter?: string): AttemptOutcome => ({ kind: 'response', status: s, retryAfter });
const net = (code: string): AttemptOutcome => ({ kind: 'network', code });

describe('decideRetry', () => {
  // random() = 1 gives the top of the jitter range, 0 the bottom (half the backoff).
  it.each([
    ['200 is final', status(200), true, 1, false, 0],
    ['404 is final', status(404), true, 1, false, 0],
    ['401 is final', status(401), true, 1, false, 0],
    ['500 is retried', status(500), true, 1, true, 100],
    ['503 on attempt 2 doubles', status(503), true, 2, true, 200],
    ['backoff is capped', status(502), true, 3, true, 400],
    ['408 is retried', status(408), true, 1, true, 100],
    ['429 without Retry-After backs off', status(429), true, 1, true, 100],
    ['429 honours Retry-After seconds', status(429, '7'), true, 1, true, 7_000],
    ['Retry-After as an HTTP date', status(503, new Date(now + 5_000).toUTCString()), true, 1, true, 5_000],
    ['Retry-After beyond the cap gives up', status(429, '120'), true, 1, false, 0],
    ['connection reset is retried', net('ECONNRESET'), true, 1, true, 100],
    ['headers timeout is retried', net('UND_ERR_HEADERS_TIMEOUT'), true, 1, true, 100],
    ['unknown network error is final', net('ERR_TLS_CERT_ALTNAME_INVALID'), true, 1, false, 0],
    ['a submit is never retried on 503', status(503), false, 1, false, 0],
    ['a submit is never retried on reset', net('ECONNRESET'), false, 1, false, 0],
    ['the last attempt is final', status(503), true, 4, false, 0],
  ])('%s', (_name, outcome, idempotent, attempt, retry, delayMs) => {
    const decision = decideRetry(policy, attempt, outcome, idempotent, now, () => 1);
    expect(decision.retry).toBe(retry);
    expect(decision.delayMs).toBe(delayMs);
  });

  it('jitters within the upper half of the backoff', () => {
    const low = decideRetry(policy, 3, status(500), true, now, () => 0).delayMs;
    const high = decideRetry(policy, 3, status(500), true, now, () => 1).delayMs;
    expect([low, high]).toEqual([200, 400]);
  });

  it('caps the backoff at maxDelayMs', () => {
    const long = { ...policy, maxAttempts: 20 };
    expect(decideRetry(long, 10, status(500), true, now, () => 1).delayMs).toBe(1_000);
  });

  it('parses Retry-After forms', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('garbage', now)).toBeNull();
    expect(parseRetryAfter(new Date(now - 10_000).toUTCString(), now)).toBe(0);
  });
});
