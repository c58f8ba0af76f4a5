/**
 * vivo's request signing: no token, every call carries the common params and an HMAC-SHA256
 * `sign` over all params [src: U7; APKGO-VV signParams; XZ-VV VIVOApiSigner; MHS-VV].
 */
import { canonicalParams, hmacParams } from '../hmac-params.js';

export interface VivoCredentials {
  accessKey: string;
  accessSecret: string;
}

/**
 * `HMAC-SHA256` is what apkgo's production trace shows working [src: APKGO-VV-TR]; older clients
 * sent `hmac`, which the gateway may no longer take (UNCONFIRMED; 10015 = unsupported sign method).
 */
export const SIGN_METHOD = 'HMAC-SHA256';

/**
 * The signed string: every param except `sign` (shared scheme, hmac-params.ts). The multipart file
 * part is never a param, so it is never signed; `fileMd5` is [src: U7].
 */
export const canonicalString = (params: Record<string, string>): string => canonicalParams(params, 'sign');

/** Lowercase hex HMAC-SHA256 of the canonical string, keyed with the UTF-8 access_secret. */
export const signature = (params: Record<string, string>, accessSecret: string): string =>
  hmacParams(params, 'sign', accessSecret);

/**
 * The whole param set of one attempt: common params, business params and `sign`. Called for every
 * attempt so that each has a fresh timestamp (epoch MILLISECONDS; vivo allows 20 minutes of skew
 * and answers 10005 beyond that) and its own signature [src: U7 checklist].
 */
export function signedParams(
  method: string,
  business: Record<string, string>,
  credentials: VivoCredentials,
  nowMs: number,
): Record<string, string> {
  const params: Record<string, string> = {
    ...business,
    method,
    access_key: credentials.accessKey,
    timestamp: String(Math.trunc(nowMs)),
    format: 'json',
    v: '1.0',
    sign_method: SIGN_METHOD,
    target_app_key: 'developer',
  };
  params.sign = signature(params, credentials.accessSecret);
  return params;
}
