/** Reads an uploaded APK part the way the store does: parse it, and refuse it when it is not an APK. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readApk } from '../../artifacts/apk.js';
import type { ApkInfo } from '../../artifacts/types.js';
import { XiaomiRejection } from './rejection.js';

/** readApk works on a path, so the part goes through a private temp file. */
export async function parseUploadedApk(field: string, data: Buffer): Promise<ApkInfo> {
  const dir = await mkdtemp(join(tmpdir(), 'appstores-xiaomi-'));
  try {
    const path = join(dir, `${field}.apk`);
    await writeFile(path, data);
    return await readApk(path);
  } catch (error) {
    if (error instanceof XiaomiRejection) throw error;
    // UNCONFIRMED: the code for an unparseable APK; −92 is the store's "APK rejected" [src: U1].
    throw new XiaomiRejection(-92, `${field} 不是有效的 APK 文件，无法解析`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
