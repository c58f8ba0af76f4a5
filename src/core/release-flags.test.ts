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

describe('parseWait for another flag', () => {
  it('names that flag in the message and the hint', () => {
    expect(() => parseWait('soon', '--interval')).toThrow('--interval soon is not a duration');
    try {
      parseWait('0m', '--timeout');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe('--timeout 0m must be longer than zero');
      expect((error as { hint?: string }).hint).toBe('write it like --timeout 30m');
    }
  });
});
