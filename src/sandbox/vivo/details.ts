/** `app.query.details`: the app as vivo shows it to its developer [src: stores/vivo.md §3.5]. */
import { fail, ok, type MethodResult } from './envelope.js';
import type { VivoApp, VivoState } from './state.js';

export function queryDetails(state: VivoState, accessKey: string, params: Record<string, string>): MethodResult {
  const packageName = params.packageName;
  if (!packageName) return fail('20008', '必填参数为空: packageName');
  const app = state.apps.get(packageName);
  // An unknown package is a success envelope with empty data; apkgo uses this as its auth
  // probe [src: APKGO commit 022a2ce].
  if (!app) return ok(null);
  if (app.owner !== accessKey) return fail('11011', '开发者账号下不存在该应用');
  return ok(detailsData(app));
}

/**
 * The field set and types of the real trace [src: APKGO-VV-TR]: numbers stay numbers except
 * `versionCode`, which vivo sends as a string.
 */
export function detailsData(app: VivoApp): Record<string, unknown> {
  const { listing } = app;
  const data: Record<string, unknown> = {
    apkSize: app.apkSize,
    appType: listing.appType,
    classify: listing.classify,
    cnName: app.cnName,
    compatibleDevice: app.compatibleDevice,
    copyrightList: listing.copyrightList,
    customerService: listing.customerService,
    detailDesc: listing.detailDesc,
    icon: listing.icon,
    icpNumber: listing.icpNumber,
    mainTitle: listing.mainTitle,
    networkCultureLicense: listing.networkCultureLicense,
    onlineType: app.onlineType,
    packageName: app.packageName,
    privateSelfCheck: listing.privateSelfCheck,
    remark: listing.remark,
    saleStatus: app.saleStatus,
    scheOnlineTime: app.scheOnlineTime,
    screenshot: listing.screenshot,
    simpleDesc: listing.simpleDesc,
    status: app.status,
    subClassify: listing.subClassify,
    subTitle: listing.subTitle,
    testType: listing.testType,
    updateDesc: listing.updateDesc,
    versionCode: String(app.latest.versionCode),
    versionName: app.latest.versionName,
  };
  // The rejection reason [src: Dart VivoManager 33202532499; UNCONFIRMED against the official doc].
  // The trace of a withdrawn app has no such field, so it only appears once rejected.
  if (app.status === 4) data.unPassReason = app.unPassReason;
  return data;
}
