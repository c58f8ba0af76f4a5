import { describe, expect, it } from 'vitest';
import type { ApkInfo } from '../../artifacts/types.js';
import { apkUrlJson, cpuEntries } from './cpu-code.js';

const apk = (name: string, abis: string[]) => ({ path: `/tmp/${name}`, abis }) as ApkInfo;

describe('OPPO cpu_code', () => {
  it('is 0 for one APK', () => {
    expect(cpuEntries([apk('u.apk', ['arm64-v8a', 'armeabi-v7a'])]).map((e) => e.cpuCode)).toEqual([0]);
  });

  it('is 32 / 64 by ABI for a pair, in either order', () => {
    const v7 = apk('v7.apk', ['armeabi-v7a']);
    const v8 = apk('v8.apk', ['arm64-v8a']);
    expect(cpuEntries([v8, v7]).map((e) => [e.apk.path, e.cpuCode])).toEqual([
      ['/tmp/v8.apk', 64],
      ['/tmp/v7.apk', 32],
    ]);
    expect(cpuEntries([apk('x86.apk', ['x86']), apk('x64.apk', ['x86_64'])]).map((e) => e.cpuCode)).toEqual([32, 64]);
  });

  it('refuses a pair that is not one 32-bit and one 64-bit APK', () => {
    expect(() => cpuEntries([apk('a.apk', ['arm64-v8a']), apk('b.apk', ['arm64-v8a'])])).toThrow(/cannot tell which is which/);
    expect(() => cpuEntries([apk('a.apk', []), apk('b.apk', ['arm64-v8a'])])).toThrow(/no native code/);
  });

  it('writes apk_url as a JSON string', () => {
    expect(apkUrlJson([{ url: 'https://u/a.apk', md5: 'm', cpuCode: 0 }])).toBe('[{"url":"https://u/a.apk","md5":"m","cpu_code":0}]');
  });
});
