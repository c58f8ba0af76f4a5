/**
 * The project's APK / App Bundle readers without their hashing pass: the sandbox hashed each upload
 * while it streamed in (spool.ts), so reading it again for the digest would double the cost.
 */
import { aabInfo, inspectAab } from '../artifacts/aab.js';
import { apkInfo, inspectApk } from '../artifacts/apk.js';
import { detectKind, notAnAppError } from '../artifacts/app-kind.js';
import type { AabInfo, ApkInfo, FileDigest } from '../artifacts/types.js';
import { withZip } from '../artifacts/zip.js';

/**
 * The zip entries whose data the readers below open (the rest they know only by name, from the
 * central directory): the manifest and resource table (apk-contents.ts, aab.ts), the v1 signature
 * block (apk-signer.ts; the v2/v3 block sits in the tail, always written); plus the PNGs under
 * res/, where the launcher icon is (apk-icon.ts), so that extractLauncherIcon works on a sparse
 * upload too. Nothing here checks a v2 digest over the entries, which would need every byte.
 */
export function readerEntry(name: string): boolean {
  return (
    name === 'AndroidManifest.xml' ||
    name === 'resources.arsc' ||
    name.startsWith('META-INF/') ||
    name.startsWith('base/manifest/') ||
    name === 'base/resources.pb' ||
    (name.startsWith('res/') && name.toLowerCase().endsWith('.png'))
  );
}

/** The digest is not known here: callers that need it take it from the spooled file. */
const UNHASHED: FileDigest = { size: -1, md5: '', sha256: '' };

/** readApk(path), minus the digest (size -1, empty hashes). */
export async function readApkUnhashed(path: string, digest: FileDigest = UNHASHED): Promise<ApkInfo> {
  const fields = await withZip(path, (zip) => {
    if (detectKind(zip) !== 'apk') throw notAnAppError(zip, 'apk');
    return inspectApk(zip);
  });
  return apkInfo(path, fields, digest);
}

/** An APK or App Bundle by content (an IPA is reported as `ipa`), without the digest. */
export async function readAndroidPackageUnhashed(path: string): Promise<ApkInfo | AabInfo | { kind: 'ipa' }> {
  return withZip(path, async (zip) => {
    const kind = detectKind(zip);
    if (kind === 'apk') return apkInfo(path, await inspectApk(zip), UNHASHED);
    if (kind === 'aab') return aabInfo(path, await inspectAab(zip), UNHASHED);
    if (kind === 'ipa') return { kind } as const;
    throw notAnAppError(zip, 'any');
  });
}
