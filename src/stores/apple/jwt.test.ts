import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mintToken, readPrivateKey, TokenSource, TOKEN_LIFETIME_S } from './jwt.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/apple/${name}`, import.meta.url));
const PEM = readFileSync(fixture('AuthKey_TESTKEY123.p8'), 'utf8');
const PUBLIC = createPublicKey(readFileSync(fixture('AuthKey_TESTKEY123.pub.pem'), 'utf8'));
const KEY = { keyId: 'TESTKEY123', issuerId: '5a4db0c5-7e11-4a5e-9d1c-0a9b5c3d7e11', privateKey: readPrivateKey(PEM) };
/** 2026-01-01T00:00:00Z, frozen. */
const NOW = Date.UTC(2026, 0, 1);

describe('App Store Connect JWT', () => {
  it('matches the fixed vector: exact header and payload, a 64-byte r||s signature that crypto.verify accepts', () => {
    const { token, exp } = mintToken(KEY, NOW + 999);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    // The signing input is fixed for a frozen clock and key (ECDSA signatures themselves are randomised).
    expect(`${header}.${payload}`).toBe(
      'eyJhbGciOiJFUzI1NiIsImtpZCI6IlRFU1RLRVkxMjMiLCJ0eXAiOiJKV1QifQ.' +
        'eyJpc3MiOiI1YTRkYjBjNS03ZTExLTRhNWUtOWQxYy0wYTliNWMzZDdlMTEiLCJpYXQiOjE3NjcyMjU2MDAsImV4cCI6MTc2NzIyNjc0MCwiYXVkIjoiYXBwc3RvcmVjb25uZWN0LXYxIn0',
    );
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
      alg: 'ES256',
      kid: 'TESTKEY123',
      typ: 'JWT',
    });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual({
      iss: KEY.issuerId,
      iat: 1767225600,
      exp: 1767225600 + TOKEN_LIFETIME_S,
      aud: 'appstoreconnect-v1',
    });
    expect(exp - 1767225600).toBeLessThanOrEqual(20 * 60);
    const raw = Buffer.from(signature, 'base64url');
    expect(raw).toHaveLength(64);
    expect(verify('sha256', Buffer.from(`${header}.${payload}`), { key: PUBLIC, dsaEncoding: 'ieee-p1363' }, raw)).toBe(
      true,
    );
    // A DER reading of the same bytes is not a valid signature: the form really is raw r||s.
    let asDer = false;
    try {
      asDer = verify('sha256', Buffer.from(`${header}.${payload}`), { key: PUBLIC, dsaEncoding: 'der' }, raw);
    } catch {
      // not DER at all
    }
    expect(asDer).toBe(false);
  });

  it('reuses a token until a minute before exp, then mints a new one; renew() drops a refused one', () => {
    let now = NOW;
    const seen: string[] = [];
    const source = new TokenSource(KEY, { now: () => now, sleep: async () => {} }, (s) => seen.push(s));
    const first = source.get();
    now += (TOKEN_LIFETIME_S - 61) * 1000;
    expect(source.get()).toBe(first);
    now += 2000;
    const second = source.get();
    expect(second).not.toBe(first);
    source.renew(second);
    expect(source.get()).not.toBe(second);
    // Every token is registered for redaction.
    expect(seen).toHaveLength(3);
  });

  it.each([
    ['not PEM', 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEH', /is not a PEM private key/],
    ['cut short', `${PEM.slice(0, 80)}\n-----END PRIVATE KEY-----\n`, /cannot be read as a PKCS#8 private key/],
  ])('refuses a private key that is %s in one line naming the field', (_what, pem, message) => {
    expect(() => readPrivateKey(pem)).toThrow(message);
    try {
      readPrivateKey(pem);
    } catch (error) {
      expect(error).toMatchObject({
        code: 'CONFIG_INVALID',
        message: expect.stringMatching(/^stores\.apple\.privateKey /),
      });
    }
  });

  it('refuses an RSA key as not P-256', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => readPrivateKey(pem)).toThrow(/is not an EC P-256 key/);
  });
});
