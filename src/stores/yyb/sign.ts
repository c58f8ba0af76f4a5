/**
 * YYB request signing [src: stores/yyb.md 1.3]: business params + `user_id` + `timestamp` (Unix
 * seconds), empty values dropped, keys in ASCII order, raw `k=v&...`, `sign` = lowercase hex
 * HMAC-SHA256 keyed with access_secret: the sorted-params scheme OPPO and vivo use, over the
 * non-empty params. Numbers are strings before they get here, so signed and sent text match.
 */
import { hmacParams } from '../hmac-params.js';

export type Params = Record<string, string>;

/** The params to send, `sign` included, for a request made at `nowMs`. */
export function signParams(business: Params, userId: string, accessSecret: string, nowMs: number): Params {
  const params: Params = {};
  for (const [key, value] of Object.entries({
    ...business,
    user_id: userId,
    timestamp: String(Math.floor(nowMs / 1000)),
  })) {
    if (value !== '') params[key] = value;
  }
  params.sign = hmacParams(params, 'sign', accessSecret);
  return params;
}
