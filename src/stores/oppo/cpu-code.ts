/**
 * `cpu_code` for each APK of a release: 0 for a single APK, 32 and 64 for a split pair
 * [src: stores/oppo.md §2.7; XZ-OP comment; APKGO-OP; DC-OP]. Which APK of a pair is which is
 * read from its ABIs.
 */
import type { ApkInfo } from '../../artifacts/types.js';
import { StoreError } from '../../core/errors.js';

const ABIS_64 = new Set(['arm64-v8a', 'x86_64', 'mips64', 'riscv64']);
const ABIS_32 = new Set(['armeabi-v7a', 'armeabi', 'x86', 'mips']);

export interface CpuEntry {
  apk: ApkInfo;
  cpuCode: 0 | 32 | 64;
}

function bits(apk: ApkInfo): 32 | 64 | null {
  const has64 = apk.abis.some((abi) => ABIS_64.has(abi));
  const has32 = apk.abis.some((abi) => ABIS_32.has(abi));
  if (has64) return 64;
  return has32 ? 32 : null;
}

export function cpuEntries(apks: ApkInfo[]): CpuEntry[] {
  if (apks.length === 1) return [{ apk: apks[0]!, cpuCode: 0 }];
  const [a, b] = apks;
  if (apks.length === 2 && a && b) {
    const bitsA = bits(a);
    const bitsB = bits(b);
    if (bitsA !== null && bitsB !== null && bitsA !== bitsB) {
      return [
        { apk: a, cpuCode: bitsA },
        { apk: b, cpuCode: bitsB },
      ];
    }
  }
  const described = apks.map((apk) => `${apk.path} [${apk.abis.join(', ') || 'no native code'}]`).join(' and ');
  throw new StoreError(`OPPO takes one APK, or a 32-bit + 64-bit pair; cannot tell which is which of ${described}`, {
    code: 'SPLIT_PAIR_INVALID',
    category: 'rejected',
    store: 'oppo',
    hint: 'give one universal APK, or two APKs where exactly one contains a 64-bit ABI (arm64-v8a / x86_64)',
  });
}

/** apk_url: a JSON STRING of [{url, md5, cpu_code}] [src: stores/oppo.md §2.7]. */
export function apkUrlJson(uploads: Array<{ url: string; md5: string; cpuCode: number }>): string {
  return JSON.stringify(uploads.map((u) => ({ url: u.url, md5: u.md5, cpu_code: u.cpuCode })));
}
