import { describe, expect, it } from 'vitest';
import type { ApkInfo } from '../artifacts/types.js';
import { fakeAdapter } from '../testing/fake-adapter.js';
import { InputError, UsageError } from './errors.js';
import { buildReleases, parseFileArg, parseSchedule, splitPair } from './release.js';

const apk = (abis: string[], over: Partial<ApkInfo> = {}): ApkInfo => ({
  kind: 'apk', path: `/tmp/${abis.join('-')}.apk`, package: 'com.foo.bar', versionCode: 7, versionName: '1.0',
  label: 'Foo', minSdk: 21, targetSdk: 34, abis, signer: null, size: 1, md5: 'a', sha256: 'b', ...over,
});
const STORES = ['oppo', 'vivo'];

describe('release assembly', () => {
  it('binds store=path to one store and leaves other paths shared', () => {
    expect(parseFileArg('oppo=dist/app-oppo.apk', STORES)).toEqual({ store: 'oppo', path: 'dist/app-oppo.apk' });
    expect(parseFileArg('dist/a=b.apk', STORES)).toEqual({ store: null, path: 'dist/a=b.apk' });
  });

  it('gives each store its channel package, the others the shared one', () => {
    const shared = apk(['arm64-v8a']);
    const channel = apk(['arm64-v8a'], { path: '/tmp/oppo.apk' });
    const releases = buildReleases({
      artifacts: [
        { arg: { store: null, path: shared.path }, info: shared },
        { arg: { store: 'oppo', path: channel.path }, info: channel },
      ],
      targets: [fakeAdapter('oppo'), fakeAdapter('vivo')],
      notes: 'n',
    });
    expect(releases.get('oppo')!.apks).toEqual([channel]);
    expect(releases.get('vivo')!.apks).toEqual([shared]);
  });

  it('classifies a split pair once, as release.split, for every store', () => {
    const v7 = apk(['armeabi-v7a'], { path: '/tmp/a32.apk' });
    const v8 = apk(['arm64-v8a'], { path: '/tmp/a64.apk' });
    const single = apk(['arm64-v8a', 'armeabi-v7a'], { path: '/tmp/u.apk' });
    const releases = buildReleases({
      artifacts: [
        { arg: { store: 'oppo', path: v8.path }, info: v8 },
        { arg: { store: 'oppo', path: v7.path }, info: v7 },
        { arg: { store: null, path: single.path }, info: single },
      ],
      targets: [fakeAdapter('oppo'), fakeAdapter('vivo')],
      notes: 'n',
    });
    expect(releases.get('oppo')!.split).toEqual({ apk32: v7, apk64: v8 });
    expect(releases.get('vivo')!.split).toBeUndefined();
  });

  it('recognises a 32/64-bit split pair and refuses two APKs that are not one', () => {
    const v7 = apk(['armeabi-v7a']);
    const v8 = apk(['arm64-v8a']);
    expect(splitPair([v8, v7])).toEqual({ apk32: v7, apk64: v8 });
    expect(() => splitPair([v8, apk(['arm64-v8a', 'armeabi-v7a'])])).toThrow(InputError);
    const other = apk(['armeabi-v7a'], { versionCode: 8 });
    expect(() =>
      buildReleases({
        artifacts: [v8, other].map((info) => ({ arg: { store: null, path: info.path }, info })),
        targets: [fakeAdapter('oppo')],
        notes: '',
      }),
    ).toThrow(/differ: com\.foo\.bar 7 vs com\.foo\.bar 8/);
  });

  it('needs an APK for every Android store it targets', () => {
    expect(() => buildReleases({ artifacts: [], targets: [fakeAdapter('oppo')], notes: '' })).toThrow(UsageError);
  });

  it('accepts only a future ISO-8601 time with a zone for --schedule', () => {
    const now = Date.parse('2026-11-22T00:00:00Z');
    expect(parseSchedule('2026-12-01T10:00:00+08:00', now)!.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect(() => parseSchedule('2026-12-01 10:00', now)).toThrow(/ISO-8601 time with a zone/);
    expect(() => parseSchedule('2020-01-01T00:00:00Z', now)).toThrow(/in the past/);
  });
});
