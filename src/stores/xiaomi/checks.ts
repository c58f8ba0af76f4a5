/**
 * What plan() and publish() decide from one `/dev/query` answer, before anything is uploaded
 * (stores/xiaomi.md 1.5 "Recommended pre-check": updateVersion must be true and the local
 * versionCode above packageInfo.versionCode [src: U2 flow; APKGO-XM]).
 *
 * publish() applies only `preflight` — the checks that keep it from submitting twice — and leaves
 * judging the content to the store, so that the store's own refusal (with its code) is what the
 * user sees. plan() adds `checkContent`, which predicts those refusals without uploading.
 */
import { StoreError } from '../../core/errors.js';
import type { PlanRelease } from '../types.js';
import { isReviewPending, requirePackageInfo } from './info.js';
import type { PackageInfo, QueryAnswer } from './schemas.js';

export type Decision = { action: 'skip'; summary: string } | { action: 'submit'; app: PackageInfo };

/**
 * updateDesc length in characters. It is required for updates (min 1) [src: stores/xiaomi.md §1.5
 * appInfo; U1, U2, U11]; the reference gives no maximum, so 500 — the release-notes cap of the
 * stores that document one (vivo's language-info method, Huawei newFeatures) [src: stores/vivo.md
 * §3.7; stores/README.md §4] — is UNCONFIRMED for Xiaomi: change it here only.
 */
export const NOTES_LENGTH = { min: 1, max: 500 } as const;

const label = (release: PlanRelease) => `${release.versionName} (${release.versionCode})`;

/**
 * Which versionCode is in review, as far as we know: the one this machine pushed (the submit
 * journal), or `stores.xiaomi.inReview` (a fresh CI machine without the journal).
 */
export interface ReviewKnowledge {
  versionCode: number;
  source: string;
}

export function preflight(answer: QueryAnswer, release: PlanRelease, inReview: ReviewKnowledge | null): Decision {
  const app = requirePackageInfo(answer, release.package);
  if (app.versionCode === release.versionCode) {
    return { action: 'skip', summary: `${label(release)} is already live on Xiaomi` };
  }
  if (isReviewPending(answer)) {
    // The store hides the pending version [src: XZ-MI; APKGO-XM `audit`]. Skipped only when we know
    // it is this release; otherwise pushing would be refused (−92 [src: U1]), so stop and say why.
    if (inReview?.versionCode === release.versionCode) {
      return {
        action: 'skip',
        summary: `${label(release)} is in review on Xiaomi (updateVersion=false; ${inReview.source})`,
      };
    }
    const known = inReview
      ? ` (${inReview.source}: versionCode ${inReview.versionCode})`
      : ' (the store does not show which version)';
    throw new StoreError(`a version of ${release.package} is already in review on Xiaomi${known}`, {
      code: 'IN_REVIEW',
      store: 'xiaomi',
      hint:
        `if it is ${label(release)}, set stores.xiaomi.inReview to ${release.versionCode} (or APPSTORES_XIAOMI_IN_REVIEW=${release.versionCode}) and run again; ` +
        'otherwise wait for the review to finish or withdraw it (撤回审核) on the Xiaomi console',
    });
  }
  return { action: 'submit', app };
}

/** What the store would refuse, checked before any upload (plan only). */
export function checkContent(app: PackageInfo, release: PlanRelease, now: number): void {
  if (release.versionCode < app.versionCode) {
    // The store refuses the same or a lower version with −92 [src: U1].
    throw new StoreError(
      `versionCode ${release.versionCode} is not above the live versionCode ${app.versionCode} (${app.versionName ?? '?'}) on Xiaomi`,
      {
        code: 'VERSION_NOT_HIGHER',
        store: 'xiaomi',
        hint: 'build with a higher versionCode',
      },
    );
  }
  if (release.notes.trim() === '') {
    // updateDesc is required for updates [src: U1, U2, U11].
    throw new StoreError('Xiaomi requires release notes (updateDesc) for an update', {
      code: 'NOTES_INVALID',
      store: 'xiaomi',
      hint: 'pass --notes or --notes-file',
    });
  }
  if (release.schedule && release.schedule.getTime() <= now) {
    throw new StoreError(`the scheduled time ${release.schedule.toISOString()} is in the past`, {
      code: 'SCHEDULE_IN_PAST',
      store: 'xiaomi',
      hint: 'pass a --schedule time in the future, or none to go live after review',
    });
  }
}
