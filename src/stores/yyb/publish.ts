/**
 * Plan and publish one YYB release [src: stores/yyb.md 1.6]: checks first (an upload slot is one
 * of 100 a day), then per binary slot get_file_upload_info → one COS PUT, then update_app once;
 * after an ambiguous update_app, query_app_update_status decides, never a second update_app.
 * YYB never names the version it reviews, so what was submitted goes into the submit journal:
 * a re-run can then tell "that submission is ours" from "another version is in review".
 */
import { basename } from 'node:path';
import { StoreError } from '../../core/errors.js';
import { fileProgress, submitOnce } from '../kit/index.js';
import type { JournalKey, Plan, PlanRelease, ProgressFn, PublishOutcome, Release, StoreContext } from '../types.js';
import type { AppRef, YybApi } from './api.js';
import { checkNotes, deployTime } from './checks.js';
import type { YybConfig } from './config.js';
import { AUDIT_APPROVED, AUDIT_REVIEWING, yybInfo } from './info.js';
import { slotsFor, type Slot } from './slots.js';

export interface YybDeps {
  api: YybApi;
  ctx: StoreContext<YybConfig>;
  /** query_app_update_status; plan() is given the answer verify() read (kit firstRead), publish() reads. */
  updateStatus?: YybApi['updateStatus'];
}

export function journalKey(ctx: StoreContext<YybConfig>, pkg: string): JournalKey {
  return { store: 'yyb', endpoint: ctx.baseUrl, account: ctx.config.userId, package: pkg };
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

/** What plan() read and checked, handed to publish() so the app is read once per publish. */
export interface YybPlanned {
  app: AppRef;
  live: string;
}

type Checked = { skip: string } | YybPlanned;

export async function check(deps: YybDeps, release: PlanRelease): Promise<Checked> {
  const { ctx } = deps;
  const app = appRef(ctx.config.appIds, release.package);
  const [{ detail, raw: detailRaw }, { status, raw: statusRaw }, last] = await Promise.all([
    deps.api.appDetail(app),
    (deps.updateStatus ?? ((a) => deps.api.updateStatus(a)))(app),
    ctx.journal.last(journalKey(ctx, release.package)),
  ]);
  const info = yybInfo(app.pkg, app.appId, detail, status, { detail: detailRaw, status: statusRaw });
  // YYB shows no versionCode (a version name is no proof: a rebuild may keep it). The review
  // state is of the latest submission: when this machine's journal says that was this
  // versionCode, the store's state is about it. YYB refuses a versionCode not above its own (4000053).
  const ours =
    last?.versionCode === release.versionCode
      ? `the submission appstores made on ${new Date(last.at).toISOString()}`
      : null;
  if (ours && (status.audit_status === AUDIT_REVIEWING || status.audit_status === AUDIT_APPROVED)) {
    const state = status.audit_status === AUDIT_REVIEWING ? 'is reviewing' : 'approved';
    return { skip: `YYB ${state} versionCode ${release.versionCode}: ${ours} (audit_status=${status.audit_status})` };
  }
  if (status.audit_status === AUDIT_REVIEWING) {
    throw new StoreError(
      'YYB is reviewing a submission of this app (audit_status=1; YYB does not say which version); an update cannot be submitted now',
      {
        code: 'IN_REVIEW',
        store: 'yyb',
        hint: 'if it is this release, submitted from another machine, nothing is left to do; otherwise wait for the review to end (or withdraw it on the console), then run again',
      },
    );
  }
  checkNotes(release.notes);
  if (release.schedule && release.schedule.getTime() <= ctx.clock.now()) {
    throw new StoreError(`the schedule ${release.schedule.toISOString()} is not in the future`, {
      code: 'SCHEDULE_IN_PAST',
      store: 'yyb',
      hint: 'give a --schedule time in the future, or leave it out to release right after approval',
    });
  }
  return { app, live: info.live ? `live ${info.live.versionName}` : 'nothing live' };
}

export async function planRelease(deps: YybDeps, release: PlanRelease): Promise<Plan<YybPlanned>> {
  const checked = await check(deps, release);
  if ('skip' in checked) return { action: 'skip', summary: checked.skip };
  const slots = slotsFor(release);
  const files = (Object.entries(slots.apks) as Array<[Slot, NonNullable<(typeof slots.apks)[Slot]>]>)
    .map(([slot, apk]) => `${basename(apk.path)} (${(apk.size / 1048576).toFixed(1)} MB) as ${slot}`)
    .join(' + ');
  return {
    action: 'submit',
    summary: `upload ${files}, update_app versionCode ${release.versionCode} (${release.versionName}) over ${checked.live}, ${whenText(release)}`,
    state: checked,
  };
}

export async function publishRelease(
  deps: YybDeps,
  release: Release,
  progress: ProgressFn,
  planned?: YybPlanned,
): Promise<PublishOutcome> {
  // plan() read the app's detail and update status moments before (and stopped at a submission in
  // review); they are not read again before the upload. After a lost update_app answer, confirm()
  // below reads the status again: that is the one re-read a submit needs.
  const checked = planned ?? (await check(deps, release));
  if ('skip' in checked) return { status: 'skipped', message: checked.skip, reference: null };
  const { app } = checked;
  const { ctx } = deps;
  const slots = slotsFor(release);

  const params: Record<string, string> = {
    pkg_name: app.pkg,
    app_id: app.appId,
    deploy_type: release.schedule ? '2' : '1',
    ...slots.flags,
  };
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
    clock: ctx.clock,
    signal: ctx.signal,
    progress,
    submit: () => deps.api.updateApp(params),
    // The checks saw no submission in review; one in review now is this one.
    confirm: async () => {
      const { status } = await deps.api.updateStatus(app);
      return status.audit_status === AUDIT_REVIEWING
        ? 'query_app_update_status shows a submission in review (audit_status=1)'
        : null;
    },
  });
  const unrecorded = await record(ctx, release);
  return {
    status: 'submitted',
    message: `${result.message} for review; ${whenText(release)}${unrecorded}`,
    reference: serials.join(','),
  };
}

/** Notes the submit in the journal; a journal that cannot be written does not undo the submit. */
async function record(ctx: StoreContext<YybConfig>, release: PlanRelease): Promise<string> {
  try {
    await ctx.journal.record(journalKey(ctx, release.package), {
      versionCode: release.versionCode,
      versionName: release.versionName,
      at: ctx.clock.now(),
    });
    return '';
  } catch (error) {
    return ` (not noted in the submit journal: ${error instanceof Error ? error.message : String(error)}; a re-run will stop at IN_REVIEW)`;
  }
}

function whenText(release: PlanRelease): string {
  return release.schedule
    ? `released at ${deployTime(release.schedule)} (Unix s) after approval (deploy_type 2)`
    : 'released right after approval (deploy_type 1)';
}
