/**
 * Withdraw the version in review (releaseState 4, 5 or 12) through
 * `POST /publish/v1/app-info/withdraw` — UNCONFIRMED: one Go client has it (go-agc, stores/huawei.md
 * 2.5 (8)), Huawei's docs do not. So every outcome carries a warning, and "withdrawn" is said only
 * when app-info no longer shows the version in review afterwards.
 */
import { StoreError } from '../../core/errors.js';
import type { WithdrawOutcome } from '../types.js';
import type { HuaweiApi } from './api.js';
import { lookupAppId } from './info.js';

/** releaseState of a version in review: 4 in review, 5 update in review, 12 pre-review [src: apkgo-hw, xz]. */
const IN_REVIEW = new Set([4, 5, 12]);

export const HUAWEI_WITHDRAW_WARNING =
  "Huawei's withdraw call (POST /publish/v1/app-info/withdraw) is UNCONFIRMED: known from one client only; check the version in AppGallery Connect";

export async function withdrawVersion(api: HuaweiApi, pkg: string): Promise<WithdrawOutcome & { warning: string }> {
  const appId = await lookupAppId(api, pkg);
  const before = (await api.appInfo(appId)).parsed.appInfo;
  const version = `${before.versionNumber ?? '?'} (${before.versionCode ?? '?'})`;
  if (before.releaseState === null || !IN_REVIEW.has(before.releaseState)) {
    return {
      status: 'nothing',
      message: `${pkg} has no version in review at Huawei (releaseState ${before.releaseState ?? 'unknown'})`,
      reference: null,
      warning: HUAWEI_WITHDRAW_WARNING,
    };
  }
  await api.withdraw(appId);
  const after = (await api.appInfo(appId)).parsed.appInfo;
  if (after.releaseState !== null && IN_REVIEW.has(after.releaseState)) {
    throw new StoreError(
      `Huawei answered the withdraw of ${version} with success, but app-info still shows releaseState ${after.releaseState} (in review)`,
      {
        code: 'STORE_REFUSED',
        store: 'huawei',
        hint: 'the withdraw call is UNCONFIRMED: withdraw the version in AppGallery Connect',
      },
    );
  }
  return {
    status: 'withdrawn',
    message: `version ${version} withdrawn from review: app-info shows releaseState ${after.releaseState ?? 'unknown'}`,
    reference: appId,
    warning: HUAWEI_WITHDRAW_WARNING,
  };
}
