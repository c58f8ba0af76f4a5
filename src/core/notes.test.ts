import { describe, expect, it } from 'vitest';
import { fakeAdapter } from '../testing/fake-adapter.js';
import { yybAdapter } from '../stores/yyb/index.js';
import { firstInvalidUtf8, normaliseNotes, notesLengthProblem, notesProblem, requireNotes } from './notes.js';

const fail = (message: string) => new Error(message);

describe('release notes', () => {
  it.each([
    [[0x61, 0x62], -1],
    [[...Buffer.from('修复 ✓ 😀')], -1],
    [[0x61, 0xc0, 0x80], 1], // overlong
    [[0xed, 0xa0, 0x80], 0], // a UTF-16 surrogate
    [[0x61, 0x62, 0xe4, 0xbf], 2], // cut short
    [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
    [[0x61, 0x80], 1], // a lone continuation byte
  ])('firstInvalidUtf8(%j) = %i', (bytes, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(expected);
  });

  it('normalises line ends, keeps tabs, trims, and refuses other control characters', () => {
    expect(normaliseNotes('  a\r\nb\rc\td\n\n', 'x', fail)).toBe('a\nb\nc\td');
    expect(() => normaliseNotes('ok\n修复\u0000', 'x', fail)).toThrow(/U\+0000 \(NUL\) at line 2, column 3/);
    expect(() => normaliseNotes('a\u007f', 'x', fail)).toThrow(/U\+007F \(DEL\) at line 1, column 2/);
  });

  it('counts characters as code points against each store’s limit', () => {
    const store = { ...fakeAdapter('vivo'), notesLength: { min: 5, max: 6 } };
    expect(notesLengthProblem('修复😀问题啊', store)).toBeNull();
    expect(notesLengthProblem('修复😀问题啊!', store)?.code).toBe('NOTES_TOO_LONG');
    expect(notesLengthProblem('修复', store)?.code).toBe('NOTES_TOO_SHORT');
    expect(notesLengthProblem('', fakeAdapter('oppo'))).toBeNull();
  });

  it("checks a store's character rule after its length: YYB refuses emoji locally", () => {
    expect(notesProblem('修复问题', yybAdapter)).toBeNull();
    expect(notesProblem('修复问题 🎉', yybAdapter)).toMatchObject({
      code: 'NOTES_INVALID',
      category: 'config',
      store: 'yyb',
      message: 'release notes contain emoji, which YYB refuses in its texts',
    });
    expect(notesProblem('x'.repeat(501), yybAdapter)?.code).toBe('NOTES_TOO_LONG');
    expect(notesProblem('修复问题 🎉', fakeAdapter('oppo'))).toBeNull();
  });

  it('empty notes are one error naming the stores that need them', () => {
    const needs = { ...fakeAdapter('vivo'), notesLength: { min: 5 } };
    expect(() => requireNotes('', [fakeAdapter('oppo'), needs])).toThrow(
      /^no release notes given; vivo requires them$/,
    );
    expect(() => requireNotes('', [fakeAdapter('oppo')])).not.toThrow();
  });
});
