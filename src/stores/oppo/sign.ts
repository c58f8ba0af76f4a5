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
import { canonicalParams, hmacParams } from '../hmac-params.js';

export type Params = Record<string, string>;

export const canonicalString = (params: Params): string => canonicalParams(params, 'api_sign');

export const apiSign = (params: Params, clientSecret: string): string => hmacParams(params, 'api_sign', clientSecret);

/**
 * The business parameters plus `access_token`, `timestamp` (Unix SECONDS [src: U5]) and
 * `api_sign`. Call it for every attempt so that each one carries a fresh timestamp and signature.
 */
export function signParams(business: Params, accessToken: string, clientSecret: string, nowMs: number): Params {
  const params: Params = { ...business, access_token: accessToken, timestamp: String(Math.floor(nowMs / 1000)) };
  return { ...params, api_sign: apiSign(params, clientSecret) };
}
