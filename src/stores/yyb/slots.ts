/**
 * Which `update_app` binary slot each APK goes to [src: stores/yyb.md 1.5 (4); apkgo-qq updateApp]:
 * flags are 1 (yes) / 2 (no), never 0 (4000049).
 * - universal (32-bit code, or 32 and 64, or none) → apk32_flag=1, apk64_flag=2;
 * - 64-bit only → apk32_flag=2, apk64_flag=1 (the apk32 slot refuses it with 4000045);
 * - a split pair → both 1.
 * The unused slot is sent as 2, as apkgo does (the reference's CONFLICT: omitting it is the other reading).
 */
import type { ApkInfo, Undigested } from '../../artifacts/types.js';

export type Slot = 'apk32' | 'apk64';

export interface SlotPlan<A extends Undigested<ApkInfo> = ApkInfo> {
  /** The APK of each used slot. */
  apks: Partial<Record<Slot, A>>;
  flags: Record<`${Slot}_flag`, '1' | '2'>;
}

const ABIS_64 = new Set(['arm64-v8a', 'x86_64', 'mips64']);
const ABIS_32 = new Set(['armeabi', 'armeabi-v7a', 'x86', 'mips']);

/** `A`: the release's APKs as given (digested in publish(), still hashing in plan()). */
export function slotsFor<A extends Undigested<ApkInfo>>(release: {
  apks: A[];
  split?: { apk32: A; apk64: A };
}): SlotPlan<A> {
  if (release.split) {
    return {
      apks: { apk32: release.split.apk32, apk64: release.split.apk64 },
      flags: { apk32_flag: '1', apk64_flag: '1' },
    };
  }
  const apk = release.apks[0]!;
  const only64 = apk.abis.some((abi) => ABIS_64.has(abi)) && !apk.abis.some((abi) => ABIS_32.has(abi));
  return only64
    ? { apks: { apk64: apk }, flags: { apk32_flag: '2', apk64_flag: '1' } }
    : { apks: { apk32: apk }, flags: { apk32_flag: '1', apk64_flag: '2' } };
}
