/**
 * The App Store Connect API token (stores/apple.md §3.3): an ES256 JWT with header
 * {alg ES256, kid, typ JWT} and payload {iss, iat, exp, aud "appstoreconnect-v1"}, signed with the
 * team key's P-256 private key. The signature must be the 64-byte raw r‖s (JOSE) form, not DER:
 * Node's crypto.sign with dsaEncoding 'ieee-p1363' gives exactly that, so no JWT package is needed.
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { InputError } from '../../core/errors.js';
import type { Clock } from '../types.js';

export const AUDIENCE = 'appstoreconnect-v1';
/**
 * Apple refuses tokens whose exp is more than 20 minutes ahead. 19 minutes leaves room for our
 * clock running ahead of Apple's.
 */
export const TOKEN_LIFETIME_S = 19 * 60;
/** A token is replaced this long before its exp, so no request leaves with one about to expire. */
export const RENEW_BEFORE_S = 60;

export interface ApiKey {
  keyId: string;
  issuerId: string;
  privateKey: KeyObject;
}

/** What is wrong with the .p8 file's text, or null when it is a PKCS#8 PEM of a P-256 key. */
export function privateKeyProblem(pem: string): string | null {
  if (!/-----BEGIN PRIVATE KEY-----/.test(pem)) return 'is not a PEM private key (no -----BEGIN PRIVATE KEY----- line)';
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    return 'cannot be read as a PKCS#8 private key (is the .p8 file complete?)';
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    return 'is not an EC P-256 key, which App Store Connect API keys are';
  }
  return null;
}

/** The .p8 file's PKCS#8 PEM as a P-256 key, or one line that names the field. */
export function readPrivateKey(pem: string): KeyObject {
  const problem = privateKeyProblem(pem);
  if (problem) {
    throw new InputError(`stores.apple.privateKey ${problem}`, {
      code: 'CONFIG_INVALID',
      store: 'apple',
      hint: 'point it at the AuthKey_<KeyID>.p8 file you downloaded: "privateKey": { "file": "./AuthKey_ABC123DEFG.p8" }',
    });
  }
  return createPrivateKey(pem);
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** One token for `nowMs`; `exp` is in seconds. */
export function mintToken(key: ApiKey, nowMs: number): { token: string; exp: number } {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + TOKEN_LIFETIME_S;
  const input = `${b64url({ alg: 'ES256', kid: key.keyId, typ: 'JWT' })}.${b64url({ iss: key.issuerId, iat, exp, aud: AUDIENCE })}`;
  const signature = sign('sha256', Buffer.from(input, 'ascii'), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return { token: `${input}.${signature.toString('base64url')}`, exp };
}

/**
 * Hands out the current token, minting a new one when it is within RENEW_BEFORE_S of its exp
 * (long runs: Apple's build processing can take longer than a token lives), or when Apple
 * answered 401 for it (`renew`).
 */
export class TokenSource {
  private current: { token: string; exp: number } | null = null;

  constructor(
    private readonly key: ApiKey,
    private readonly clock: Clock,
    private readonly addSecret: (value: string) => void,
  ) {}

  get(): string {
    const now = this.clock.now() / 1000;
    if (!this.current || this.current.exp - RENEW_BEFORE_S <= now) this.mint();
    return this.current!.token;
  }

  /** Drops `rejected` (if still current) so the next get() mints a fresh token. */
  renew(rejected: string): void {
    if (this.current?.token === rejected) this.current = null;
  }

  private mint(): void {
    this.current = mintToken(this.key, this.clock.now());
    this.addSecret(this.current.token);
  }
}
