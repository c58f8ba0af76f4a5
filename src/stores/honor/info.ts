/**
 * get-app-detail + get-app-current-release → AppInfo [src: stores/honor.md 4.5, 4.8].
 * - live: `releaseInfo`, the version on shelf (null fields for an app never approved).
 * - pending: the current release when it is above the live version, in the state its
 *   auditResult gives (0 审核中, 1 通过, 2 不通过, 3 未提交, 4 编辑中未提交).
 * - get-app-current-release is appId-scoped and can report a stale, unrelated task as rejected
 *   [src: apkgo #33]: a rejection of a version not above the live one is not shown as the app's
 *   state, and the session re-reads a rejection by its releaseId (get-audit-result) when it has one.
 */
import type { AppInfo, ReviewState, VersionRef } from '../types.js';
import { notesLanguage } from './listing.js';
import type { AppDetail, CurrentRelease } from './schemas.js';

const AUDIT_STATE: Record<number, ReviewState> = {
  0: 'reviewing',
  1: 'approved',
  2: 'rejected',
  3: 'draft',
  4: 'draft',
};

export function liveVersion(detail: AppDetail): (VersionRef & { versionCode: number }) | null {
  const code = detail.releaseInfo?.versionCode;
  return code === null || code === undefined
    ? null
    : { versionCode: code, versionName: detail.releaseInfo?.versionName ?? '' };
}

export function honorInfo(
  pkg: string,
  appId: string,
  detail: AppDetail,
  current: CurrentRelease | null,
  raw: unknown,
): AppInfo {
  const live = liveVersion(detail);
  const language = notesLanguage(detail.languageInfo ?? [], detail.basicInfo?.defaultLanguage ?? null);
  const info: AppInfo = {
    store: 'honor',
    package: pkg,
    appId,
    appName: language?.appName ?? null,
    live,
    pending: null,
    review: { state: live ? 'live' : 'unknown', reason: null, storeState: null },
    raw,
  };
  const code = current?.versionCode;
  const result = current?.auditResult;
  if (!current || result === null || result === undefined) return info;
  const storeState = `auditResult=${result}${current.auditMessage ? ` ${current.auditMessage}` : ''}`;
  const above = code !== null && code !== undefined && (!live || code > live.versionCode);
  if (!above) {
    // The current release is the live version (or older, or a stale task): the app is live.
    const stale = result === 2 ? ' (an older task, not the live version)' : '';
    return {
      ...info,
      review: {
        state: live ? 'live' : (AUDIT_STATE[result] ?? 'unknown'),
        reason: null,
        storeState: `${storeState}${stale}`,
      },
    };
  }
  const state = AUDIT_STATE[result] ?? 'unknown';
  return {
    ...info,
    pending: { versionCode: code!, versionName: current.versionName ?? '' },
    review: { state, reason: state === 'rejected' ? (current.auditMessage ?? null) : null, storeState },
  };
}
