/**
 * "Does the store already have this version?" — one policy for every store, read from the
 * normalised AppInfo (README "What `info` means"):
 *
 * - `live` is the version on sale; `pending` is the store's newest version that is not live
 *   (in review, approved, scheduled, rejected, draft, withdrawn or in an unknown state), whose
 *   state `review.state` gives; null when the newest version is live or the store does not say.
 * - The version is present when it is live, or pending in a state on its way to going live
 *   (reviewing, approved, scheduled) or in a state we cannot read (unknown: submitting again could
 *   duplicate it, so we do not). After a rejection, a withdrawal or as a draft it may be sent again.
 */
import type { AppInfo, ReviewState } from '../types.js';

const ON_ITS_WAY: ReadonlySet<ReviewState> = new Set(['reviewing', 'approved', 'scheduled', 'unknown']);

export interface Presence {
  present: boolean;
  /** Why, for a `skipped` message: "live", "in review", ... */
  how: string;
}

export function versionPresent(info: AppInfo, versionCode: number): Presence {
  if (info.live?.versionCode === versionCode) return { present: true, how: 'live' };
  if (info.pending?.versionCode === versionCode) {
    const state = info.review.state;
    const how =
      state === 'reviewing'
        ? 'in review'
        : state === 'unknown'
          ? `in a state appstores cannot read (${info.review.storeState ?? '?'})`
          : state;
    return { present: ON_ITS_WAY.has(state), how };
  }
  return { present: false, how: 'not there' };
}
