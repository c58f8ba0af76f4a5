/**
 * DetailBody → AppInfo. /app/info describes ONE version: the latest, unless version_code is given
 * [src: seed 002]. So when that version is live it is `live`; in any other state (in review,
 * approved, scheduled, rejected, a draft, withdrawn, unknown) it is `pending`, and the live version
 * is not known from this call (null) — we do not make a second call to find it.
 */
import type { AppInfo, ReviewState, VersionRef } from '../types.js';
import { phpText } from './php-text.js';
import type { DetailBody } from './schemas.js';

/** audit_status codes (OPPO doc 11176 via U5/U6) [src: stores/oppo.md §2.8]. */
const BY_CODE: Record<string, ReviewState> = {
  '0': 'draft', // 未发布
  '1': 'reviewing', // 审核中
  '4': 'reviewing', // 运营审核中
  '2': 'approved', // 审核通过
  '6': 'approved', // 运营通过
  '7': 'scheduled', // 定时发布
  '3': 'rejected', // 测试不通过
  '5': 'rejected', // 运营打回
  '444': 'rejected', // 审核不通过
  '111': 'live', // 上线
  // 下线 (taken off the store): design.md has no "offline" state; "withdrawn" is the closest —
  // nothing is live and nothing is in review. Our choice, documented in the report.
  '222': 'withdrawn',
};

/** The same table by audit_status_name, for answers without audit_status (seed 002's example). */
const BY_NAME: Record<string, ReviewState> = {
  未发布: 'draft',
  审核中: 'reviewing',
  运营审核中: 'reviewing',
  审核通过: 'approved',
  运营通过: 'approved',
  定时发布: 'scheduled',
  测试不通过: 'rejected',
  运营打回: 'rejected',
  审核不通过: 'rejected',
  上线: 'live',
  下线: 'withdrawn',
};

/** The text OPPO shows when the developer withdrew the review; it comes as 444, with `revoke: 1` [src: APKGO-OP-TR]. */
const WITHDRAWN_TEXT = /撤销审核/;

export interface ReviewView {
  state: ReviewState;
  /** The store's own code and label, e.g. "111 上线". */
  storeState: string | null;
  reason: string | null;
}

export function reviewOf(detail: DetailBody): ReviewView {
  const code = detail.audit_status?.trim() || null;
  const name = detail.audit_status_name?.trim() || null;
  let state: ReviewState =
    (code !== null ? BY_CODE[code] : undefined) ?? (name !== null ? BY_NAME[name] : undefined) ?? 'unknown';
  const refusal = phpText(detail.refuse_reason);
  if (state === 'rejected' && (WITHDRAWN_TEXT.test(refusal ?? '') || String(detail.revoke ?? '') === '1'))
    state = 'withdrawn';
  const storeState = [code, name].filter((part) => part !== null).join(' ') || null;
  // OPPO keeps the last refusal text on later versions (seed 002: a live app still carries
  // "资源下架理由外部"), so the reason is shown only where it explains the state.
  const reason = state === 'rejected' || state === 'withdrawn' || state === 'unknown' ? refusal : null;
  return { state, storeState, reason };
}

export function versionOf(detail: DetailBody): VersionRef {
  return { versionCode: Number(detail.version_code), versionName: detail.version_name ?? '' };
}

export function normaliseInfo(pkg: string, detail: DetailBody, raw: unknown): AppInfo {
  const review = reviewOf(detail);
  const version = versionOf(detail);
  return {
    store: 'oppo',
    package: detail.pkg_name ?? pkg,
    appId: detail.app_id,
    appName: detail.app_name,
    live: review.state === 'live' ? version : null,
    // README "What info means": the newest version that is not live, whatever its state.
    pending: review.state === 'live' ? null : version,
    review,
    raw,
  };
}
