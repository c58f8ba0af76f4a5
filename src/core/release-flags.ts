/** Publish flags that shape a release beyond files and notes: --wait (--phased: release.ts parsePhased). */
import { UsageError } from './errors.js';

/** How long a publish waits for a store's own processing (Apple's build processing) unless --wait says otherwise. */
export const DEFAULT_WAIT_MS = 30 * 60_000;

/** `--wait 30m`, `90s`, `1h`, `1h30m`, or a bare number of seconds; `flag` names the option in errors. */
export function parseWait(value: string | undefined, flag = '--wait'): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000 };
  let ms = 0;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else if (/^(\d+h)?(\d+m)?(\d+s)?$/.test(text) && text !== '') {
    for (const [, amount, unit] of text.matchAll(/(\d+)([hms])/g)) ms += Number(amount) * units[unit!]!;
  } else {
    throw new UsageError(
      `${flag} ${value} is not a duration`,
      `write it like ${flag} 30m, ${flag} 90s or ${flag} 1h30m`,
    );
  }
  if (ms <= 0) throw new UsageError(`${flag} ${value} must be longer than zero`, `write it like ${flag} 30m`);
  return ms;
}
