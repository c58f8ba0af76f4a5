/**
 * The project's APK / App Bundle readers without their hashing pass: the sandbox hashed each upload
 * while it streamed in (spool.ts), so reading it again for the digest would double the cost.
 */
import { aabInfo, inspectAab } from '../artifacts/aab.js';
import { apkInfo, inspectApk } from '../artifacts/apk.js';
import { detectKind, notAnAppError } from '../artifacts/app-kind.js';
import type { AabInfo, ApkInfo, FileDigest } from '../artifacts/types.js';
import { withZip } from '../artifacts/zip.js';

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
