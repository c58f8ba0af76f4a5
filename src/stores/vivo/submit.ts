/** The update submission's params, built from the release, the uploads and the current app. Pure. */
import { beijingTime } from '../../core/time.js';
import type { PlanRelease } from '../types.js';
import type { SyncMethod, UploadRole } from './api.js';

export interface Uploaded {
  role: UploadRole;
  serialnumber: string;
  md5: string;
}

export interface SyncRequest {
  method: SyncMethod;
  params: Record<string, string>;
}

/**
 * Single APK: app.sync.update.app with `apk` and `fileMd5`. Pair: app.sync.update.subpackage.app with
 * `apk32` and `apk64` and no fileMd5, which is what works for apkgo [src: APKGO-VV; DC-VV; U13 test].
 * `compatibleDevice` is the app's current value: apkgo's hard-coded 2 could silently turn a phone app
 * into a phone+pad one [src: stores/vivo.md §3.7].
 */
export function syncRequest(release: PlanRelease, uploads: Uploaded[], compatibleDevice: string): SyncRequest {
  const params: Record<string, string> = {
    packageName: release.package,
    versionCode: String(release.versionCode),
  };
  let method: SyncMethod;
  const single = uploads.find((u) => u.role === 'single');
  if (single) {
    method = 'app.sync.update.app';
    params.apk = single.serialnumber;
    params.fileMd5 = single.md5;
  } else {
    method = 'app.sync.update.subpackage.app';
    params.apk32 = serialOf(uploads, '32');
    params.apk64 = serialOf(uploads, '64');
  }
  params.updateDesc = release.notes;
  // 1: on sale right after approval; 2: at scheOnlineTime, written in Beijing time [src: APKGO-VV; MHS-VV comment].
  if (release.schedule) {
    params.onlineType = '2';
    params.scheOnlineTime = beijingTime(release.schedule);
  } else {
    params.onlineType = '1';
  }
  params.compatibleDevice = compatibleDevice;
  return { method, params };
}

function serialOf(uploads: Uploaded[], role: UploadRole): string {
  const upload = uploads.find((u) => u.role === role);
  if (!upload) throw new Error(`internal: no ${role}-bit upload in a split pair`);
  return upload.serialnumber;
}
