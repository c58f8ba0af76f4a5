/**
 * Reads an uploaded APK the way a store does: parse the bytes, report what the APK says about
 * itself, or the reason it cannot be read. Shared by the emulators that look inside uploads.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readApk } from '../artifacts/apk.js';

export interface UploadedApk {
  package: string;
  versionCode: number;
  versionName: string;
  abis: string[];
  signerSha256: string | null;
}

/** readApk works on a path, so the bytes go through a private temp file. */
export async function inspectUploadedApk(data: Buffer): Promise<UploadedApk | { error: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'appstores-sandbox-apk-'));
  try {
    const path = join(dir, 'upload.apk');
    await writeFile(path, data);
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
  } finally {
    await rm(dir, { recursive: true, force: true });
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
