/**
 * The emulator's check of the bearer JWT on every App Store Connect call, written from
 * stores/apple.md §3.3: header {alg ES256, kid, typ JWT}; payload {iss, iat, exp, aud
 * "appstoreconnect-v1"}; exp at most 20 minutes ahead; the signature the 64-byte raw r‖s form
 * (a DER signature is refused); expired → 401 NOT_AUTHORIZED.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export const AUDIENCE = 'appstoreconnect-v1';
/** Apple refuses tokens whose exp is more than 20 minutes ahead (apple-jwt; avdlee). */
export const MAX_LIFETIME_S = 20 * 60;
/** Leeway for the client's clock running a little ahead. UNCONFIRMED: Apple's real tolerance is not documented. */
export const CLOCK_LEEWAY_S = 60;

export interface ApiKey {
  keyId: string;
  issuerId: string;
  publicKey: KeyObject;
}

export type TokenCheck = { ok: true; keyId: string; token: string } | { ok: false; reason: string };

export function apiKey(keyId: string, issuerId: string, publicKeyPem: string): ApiKey {
  return { keyId, issuerId, publicKey: createPublicKey(publicKeyPem) };
}

export function checkBearer(authorization: string | undefined, keys: ApiKey[], nowMs: number): TokenCheck {
  const no = (reason: string): TokenCheck => ({ ok: false, reason });
  const match = /^Bearer ([^\s]+)$/.exec(authorization ?? '');
  if (!match) return no('no bearer token');
  const token = match[1]!;
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return no('not a compact JWT in base64url');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];

  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  if (!header || !payload) return no('header or payload is not JSON');
  if (header.alg !== 'ES256') return no(`alg ${String(header.alg)} is not ES256`);
  if (header.typ !== undefined && header.typ !== 'JWT') return no(`typ ${String(header.typ)} is not JWT`);
  const key = keys.find((k) => k.keyId === header.kid);
  if (!key) return no(`unknown kid ${String(header.kid)}`);

  const signature = Buffer.from(signaturePart, 'base64url');
  // JOSE ES256 is exactly r‖s, 32 bytes each; a DER SEQUENCE (0x30 …, 70-72 bytes) is refused.
  if (signature.length !== 64) return no(`signature is ${signature.length} bytes, not the 64-byte raw r||s form`);
  const signed = verify(
    'sha256',
    Buffer.from(`${headerPart}.${payloadPart}`, 'ascii'),
    { key: key.publicKey, dsaEncoding: 'ieee-p1363' },
    signature,
  );
  if (!signed) return no('signature does not verify with the key');

  if (payload.iss !== key.issuerId) return no('iss is not the issuer of this key');
  if (payload.aud !== AUDIENCE) return no(`aud is not ${AUDIENCE}`);
  const { iat, exp } = payload;
  if (typeof exp !== 'number' || !Number.isInteger(exp)) return no('exp is missing or not whole seconds');
  if (typeof iat !== 'number' || !Number.isInteger(iat)) return no('iat is missing or not whole seconds');
  const now = Math.floor(nowMs / 1000);
  if (exp <= now) return no('token expired');
  if (exp - now > MAX_LIFETIME_S + CLOCK_LEEWAY_S) return no('exp is more than 20 minutes ahead');
  if (iat > now + CLOCK_LEEWAY_S) return no('iat is in the future');
  if (exp - iat > MAX_LIFETIME_S) return no('lifetime exp - iat is over 20 minutes');
  return { ok: true, keyId: key.keyId, token };
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
