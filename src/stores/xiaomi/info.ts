/**
 * `/dev/query` -> AppInfo. Xiaomi has no review-status API ("暂时没有开放" [src: APKGO-XM `audit`]),
 * so the review state is inferred: while a version is in review the store answers
 * `updateVersion=false` and shows only the live version [src: XZ-MI `MiAppInfo.toMarketState`].
 * A rejection cannot be told apart from a live app [src: APKGO-XM `audit`].
 */
import { appNotFound } from '../kit/index.js';
import type { AppInfo } from '../types.js';
import type { PackageInfo, QueryAnswer } from './schemas.js';

/** The app as the query shows it; a package the account never pushed is APP_NOT_FOUND. */
export function requirePackageInfo(answer: QueryAnswer, packageName: string): PackageInfo {
  if (answer.packageInfo) return answer.packageInfo;
  throw appNotFound('xiaomi', packageName, 'create the app on the console first');
}

/** True while a submission is in review (its version is not visible). */
export function isReviewPending(answer: QueryAnswer): boolean {
  return answer.updateVersion === false;
}

export function toAppInfo(answer: QueryAnswer, packageName: string): AppInfo {
  const app = requirePackageInfo(answer, packageName);
  const reviewing = isReviewPending(answer);
  return {
    store: 'xiaomi',
    package: app.packageName ?? packageName,
    // The devupload API identifies apps by package name only.
    appId: null,
    appName: app.appName,
    live: { versionCode: app.versionCode, versionName: app.versionName ?? '' },
    // Reviewing, but which version is not visible through the API.
    pending: null,
    review: {
      state: reviewing ? 'reviewing' : 'live',
      reason: null,
      storeState: `inferred: updateVersion=${String(answer.updateVersion)}`,
    },
    raw: answer,
  };
}
