/**
 * Turns the input files into one Release per target store: `path` goes to every store of its kind,
 * `oppo=path` to OPPO only (channel packages). Two APKs of the same package and versionCode whose
 * ABIs differ are a 32/64-bit split pair.
 */
import { readFile } from 'node:fs/promises';
import type { ApkInfo, ArtifactInfo } from '../artifacts/types.js';
import type { Release, StoreAdapter, StoreId } from '../stores/types.js';
import { InputError, UsageError } from './errors.js';

export interface FileArg {
  store: StoreId | null;
  path: string;
}

export function parseFileArg(arg: string, known: readonly string[]): FileArg {
  const match = /^([a-z]+)=(.+)$/.exec(arg);
  if (match && known.includes(match[1]!)) return { store: match[1] as StoreId, path: match[2]! };
  return { store: null, path: arg };
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
    throw new InputError(`${apks.length} APKs given ${where}; a release is one APK or a 32/64-bit pair`, {
      code: 'TOO_MANY_APKS',
      hint: 'bind channel packages to their store as oppo=app-oppo.apk',
    });
  }
  const [first, second] = apks;
  if (first && second) {
    if (first.package !== second.package || first.versionCode !== second.versionCode) {
      throw new InputError(
        `the two APKs ${where} differ: ${first.package} ${first.versionCode} vs ${second.package} ${second.versionCode}`,
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
  phased?: Release['phased'];
  manualRelease?: boolean;
  waitMs?: number;
}

export function buildReleases(input: ReleaseInput): Map<StoreId, Release> {
  const shared = input.artifacts.filter((a) => a.arg.store === null).map((a) => a.info);
  // Release-wide flags, left out when not given so that a Release stays as small as the run asked.
  const flags: Pick<Release, 'phased' | 'manualRelease' | 'waitMs'> = {
    ...(input.phased ? { phased: input.phased } : {}),
    ...(input.manualRelease ? { manualRelease: true } : {}),
    ...(input.waitMs !== undefined ? { waitMs: input.waitMs } : {}),
  };
  const releases = new Map<StoreId, Release>();
  for (const adapter of input.targets) {
    const bound = input.artifacts.filter((a) => a.arg.store === adapter.id).map((a) => a.info);
    const files = bound.length > 0 ? bound : shared;
    const where = bound.length > 0 ? `for ${adapter.id}` : 'for all stores';
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

export async function readNotes(notes?: string, notesFile?: string): Promise<string> {
  if (notes !== undefined && notesFile !== undefined) {
    throw new UsageError('--notes and --notes-file both given', 'use one of them');
  }
  if (notesFile === undefined) return (notes ?? '').trim();
  try {
    return (await readFile(notesFile, 'utf8')).trim();
  } catch {
    throw new InputError(`cannot read the release notes file ${notesFile}`, {
      code: 'NOTES_NOT_FOUND',
      hint: 'check the path given to --notes-file',
    });
  }
}

export function parseSchedule(value: string | undefined, now: number): Date | undefined {
  if (value === undefined) return undefined;
  // An ISO-8601 time with an explicit zone: "2026-12-01T10:00:00+08:00" or "...Z".
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    throw new UsageError(
      `--schedule ${value} is not an ISO-8601 time with a zone`,
      'write it like 2026-12-01T10:00:00+08:00 (or ...Z for UTC)',
    );
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--schedule ${value} is not a valid time`);
  if (date.getTime() <= now) throw new UsageError(`--schedule ${value} is in the past`);
  return date;
}
