/** Publish flags that shape a release beyond files and notes: --phased, --manual-release, --wait. */
import { UsageError } from './errors.js';

/** How long a publish waits for a store's own processing (Apple's build processing) unless --wait says otherwise. */
export const DEFAULT_WAIT_MS = 30 * 60_000;

/** `--wait 30m`, `90s`, `1h`, `1h30m`, or a bare number of seconds. */
export function parseWait(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000 };
  let ms = 0;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else if (/^(\d+h)?(\d+m)?(\d+s)?$/.test(text) && text !== '') {
    for (const [, amount, unit] of text.matchAll(/(\d+)([hms])/g)) ms += Number(amount) * units[unit!]!;
  } else {
    throw new UsageError(`--wait ${value} is not a duration`, 'write it like --wait 30m, --wait 90s or --wait 1h30m');
  }
  if (ms <= 0) throw new UsageError(`--wait ${value} must be longer than zero`, 'write it like --wait 30m');
  return ms;
}

/** `--phased` alone (the store's own schedule) or `--phased 10` (percent of users). */
export function parsePhasedFlag(value: string | boolean | undefined): { percent: number | null } | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return { percent: null };
  const text = value.trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text) || Number(text) <= 0 || Number(text) > 100) {
    throw new UsageError(`--phased ${value} is not a percentage above 0 and at most 100`, 'write it like --phased 10, or --phased alone');
  }
  return { percent: Number(text) };
}
