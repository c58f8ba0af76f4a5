/**
 * Turns a store's HTTP answer into parsed JSON, or a typed error. The body is parsed whatever its
 * Content-Type says: vivo labels JSON `text/plain` [src: apkgo commit 38e5cac].
 */
import { StoreError } from '../core/errors.js';
import { TransportError, type HttpResponse } from './client.js';

export function parseStoreJson(response: HttpResponse, store: string, what: string): unknown {
  const { status } = response;
  if (status === 429) {
    throw new StoreError(`${what}: the store is rate limiting requests (HTTP 429)`, {
      code: 'RATE_LIMITED',
      category: 'transient',
      store,
      hint: 'wait a few minutes and run again',
    });
  }
  if (status >= 500 || status === 408) {
    throw new StoreError(`${what}: the store answered HTTP ${status}`, {
      code: 'STORE_UNAVAILABLE',
      category: 'transient',
      store,
      hint: 'the store is having trouble; run again later',
    });
  }
  if (status === 401 || status === 403) {
    throw new StoreError(`${what}: the store refused the credentials (HTTP ${status})`, {
      code: 'AUTH_FAILED',
      category: 'auth',
      store,
      hint: `check the ${store} credentials; \`appstores doctor --store ${store}\` tests them`,
    });
  }
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    const snippet = response.text.replace(/\s+/g, ' ').slice(0, 80);
    throw new StoreError(`${what}: the store answered HTTP ${status} with a body that is not JSON: ${snippet}`, {
      code: 'BAD_RESPONSE',
      category: 'internal',
      store,
      hint: 'run again with --verbose; if it persists, the store changed its API: report it',
    });
  }
}

/**
 * After a submit failed this way, may the store still have acted on it? Yes when no answer came
 * after the request was written, when the store answered 5xx/408, or when its answer could not be
 * understood. Then the adapter must ask the store what it has before deciding, and never resubmit.
 */
export function mayHaveBeenApplied(error: unknown): error is StoreError {
  if (error instanceof TransportError) return error.maybeApplied;
  return error instanceof StoreError && (error.code === 'STORE_UNAVAILABLE' || error.code === 'BAD_RESPONSE');
}
