/**
 * Turns the input files into one Release per target store: `path` goes to every store of its kind,
 * `oppo=path` to OPPO only (channel packages). Two APKs of the same package and versionCode whose
 * ABIs differ are a 32/64-bit split pair.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ApkInfo, ArtifactInfo } from '../artifacts/types.js';
import type { Release, StoreAdapter, StoreId } from '../stores/types.js';
import { InputError, UsageError } from './errors.js';

export { parseSchedule } from './schedule.js';
export { readNotes } from './notes.js';

export interface FileArg {
  store: StoreId | null;
  path: string;
}

export function parseFileArg(arg: string, known: readonly string[]): FileArg {
  const match = /^([a-z]+)=(.+)$/.exec(arg);
  if (match && known.includes(match[1]!)) return { store: match[1] as StoreId, path: match[2]! };
  // `nokia=app.apk` is a mistyped store, unless a file really has that name.
  if (match && !existsSync(arg)) {
    throw new UsageError(`unknown store "${match[1]}" in ${arg}`, `bind a file to one of ${known.join(', ')}, e.g. oppo=${match[2]}`);
  }
  return { store: null, path: arg };
}

/** The same file twice (same binding) is a slip, not a split pair: say so before reading anything. */
export function refuseRepeatedFiles(args: FileArg[], cwd: string): void {
  const seen = new Set<string>();
  for (const arg of args) {
    const key = `${arg.store ?? ''}\0${resolve(cwd, arg.path)}`;
    if (seen.has(key)) {
      throw new UsageError(`${arg.path} is given twice${arg.store ? ` for ${arg.store}` : ''}`, 'give each file once; a split pair is two different APKs');
    }
    seen.add(key);
  }
}

/** Two names for the same content (a copy, a link) are refused too, naming both. */
export function refuseSameContent(artifacts: Array<{ arg: FileArg; info: ArtifactInfo }>): void {
  for (const [i, a] of artifacts.entries()) {
    const twin = artifacts.slice(i + 1).find((b) => b.arg.store === a.arg.store && b.info.sha256 === a.info.sha256);
    if (twin) {
      throw new InputError(`${a.arg.path} and ${twin.arg.path} are the same file (same SHA-256)`, {
        code: 'DUPLICATE_FILE',
        hint: 'give each file once; a split pair is a 32-bit and a 64-bit APK',
      });
    }
  }
}


/** The one ABI table: which native-code ABIs are 64-bit and which 32-bit. */
export const ABIS_64: ReadonlySet<string> = new Set(['arm64-v8a', 'x86_64', 'mips64', 'riscv64']);
export const ABIS_32: ReadonlySet<string> = new Set(['armeabi-v7a', 'armeabi', 'x86', 'mips']);
const BITS_64 = ABIS_64;
const BITS_32 = ABIS_32;

/** For a split pair: which APK is the 32-bit one and which the 64-bit one. */
export function splitPair(apks: ApkInfo[]): { apk32: ApkInfo; apk64: ApkInfo } {
  const only = (apk: ApkInfo, set: ReadonlySet<string>) => apk.abis.length > 0 && apk.abis.every((abi) => set.has(abi));
  const apk32 = apks.find((apk) => only(apk, BITS_32));
  const apk64 = apks.find((apk) => only(apk, BITS_64));
  if (apks.length !== 2 || !apk32 || !apk64 || apk32 === apk64) {
    throw new InputError(
      `two APKs make a split pair only if one has only 32-bit ABIs and the other only 64-bit ABIs (got ${apks
        .map((a) => `[${a.abis.join(', ') || 'no native code'}]`)
        .join(' and ')})`,
      { code: 'NOT_A_SPLIT_PAIR', hint: 'pass one universal APK, or the armeabi-v7a and arm64-v8a builds together' },
    );
  }
  return { apk32, apk64 };
}

function checkApkSet(apks: ApkInfo[], where: string): void {
  if (apks.length > 2) {
    throw new InputError(`${apks.length} APKs ${where}; a release is one APK or a 32/64-bit pair`, {
      code: 'TOO_MANY_APKS',
      hint: 'bind channel packages to their store as oppo=app-oppo.apk',
    });
  }
  const [first, second] = apks;
  if (first && second) {
    if (first.package !== second.package || first.versionCode !== second.versionCode) {
      throw new InputError(
        `the two APKs ${where} are not one release: ${basename(first.path)} is ${first.package} versionCode ${first.versionCode}, ${basename(second.path)} is ${second.package} versionCode ${second.versionCode}`,
        { code: 'APK_MISMATCH', hint: 'a split pair must have the same package and versionCode' },
      );
    }
    splitPair(apks);
  }
}

export interface ReleaseInput {
  artifacts: Array<{ arg: FileArg; info: ArtifactInfo }>;
  targets: StoreAdapter[];
  notes: string;
  schedule?: Date;
}

export function buildReleases(input: ReleaseInput): Map<StoreId, Release> {
  const shared = input.artifacts.filter((a) => a.arg.store === null).map((a) => a.info);
  const releases = new Map<StoreId, Release>();
  for (const adapter of input.targets) {
    const bound = input.artifacts.filter((a) => a.arg.store === adapter.id).map((a) => a.info);
    const files = bound.length > 0 ? bound : shared;
    const where = bound.length > 0 ? `bound to ${adapter.id}` : 'given';
    if (adapter.capabilities.artifact === 'apk') {
      const apks = files.filter((f): f is ApkInfo => f.kind === 'apk');
      if (apks.length === 0) {
        throw new UsageError(`no APK given for ${adapter.id}`, `pass an APK, or leave ${adapter.id} out with --store`);
      }
      checkApkSet(apks, where);
      if (apks.length === 2 && !adapter.capabilities.splitApk) {
        throw new InputError(`${adapter.title} does not take a 32/64-bit split pair`, {
          code: 'SPLIT_NOT_SUPPORTED',
          store: adapter.id,
          hint: `bind a universal APK to it: ${adapter.id}=app-universal.apk`,
        });
      }
      const [first] = apks as [ApkInfo];
      releases.set(adapter.id, {
        package: first.package,
        versionCode: first.versionCode,
        versionName: first.versionName,
        apks,
        ...(apks.length === 2 ? { split: splitPair(apks) } : {}),
        notes: input.notes,
        schedule: input.schedule,
      });
    } else {
      const ipa = files.find((f) => f.kind === 'ipa');
      if (!ipa || ipa.kind !== 'ipa') {
        throw new UsageError(`no IPA given for ${adapter.id}`, `pass an IPA, or leave ${adapter.id} out with --store`);
      }
      releases.set(adapter.id, {
        package: ipa.package,
        versionCode: Number(ipa.buildNumber) || 0,
        versionName: ipa.versionName,
        apks: [],
        ipa,
        notes: input.notes,
        schedule: input.schedule,
      });
    }
  }
  return releases;
}
