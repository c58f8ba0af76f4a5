/**
 * Reading input files: `readArtifact` decides APK, App Bundle or IPA by content (AndroidManifest.xml,
 * base/manifest/AndroidManifest.xml, Payload/<name>.app/Info.plist), never by the file name. Bad input is one InputError line with a
 * stable code: FILE_NOT_FOUND, NOT_A_ZIP, CORRUPT_ZIP, NOT_AN_APP, BAD_MANIFEST.
 */
import type { AabInfo, ArtifactInfo, IpaInfo } from './types.js';
import { apkInfo, inspectApk } from './apk.js';
import { detectKind, notAnAppError } from './app-kind.js';
import { hashFile } from './hash.js';
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
} from './types.js';

export interface ReadArtifactOptions {
  /** Aborts the hashing pass (Ctrl-C on a large file); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

export async function readArtifact(path: string, options: ReadArtifactOptions = {}): Promise<ArtifactInfo> {
  const { signal } = options;
  signal?.throwIfAborted();
  // Parse first: a bad file fails in milliseconds, before a possibly long hashing pass.
  const parsed = await withZip(path, async (zip) => {
    const kind = detectKind(zip);
    if (kind === 'apk') return { kind, fields: await inspectApk(zip) } as const;
    if (kind === 'aab') return { kind, fields: await (await aab()).inspectAab(zip) } as const;
    if (kind === 'ipa') return { kind, fields: await (await ipa()).inspectIpa(zip) } as const;
    throw notAnAppError(zip, 'any');
  });
  const digest = await hashFile(path, undefined, { signal });
  if (parsed.kind === 'apk') return apkInfo(path, parsed.fields, digest);
  if (parsed.kind === 'aab') return (await aab()).aabInfo(path, parsed.fields, digest);
  return (await ipa()).ipaInfo(path, parsed.fields, digest);
}
