import { describe, expect, it } from 'vitest';
import type { ApkInfo } from '../../artifacts/types.js';
import { slotsFor } from './slots.js';

const apk = (abis: string[]) => ({ abis, path: `/tmp/${abis.join('+') || 'java'}.apk` }) as ApkInfo;

describe('yyb slotsFor', () => {
  it('puts a universal APK (or one without native code) in apk32, apk64_flag 2', () => {
    for (const abis of [['arm64-v8a', 'armeabi-v7a', 'x86_64'], ['armeabi-v7a'], []]) {
      expect(slotsFor({ apks: [apk(abis)] }).flags).toEqual({ apk32_flag: '1', apk64_flag: '2' });
    }
  });

  it('puts a 64-bit-only APK in apk64 (the apk32 slot refuses it: 4000045)', () => {
    const only64 = apk(['arm64-v8a', 'x86_64']);
    expect(slotsFor({ apks: [only64] })).toEqual({
      apks: { apk64: only64 },
      flags: { apk32_flag: '2', apk64_flag: '1' },
    });
  });

  it('fills both slots for a split pair, never sending flag 0', () => {
    const apk32 = apk(['armeabi-v7a']);
    const apk64 = apk(['arm64-v8a']);
    expect(slotsFor({ apks: [apk64, apk32], split: { apk32, apk64 } })).toEqual({
      apks: { apk32, apk64 },
      flags: { apk32_flag: '1', apk64_flag: '1' },
    });
  });
});
