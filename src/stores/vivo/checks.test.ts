import { describe, expect, it } from 'vitest';
import type { ApkInfo } from '../../artifacts/types.js';
import type { Release } from '../types.js';
import {
  alreadyThere,
  checkNotes,
  checkNotInReview,
  checkSchedule,
  checkVersionAbove,
  compatibleDeviceOf,
  UPDATE_DESC_LENGTH,
  uploadsFor,
} from './checks.js';
import { detailsSchema } from './schemas.js';

const apk = (name: string, abis: string[]): ApkInfo => ({
  kind: 'apk',
  path: `/tmp/${name}`,
  package: 'com.foo.bar',
  versionCode: 6100000,
  versionName: '6.10.0',
  label: 'Foo Bar',
  minSdk: 21,
  targetSdk: 34,
  abis,
  signer: null,
  size: 1000,
  md5: 'a'.repeat(32),
  sha256: 'b'.repeat(64),
});

const release = (apks: ApkInfo[], over: Partial<Release> = {}): Release => ({
  package: 'com.foo.bar',
  versionCode: 6100000,
  versionName: '6.10.0',
  apks,
  notes: '修复已知问题',
  ...over,
});

const details = (over: Record<string, unknown> = {}) =>
  detailsSchema.parse({
    packageName: 'com.foo.bar',
    versionCode: '6091000',
    versionName: '6.9.1',
    status: 3,
    saleStatus: 1,
    compatibleDevice: 1,
    ...over,
  });

describe('vivo release checks', () => {
  it('sends one APK to the single upload and a pair (release.split) to .32 and .64', () => {
    expect(uploadsFor(release([apk('u.apk', ['arm64-v8a', 'armeabi-v7a'])])).map((u) => u.role)).toEqual(['single']);
    const apk64 = apk('64.apk', ['arm64-v8a']);
    const apk32 = apk('32.apk', ['armeabi-v7a']);
    const pair = uploadsFor({ ...release([apk64, apk32]), split: { apk32, apk64 } });
    expect(pair.map((u) => [u.role, u.apk.path])).toEqual([
      ['32', '/tmp/32.apk'],
      ['64', '/tmp/64.apk'],
    ]);
  });

  it('bounds the notes in characters, not bytes', () => {
    expect(UPDATE_DESC_LENGTH).toEqual({ min: 5, max: 200 });
    expect(() => checkNotes('修复问题了')).not.toThrow();
    expect(() => checkNotes('修复')).toThrow(expect.objectContaining({ code: 'NOTES_INVALID', category: 'rejected' }));
    expect(() => checkNotes('字'.repeat(200))).not.toThrow();
    expect(() => checkNotes('字'.repeat(201))).toThrow(/201 characters/);
  });

  it('refuses a schedule that is not in the future', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(() => checkSchedule(new Date(now + 60_000), now)).not.toThrow();
    expect(() => checkSchedule(undefined, now)).not.toThrow();
    expect(() => checkSchedule(new Date(now), now)).toThrow(
      expect.objectContaining({
        code: 'SCHEDULE_IN_PAST',
        message: expect.stringContaining('2026-01-01 08:00:00 Beijing time'),
      }),
    );
  });

  it('knows when the store already has the version', () => {
    const r = release([apk('u.apk', [])]);
    expect(alreadyThere(details({ versionCode: '6100000', status: 2 }), r).present).toBe(true);
    expect(alreadyThere(details({ versionCode: '6100000', status: 3 }), r).present).toBe(true);
    // A rejected or withdrawn submission of the same versionCode may be submitted again.
    expect(alreadyThere(details({ versionCode: '6100000', status: 4 }), r).present).toBe(false);
    expect(alreadyThere(details(), r).present).toBe(false);
  });

  it('refuses another version in review as a conflict, and a versionCode not above the approved one', () => {
    expect(() => checkNotInReview(details({ status: 2 }))).toThrow(
      expect.objectContaining({ code: 'IN_REVIEW', category: 'conflict' }),
    );
    expect(() => checkNotInReview(details())).not.toThrow();
    const old = release([apk('old.apk', [])], { versionCode: 6000000 });
    expect(() => checkVersionAbove(details(), old)).toThrow(
      expect.objectContaining({ code: 'VERSION_NOT_HIGHER', category: 'rejected' }),
    );
    expect(() => checkVersionAbove(details({ status: 4 }), old)).not.toThrow();
    expect(() => checkVersionAbove(details(), release([apk('u.apk', [])]))).not.toThrow();
  });

  it('echoes compatibleDevice and refuses to guess it', () => {
    expect(compatibleDeviceOf(details({ compatibleDevice: 3 }))).toBe('3');
    expect(() => compatibleDeviceOf(details({ compatibleDevice: null }))).toThrow(/compatibleDevice/);
  });
});
