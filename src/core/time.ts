/** Time formats the stores want. */

const BEIJING_OFFSET_MS = 8 * 3600_000;

/**
 * `yyyy-MM-dd HH:mm:ss` in Beijing time (UTC+8, no daylight saving), whatever the machine's zone:
 * OPPO's sche_online_time and vivo's scheOnlineTime [src: stores/README.md §5.4].
 */
export function beijingTime(date: Date): string {
  return new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
