/**
 * Test helpers shared by the adapter tests: a Release built from fixture APKs the way
 * core/release.ts builds it (split pair classified), and a matcher for the error a call fails with.
 */
import { expect } from 'vitest';
import { readApk } from '../artifacts/index.js';
import type { ApkInfo } from '../artifacts/types.js';
import { AppError } from '../core/errors.js';
import { splitPair } from '../core/release.js';
import type { Release } from '../stores/types.js';

/** `fixtures/apk/<name>` */
export const fixtureApk = (name: string) => `fixtures/apk/${name}`;

/** A Release of fixture APKs (names under fixtures/apk/), with `extra` on top; `apkOver` patches every APK. */
export async function testRelease(
  files: string[],
  extra: Partial<Release> = {},
  apkOver: Partial<ApkInfo> = {},
): Promise<Release> {
  const apks = await Promise.all(files.map(async (file) => ({ ...(await readApk(fixtureApk(file))), ...apkOver })));
  const first = apks[0]!;
  return {
    package: first.package,
    versionCode: first.versionCode,
    versionName: first.versionName,
    apks,
    ...(apks.length === 2 ? { split: splitPair(apks) } : {}),
    notes: '修复已知问题，提升稳定性',
    ...extra,
  };
}

/** The AppError `promise` rejects with (fails the test if it resolves or rejects with something else). */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
