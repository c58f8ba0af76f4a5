/**
 * query_app_detail + query_app_update_status → AppInfo [src: stores/yyb.md 1.5 (1), (5)].
 * YYB documents no versionCode anywhere: `live.versionCode` is null (the version name is shown),
 * and the review state belongs to the latest submission, whose version YYB does not name.
 * audit_status: 0 no submission (UNCONFIRMED), 1 审核中, 2 驳回, 3 通过, 8 withdrawn.
 */
import type { AppInfo, ReviewState } from '../types.js';
import type { YybDetail, YybStatus } from './schemas.js';

const STATE: Record<number, ReviewState> = { 1: 'reviewing', 2: 'rejected', 3: 'live', 8: 'withdrawn' };
export const AUDIT_REVIEWING = 1;
export const AUDIT_APPROVED = 3;

export function yybInfo(pkg: string, appId: string, detail: YybDetail, status: YybStatus, raw: unknown): AppInfo {
  const code = status.audit_status ?? null;
  const live = detail.version_name ? { versionCode: null, versionName: detail.version_name } : null;
  const state: ReviewState = code === null ? 'unknown' : (STATE[code] ?? (code === 0 && live ? 'live' : 'unknown'));
  return {
    store: 'yyb',
    package: pkg,
    appId,
    appName: detail.app_name,
    live,
    // The version of a submission in review is not told by YYB.
    pending: null,
    review: {
      state,
      reason: state === 'rejected' ? (status.audit_reason ?? null) : null,
      storeState: `audit_status=${code ?? '?'}; YYB shows no versionCode`,
    },
    raw,
  };
}
