/**
 * Upload the APK(s), then submit the update once, through the kit's submitOnce: the submit
 * (app.sync.update.*) is not idempotent, so after an answer that was lost or unclear, or vivo's
 * "still processing" (11010, "don't resubmit" [src: APKGO-VV classify]), only app.query.details
 * decides, for minutes: vivo has held app.sync.update.app ~125 s and applied it afterwards.
 */
import { basename } from 'node:path';
import { StoreError } from '../../core/errors.js';
import { fileProgress, submitOnce } from '../kit/index.js';
import type { Clock, ProgressFn, PublishOutcome, Release } from '../types.js';
import { UPLOAD_METHOD, type VivoApi } from './api.js';
import { alreadyThere, checkNotes, checkNotInReview, checkSchedule, compatibleDeviceOf, uploadsFor } from './checks.js';
import { storeStateOf } from './info.js';
import { requireDetails } from './lookup.js';
import type { VivoDetails } from './schemas.js';
import { syncRequest, type Uploaded } from './submit.js';

/** What plan() read: app.query.details for the package (its state and compatibleDevice). */
export interface VivoPlanned {
  details: VivoDetails;
}

export async function publishRelease(
  api: VivoApi,
  clock: Clock,
  signal: AbortSignal,
  release: Release,
  progress: ProgressFn,
  planned?: VivoPlanned,
): Promise<PublishOutcome> {
  const uploads = uploadsFor(release);
  checkNotes(release.notes);
  checkSchedule(release.schedule, clock.now());

  // plan() read app.query.details moments before (and refused a version in review, before any
  // upload: uploads count against a small daily quota [src: U7]); it is not read again here.
  const details = planned?.details ?? (await requireDetails(api, release.package));
  if (!planned) {
    const presence = alreadyThere(details, release);
    if (presence.present) {
      return {
        status: 'skipped',
        message: `vivo already has versionCode ${release.versionCode} (${presence.how}; ${storeStateOf(details)})`,
        reference: null,
      };
    }
    checkNotInReview(details);
  }
  const compatibleDevice = compatibleDeviceOf(details);

  const uploaded: Uploaded[] = [];
  for (const { role, apk } of uploads) {
    const detail = `uploading ${basename(apk.path)} (${UPLOAD_METHOD[role]})`;
    const data = await api.uploadApk(role, apk, fileProgress(progress, detail, apk.size).whole());
    uploaded.push({ role, serialnumber: data.serialnumber, md5: apk.md5 });
  }
  const reference = uploaded.map((u) => u.serialnumber).join(',');

  const { method, params } = syncRequest(release, uploaded, compatibleDevice);
  const what = `versionCode ${release.versionCode} (${release.versionName})`;
  const done = await submitOnce({
    store: 'vivo',
    what,
    check: `\`appstores info --store vivo --pkg ${release.package}\``,
    clock,
    signal,
    progress,
    submit: () => api.sync(method, params, `${method} versionCode ${release.versionCode}`),
    processing: (error) => error instanceof StoreError && error.code === 'STILL_PROCESSING',
    confirm: async () => {
      const now = alreadyThere(await requireDetails(api, release.package), release);
      return now.present ? `app.query.details shows versionCode ${release.versionCode} ${now.how}` : null;
    },
  });
  return { status: 'submitted', message: `${done.message} for review${scheduleNote(params)}`, reference };
}

function scheduleNote(params: Record<string, string>): string {
  return params.onlineType === '2'
    ? `; on sale at ${params.scheOnlineTime} Beijing time`
    : '; on sale right after approval';
}
