/**
 * OPPO's `api_sign` [src: stores/oppo.md §2.4; yimenapp 10823]: every parameter sent (query and
 * form, business plus access_token and timestamp; never api_sign itself nor a file part), sorted
 * by key in ASCII order, joined as `k=v&...` with raw (not URL-encoded) values, then lowercase hex
 * HMAC-SHA256 keyed with the client secret.
 *
 * Empty values: apkgo signs and sends `k=` and DC-OP drops them; both work [src: stores/oppo.md
 * §2.4]. We sign exactly the set we send, empty strings included: the signer never drops anything,
 * and callers decide what to send (listing.ts leaves empty listing fields out of the request).
 */
import { createHmac } from 'node:crypto';

export type Params = Record<string, string>;

/** The string that is signed. Keys are ASCII, so the default sort (UTF-16 units) is ASCII order. */
export function canonicalString(params: Params): string {
  return Object.keys(params)
    .filter((key) => key !== 'api_sign')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

export function apiSign(params: Params, clientSecret: string): string {
  return createHmac('sha256', Buffer.from(clientSecret, 'utf8')).update(canonicalString(params), 'utf8').digest('hex');
}

/**
 * The business parameters plus `access_token`, `timestamp` (Unix SECONDS [src: U5]) and
 * `api_sign`. Call it for every attempt so that each one carries a fresh timestamp and signature.
 */
export function signParams(business: Params, accessToken: string, clientSecret: string, nowMs: number): Params {
  const params: Params = { ...business, access_token: accessToken, timestamp: String(Math.floor(nowMs / 1000)) };
  return { ...params, api_sign: apiSign(params, clientSecret) };
}
