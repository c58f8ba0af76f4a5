/**
 * app.query.details -> AppInfo. vivo shows one version, the latest submission, with its audit
 * `status` and the app's `saleStatus` [src: stores/vivo.md §3.5, §3.8]; there is no separate
 * "live version" field, so:
 * - status 3 (approved) + saleStatus 1 (on sale): that version is `live`, state `live`.
 * - status 3 + saleStatus 0 (waiting to go on sale): `approved`, or `scheduled` when onlineType is 2
 *   (timed release); the version is `pending`.
 * - status 3 + saleStatus 2 (taken off sale): `approved` (it passed review), not live, so `pending`;
 *   the storeState keeps saleStatus=2 for the reader.
 * - 1 draft, 2 reviewing, 4 rejected (reason from unPassReason), 5 withdrawn: the version is `pending`.
 * `pending` therefore means "the latest submission, which is not on sale"; review.state says where it stands.
 */
import type { AppInfo, ReviewState, VersionRef } from '../types.js';
import type { VivoDetails } from './schemas.js';

export const VIVO_STATUS = { draft: 1, reviewing: 2, approved: 3, rejected: 4, withdrawn: 5 } as const;
export const VIVO_SALE = { pending: 0, onSale: 1, offSale: 2 } as const;

export function reviewState(details: VivoDetails): ReviewState {
  switch (details.status) {
    case VIVO_STATUS.draft:
      return 'draft';
    case VIVO_STATUS.reviewing:
      return 'reviewing';
    case VIVO_STATUS.rejected:
      return 'rejected';
    case VIVO_STATUS.withdrawn:
      return 'withdrawn';
    case VIVO_STATUS.approved:
      if (details.saleStatus === VIVO_SALE.onSale) return 'live';
      if (details.saleStatus === VIVO_SALE.pending && details.onlineType === 2) return 'scheduled';
      return 'approved';
    default:
      return 'unknown';
  }
}

/** The store's own words, e.g. "status=3 saleStatus=1". */
export function storeStateOf(details: VivoDetails): string {
  return `status=${details.status}${details.saleStatus === null ? '' : ` saleStatus=${details.saleStatus}`}`;
}

export function versionOf(details: VivoDetails): VersionRef {
  return { versionCode: details.versionCode, versionName: details.versionName ?? '' };
}

export function toAppInfo(details: VivoDetails, raw: unknown): AppInfo {
  const state = reviewState(details);
  const isLive = state === 'live';
  return {
    store: 'vivo',
    package: details.packageName,
    // vivo identifies apps by package name only; details carry no app id.
    appId: null,
    appName: details.cnName,
    live: isLive ? versionOf(details) : null,
    // README "What info means": the newest version that is not live, whatever its state.
    pending: isLive ? null : versionOf(details),
    review: {
      state,
      reason: state === 'rejected' && details.unPassReason ? details.unPassReason : null,
      storeState: storeStateOf(details),
    },
    raw,
  };
}
