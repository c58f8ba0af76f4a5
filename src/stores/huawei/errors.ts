/**
 * Huawei's `ret.code` values and what they mean in the shared vocabulary (stores/huawei.md 2.4,
 * from hw-err / hw-err-h). A code missing here is STORE_REFUSED with Huawei's own message.
 */
import type { Meaning, RefusalTable } from '../kit/index.js';

export const SCOPE_HINT =
  'the Connect API client must be team-level: AGC → Users and permissions → API key → Connect API, created with Project "N/A" and a role that may release apps (App administrator); a project-level client gets HTTP 403 for every app';

export const HUAWEI_REFUSALS: RefusalTable = {
  204144641: { code: 'FIELD_INVALID', meaning: 'the store refused a value in the request' },
  204144642: {
    code: 'STORE_REFUSED',
    meaning: 'the store had an unknown system error',
    hint: 'run again in a few minutes',
  },
  204144643: { code: 'APP_NOT_FOUND', meaning: 'the store found no developer or app for this request' },
  204144644: { code: 'APP_NOT_FOUND', meaning: 'the store could not read the app' },
  204144645: {
    code: 'STORE_REFUSED',
    meaning: 'the store handed out no upload authorisation',
    hint: 'run again in a few minutes',
  },
  204144646: { code: 'FILE_REJECTED', meaning: 'the store did not add the package' },
  204144647: {
    code: 'IN_REVIEW',
    meaning: 'the version cannot be edited now (one is in review or being released, or releaseType changed)',
    hint: '`appstores info --store huawei --pkg <package>` shows the state; wait for the review to end, or withdraw it in AppGallery Connect',
  },
  204144650: {
    code: 'NOTES_INVALID',
    meaning: 'the app has no such language',
    hint: 'add the language in AppGallery Connect first',
  },
  204144651: { code: 'NOTES_INVALID', meaning: 'the store refused the language information' },
  204144652: { code: 'NOTES_INVALID', meaning: 'the store refused the language information' },
  204144653: { code: 'NOTES_INVALID', meaning: 'the store refused the language information' },
  204144660: { code: 'STORE_REFUSED', meaning: 'the store refused the submit' },
  204144662: {
    code: 'FILE_REJECTED',
    meaning: 'the store did not add the package (at most 300 packages per app)',
    hint: 'delete old packages of this version in AppGallery Connect, then run again',
  },
  204144664: {
    code: 'LISTING_INCOMPLETE',
    meaning: 'the pre-submit check failed',
    hint: 'open the version in AppGallery Connect: it says what is missing',
  },
  204144665: { code: 'AUTH_FAILED', meaning: 'the store refused the authentication' },
  204144666: { code: 'NO_API_PERMISSION', meaning: 'the account is suspended or not real-name verified' },
  204144675: { code: 'STORE_REFUSED', meaning: 'the app was removed from the shelf' },
  204144677: { code: 'SCHEDULE_IN_PAST', meaning: 'the store refused the release time' },
  204144678: { code: 'FIELD_INVALID', meaning: 'the store refused the release time' },
  204144715: { code: 'FIELD_INVALID', meaning: 'the store refused the phased release information' },
  204144718: { code: 'STORE_REFUSED', meaning: 'the store could not report the package status' },
  204144719: { code: 'STILL_PROCESSING', meaning: 'the package is still being compiled' },
  204144720: { code: 'FILE_REJECTED', meaning: 'the package failed to compile' },
  204144727: { code: 'STILL_PROCESSING', meaning: 'the package is still being compiled' },
};

export const STILL_PROCESSING: Meaning = {
  code: 'STILL_PROCESSING',
  meaning: 'Huawei is still processing the package',
  hint: 'wait a few minutes and run again, or submit the version in AppGallery Connect once it is processed',
};

/** Submit answers that mean "wait and submit again", not a refusal [src: apkgo-hw isParsingInProgress; shipup-hw]. */
export function isStillProcessing(code: number, message: string): boolean {
  if (code === 204144727) return true;
  return code === 204144660 && /being processed|parsing|compil|2-5 minutes|try again/i.test(message);
}
