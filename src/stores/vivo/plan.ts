/** Read-only checks before anything is uploaded (also what --dry-run shows). Only app.query.details is called. */
import { basename } from 'node:path';
import type { Clock, Plan, PlanRelease } from '../types.js';
import { UPLOAD_METHOD, type VivoApi } from './api.js';
import {
  alreadyThere,
  checkNotes,
  checkNotInReview,
  checkSchedule,
  checkVersionAbove,
  compatibleDeviceOf,
  uploadsFor,
} from './checks.js';
import { storeStateOf } from './info.js';
import { lookupApp, type VivoApp } from './lookup.js';
import type { VivoPlanned } from './publish.js';
import { syncRequest } from './submit.js';

/** `lookup`: app.query.details of a package (the session passes the answer verify() already has, kit firstRead). */
export async function planRelease(
  api: VivoApi,
  clock: Clock,
  release: PlanRelease,
  lookup: (pkg: string) => Promise<VivoApp> = (pkg) => lookupApp(api, pkg),
): Promise<Plan<VivoPlanned>> {
  const uploads = uploadsFor(release);
  const { details } = await lookup(release.package);
  const presence = alreadyThere(details, release);
  if (presence.present) {
    return {
      action: 'skip',
      summary: `vivo already has versionCode ${release.versionCode} (${presence.how}; ${storeStateOf(details)})`,
    };
  }
  checkNotInReview(details);
  checkVersionAbove(details, release);
  checkNotes(release.notes);
  checkSchedule(release.schedule, clock.now());
  const compatibleDevice = compatibleDeviceOf(details);

  const files = uploads
    .map(({ role, apk }) => `${basename(apk.path)} (${mb(apk.size)}) via ${UPLOAD_METHOD[role]}`)
    .join(' and ');
  // Built with placeholders (serialnumbers, md5s still being computed) only to describe the submit
  // exactly as publish will send it.
  const { method, params } = syncRequest(
    release,
    uploads.map(({ role }) => ({ role, serialnumber: '-', md5: '-' })),
    compatibleDevice,
  );
  const when =
    params.onlineType === '2' ? `on sale at ${params.scheOnlineTime} Beijing time` : 'on sale right after approval';
  return {
    action: 'submit',
    summary: `upload ${files}, then ${method} versionCode ${release.versionCode} (${release.versionName}), ${when}, compatibleDevice=${compatibleDevice} as on the store`,
    state: { details },
  };
}

function mb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
