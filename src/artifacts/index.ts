/**
 * Reading input files: `readArtifact` decides APK, App Bundle or IPA by content (AndroidManifest.xml,
 * base/manifest/AndroidManifest.xml, Payload/<name>.app/Info.plist), never by the file name. Bad input is one InputError line with a
 * stable code: FILE_NOT_FOUND, NOT_A_ZIP, CORRUPT_ZIP, NOT_AN_APP, BAD_MANIFEST.
 */
import { stat } from 'node:fs/promises';
import type { AabInfo, ArtifactInfo, FileDigest, IpaInfo, Undigested } from './types.js';
import { apkInfo, inspectApk } from './apk.js';
import { detectKind, notAnAppError } from './app-kind.js';
import { hashFile } from './hash.js';
import { artifactError, fileAccessError } from './input-errors.js';
import { withZip } from './zip.js';

// The App Bundle reader (protobuf, ~65 modules) and the IPA reader (the plist parsers) are imported
// only when such a file is read, so publishing an APK does not load them (issue 12: start-up).
const aab = () => import('./aab.js');
const ipa = () => import('./ipa.js');

export async function readAab(path: string): Promise<AabInfo> {
  return (await aab()).readAab(path);
}

export async function readIpa(path: string): Promise<IpaInfo> {
  return (await ipa()).readIpa(path);
}

export { readApk } from './apk.js';
export { extractLauncherIcon, type LauncherIcon } from './apk-icon.js';
export { hashFile, type HashOptions, type HashProgress } from './hash.js';
export type { ArtifactErrorCode } from './input-errors.js';
export {
  artifactJson,
  type AabInfo,
  type AndroidPackage,
  type ApkInfo,
  type ArtifactInfo,
  type FileDigest,
  type IpaInfo,
  type Undigested,
} from './types.js';

export interface ReadArtifactOptions {
  /** Aborts the hashing pass (Ctrl-C on a large file); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The hashing pass (tests inject a slow one to show what overlaps it). */
  hash?: (path: string, options: { signal?: AbortSignal }) => Promise<FileDigest>;
}

export async function readArtifact(path: string, options: ReadArtifactOptions = {}): Promise<ArtifactInfo> {
  const { info, digest } = await openArtifact(path, options);
  return digested(info, await digest);
}

/** A file read up to its manifest, its hashing pass started but not awaited. */
export interface OpenedArtifact {
  /** Everything but the digests; `size` is the file's size when it was parsed. */
  info: Undigested<ArtifactInfo>;
  /**
   * The one hashing pass, started at once. Rejects with the same one-line InputError as a read
   * error always had (FILE_NOT_FOUND), or CORRUPT_ZIP when the file changed while it was read:
   * the hashes then describe bytes no upload may send.
   */
  digest: Promise<FileDigest>;
}

/**
 * Parses the file (a bad file fails in milliseconds, before any store is contacted) and starts
 * hashing it; run-publish.ts lets the stores' checks run while the hash is computed.
 */
export async function openArtifact(path: string, options: ReadArtifactOptions = {}): Promise<OpenedArtifact> {
  const { info, before } = await parseArtifact(path, options.signal);
  const digest = hashUnchanged(path, before, options);
  digest.catch(() => {}); // awaited by the caller; a failure must not surface as an unhandled rejection first
  return { info, digest };
}

/**
 * What a file is (package, version, ABIs…) without hashing it: for the commands that only need to
 * know which app and version a file is (status, release, rollout, withdraw), where hashing a 1 GB
 * file would cost seconds for nothing.
 */
export async function readArtifactInfo(
  path: string,
  options: Pick<ReadArtifactOptions, 'signal'> = {},
): Promise<Undigested<ArtifactInfo>> {
  return (await parseArtifact(path, options.signal)).info;
}

async function parseArtifact(
  path: string,
  signal: AbortSignal | undefined,
): Promise<{ info: Undigested<ArtifactInfo>; before: FileIdentity }> {
  signal?.throwIfAborted();
  const before = await fileIdentity(path);
  const parsed = await withZip(path, async (zip) => {
    const kind = detectKind(zip);
    if (kind === 'apk') return { kind, fields: await inspectApk(zip) } as const;
    if (kind === 'aab') return { kind, fields: await (await aab()).inspectAab(zip) } as const;
    if (kind === 'ipa') return { kind, fields: await (await ipa()).inspectIpa(zip) } as const;
    throw notAnAppError(zip, 'any');
  });
  const placeholder = { size: before.size, md5: '', sha256: '' };
  const full =
    parsed.kind === 'apk'
      ? apkInfo(path, parsed.fields, placeholder)
      : parsed.kind === 'aab'
        ? (await aab()).aabInfo(path, parsed.fields, placeholder)
        : (await ipa()).ipaInfo(path, parsed.fields, placeholder);
  const { md5: _md5, sha256: _sha256, ...info } = full;
  return { info, before };
}

/** The parsed file with its digests: the same key order as the `inspect` JSON (size, md5, sha256 last). */
export function digested<T extends Undigested<ArtifactInfo>>(info: T, digest: FileDigest): T & FileDigest {
  return { ...info, size: digest.size, md5: digest.md5, sha256: digest.sha256 };
}

interface FileIdentity {
  size: number;
  mtimeMs: number;
  ino: number;
}

async function fileIdentity(path: string): Promise<FileIdentity> {
  try {
    const { size, mtimeMs, ino } = await stat(path);
    return { size, mtimeMs, ino };
  } catch (error) {
    throw fileAccessError(path, error);
  }
}

/**
 * The hash, and proof that it is the hash of the file that was parsed: same size, same inode, same
 * modification time before and after the pass. A file still being written (an unfinished copy, a
 * build writing it again) is refused rather than hashed half-way.
 */
async function hashUnchanged(path: string, before: FileIdentity, options: ReadArtifactOptions): Promise<FileDigest> {
  const hash = options.hash ?? ((p, o) => hashFile(p, undefined, o));
  const digest = await hash(path, { signal: options.signal });
  const after = await fileIdentity(path);
  const same = (a: FileIdentity) => a.size === before.size && a.ino === before.ino && a.mtimeMs === before.mtimeMs;
  if (digest.size !== before.size || !same(after)) {
    throw artifactError(
      'CORRUPT_ZIP',
      path,
      `changed while it was read (${before.size} bytes when parsed, ${digest.size} hashed, ${after.size} now)`,
    );
  }
  return digest;
}
