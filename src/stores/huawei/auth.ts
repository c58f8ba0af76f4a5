/**
 * Huawei's two credential modes (stores/huawei.md 2.3), behind one `use(call)`:
 * - API client: `POST /oauth2/v1/token` (JSON) on the same domain, cached across runs through the
 *   kit's CachedToken; every call carries `client_id` and `Authorization: Bearer <token>`.
 * - Service Account: a self-signed PS256 JWT (RSASSA-PSS, SHA-256, salt 32) is the bearer itself;
 *   no token exchange and no client_id header [src: apkgo serviceaccount.go; andpub HuaweiAuth.kt].
 */
import { constants, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { StoreError } from '../../core/errors.js';
import type { HttpClient } from '../../http/client.js';
import { CachedToken, looseInt, parseAnswer, readJson } from '../kit/index.js';
import type { StoreContext } from '../types.js';
import { DEFAULT_SA_AUDIENCE, type HuaweiConfig, type ServiceAccountKey } from './config.js';
import { SCOPE_HINT } from './errors.js';

export type AuthHeaders = Record<string, string>;

export interface Credentials {
  readonly mode: 'API client' | 'Service Account';
  /** Runs `call` with the auth headers; renews an API client token once if the store refuses it. */
  use<T>(call: (headers: AuthHeaders) => Promise<T>): Promise<T>;
}

/** A JWT lives an hour at most [src: apkgo, andpub]; a new one is made 5 minutes before that. */
const JWT_LIFETIME_S = 3600;
const JWT_RENEW_MARGIN_S = 300;

export function credentialsFor(ctx: StoreContext<HuaweiConfig>, http: HttpClient, baseUrl: string): Credentials {
  const { config } = ctx;
  if (config.serviceAccount) {
    ctx.addSecret(config.serviceAccount.private_key);
    return serviceAccountCredentials(config.serviceAccount, ctx);
  }
  return apiClientCredentials(config.clientId!, config.clientSecret!, ctx, http, baseUrl);
}

// Failure is HTTP 200 with `ret` as an object or a JSON *string* [src: hw-doc-token; iraz; andpub].
const retSchema = z
  .object({ code: looseInt.optional(), msg: z.string().optional(), message: z.string().optional() })
  .loose();
const tokenSchema = z
  .object({
    access_token: z.string().min(1).optional(),
    expires_in: looseInt.optional(),
    ret: z.union([z.string(), retSchema]).optional(),
  })
  .loose();

function apiClientCredentials(
  clientId: string,
  clientSecret: string,
  ctx: StoreContext<HuaweiConfig>,
  http: HttpClient,
  baseUrl: string,
): Credentials {
  ctx.addSecret(clientSecret);
  const endpoint = `${baseUrl}/oauth2/v1/token`;
  const source = { store: 'huawei' as const, what: 'token', secret: true };
  const fetchToken = async () => {
    const response = await http.send(
      () => ({
        method: 'POST',
        url: endpoint,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      }),
      { idempotent: true, signal: ctx.signal },
    );
    const answer = parseAnswer(tokenSchema, readJson(response, source), source);
    if (!answer.access_token) throw tokenRefused(answer.ret);
    // Always the returned lifetime: 48 h in the doc, 1 h assumed by some clients (UNCONFIRMED).
    const seconds = answer.expires_in ?? 3600;
    return { token: answer.access_token, expiresAt: ctx.clock.now() + seconds * 1000 };
  };
  const tokens = new CachedToken({
    key: { store: 'huawei', endpoint, clientId },
    cache: ctx.cache,
    clock: ctx.clock,
    signal: ctx.signal,
    addSecret: ctx.addSecret,
    fetch: fetchToken,
  });
  return {
    mode: 'API client',
    use: (call) => tokens.use((token) => call({ client_id: clientId, authorization: `Bearer ${token}` })),
  };
}

function tokenRefused(ret: string | z.output<typeof retSchema> | undefined): StoreError {
  let detail: z.output<typeof retSchema> | undefined;
  if (typeof ret === 'string') {
    try {
      detail = retSchema.parse(JSON.parse(ret));
    } catch {
      detail = { msg: ret };
    }
  } else {
    detail = ret;
  }
  const text = detail?.msg ?? detail?.message ?? 'no access_token in the answer';
  return new StoreError(
    `Huawei refused the API client credentials (${detail?.code !== undefined ? `${detail.code}: ` : ''}${text})`,
    {
      code: 'AUTH_FAILED',
      store: 'huawei',
      storeCode: detail?.code,
      hint: `check stores.huawei.clientId and clientSecret; ${SCOPE_HINT}`,
    },
  );
}

function serviceAccountCredentials(key: ServiceAccountKey, ctx: StoreContext<HuaweiConfig>): Credentials {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key.private_key);
  } catch {
    throw new StoreError('stores.huawei.serviceAccount: private_key is not a readable PEM private key', {
      code: 'AUTH_FAILED',
      category: 'config',
      store: 'huawei',
      hint: 'download the Service Account key file again from AppGallery Connect',
    });
  }
  let current: { jwt: string; exp: number } | null = null;
  const bearer = () => {
    const now = Math.floor(ctx.clock.now() / 1000);
    if (!current || current.exp - JWT_RENEW_MARGIN_S <= now) {
      current = { jwt: serviceAccountJwt(key, privateKey, now), exp: now + JWT_LIFETIME_S };
      ctx.addSecret(current.jwt);
    }
    return current.jwt;
  };
  return {
    mode: 'Service Account',
    async use(call) {
      try {
        return await call({ authorization: `Bearer ${bearer()}` });
      } catch (error) {
        if (!(error instanceof StoreError) || error.code !== 'TOKEN_INVALID') throw error;
        // A self-signed JWT cannot be renewed into acceptance: the key or its rights are wrong.
        throw new StoreError(`Huawei refused the Service Account's JWT (${error.message})`, {
          code: 'AUTH_FAILED',
          store: 'huawei',
          storeCode: error.storeCode,
          hint: `check the key file (key_id, sub_account) and this machine's clock; some accounts report that publishing accepts only API clients (UNCONFIRMED): try clientId + clientSecret`,
          cause: error,
        });
      }
    },
  };
}

/** `{"alg":"PS256","typ":"JWT","kid"}.{iss, aud, iat, exp}`, RSA-PSS SHA-256 with salt length 32 [src: hw-jwt]. */
export function serviceAccountJwt(key: ServiceAccountKey, privateKey: KeyObject, nowSeconds: number): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const head = encode({ alg: 'PS256', typ: 'JWT', kid: key.key_id });
  const payload = encode({
    iss: key.sub_account,
    aud: key.token_uri || DEFAULT_SA_AUDIENCE,
    iat: nowSeconds,
    exp: nowSeconds + JWT_LIFETIME_S,
  });
  const signature = sign('sha256', Buffer.from(`${head}.${payload}`), {
    key: privateKey,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 32,
  });
  return `${head}.${payload}.${signature.toString('base64url')}`;
}
