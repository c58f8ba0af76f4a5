/**
 * Reads an uploaded APK the way a store does: parse the bytes, report what the APK says about
 * itself, or the reason it cannot be read. Shared by the emulators that look inside uploads.
 */
import { readApkUnhashed as readApk } from './read-upload.js';

export interface UploadedApk {
  package: string;
  versionCode: number;
  versionName: string;
  abis: string[];
  signerSha256: string | null;
}

/** Reads the upload from the temp file the sandbox streamed it to. */
export async function inspectUploadedApk(path: string): Promise<UploadedApk | { error: string }> {
  try {
    const info = await readApk(path);
    return {
      package: info.package,
      versionCode: info.versionCode,
      versionName: info.versionName,
      abis: info.abis,
      signerSha256: info.signer?.sha256 ?? null,
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const ABIS_64 = new Set(['arm64-v8a', 'x86_64', 'mips64']);
const ABIS_32 = new Set(['armeabi', 'armeabi-v7a', 'x86', 'mips']);

/** True when the APK has native code for a 64-bit ABI. */
export const has64BitAbi = (abis: string[]) => abis.some((abi) => ABIS_64.has(abi));
/** True when the APK has native code for a 32-bit ABI, or none at all (runs everywhere). */
export const runsOn32Bit = (abis: string[]) => abis.length === 0 || abis.some((abi) => ABIS_32.has(abi));

/** True when the request came with a Content-Length and not as a chunked stream. */
export function hasContentLength(headers: Record<string, string | string[] | undefined>): boolean {
  const encoding = String(headers['transfer-encoding'] ?? '').toLowerCase();
  return headers['content-length'] !== undefined && !encoding.includes('chunked');
}
