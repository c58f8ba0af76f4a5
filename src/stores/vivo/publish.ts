/**
 * Upload the APK(s), submit the update, and never submit twice: the submit (app.sync.update.*) is
 * not idempotent, so an ambiguous failure is resolved by reading app.query.details, and vivo's
 * "still processing" (11010, "don't resubmit" [src: APKGO-VV classify]) by polling it.
 */
import { basename } from 'node:path';
import { StoreError } from '../../core/errors.js';
import { mayHaveBeenApplied } from '../../http/json.js';
import type { Clock, ProgressFn, PublishOutcome, Release } from '../types.js';
import { UPLOAD_METHOD, type VivoApi } from './api.js';
import {
  alreadyThere,
  checkNotes,
  checkNotInReview,
  checkSchedule,
  compatibleDeviceOf,
  uploadsFor,
} from './checks.js';
import { storeStateOf, VIVO_STATUS } from './info.js';
import { requireDetails } from './lookup.js';
import type { VivoDetails } from './schemas.js';
import { syncRequest, type Uploaded } from './submit.js';

/** After a lost submit answer: how often, and how far apart, to look for the submission. */
export const CONFIRM_QUERIES = 3;
export const CONFIRM_INTERVAL_MS = 5_000;
/** After 11010: bounded polling of app.query.details, never a second submit. */
export const PROCESSING_POLLS = 6;
export const PROCESSING_INTERVAL_MS = 10_000;

export async function publishRelease(
  api: VivoApi,
  clock: Clock,
  signal: AbortSignal,
  release: Release,
  progress: ProgressFn,
): Promise<PublishOutcome> {
  const planned = uploadsFor(release);
  checkNotes(release.notes);
  checkSchedule(release.schedule, clock.now());

  const details = await requireDetails(api, release.package);
  if (alreadyThere(details, release)) {
    return {
      status: 'skipped',
      message: `vivo already has versionCode ${release.versionCode} (${storeStateOf(details)})`,
      reference: null,
    };
  }
  // Refuse before uploading: uploads count against a small daily quota [src: U7].
  checkNotInReview(details);
  const compatibleDevice = compatibleDeviceOf(details);

  const uploaded: Uploaded[] = [];
  for (const { role, apk } of planned) {
    const detail = `uploading ${basename(apk.path)} (${UPLOAD_METHOD[role]})`;
    progress({ phase: 'upload', detail, bytes: 0, total: apk.size });
    const data = await api.uploadApk(role, apk, (bytes, total) => progress({ phase: 'upload', detail, bytes, total }));
    uploaded.push({ role, serialnumber: data.serialnumber, md5: apk.md5 });
  }
  const reference = uploaded.map((u) => u.serialnumber).join(',');

  const { method, params } = syncRequest(release, uploaded, compatibleDevice);
  const what = `submit versionCode ${release.versionCode}`;
  progress({ phase: 'submit', detail: `${method} versionCode ${release.versionCode}` });
  const submitted = (how: string): PublishOutcome => ({
    status: 'submitted',
    message: `submitted versionCode ${release.versionCode} (${release.versionName}) for review${scheduleNote(params)}${how}`,
    reference,
  });

  try {
    await api.sync(method, params, what);
    return submitted('');
  } catch (error) {
    if (mayHaveBeenApplied(error)) {
      progress({ phase: 'wait', detail: 'the submit answer was lost; asking vivo whether it arrived' });
      const seen = await lookForSubmission(api, clock, signal, release, CONFIRM_QUERIES, CONFIRM_INTERVAL_MS, (cause) =>
        unconfirmed(what, error, cause),
      );
      if (seen.found) return submitted(' (the answer was lost; confirmed by querying app.query.details)');
      throw new StoreError(
        `${what}: the answer was lost (${error.message}), and app.query.details still shows versionCode ${seen.details.versionCode} (${storeStateOf(seen.details)}): versionCode ${release.versionCode} was NOT submitted`,
        {
          code: 'SUBMIT_NOT_APPLIED',
          category: 'transient',
          store: 'vivo',
          hint: 'run again: the upload is repeated and nothing was submitted twice',
          cause: error,
        },
      );
    }
    if (error instanceof StoreError && error.storeCode === '11010') {
      progress({ phase: 'wait', detail: 'vivo is still processing (11010); waiting without resubmitting' });
      const seen = await lookForSubmission(api, clock, signal, release, PROCESSING_POLLS, PROCESSING_INTERVAL_MS, (cause) =>
        unconfirmed(what, error, cause),
      );
      if (seen.found) return submitted(' (vivo first answered 11010 "processing"; confirmed by querying app.query.details)');
      const waited = Math.round(((PROCESSING_POLLS - 1) * PROCESSING_INTERVAL_MS) / 1000);
      throw new StoreError(
        `${error.message}; after ${PROCESSING_POLLS} checks over ${waited} s vivo does not show versionCode ${release.versionCode} (${storeStateOf(seen.details)}), and it was not submitted again`,
        { code: 'STILL_PROCESSING', category: 'transient', store: 'vivo', storeCode: '11010', hint: error.hint, cause: error },
      );
    }
    throw error;
  }
}

type Sighting = { found: true } | { found: false; details: VivoDetails };

/**
 * Reads app.query.details up to `tries` times. Found when it shows the release's versionCode in
 * review (or already approved). A failed read means we cannot tell: `unknown` builds that error.
 */
async function lookForSubmission(
  api: VivoApi,
  clock: Clock,
  signal: AbortSignal,
  release: Release,
  tries: number,
  intervalMs: number,
  unknown: (cause: unknown) => StoreError,
): Promise<Sighting> {
  let last: VivoDetails | null = null;
  for (let attempt = 1; attempt <= tries; attempt++) {
    if (attempt > 1) await clock.sleep(intervalMs, signal);
    try {
      last = await requireDetails(api, release.package);
    } catch (cause) {
      throw unknown(cause);
    }
    const shows =
      last.versionCode === release.versionCode &&
      (last.status === VIVO_STATUS.reviewing || last.status === VIVO_STATUS.approved);
    if (shows) return { found: true };
  }
  return { found: false, details: last! };
}

function unconfirmed(what: string, original: StoreError, cause: unknown): StoreError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new StoreError(
    `${what}: ${original.message}, and the follow-up app.query.details failed too (${why}): the submission may or may not have arrived`,
    {
      code: 'SUBMIT_UNCONFIRMED',
      category: 'transient',
      store: 'vivo',
      hint: 'check `appstores info --store vivo` (or the console) before running again, so the version is not submitted twice',
      cause,
    },
  );
}

function scheduleNote(params: Record<string, string>): string {
  return params.onlineType === '2' ? `; on sale at ${params.scheOnlineTime} Beijing time` : '; on sale right after approval';
}
