/** `POST /dev/query` and `POST /dev/category` (stores/xiaomi.md 1.4). */
import { XiaomiRejection } from './rejection.js';
import type { SignedRequest } from './signed-request.js';
import type { XiaomiState } from './state.js';

export function queryApp(state: XiaomiState, request: SignedRequest): Record<string, unknown> {
  const { packageName } = request.requestData;
  if (typeof packageName !== 'string' || packageName === '') {
    throw new XiaomiRejection(-10000, 'RequestData 缺少 packageName');
  }
  if (state.foreignPackages.has(packageName)) {
    throw new XiaomiRejection(-7, '包名被其他开发者占用，需认领'); // [src: U1, U11, APKGO-XM]
  }
  const app = state.apps.get(packageName);
  if (!app) {
    // A package this account never pushed: packageInfo null [src: U11; APKGO-XM]. UNCONFIRMED: the
    // three flags for a new package; "may create, nothing to update" is the natural reading.
    return { result: 0, message: '查询成功', create: true, updateVersion: false, updateInfo: false, packageInfo: null };
  }
  // While a version is in review the store says updateVersion=false and shows only the live
  // version; the pending one is invisible [src: XZ-MI `MiAppInfo.toMarketState`; APKGO-XM `audit`].
  // UNCONFIRMED: updateInfo during review; kept false with updateVersion.
  const inReview = app.pending !== null;
  const live = app.live;
  return {
    result: 0,
    message: '查询成功',
    create: false,
    updateVersion: !inReview,
    updateInfo: !inReview,
    packageInfo: live
      ? {
          appName: app.appName,
          packageName: app.packageName,
          versionCode: live.versionCode,
          versionName: live.versionName,
          onlineVersionCode: live.versionCode,
        }
      : null,
  };
}

/** No parameters and no SIG [src: U2, U3]. The ids are the sandbox's own. */
export function listCategories(): Record<string, unknown> {
  return {
    result: 0,
    message: '查询成功',
    categories: [
      { categoryId: 1, categoryName: '实用工具' },
      { categoryId: 2, categoryName: '影音视听' },
      { categoryId: 3, categoryName: '聊天社交' },
      { categoryId: 4, categoryName: '图书阅读' },
      { categoryId: 5, categoryName: '学习教育' },
      { categoryId: 6, categoryName: '效率办公' },
    ],
  };
}
