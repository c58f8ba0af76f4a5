import { describe, expect, it } from 'vitest';
import type { ApkInfo } from '../../artifacts/types.js';
import { apkUrlJson, cpuEntries } from './cpu-code.js';

const apk = (name: string, abis: string[]) => ({ path: `/tmp/${name}`, abis }) as ApkInfo;

describe('OPPO cpu_code', () => {
  it('is 0 for one APK', () => {
    expect(cpuEntries({ apks: [apk('u.apk', ['arm64-v8a', 'armeabi-v7a'])] }).map((e) => e.cpuCode)).toEqual([0]);
  });

  it('is 32 / 64 from release.split for a pair, in the order of the APKs', () => {
    const v7 = apk('v7.apk', ['armeabi-v7a']);
    const v8 = apk('v8.apk', ['arm64-v8a']);
    expect(cpuEntries({ apks: [v8, v7], split: { apk32: v7, apk64: v8 } }).map((e) => [e.apk.path, e.cpuCode])).toEqual(
      [
        ['/tmp/v8.apk', 64],
        ['/tmp/v7.apk', 32],
      ],
    );
  });

  it('writes apk_url as a JSON string', () => {
    expect(apkUrlJson([{ url: 'https://u/a.apk', md5: 'm', cpuCode: 0 }])).toBe(
      '[{"url":"https://u/a.apk","md5":"m","cpu_code":0}]',
    );
  });
});
