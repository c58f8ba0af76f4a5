import { describe, expect, it } from 'vitest';
import { isAllowedUrl } from './fields.js';

describe('isAllowedUrl', () => {
  it.each([
    ['https://store.example.com/openapi', true],
    ['http://127.0.0.1:4000/oppo', true],
    ['http://127.1.2.3/x', true],
    ['http://localhost:8080', true],
    ['http://[::1]:9/', true],
    ['http://oppo.example.com', false],
    ['http://127.evil.com', false],
    ['http://127.0.0.1.nip.io', false],
    ['ftp://127.0.0.1', false],
  ])('%s -> %s', (url, allowed) => {
    expect(isAllowedUrl(new URL(url))).toBe(allowed);
  });
});
