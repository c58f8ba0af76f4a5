/** The release rules vivo enforces that can be checked before anything is uploaded. Pure. */
import type { ApkInfo, Undigested } from '../../artifacts/types.js';
import { StoreError, type ErrorCode } from '../../core/errors.js';
import { beijingTime } from '../../core/time.js';
import type { PlanRelease } from '../types.js';
import type { UploadRole } from './api.js';
import { versionPresent, type Presence } from '../kit/index.js';
import { storeStateOf, toAppInfo, VIVO_STATUS } from './info.js';
import type { VivoDetails } from './schemas.js';

/**
 * updateDesc length in characters. 5–200 comes from U7's spec of the create method; the language-info
 * method allows 500 [src: APKGO-NOTES]. UNCONFIRMED for updates: change it here only.
 */
export const UPDATE_DESC_LENGTH = { min: 5, max: 200 } as const;

function rejected(code: ErrorCode, message: string, hint: string): StoreError {
  return new StoreError(message, { code, category: 'rejected', store: 'vivo', hint });
}

export function checkNotes(notes: string): void {
  // Counted in characters (code points), not bytes or UTF-16 units: Chinese notes are common.
  const length = [...notes].length;
  const { min, max } = UPDATE_DESC_LENGTH;
  if (length < min || length > max) {
    throw rejected(
      'NOTES_INVALID',
      `release notes are ${length} characters; vivo takes ${min}–${max} for updateDesc`,
      `give --notes or --notes-file with ${min} to ${max} characters`,
    );
  }
}

export function checkSchedule(schedule: Date | undefined, nowMs: number): void {
  if (schedule && schedule.getTime() <= nowMs) {
    throw rejected(
      'SCHEDULE_IN_PAST',
      `the schedule ${schedule.toISOString()} (${beijingTime(schedule)} Beijing time) is not in the future`,
      'give a --schedule time in the future, or leave it out to publish right after approval',
    );
  }
}

export interface ApkUpload<A extends Undigested<ApkInfo> = ApkInfo> {
  role: UploadRole;
  apk: A;
}

/** One APK goes to app.upload.apk.app; a pair (release.split) goes to `.32` and `.64` [src: stores/vivo.md §3.6]. */
export function uploadsFor<A extends Undigested<ApkInfo>>(release: {
  apks: A[];
  split?: { apk32: A; apk64: A };
}): ApkUpload<A>[] {
  if (release.split) {
    return [
      { role: '32', apk: release.split.apk32 },
      { role: '64', apk: release.split.apk64 },
    ];
  }
  return release.apks.slice(0, 1).map((apk) => ({ role: 'single', apk }));
}

/** The kit's one "already there" policy, on the normalised details. */
export function alreadyThere(details: VivoDetails, release: PlanRelease): Presence {
  return versionPresent(toAppInfo(details, null), release.versionCode);
}

/** Another version in review blocks an update (vivo answers 12010 at submit) [src: U7]. */
export function checkNotInReview(details: VivoDetails): void {
  if (details.status === VIVO_STATUS.reviewing) {
    throw new StoreError(
      `vivo is reviewing versionCode ${details.versionCode} (${details.versionName ?? '?'}); an update cannot be submitted until that review ends (${storeStateOf(details)})`,
      {
        code: 'IN_REVIEW',
        store: 'vivo',
        hint: 'wait for the review to finish (or withdraw it on the console), then run again',
      },
    );
  }
}

/**
 * vivo wants a versionCode above the live one (15003 at upload) [src: U7]. details shows the latest
 * submission only, so the comparison is made when that submission is approved (live, or about to
 * be); after a rejection or withdrawal the live version is not visible, and the store decides.
 */
export function checkVersionAbove(details: VivoDetails, release: PlanRelease): void {
  if (details.status === VIVO_STATUS.approved && release.versionCode <= details.versionCode) {
    throw rejected(
      'VERSION_NOT_HIGHER',
      `versionCode ${release.versionCode} is not above vivo's approved versionCode ${details.versionCode} (${details.versionName ?? '?'})`,
      `raise versionCode above ${details.versionCode}`,
    );
  }
}

/** compatibleDevice is required on update and must be echoed, never guessed [src: U7; stores/vivo.md §3.7]. */
export function compatibleDeviceOf(details: VivoDetails): string {
  if (details.compatibleDevice === null) {
    throw new StoreError(
      'app.query.details did not say which devices the app supports (compatibleDevice), which the update must repeat',
      {
        code: 'BAD_RESPONSE',
        store: 'vivo',
        hint: 'set the supported devices on the vivo console, then run again; if it persists, report it',
      },
    );
  }
  return String(details.compatibleDevice);
}
