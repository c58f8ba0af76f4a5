/**
 * Turns the input files into one Release per target store: `path` goes to every store of its kind,
 * `oppo=path` to OPPO only (channel packages). Two APKs of the same package and versionCode whose
 * ABIs differ are a 32/64-bit split pair.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { AabInfo, ApkInfo, ArtifactInfo, IpaInfo, Undigested } from '../artifacts/types.js';
import type { PlanRelease, Release, StoreAdapter, StoreId } from '../stores/types.js';
import { InputError, UsageError } from './errors.js';

import { parseSchedule } from './schedule.js';

export { parseSchedule };
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
    throw new UsageError(
      `unknown store "${match[1]}" in ${arg}`,
      `bind a file to one of ${known.join(', ')}, e.g. oppo=${match[2]}`,
    );
  }
  return { store: null, path: arg };
}

/** The same file twice (same binding) is a slip, not a split pair: say so before reading anything. */
export function refuseRepeatedFiles(args: FileArg[], cwd: string): void {
  const seen = new Set<string>();
  for (const arg of args) {
    const key = `${arg.store ?? ''}\0${resolve(cwd, arg.path)}`;
    if (seen.has(key)) {
      throw new UsageError(
        `${arg.path} is given twice${arg.store ? ` for ${arg.store}` : ''}`,
        'give each file once; a split pair is two different APKs',
      );
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
export function splitPair<A extends Undigested<ApkInfo>>(apks: A[]): { apk32: A; apk64: A } {
  const only = (apk: A, set: ReadonlySet<string>) => apk.abis.length > 0 && apk.abis.every((abi) => set.has(abi));
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

function checkApkSet(apks: Undigested<ApkInfo>[], where: string): void {
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
  artifacts: Array<{ arg: FileArg; info: Undigested<ArtifactInfo> }>;
  targets: StoreAdapter[];
  notes: string;
  schedule?: Date;
  phased?: Release['phased'];
  manualRelease?: boolean;
  waitMs?: number;
}

/** Whether a file is one a store can take: its own kind, or an App Bundle where the store takes one. */
export function takesFile(adapter: StoreAdapter, info: Undigested<ArtifactInfo>): boolean {
  // An App Bundle counts as an Android file for every Android store, so that an APK-only store
  // refuses it with a clear line (buildReleases) instead of being left out in silence.
  return (
    info.kind === adapter.capabilities.artifact || (info.kind === 'aab' && adapter.capabilities.artifact === 'apk')
  );
}

/**
 * The App Bundle for a store that takes one, when the files hold one. Given to every store, an APK
 * and an AAB mean "the AAB where it is taken, the APK elsewhere"; bound to one store, both is ambiguous.
 */
function bundleFor(
  adapter: StoreAdapter,
  files: Undigested<ArtifactInfo>[],
  bound: boolean,
): Undigested<AabInfo> | undefined {
  const bundles = files.filter((f): f is Undigested<AabInfo> => f.kind === 'aab');
  if (bundles.length === 0) return undefined;
  const where = bound ? `for ${adapter.id}` : 'for all stores';
  if (!adapter.capabilities.aab) {
    if (files.some((f) => f.kind === 'apk')) return undefined;
    throw new InputError(`${adapter.title} takes only APKs, not the App Bundle ${basename(bundles[0]!.path)}`, {
      code: 'AAB_NOT_SUPPORTED',
      store: adapter.id,
      hint: `bind an APK to it (${adapter.id}=app.apk), or leave it out with --store`,
    });
  }
  if (bundles.length > 1 || (bound && files.some((f) => f.kind === 'apk'))) {
    throw new InputError(
      `${bundles.length > 1 ? `${bundles.length} App Bundles` : 'an APK and an App Bundle'} given ${where}; a release is one package`,
      {
        code: 'TOO_MANY_APKS',
        hint: `bind one package to ${adapter.id}: ${adapter.id}=app.aab`,
      },
    );
  }
  return bundles[0];
}

export function buildReleases(input: ReleaseInput): Map<StoreId, PlanRelease> {
  const shared = input.artifacts.filter((a) => a.arg.store === null).map((a) => a.info);
  // Release-wide flags, left out when not given so that a Release stays as small as the run asked.
  const flags: Pick<Release, 'phased' | 'manualRelease' | 'waitMs'> = {
    ...(input.phased ? { phased: input.phased } : {}),
    ...(input.manualRelease ? { manualRelease: true } : {}),
    ...(input.waitMs !== undefined ? { waitMs: input.waitMs } : {}),
  };
  const releases = new Map<StoreId, PlanRelease>();
  for (const adapter of input.targets) {
    const bound = input.artifacts.filter((a) => a.arg.store === adapter.id).map((a) => a.info);
    const files = bound.length > 0 ? bound : shared;
    const where = bound.length > 0 ? `bound to ${adapter.id}` : 'given';
    if (input.phased && !adapter.capabilities.phasedRelease) {
      throw new InputError(`${adapter.title} has no phased release through its API, so --phased cannot apply to it`, {
        code: 'PHASED_NOT_SUPPORTED',
        store: adapter.id,
        hint: 'publish to the stores with phased release alone (--store huawei), and to the others without --phased',
      });
    }
    if (adapter.capabilities.artifact === 'apk') {
      const aab = bundleFor(adapter, files, bound.length > 0);
      if (aab) {
        releases.set(adapter.id, {
          package: aab.package,
          versionCode: aab.versionCode,
          versionName: aab.versionName,
          apks: [],
          aab,
          notes: input.notes,
          schedule: input.schedule,
          ...flags,
        });
        continue;
      }
      const apks = files.filter((f): f is Undigested<ApkInfo> => f.kind === 'apk');
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
      const [first] = apks as [Undigested<ApkInfo>];
      releases.set(adapter.id, {
        package: first.package,
        versionCode: first.versionCode,
        versionName: first.versionName,
        apks,
        ...(apks.length === 2 ? { split: splitPair(apks) } : {}),
        notes: input.notes,
        schedule: input.schedule,
        ...flags,
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
        ...flags,
      });
    }
  }
  return releases;
}

/**
 * The release a store planned, with the files' digests (computed while the stores were checked):
 * `digested` maps each parsed file to its hashed self, so a split pair keeps pointing into `apks`.
 */
export function withDigests(
  release: PlanRelease,
  digested: <T extends ArtifactInfo>(file: Undigested<T>) => T,
): Release {
  const { apks, split, aab, ipa, ...rest } = release;
  return {
    ...rest,
    apks: apks.map((apk) => digested<ApkInfo>(apk)),
    ...(split ? { split: { apk32: digested<ApkInfo>(split.apk32), apk64: digested<ApkInfo>(split.apk64) } } : {}),
    ...(aab ? { aab: digested<AabInfo>(aab) } : {}),
    ...(ipa ? { ipa: digested<IpaInfo>(ipa) } : {}),
  };
}

/**
 * `--phased [percent]` and `--phased-end <time>`: a bare `--phased` leaves the percentage to the
 * store (null); a percentage is 0-100 with at most two decimals (Huawei sends it as "10.00").
 */
export function parsePhased(
  value: string | boolean | undefined,
  endValue: string | undefined,
  schedule: Date | undefined,
  now: number,
): Release['phased'] {
  if (value === undefined || value === false) {
    if (endValue !== undefined)
      throw new UsageError('--phased-end given without --phased', 'add --phased <percent>, e.g. --phased 10');
    return undefined;
  }
  let percent: number | null = null;
  if (typeof value === 'string') {
    // 0 % would release to nobody: a percentage above 0 and at most 100.
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(value.trim()) || Number(value) <= 0 || Number(value) > 100) {
      throw new UsageError(
        `--phased ${value} is not a percentage above 0 and at most 100`,
        'write it like --phased 10 or --phased 12.5; a bare --phased goes after the files',
      );
    }
    percent = Number(value);
  }
  if (endValue === undefined) return { percent };
  const end = parseSchedule(endValue, now, '--phased-end')!;
  if (schedule && end.getTime() <= schedule.getTime()) {
    throw new UsageError(`--phased-end ${endValue} is not after --schedule`, 'the phased release ends after it starts');
  }
  return { percent, end };
}
