/**
 * YYB's request signing, checked on the store's side [src: stores/yyb.md 1.3]: a form-urlencoded
 * POST whose params + `user_id` + `timestamp` (seconds, ±30 min) are signed as the raw sorted
 * `k=v&...` of every non-empty param but `sign`, lowercase hex HMAC-SHA256 keyed with the secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { contentTypeOf } from '../multipart.js';
import type { EmulatorRequest } from '../types.js';
import { RET, YybFailure } from './envelope.js';
import type { YybState } from './state.js';

const TIMESTAMP_WINDOW_S = 30 * 60; // ±30 min [src: qq-ref]

/** The string YYB signs: non-empty params but `sign`, ASCII key order, raw values. */
export function signingText(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key !== 'sign' && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

export function expectedSign(params: Record<string, string>, secret: string): string {
  return createHmac('sha256', secret).update(signingText(params), 'utf8').digest('hex');
}

/** A request the gateway itself refuses, answered as non-JSON text [src: apkgo-qq `post`]. */
export class GatewayRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The form params of a business call; the gateway refuses anything but a form POST. */
export function formParams(req: EmulatorRequest): Record<string, string> {
  if (req.method !== 'POST') throw new GatewayRefusal(405, 'Method Not Allowed');
  if (!/^application\/x-www-form-urlencoded/i.test(contentTypeOf(req.headers))) {
    throw new GatewayRefusal(415, 'Unsupported Media Type: send application/x-www-form-urlencoded');
  }
  return Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
}

/** Checks user_id, timestamp and sign; returns the user the request is signed by. */
export function checkSigned(state: YybState, params: Record<string, string>, now: number): string {
  const userId = params.user_id ?? '';
  const secret = state.users.get(userId);
  if (!secret) throw new YybFailure(RET.noSecret, `user_id ${userId || '(empty)'} 未申请 access_secret`);
  const timestamp = params.timestamp ?? '';
  // Seconds: a millisecond value is far outside the window.
  if (!/^\d{1,11}$/.test(timestamp) || Math.abs(Number(timestamp) - now / 1000) > TIMESTAMP_WINDOW_S) {
    throw new YybFailure(RET.staleTimestamp, 'timestamp 超出有效期(±30分钟)，请校准时钟');
  }
  const sent = Buffer.from(params.sign ?? '', 'utf8');
  const wanted = Buffer.from(expectedSign(params, secret), 'utf8');
  if (sent.length !== wanted.length || !timingSafeEqual(sent, wanted))
    throw new YybFailure(RET.badSign, '签名校验失败');
  return userId;
}
