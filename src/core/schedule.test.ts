import { describe, expect, it } from 'vitest';
import { exampleSchedule, formatInZone, parseSchedule } from './schedule.js';

const now = Date.parse('2026-12-01T23:30:00Z');

describe('parseSchedule', () => {
  it.each([
    '2030-02-30T10:00:00+08:00',
    '2030-04-31T10:00:00Z',
    '2029-02-29T10:00:00Z',
    '2030-13-01T10:00:00Z',
    '2030-01-01T10:60:00Z',
    '2030-01-01T10:00:60Z',
    '2030-01-01T10:00:00+08:60',
  ])('refuses %s, whose fields do not round-trip', (value) =>
    expect(() => parseSchedule(value, now)).toThrow(/is not a real time/),
  );

  it('accepts a leap day, fractions and compact offsets', () => {
    expect(parseSchedule('2028-02-29T10:00:00+08:00', now)!.toISOString()).toBe('2028-02-29T02:00:00.000Z');
    expect(parseSchedule('2030-01-01T10:00:00.250-0130', now)!.toISOString()).toBe('2030-01-01T11:30:00.250Z');
  });

  it('derives its example from now, a week ahead in Beijing time', () => {
    expect(exampleSchedule(now)).toBe('2026-12-09T10:00:00+08:00');
    expect(formatInZone(new Date(now), -90)).toBe('2026-12-01T22:00:00-01:30');
  });
});
