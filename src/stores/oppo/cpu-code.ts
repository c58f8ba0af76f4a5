/**
 * `cpu_code` for each APK of a release: 0 for a single APK, 32 and 64 for a split pair
 * [src: stores/oppo.md §2.7; XZ-OP comment; APKGO-OP; DC-OP]. Which is which comes from
 * release.split (classified once by core/release.ts).
 */
import type { ApkInfo } from '../../artifacts/types.js';
import type { Release } from '../types.js';

export interface CpuEntry {
  apk: ApkInfo;
  cpuCode: 0 | 32 | 64;
}

/** In the order of release.apks. */
export function cpuEntries(release: Pick<Release, 'apks' | 'split'>): CpuEntry[] {
  const { split } = release;
  if (!split) return release.apks.slice(0, 1).map((apk) => ({ apk, cpuCode: 0 }));
  return release.apks.map((apk) => ({ apk, cpuCode: apk === split.apk64 ? 64 : 32 }));
}

/** apk_url: a JSON STRING of [{url, md5, cpu_code}] [src: stores/oppo.md §2.7]. */
export function apkUrlJson(uploads: Array<{ url: string; md5: string; cpuCode: number }>): string {
  return JSON.stringify(uploads.map((u) => ({ url: u.url, md5: u.md5, cpu_code: u.cpuCode })));
}
