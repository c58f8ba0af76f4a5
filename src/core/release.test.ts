import { describe, expect, it } from 'vitest';
import type { AabInfo, ApkInfo } from '../artifacts/types.js';
import { fakeAdapter } from '../testing/fake-adapter.js';
import { InputError, UsageError } from './errors.js';
import { buildReleases, parseFileArg, parsePhased, parseSchedule, splitPair } from './release.js';

const apk = (abis: string[], over: Partial<ApkInfo> = {}): ApkInfo => ({
  kind: 'apk',
  path: `/tmp/${abis.join('-')}.apk`,
  package: 'com.foo.bar',
  versionCode: 7,
  versionName: '1.0',
  label: 'Foo',
  minSdk: 21,
  targetSdk: 34,
  abis,
  signer: null,
  size: 1,
  md5: 'a',
  sha256: 'b',
  ...over,
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
    ).toThrow(
      /not one release: arm64-v8a\.apk is com\.foo\.bar versionCode 7, armeabi-v7a\.apk is com\.foo\.bar versionCode 8/,
    );
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

  describe('App Bundles', () => {
    const aab: AabInfo = { ...apk(['arm64-v8a']), kind: 'aab', path: '/tmp/app.aab' };
    const bundleStore = () => {
      const adapter = fakeAdapter('huawei');
      return { ...adapter, capabilities: { ...adapter.capabilities, aab: true, phasedRelease: true } };
    };
    const shared = (...infos: Array<ApkInfo | AabInfo>) =>
      infos.map((info) => ({ arg: { store: null, path: info.path }, info }));

    it('gives the AAB to a store that takes one and the APK to the others', () => {
      const universal = apk(['arm64-v8a']);
      const releases = buildReleases({
        artifacts: shared(universal, aab),
        targets: [bundleStore(), fakeAdapter('oppo')],
        notes: '',
      });
      expect(releases.get('huawei')).toMatchObject({ aab, apks: [], versionCode: 7 });
      expect(releases.get('oppo')).toMatchObject({ apks: [universal] });
      expect(releases.get('oppo')!.aab).toBeUndefined();
    });

    it('an APK-only store refuses an AAB alone at the checks, with one line saying how to bind an APK', () => {
      const run = () =>
        buildReleases({ artifacts: shared(aab), targets: [bundleStore(), fakeAdapter('oppo')], notes: '' });
      expect(run).toThrow(InputError);
      expect(run).toThrow('Fake oppo takes only APKs, not the App Bundle app.aab');
      try {
        run();
      } catch (error) {
        expect((error as InputError).code).toBe('AAB_NOT_SUPPORTED');
        expect((error as InputError).hint).toMatch(/oppo=app\.apk/);
      }
    });

    it('an APK and an AAB bound to the same store are ambiguous', () => {
      const both = [apk(['arm64-v8a']), aab].map((info) => ({
        arg: { store: 'huawei' as const, path: info.path },
        info,
      }));
      expect(() => buildReleases({ artifacts: both, targets: [bundleStore()], notes: '' })).toThrow(
        /an APK and an App Bundle given for huawei/,
      );
    });
  });

  describe('--phased', () => {
    const now = Date.parse('2026-11-22T00:00:00Z');
    it('reads a bare flag as "the store decides", a percentage with up to two decimals, and an end time', () => {
      expect(parsePhased(true, undefined, undefined, now)).toEqual({ percent: null });
      expect(parsePhased('12.5', '2026-12-01T00:00:00Z', undefined, now)).toEqual({
        percent: 12.5,
        end: new Date('2026-12-01T00:00:00Z'),
      });
      expect(parsePhased(undefined, undefined, undefined, now)).toBeUndefined();
    });
    it('refuses a bad percentage, an end without --phased and an end before the schedule', () => {
      for (const bad of ['0', '101', 'ten'])
        expect(() => parsePhased(bad, undefined, undefined, now)).toThrow(/not a percentage above 0 and at most 100/);
      expect(() => parsePhased('1.234', undefined, undefined, now)).toThrow(UsageError);
      expect(() => parsePhased(undefined, '2026-12-01T00:00:00Z', undefined, now)).toThrow(
        /--phased-end given without --phased/,
      );
      expect(() => parsePhased('10', '2026-12-01T00:00:00Z', new Date('2026-12-02T00:00:00Z'), now)).toThrow(
        /not after --schedule/,
      );
      expect(() => parsePhased('10', '2020-12-01T00:00:00Z', undefined, now)).toThrow(
        /--phased-end 2020-12-01T00:00:00Z is in the past/,
      );
    });
    it('a store without phased release refuses it at the checks with one line', () => {
      const universal = apk(['arm64-v8a']);
      const run = () =>
        buildReleases({
          artifacts: [{ arg: { store: null, path: universal.path }, info: universal }],
          targets: [fakeAdapter('oppo')],
          notes: '',
          phased: { percent: 10 },
        });
      expect(run).toThrow('Fake oppo has no phased release through its API, so --phased cannot apply to it');
    });
  });
});
