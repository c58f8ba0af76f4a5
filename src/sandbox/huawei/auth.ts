/**
 * Credentials (stores/huawei.md 2.3): the API client's token endpoint, and the check every API call
 * goes through — `Authorization: Bearer` with either a token from that endpoint (then `client_id`
 * must name its client) or a Service Account's self-signed PS256 JWT, verified against the public key.
 */
import { constants, createPublicKey, randomBytes, verify } from 'node:crypto';
import type { EmulatorRequest } from '../types.js';
import { CODE, HuaweiFailure } from './envelope.js';
import { SA_AUDIENCE, SANDBOX_SA_KEY_ID, SANDBOX_SA_PUBLIC_KEY_PEM, SANDBOX_SA_SUB_ACCOUNT } from './keys.js';
import type { HuaweiState } from './state.js';

/** The doc's token lifetime (172800 s); a new token does not invalidate the old one [src: hw-doc-token]. */
export const TOKEN_LIFETIME_S = 172_800;
/** A Service Account JWT may live at most an hour; clocks may differ by a minute. */
const JWT_MAX_LIFETIME_S = 3600;
const CLOCK_SKEW_S = 60;
const SA_PUBLIC_KEY = createPublicKey(SANDBOX_SA_PUBLIC_KEY_PEM);

/** The token endpoint: failures are HTTP 200 with `ret` as a JSON *string* [src: hw-doc-token; iraz]. */
export function issueToken(state: HuaweiState, req: EmulatorRequest, now: number): Record<string, unknown> {
  const refused = (msg: string) => ({ ret: JSON.stringify({ code: CODE.tokenRefused, msg }) });
  if (req.method !== 'POST') return refused('the token endpoint takes POST');
  if (!/^application\/json/i.test(header(req, 'content-type') ?? ''))
    return refused('Content-Type must be application/json');
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return refused('the request body is not JSON');
  }
  if (body.grant_type !== 'client_credentials') return refused('grant_type must be client_credentials');
  const client = typeof body.client_id === 'string' ? state.clients.get(body.client_id) : undefined;
  if (!client || client.secret !== body.client_secret) return refused('client_id or client_secret is invalid');
  const token = randomBytes(24).toString('base64url');
  state.tokens.set(token, { clientId: body.client_id as string, expiresAt: now + TOKEN_LIFETIME_S * 1000 });
  return { access_token: token, expires_in: TOKEN_LIFETIME_S };
}

export interface Caller {
  /** The API client id, or the Service Account's sub_account. */
  id: string;
  /** Project = N/A (team-level): may act on the team's apps. A project-level client gets 403. */
  teamLevel: boolean;
}

const unauthorized = (msg: string) => new HuaweiFailure(CODE.tokenInvalid, msg, 401);

export function authenticate(state: HuaweiState, req: EmulatorRequest, now: number): Caller {
  const match = /^Bearer (\S+)$/.exec(header(req, 'authorization') ?? '');
  if (!match) throw unauthorized('client token authorization fail: no Bearer token');
  const bearer = match[1]!;
  if (bearer.split('.').length === 3) return checkServiceAccountJwt(bearer, now);
  const token = state.tokens.get(bearer);
  if (!token) throw unauthorized('client token authorization fail: unknown token');
  if (token.expiresAt <= now) throw unauthorized('client token authorization fail: the token has expired');
  const clientId = header(req, 'client_id');
  if (!clientId) throw unauthorized('client token authorization fail: the client_id header is missing');
  if (clientId !== token.clientId)
    throw unauthorized('client token authorization fail: client_id does not match the token');
  return { id: clientId, teamLevel: state.clients.get(clientId)?.teamLevel ?? false };
}

/** Header `{"alg":"PS256","typ":"JWT","kid"}`, payload `{iss, aud, iat, exp}`, RSA-PSS SHA-256 salt 32 [src: hw-jwt, apkgo]. */
function checkServiceAccountJwt(jwt: string, now: number): Caller {
  const [head, payload, signature] = jwt.split('.') as [string, string, string];
  const decode = (part: string): Record<string, unknown> => {
    try {
      return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      throw unauthorized('client token authorization fail: the JWT is not base64url JSON');
    }
  };
  const header = decode(head);
  const claims = decode(payload);
  if (header.alg !== 'PS256' || header.typ !== 'JWT')
    throw unauthorized('client token authorization fail: the JWT must be alg PS256, typ JWT');
  if (header.kid !== SANDBOX_SA_KEY_ID) throw unauthorized('client token authorization fail: unknown key id');
  const valid = verify(
    'sha256',
    Buffer.from(`${head}.${payload}`),
    { key: SA_PUBLIC_KEY, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) throw unauthorized('client token authorization fail: the JWT signature does not verify');
  if (claims.iss !== SANDBOX_SA_SUB_ACCOUNT)
    throw unauthorized('client token authorization fail: iss is not the sub_account');
  if (claims.aud !== SA_AUDIENCE) throw unauthorized('client token authorization fail: aud is not the token_uri');
  const nowS = Math.floor(now / 1000);
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || typeof exp !== 'number')
    throw unauthorized('client token authorization fail: iat and exp are required');
  if (iat > nowS + CLOCK_SKEW_S) throw unauthorized('client token authorization fail: iat is in the future');
  if (exp <= nowS) throw unauthorized('client token authorization fail: the JWT has expired');
  if (exp - iat > JWT_MAX_LIFETIME_S)
    throw unauthorized('client token authorization fail: the JWT lives longer than an hour');
  return { id: SANDBOX_SA_SUB_ACCOUNT, teamLevel: true };
}

/** A project-level client sees no app: 403 with an empty body [src: apkgo-hw fetchAppID]. */
export function requireTeamLevel(caller: Caller): void {
  if (!caller.teamLevel) throw new HuaweiFailure(0, '', 403, true);
}

export function header(req: EmulatorRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
