/**
 * Honor's `releaseTime`: `yyyy-MM-dd'T'HH:mm:ssZZ` with the offset WITHOUT a colon, e.g.
 * `2026-06-20T10:00:00+0800` [src: stores/honor.md 4.7]. Written in Beijing time (+0800), the
 * offset the reference shows, whatever the machine's zone.
 */
const BEIJING_OFFSET_MS = 8 * 3600_000;

export function honorReleaseTime(date: Date): string {
  // Whole seconds: the format has none smaller.
  const beijing = new Date(Math.floor(date.getTime() / 1000) * 1000 + BEIJING_OFFSET_MS);
  return `${beijing.toISOString().slice(0, 19)}+0800`;
}
