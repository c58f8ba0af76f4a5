/**
 * Plan and publish one YYB release [src: stores/yyb.md 1.6]: checks first (an upload slot is one
 * of 100 a day), then per binary slot get_file_upload_info → one COS PUT, then update_app once;
 * after an ambiguous update_app, query_app_update_status decides, never a second update_app.
 */
import { basename } from 'node:path';
import { StoreError } from '../../core/errors.js';
import { fileProgress, submitOnce } from '../kit/index.js';
import type { Clock, Plan, ProgressFn, PublishOutcome, Release } from '../types.js';
import type { AppRef, YybApi } from './api.js';
import { checkNotes, deployTime } from './checks.js';
import { AUDIT_REVIEWING, yybInfo } from './info.js';
import { slotsFor, type Slot } from './slots.js';

export interface YybDeps {
  api: YybApi;
  clock: Clock;
  signal: AbortSignal;
  appIds: Record<string, string>;
}

/** There is no package → app_id lookup: a package missing from appIds is a config error. */
export function appRef(appIds: Record<string, string>, pkg: string): AppRef {
  const appId = Object.hasOwn(appIds, pkg) ? appIds[pkg] : undefined;
  if (!appId) {
    throw new StoreError(`stores.yyb.appIds has no app_id for ${pkg} (YYB has no lookup by package)`, {
      code: 'CONFIG_INVALID',
      category: 'config',
      store: 'yyb',
      hint: `add "${pkg}": "<app_id>" to stores.yyb.appIds; the app_id is on the app's Android page of the YYB console`,
    });
  }
  return { pkg, appId };
}

interface Checked {
  app: AppRef;
  live: string;
}

export async function check(deps: YybDeps, release: Release): Promise<Checked> {
  const app = appRef(deps.appIds, release.package);
  const [{ detail, raw: detailRaw }, { status, raw: statusRaw }] = await Promise.all([deps.api.appDetail(app), deps.api.updateStatus(app)]);
  const info = yybInfo(app.pkg, app.appId, detail, status, { detail: detailRaw, status: statusRaw });
  // YYB shows no versionCode, so it never shows evidence that it has this release: nothing is
  // skipped (a version name is no proof: a rebuild may keep it). YYB itself refuses a versionCode
  // that is not above its own (4000053).
  if (status.audit_status === AUDIT_REVIEWING) {
    throw new StoreError('YYB is reviewing a submission of this app (audit_status=1; YYB does not say which version); an update cannot be submitted now', {
      code: 'IN_REVIEW',
      store: 'yyb',
      hint: 'if it is this release from an earlier run, nothing is left to do; otherwise wait for the review to end (or withdraw it on the console), then run again',
    });
  }
  checkNotes(release.notes);
  if (release.schedule && release.schedule.getTime() <= deps.clock.now()) {
    throw new StoreError(`the schedule ${release.schedule.toISOString()} is not in the future`, {
      code: 'SCHEDULE_IN_PAST',
      store: 'yyb',
      hint: 'give a --schedule time in the future, or leave it out to release right after approval',
    });
  }
  return { app, live: info.live ? `live ${info.live.versionName}` : 'nothing live' };
}

export async function planRelease(deps: YybDeps, release: Release): Promise<Plan> {
  const checked = await check(deps, release);
  const slots = slotsFor(release);
  const files = (Object.entries(slots.apks) as Array<[Slot, NonNullable<(typeof slots.apks)[Slot]>]>)
    .map(([slot, apk]) => `${basename(apk.path)} (${(apk.size / 1048576).toFixed(1)} MB) as ${slot}`)
    .join(' + ');
  return {
    action: 'submit',
    summary: `upload ${files}, update_app versionCode ${release.versionCode} (${release.versionName}) over ${checked.live}, ${whenText(release)}`,
  };
}

export async function publishRelease(deps: YybDeps, release: Release, progress: ProgressFn): Promise<PublishOutcome> {
  const { app } = await check(deps, release);
  const slots = slotsFor(release);

  const params: Record<string, string> = { pkg_name: app.pkg, app_id: app.appId, deploy_type: release.schedule ? '2' : '1', ...slots.flags };
  if (release.schedule) params.deploy_time = deployTime(release.schedule);
  const serials: string[] = [];
  for (const [slot, apk] of Object.entries(slots.apks) as Array<[Slot, NonNullable<(typeof slots.apks)[Slot]>]>) {
    const sent = fileProgress(progress, `uploading ${basename(apk.path)} (${slot})`, apk.size).whole();
    const { url, serial } = await deps.api.uploadSlot(app, apk);
    await deps.api.putFile(url, apk, sent);
    params[`${slot}_file_serial_number`] = serial;
    params[`${slot}_file_md5`] = apk.md5;
    serials.push(serial);
  }
  // Release notes only: listing fields (app_name, category, ...) are "leave empty if unchanged".
  params.feature = release.notes;

  const result = await submitOnce({
    store: 'yyb',
    what: `versionCode ${release.versionCode} (${release.versionName})`,
    check: `\`appstores info --store yyb --pkg ${release.package}\``,
    clock: deps.clock,
    signal: deps.signal,
    progress,
    submit: () => deps.api.updateApp(params),
    // The checks saw no submission in review; one in review now is this one.
    confirm: async () => {
      const { status } = await deps.api.updateStatus(app);
      return status.audit_status === AUDIT_REVIEWING ? 'query_app_update_status shows a submission in review (audit_status=1)' : null;
    },
  });
  return { status: 'submitted', message: `${result.message}; ${whenText(release)}`, reference: serials.join(',') };
}

function whenText(release: Release): string {
  return release.schedule ? `released at ${deployTime(release.schedule)} (Unix s) after approval (deploy_type 2)` : 'released right after approval (deploy_type 1)';
}
