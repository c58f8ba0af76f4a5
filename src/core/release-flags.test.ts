import { describe, expect, it } from 'vitest';
import { parseWait } from './release-flags.js';

describe('parseWait', () => {
  it.each([
    ['30m', 1_800_000],
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['45', 45_000],
  ])('%s is %d ms', (text, ms) => expect(parseWait(text)).toBe(ms));

  it.each(['soon', '10x', '', '0m'])('refuses %j as a usage error', (text) => {
    expect(() => parseWait(text)).toThrow(/--wait/);
  });

  it('is undefined when not given', () => expect(parseWait(undefined)).toBeUndefined());
});
