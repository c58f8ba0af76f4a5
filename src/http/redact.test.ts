import { describe, expect, it } from 'vitest';
import { Redactor } from './redact.js';

describe('Redactor', () => {
  it('masks registered secrets in every form they are printed in', () => {
    const r = new Redactor();
    r.add('s3cr3t/with+chars');
    expect(r.redact('a s3cr3t/with+chars b')).toBe('a *** b');
    expect(r.redact(`url?x=${encodeURIComponent('s3cr3t/with+chars')}`)).toBe('url?x=***');
  });

  it('masks credential parameters it was never told about', () => {
    const r = new Redactor();
    const line = 'GET https://h/x?pkg_name=a&access_token=abc123&api_sign=deadbeef&timestamp=1';
    expect(r.redact(line)).toBe('GET https://h/x?pkg_name=a&access_token=***&api_sign=***&timestamp=1');
    expect(r.redact('Authorization: Bearer eyJhbGciOi.x.y')).toBe('Authorization: Bearer ***');
  });

  it('masks each line of a multi-line key', () => {
    const r = new Redactor();
    r.add('-----BEGIN KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASC\n-----END KEY-----');
    expect(r.redact('bad line MIIBVQIBADANBgkqhkiG9w0BAQEFAASC here')).toBe('bad line *** here');
  });

  it('ignores values too short to be credentials', () => {
    const r = new Redactor();
    r.add('abc');
    expect(r.redact('abc abcdef')).toBe('abc abcdef');
  });
});
