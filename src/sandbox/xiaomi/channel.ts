/**
 * `POST /dev/pushChannelApk`: a channel pack for an app that is already live. RequestData is
 * `{userName, apkChannel}` and the file part is `channelApk` [src: U2, U3, U4; in the sample code
 * only, not the doc's API list].
 */
import { parseUploadedApk } from './apk.js';
import { XiaomiRejection } from './rejection.js';
import type { SignedRequest } from './signed-request.js';
import type { XiaomiState } from './state.js';

export const CHANNEL_FILE_FIELDS = /^channelApk$/;

export async function pushChannelApk(state: XiaomiState, request: SignedRequest): Promise<void> {
  const { apkChannel } = request.requestData;
  if (typeof apkChannel !== 'string' || apkChannel === '') {
    throw new XiaomiRejection(-10000, 'RequestData 缺少 apkChannel');
  }
  const data = request.files.get('channelApk');
  if (!data) throw new XiaomiRejection(-10000, '缺少 channelApk 文件');
  const info = await parseUploadedApk('channelApk', data);
  if (state.foreignPackages.has(info.package)) throw new XiaomiRejection(-7, '应用归属关系异常：包名被其他开发者占用');
  const app = state.apps.get(info.package);
  if (!app) throw new XiaomiRejection(-32, `包名 ${info.package} 未在开发者后台创建`);
  // UNCONFIRMED: code for "not live yet".
  if (!app.live) throw new XiaomiRejection(-10000, '应用尚未上线，不能上传渠道包');
  state.channelApks.push({ packageName: info.package, apkChannel, md5: info.md5 });
}
