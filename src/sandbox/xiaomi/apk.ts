/** Reads an uploaded APK part the way the store does: parse it, and refuse it when it is not an APK. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readApkUnhashed } from '../read-upload.js';
import type { ApkInfo } from '../../artifacts/types.js';
import type { FormPart } from '../multipart.js';
import { XiaomiRejection } from './rejection.js';

/**
 * readApk works on a path: a file part is read from the sandbox's temp file; a part sent without a
 * filename (kept in memory) goes through a private temp file.
 */
export async function parseUploadedApk(field: string, part: FormPart): Promise<ApkInfo> {
  const dir = part.file ? null : await mkdtemp(join(tmpdir(), 'appstores-xiaomi-'));
  try {
    let path = part.file?.path;
    if (!path) {
      path = join(dir!, `${field}.apk`);
      await writeFile(path, part.data ?? Buffer.alloc(0));
    }
    // The part's size and MD5 were taken while it streamed in (no SHA-256: the store checks none).
    return await readApkUnhashed(path, { size: part.size, md5: part.md5, sha256: part.sha256 ?? '' });
  } catch (error) {
    if (error instanceof XiaomiRejection) throw error;
    // UNCONFIRMED: the code for an unparseable APK; −92 is the store's "APK rejected" [src: U1].
    throw new XiaomiRejection(-92, `${field} 不是有效的 APK 文件，无法解析`);
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
