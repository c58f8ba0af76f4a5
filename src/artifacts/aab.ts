/**
 * readAab: what the CLI reports about an Android App Bundle (package, versions, label, SDKs, ABIs,
 * signer, size and digests), with the same rules as readApk: the central directory and two entries
 * (base/manifest/AndroidManifest.xml, base/resources.pb), then one streamed hashing pass.
 */
import type { AabInfo, FileDigest } from './types.js';
import { readBundleManifest } from './aab-manifest.js';
import { apkInfo, nativeAbis } from './apk.js';
import { readSigner } from './apk-signer.js';
import { AAB_MANIFEST, detectKind, notAnAppError } from './app-kind.js';
import { isFormatProblem } from './format-error.js';
import { hashFile } from './hash.js';
import { artifactError } from './input-errors.js';
import { withZip, type ZipArchive } from './zip.js';

export type AabFields = Omit<AabInfo, 'kind' | 'path' | keyof FileDigest>;

const AAB_RESOURCES = 'base/resources.pb';
const MAX_MANIFEST = 16 * 1024 * 1024;

export async function readAab(path: string): Promise<AabInfo> {
  const fields = await withZip(path, (zip) => {
    if (detectKind(zip) !== 'aab') throw notAnAppError(zip, 'aab');
    return inspectAab(zip);
  });
  return aabInfo(path, fields, await hashFile(path));
}

/** Everything but the file digest, from an open zip known to hold base/manifest/AndroidManifest.xml. */
export async function inspectAab(zip: ZipArchive): Promise<AabFields> {
  const manifestBytes = await zip.read(AAB_MANIFEST, MAX_MANIFEST);
  const tableBytes = zip.has(AAB_RESOURCES) ? await zip.read(AAB_RESOURCES) : null;
  let manifest;
  try {
    manifest = readBundleManifest(manifestBytes, tableBytes);
  } catch (error) {
    if (!isFormatProblem(error)) throw error;
    throw artifactError('BAD_MANIFEST', zip.file, `has an unreadable ${AAB_MANIFEST} (${error.message})`, error);
  }
  return {
    package: manifest.package,
    versionCode: manifest.versionCode,
    versionName: manifest.versionName,
    label: manifest.label ?? manifest.package,
    minSdk: manifest.minSdk,
    targetSdk: manifest.targetSdk,
    abis: nativeAbis(zip.names, 'base/lib/'),
    // Bundles are signed with jarsigner (v1 only); readSigner finds that block as for an APK.
    signer: await readSigner(zip),
  };
}

/** The APK's builder: an App Bundle's `inspect` JSON has the same keys. */
export function aabInfo(path: string, fields: AabFields, digest: FileDigest): AabInfo {
  return apkInfo(path, fields, digest, 'aab');
}
