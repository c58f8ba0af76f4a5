import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiSign, canonicalString, signParams } from './sign.js';

const SECRET = 'sandbox-oppo-client-secret';
/** A frozen clock: 2023-11-14T22:13:20.987Z. */
const NOW_MS = 1_700_000_000_987;

/** Computed here on its own, from a canonical string written by hand. */
function hmacHex(text: string): string {
  return createHmac('sha256', SECRET).update(text, 'utf8').digest('hex');
}

describe('OPPO api_sign', () => {
  it('signs business params + access_token + timestamp (seconds), sorted by key, raw values', () => {
    const signed = signParams(
      { version_code: '6100000', pkg_name: 'com.foo.bar', update_desc: '修复 a&b=c 问题' },
      'tok-123',
      SECRET,
      NOW_MS,
    );
    const canonical =
      'access_token=tok-123&pkg_name=com.foo.bar&timestamp=1700000000&update_desc=修复 a&b=c 问题&version_code=6100000';
    expect(signed.timestamp).toBe('1700000000');
    expect(signed.access_token).toBe('tok-123');
    expect(signed.api_sign).toBe(hmacHex(canonical));
    expect(signed.api_sign).toMatch(/^[0-9a-f]{64}$/);
  });

  it('matches a fixed vector', () => {
    const signed = signParams({ pkg_name: 'com.foo.bar' }, 'tok-123', SECRET, NOW_MS);
    expect(signed.api_sign).toBe('5f4d3687cdeed672b890d1ac34a18becbc3cd56d24c1c877dfc777429a3d0318');
  });

  it('sorts in ASCII order (uppercase before lowercase, _ between) and ignores api_sign', () => {
    const params = { b: '2', B: '1', a_b: '3', ab: '4', api_sign: 'old' };
    expect(canonicalString(params)).toBe('B=1&a_b=3&ab=4&b=2');
    expect(apiSign(params, SECRET)).toBe(hmacHex('B=1&a_b=3&ab=4&b=2'));
  });

  it('signs empty values as k= (exactly the set that is sent)', () => {
    expect(canonicalString({ icp_url: '', pkg_name: 'x' })).toBe('icp_url=&pkg_name=x');
  });

  it('gives a fresh timestamp and signature for a later attempt', () => {
    const first = signParams({ pkg_name: 'com.foo.bar' }, 't', SECRET, NOW_MS);
    const second = signParams({ pkg_name: 'com.foo.bar' }, 't', SECRET, NOW_MS + 2_000);
    expect(second.timestamp).toBe('1700000002');
    expect(second.api_sign).not.toBe(first.api_sign);
  });
});
