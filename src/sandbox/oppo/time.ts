/**
 * OPPO's datetimes are `yyyy-MM-dd HH:mm:ss` in Beijing local time (UTC+8, no DST)
 * [src: XZ-OP comment; APKGO-OP BeijingLocalTime].
 */
const BEIJING_OFFSET_MS = 8 * 3600_000;

export function formatBeijing(ms: number): string {
  const iso = new Date(ms + BEIJING_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Milliseconds since the epoch, or null when the text is not a valid `yyyy-MM-dd HH:mm:ss`. */
export function parseBeijing(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  // Reject dates that roll over (2026-02-30) by formatting back.
  if (formatBeijing(utc - BEIJING_OFFSET_MS) !== text) return null;
  return utc - BEIJING_OFFSET_MS;
}
