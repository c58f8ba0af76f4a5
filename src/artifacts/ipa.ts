/**
 * readIpa: bundle id, versions, display name and minimum iOS from Payload/<name>.app/Info.plist
 * (binary or XML property list), then the file digest in one streamed pass.
 */
import { parse } from '@plist/parse';
import { resolve } from 'node:path';
import type { FileDigest, IpaInfo } from './types.js';
import { detectKind, infoPlistName, notAnAppError } from './app-kind.js';
import { hashFile } from './hash.js';
import { artifactError } from './input-errors.js';
import { withZip, type ZipArchive } from './zip.js';

export type IpaFields = Omit<IpaInfo, 'kind' | 'path' | keyof FileDigest>;

const MAX_INFO_PLIST = 4 * 1024 * 1024;

export async function readIpa(path: string): Promise<IpaInfo> {
  const fields = await withZip(path, (zip) => {
    if (detectKind(zip) !== 'ipa') throw notAnAppError(zip, 'ipa');
    return inspectIpa(zip);
  });
  return ipaInfo(path, fields, await hashFile(path));
}

/** Everything but the file digest, from an open zip known to hold Payload/<name>.app/Info.plist. */
export async function inspectIpa(zip: ZipArchive): Promise<IpaFields> {
  const { entry, info } = await readInfoPlist(zip);
  const text = (key: string): string | null => {
    const value = info[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value).trim() || null : null;
  };
  const bundleId = text('CFBundleIdentifier');
  if (!bundleId) throw artifactError('BAD_MANIFEST', zip.file, `has no CFBundleIdentifier in ${entry}`);
  const appName = /^Payload\/([^/]+)\.app\//.exec(entry)![1]!;
  return {
    package: bundleId,
    versionName: text('CFBundleShortVersionString') ?? text('CFBundleVersion') ?? '',
    buildNumber: text('CFBundleVersion') ?? '',
    label: text('CFBundleDisplayName') ?? text('CFBundleName') ?? appName,
    minOS: text('MinimumOSVersion'),
  };
}

/** The app's Info.plist as a dictionary, and its entry name (Payload/<name>.app/Info.plist). */
export async function readInfoPlist(zip: ZipArchive): Promise<{ entry: string; info: Record<string, unknown> }> {
  const entry = infoPlistName(zip)!;
  const bytes = await zip.read(entry, MAX_INFO_PLIST);
  let info: unknown;
  try {
    // The binary parser wants an ArrayBuffer of exactly the plist's bytes.
    info = parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw artifactError('BAD_MANIFEST', zip.file, `has an unreadable ${entry} (${reason})`, error);
  }
  if (typeof info !== 'object' || info === null || Array.isArray(info)) {
    throw artifactError('BAD_MANIFEST', zip.file, `has an ${entry} that is not a dictionary`);
  }
  return { entry, info: info as Record<string, unknown> };
}

/** Key order follows the `inspect` JSON shape in design.md. */
export function ipaInfo(path: string, fields: IpaFields, digest: FileDigest): IpaInfo {
  return {
    kind: 'ipa',
    path: resolve(path),
    package: fields.package,
    versionName: fields.versionName,
    buildNumber: fields.buildNumber,
    label: fields.label,
    minOS: fields.minOS,
    size: digest.size,
    md5: digest.md5,
    sha256: digest.sha256,
  };
}
