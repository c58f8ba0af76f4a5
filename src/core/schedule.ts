/**
 * `--schedule`: an ISO-8601 time with an explicit zone. `new Date()` quietly shifts impossible
 * fields (2030-02-30 becomes 2030-03-02, 24:00 the next day), so every field must round-trip.
 */
import { UsageError } from './errors.js';

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

const two = (n: number) => String(n).padStart(2, '0');

/** `date` as 2030-12-01T10:00:00+08:00, in the zone `offsetMinutes` east of UTC. */
export function formatInZone(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local.toISOString().slice(0, 19)}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** An example for help texts and hints that never goes stale: a week from now, 10:00 Beijing time. */
export function exampleSchedule(now: number): string {
  const beijing = formatInZone(new Date(now + 7 * 86_400_000), 480);
  return `${beijing.slice(0, 10)}T10:00:00+08:00`;
}

export function parseSchedule(value: string | undefined, now: number, flag = '--schedule'): Date | undefined {
  if (value === undefined) return undefined;
  const example = exampleSchedule(now);
  const m = ISO_WITH_ZONE.exec(value);
  if (!m) {
    throw new UsageError(
      `${flag} ${value} is not an ISO-8601 time with a zone`,
      `write it like ${example} (or ...Z for UTC)`,
    );
  }
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(
    Number,
  ) as number[] as [number, number, number, number, number, number];
  const offset = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const fields = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const roundTrips =
    fields.getUTCFullYear() === year &&
    fields.getUTCMonth() === month - 1 &&
    fields.getUTCDate() === day &&
    fields.getUTCHours() === hour &&
    fields.getUTCMinutes() === minute &&
    fields.getUTCSeconds() === second &&
    Math.abs(offset) <= 14 * 60 &&
    Number(m[11] ?? 0) < 60;
  if (!roundTrips) {
    throw new UsageError(
      `${flag} ${value} is not a real time (no such date, hour, minute or zone offset)`,
      `check the day of the month and the hours; write it like ${example}`,
    );
  }
  const millis = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  const date = new Date(fields.getTime() + millis - offset * 60_000);
  if (date.getTime() <= now) {
    throw new UsageError(
      `${flag} ${value} is in the past`,
      `the stores take a time after now (now is ${formatInZone(new Date(now), offset)}), e.g. --schedule ${example}`,
    );
  }
  return date;
}
