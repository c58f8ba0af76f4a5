import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { testContext } from '../../testing/context.js';
import { xiaomiAdapter } from './index.js';
import { describe, expect, it } from 'vitest';
import { normaliseCertificate, XIAOMI_BASE_URL, xiaomiConfigSchema } from './config.js';

const PEM = readFileSync(new URL('../../../fixtures/xiaomi/sandbox.cer', import.meta.url), 'utf8');
const BODY = PEM.split('\n')
  .filter((line) => line && !line.startsWith('-----'))
  .join('');
const valid = { account: 'dev@example.com', publicKey: PEM, privateKey: 'console-private-key' };

function problems(input: unknown): Array<{ path: string; message: string }> {
  const result = xiaomiConfigSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('xiaomi config', () => {
  it('accepts a full PEM; an absent baseUrl is defaulted by the context (ctx.baseUrl), the one way', () => {
    const config = xiaomiConfigSchema.parse(valid);
    expect(config.baseUrl).toBeUndefined();
    expect(testContext(xiaomiAdapter, config).baseUrl).toBe(XIAOMI_BASE_URL);
    expect(new X509Certificate(config.publicKey).subject).toContain('sandbox.xiaomi.test');
    expect(config.icon).toBeUndefined();
  });

  it('accepts a PEM with CRLF line ends and surrounding text', () => {
    const config = xiaomiConfigSchema.parse({ ...valid, publicKey: `\r\n${PEM.replace(/\n/g, '\r\n')}  \r\n` });
    expect(config.publicKey.startsWith('-----BEGIN CERTIFICATE-----\n')).toBe(true);
    expect(new X509Certificate(config.publicKey).raw).toEqual(new X509Certificate(PEM).raw);
  });

  it('wraps a pasted base64 body (one line or several) into a PEM', () => {
    for (const publicKey of [BODY, BODY.replace(/(.{50})/g, '$1\n  ')]) {
      const config = xiaomiConfigSchema.parse({ ...valid, publicKey });
      expect(config.publicKey).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n$/);
      expect(new X509Certificate(config.publicKey).raw).toEqual(new X509Certificate(PEM).raw);
    }
  });

  it('rejects a malformed certificate with the field path', () => {
    const corrupted = PEM.replace(/MIIB5TCCAU4CAQEw/, 'MIIB5TCCAU4CAQEx');
    for (const publicKey of [corrupted, 'not a certificate at all!', BODY.slice(0, 100)]) {
      const found = problems({ ...valid, publicKey });
      expect(found).toHaveLength(1);
      expect(found[0]!.path).toBe('publicKey');
      expect(found[0]!.message).toMatch(/^publicKey /);
    }
  });

  it('says what to do with a binary (DER) file and a PUBLIC KEY block', () => {
    expect(problems({ ...valid, publicKey: 'x\u0000\u0001binary' })[0]!.message).toContain('openssl x509 -inform der');
    const spki = new X509Certificate(PEM).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(problems({ ...valid, publicKey: spki })).toEqual([
      { path: 'publicKey', message: expect.stringContaining('not a PUBLIC KEY block') },
    ]);
  });

  it('rejects a certificate whose key is not RSA', () => {
    const ec = readFileSync(new URL('../../../fixtures/keys/other.pem', import.meta.url), 'utf8');
    expect(problems({ ...valid, publicKey: ec })).toEqual([
      { path: 'publicKey', message: expect.stringContaining("holds a ec key; Xiaomi's is RSA") },
    ]);
  });

  it('rejects an account that is not an email, with the field path', () => {
    expect(problems({ ...valid, account: '13800138000' })).toEqual([
      { path: 'account', message: expect.stringContaining('email') },
    ]);
  });

  it('requires privateKey, refuses unknown fields and plain http off loopback', () => {
    expect(problems({ ...valid, privateKey: '  ' }).map((p) => p.path)).toEqual(['privateKey']);
    expect(problems({ ...valid, password: 'x' }).length).toBe(1);
    expect(problems({ ...valid, baseUrl: 'http://xiaomi.example.com/devupload' }).map((p) => p.path)).toEqual([
      'baseUrl',
    ]);
    expect(xiaomiConfigSchema.parse({ ...valid, baseUrl: 'http://127.0.0.1:9/xiaomi/' }).baseUrl).toBe(
      'http://127.0.0.1:9/xiaomi',
    );
  });

  it('normaliseCertificate reports a missing END line', () => {
    const result = normaliseCertificate(PEM.replace('-----END CERTIFICATE-----', ''));
    expect(result).toEqual({ ok: false, problem: expect.stringContaining('END CERTIFICATE') });
  });
});
