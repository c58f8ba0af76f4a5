/**
 * readApk: what the CLI reports about an APK (package, versions, label, SDKs, ABIs, signer,
 * size and digests). Reads the central directory and a handful of entries, then hashes the file
 * in one streamed pass; the APK is never loaded whole.
 */
import { resolve } from 'node:path';
import type { AabInfo, ApkInfo, FileDigest } from './types.js';
import { loadApkContents } from './apk-contents.js';
import { readSigner } from './apk-signer.js';
import { detectKind, notAnAppError } from './app-kind.js';
import { hashFile } from './hash.js';
import { withZip, type ZipArchive } from './zip.js';

export { extractLauncherIcon } from './apk-icon.js';

export type ApkFields = Omit<ApkInfo, 'kind' | 'path' | keyof FileDigest>;

export async function readApk(path: string): Promise<ApkInfo> {
  const fields = await withZip(path, (zip) => {
    if (detectKind(zip) !== 'apk') throw notAnAppError(zip, 'apk');
    return inspectApk(zip);
  });
  return apkInfo(path, fields, await hashFile(path));
}

/** Everything but the file digest, from an open zip known to hold AndroidManifest.xml. */
export async function inspectApk(zip: ZipArchive): Promise<ApkFields> {
  const { manifest } = await loadApkContents(zip);
  return {
    package: manifest.package,
    versionCode: manifest.versionCode,
    versionName: manifest.versionName,
    // Android shows the package name for an app without a label; so do we.
    label: manifest.label ?? manifest.package,
    minSdk: manifest.minSdk,
    targetSdk: manifest.targetSdk,
    abis: nativeAbis(zip.names),
    signer: await readSigner(zip),
  };
}

/** The ABI directories under `prefix` (lib/ in an APK, base/lib/ in an App Bundle) that hold at least one file, sorted. */
export function nativeAbis(names: readonly string[], prefix = 'lib/'): string[] {
  const abis = new Set<string>();
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^([^/]+)\/[^/]+$/.exec(name.slice(prefix.length));
    if (match) abis.add(match[1]!);
  }
  return [...abis].sort();
}

/** Key order follows the `inspect` JSON shape in design.md; an App Bundle has the same keys. */
export function apkInfo(path: string, fields: ApkFields, digest: FileDigest): ApkInfo;
export function apkInfo(path: string, fields: ApkFields, digest: FileDigest, kind: 'aab'): AabInfo;
export function apkInfo(
  path: string,
  fields: ApkFields,
  digest: FileDigest,
  kind: 'apk' | 'aab' = 'apk',
): ApkInfo | AabInfo {
  return {
    kind,
    path: resolve(path),
    package: fields.package,
    versionCode: fields.versionCode,
    versionName: fields.versionName,
    label: fields.label,
    minSdk: fields.minSdk,
    targetSdk: fields.targetSdk,
    abis: fields.abis,
    signer: fields.signer,
    size: digest.size,
    md5: digest.md5,
    sha256: digest.sha256,
  } as ApkInfo | AabInfo;
}
