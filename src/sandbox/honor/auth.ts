/**
 * Honor's access rules [src: stores/honor.md 4.3]: OAuth2 client_credentials at the IAM token
 * URL, `{access_token, expires_in: 3600, token_type: "Bearer"}`, OAuth-style 4xx errors; every
 * publish call, the file upload included, needs `Authorization: Bearer <token>`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { contentTypeOf } from '../multipart.js';
import type { EmulatorRequest, EmulatorResponse } from '../types.js';
import { CODE, HonorFailure, TOKEN_ERROR_STATUS } from './envelope.js';
import type { HonorClient, HonorState } from './state.js';

/** `expires_in` ≈ 3600 s [src: U8; U9; U10]. */
export const TOKEN_LIFETIME_S = 3600;

/** POST <authUrl>: form-encoded grant_type, client_id, client_secret. */
export function issueToken(state: HonorState, req: EmulatorRequest, now: number): EmulatorResponse {
  const oauthError = (status: number, error: string, description: string): EmulatorResponse => ({
    status,
    body: { error, error_description: description },
  });
  if (req.method !== 'POST') return oauthError(405, 'invalid_request', 'the token endpoint takes POST');
  if (!/^application\/x-www-form-urlencoded/i.test(contentTypeOf(req.headers))) {
    return oauthError(400, 'invalid_request', 'body must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(req.body.toString('utf8'));
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
  }
  const clientId = form.get('client_id') ?? '';
  const client = state.clients.get(clientId);
  if (!client || !safeEqual(client.secret, form.get('client_secret') ?? '')) {
    return oauthError(401, 'invalid_client', 'client authentication failed');
  }
  const token = randomBytes(24).toString('base64url');
  state.tokens.set(token, { clientId, expiresAt: now + TOKEN_LIFETIME_S * 1000 });
  return { status: 200, body: { access_token: token, expires_in: TOKEN_LIFETIME_S, token_type: 'Bearer' } };
}

/** Checks the Bearer header of a publish call; returns the client it belongs to. */
export function checkBearer(state: HonorState, req: EmulatorRequest, now: number): HonorClient {
  if (state.expireTokensOn !== null && req.path.includes(state.expireTokensOn)) {
    state.expireTokensOn = null;
    for (const record of state.tokens.values()) record.expiresAt = Math.min(record.expiresAt, now);
  }
  const header = req.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) throw new HonorFailure(CODE.noToken, 'IAM-TOKEN is empty', TOKEN_ERROR_STATUS);
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(value);
  const record = match ? state.tokens.get(match[1]!) : undefined;
  if (!record) throw new HonorFailure(CODE.badToken, 'IAM-TOKEN format error', TOKEN_ERROR_STATUS);
  if (now >= record.expiresAt) throw new HonorFailure(CODE.expiredToken, 'IAM-TOKEN expired', TOKEN_ERROR_STATUS);
  const client = state.clients.get(record.clientId)!;
  // The wrong credential type gets a token from IAM, then 10002 from the gateway [src: stores/honor.md 4.2].
  if (!client.publishApi) throw new HonorFailure(CODE.badToken, 'IAM-TOKEN format error', TOKEN_ERROR_STATUS);
  return client;
}

function safeEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
