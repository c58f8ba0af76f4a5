import { describe, expect, it } from 'vitest';
import { checkOperations } from './upload.js';

const op = (offset: number, length: number, url = 'https://upload.example.com/part', method = 'PUT') => ({
  method,
  url,
  offset,
  length,
  partNumber: 1,
});

describe('checkOperations', () => {
  it('takes operations that cover the file exactly, in any order', () => {
    const ops = [op(60, 40), op(0, 60)];
    expect(checkOperations(ops, 100)).toBe(ops);
  });

  it.each([
    ['a gap', [op(0, 50), op(60, 40)], /does not fit/],
    ['an overlap', [op(0, 60), op(50, 50)], /does not fit/],
    ['a range past the end', [op(0, 120)], /does not fit a 100-byte file/],
    ['too little', [op(0, 90)], /cover 90 of 100 bytes/],
    ['plain http to another host', [op(0, 100, 'http://upload.example.com/part')], /not at an https URL/],
    ['an odd method', [op(0, 100, undefined, 'DELETE')], /wants the method DELETE/],
    ['none at all', [], /there are none/],
  ])('refuses %s as UPLOAD_URL_REFUSED', (_what, ops, message) => {
    expect(() => checkOperations(ops, 100)).toThrow(message);
    try {
      checkOperations(ops, 100);
    } catch (error) {
      expect(error).toMatchObject({ code: 'UPLOAD_URL_REFUSED', store: 'apple' });
    }
  });
});
