import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalString, signature, signedParams } from './sign.js';

const credentials = { accessKey: 'ak-test-123', accessSecret: 'secret-xyz' };
/** A frozen clock: 2026-01-01T00:00:00.123Z, in milliseconds. */
const NOW = 1_767_225_600_123;

describe('vivo signing', () => {
  it('adds the common params with a millisecond timestamp', () => {
    const params = signedParams('app.query.details', { packageName: 'com.foo.bar' }, credentials, NOW);
    expect(params).toMatchObject({
      method: 'app.query.details',
      access_key: 'ak-test-123',
      timestamp: '1767225600123',
      format: 'json',
      v: '1.0',
      sign_method: 'HMAC-SHA256',
      target_app_key: 'developer',
      packageName: 'com.foo.bar',
    });
  });

  it('signs a read with the fixed vector', () => {
    const params = signedParams('app.query.details', { packageName: 'com.foo.bar' }, credentials, NOW);
    const handWritten =
      'access_key=ak-test-123&format=json&method=app.query.details&packageName=com.foo.bar' +
      '&sign_method=HMAC-SHA256&target_app_key=developer&timestamp=1767225600123&v=1.0';
    expect(canonicalString(params)).toBe(handWritten);
    const expected = createHmac('sha256', 'secret-xyz').update(handWritten, 'utf8').digest('hex');
    expect(params.sign).toBe(expected);
    // Computed once with `openssl dgst -sha256 -hmac secret-xyz` over the same string.
    expect(params.sign).toBe('4048a05527ef552cc5fd9777d5370d7fbb5eb1c1169823e223c78290c7ef9e2b');
  });

  it('signs raw (not URL-encoded) values, fileMd5 included', () => {
    const params = signedParams(
      'app.sync.update.app',
      { packageName: 'com.foo.bar', fileMd5: '0123456789abcdef0123456789abcdef', updateDesc: '修复 & 优化=1' },
      credentials,
      NOW,
    );
    const handWritten =
      'access_key=ak-test-123&fileMd5=0123456789abcdef0123456789abcdef&format=json&method=app.sync.update.app' +
      '&packageName=com.foo.bar&sign_method=HMAC-SHA256&target_app_key=developer&timestamp=1767225600123' +
      '&updateDesc=修复 & 优化=1&v=1.0';
    expect(canonicalString(params)).toBe(handWritten);
    expect(params.sign).toBe('a951ea5a95a33009e5cedd87d77a299078cdb41035afc892ad5988ecedc4ae22');
  });

  it('sorts keys by ASCII (upper case before lower case) and leaves out sign', () => {
    expect(canonicalString({ b: '2', a: '1', Z: '0', sign: 'old' })).toBe('Z=0&a=1&b=2');
    expect(signature({ a: '1', sign: 'anything' }, 'k')).toBe(signature({ a: '1' }, 'k'));
  });

  it('gives each attempt its own timestamp and signature', () => {
    const first = signedParams('app.query.details', { packageName: 'com.foo.bar' }, credentials, NOW);
    const second = signedParams('app.query.details', { packageName: 'com.foo.bar' }, credentials, NOW + 1);
    expect(second.timestamp).toBe('1767225600124');
    expect(second.sign).not.toBe(first.sign);
  });

  it('does not let a business param replace a common one', () => {
    const params = signedParams(
      'app.query.details',
      { method: 'app.sync.update.app', packageName: 'p' },
      credentials,
      NOW,
    );
    expect(params.method).toBe('app.query.details');
  });
});
