/**
 * OPPO's access rules (stores/oppo.md 2.3, 2.4), implemented from the reference on the store's
 * side: tokens that live 48 h and die soon after a newer one is issued, a timestamp in seconds
 * within ±15 min, and `api_sign` = hex HMAC-SHA256 over every parameter sent.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { formFields } from '../multipart.js';
import type { EmulatorRequest } from '../types.js';
import { ERRNO, OppoFailure } from './errno.js';
import type { OppoState } from './state.js';

const TOKEN_LIFETIME_MS = 48 * 3600_000; // [src: yimenapp 10823]
const TIMESTAMP_WINDOW_S = 15 * 60; // [src: U5]

/** GET /developer/v1/token?client_id&client_secret → a token and its ABSOLUTE expiry in seconds. */
export function issueToken(state: OppoState, query: URLSearchParams, now: number, graceMs: number) {
  const clientId = query.get('client_id') ?? '';
  const client = state.clients.get(clientId);
  if (!client || !safeEqual(client.secret, query.get('client_secret') ?? '')) {
    throw new OppoFailure(ERRNO.badClient, 'client_id 或 client_secret 错误');
  }
  // A new token retires the previous ones "within 5 minutes" [src: yimenapp 10823; U5].
  for (const record of state.tokens.values()) {
    if (record.clientId === clientId && record.retiresAt === null) record.retiresAt = now + graceMs;
  }
  const token = randomBytes(20).toString('hex');
  const expiresAt = now + TOKEN_LIFETIME_MS;
  state.tokens.set(token, { clientId, devId: client.devId, issuedAt: now, expiresAt, retiresAt: null });
  // expire_in is an absolute unix time in seconds, not a duration [src: APKGO-OP-TR; U5].
  return { access_token: token, expire_in: Math.floor(expiresAt / 1000) };
}

/**
 * Every parameter of a request: the query plus the text fields of a urlencoded or multipart body
 * (file parts excluded). Clients may split the signed set between query and body [src: XZ-OP
 * getRequestUrl], so the signature is checked over the union.
 */
export function requestParams(req: EmulatorRequest): Record<string, string> {
  const params: Record<string, string> = Object.fromEntries(req.query);
  if (req.body.length === 0) return params;
  try {
    Object.assign(params, formFields(req));
  } catch {
    throw new OppoFailure(ERRNO.invalidField, '请求体格式错误');
  }
  return params;
}

/** The lowercase hex HMAC-SHA256 of the sorted `k=v&...` string of every param but api_sign. */
export function expectedApiSign(params: Record<string, string>, secret: string): string {
  const base = Object.keys(params)
    .filter((key) => key !== 'api_sign')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(base, 'utf8').digest('hex');
}

/** Checks access_token, timestamp and api_sign; returns the developer the token belongs to. */
export function checkSigned(state: OppoState, params: Record<string, string>, now: number): { devId: string } {
  const record = state.tokens.get(params.access_token ?? '');
  if (!record || now >= record.expiresAt || (record.retiresAt !== null && now >= record.retiresAt)) {
    throw new OppoFailure(ERRNO.badToken, 'access_token 无效');
  }
  const timestamp = params.timestamp ?? '';
  // Seconds, not milliseconds [src: U5; all anchors use seconds]: a 13-digit value is far off.
  if (!/^\d{1,11}$/.test(timestamp) || Math.abs(Number(timestamp) - now / 1000) > TIMESTAMP_WINDOW_S) {
    throw new OppoFailure(ERRNO.badTimestamp, 'timestamp 已过期或格式错误');
  }
  const client = state.clients.get(record.clientId);
  const sent = params.api_sign ?? '';
  if (!client || !safeEqual(expectedApiSign(params, client.secret), sent)) {
    throw new OppoFailure(ERRNO.badSign, 'api_sign 签名错误');
  }
  return { devId: record.devId };
}

function safeEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
