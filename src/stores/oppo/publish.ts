/**
 * Upload + /app/upd + OPPO's task, through the kit's submitOnce. /app/upd only accepts a task
 * [src: U5; APKGO-OP]: its outcome comes from task-state, asked first after 10 s [src: U5] then
 * every 10 s for at most 5 minutes (a clean task takes 30 s to 2 min [src: APKGO commit 5f52a0a]).
 *
 * The submit is sent once. After an answer that may hide an accepted task (none at all, 5xx,
 * unreadable) or 911216 (a task is running), only OPPO's evidence decides: a task-state for this
 * version, or /app/info showing it.
 */
import { basename } from 'node:path';
import { StoreError } from '../../core/errors.js';
import { beijingTime } from '../../core/time.js';
import { appNotFound, fileProgress, submitOnce, versionPresent, type Window } from '../kit/index.js';
import type { Clock, PlanRelease, ProgressFn, PublishOutcome, Release } from '../types.js';
import type { OppoApi, TaskState } from './api.js';
import { evaluateRelease, type Evaluation, type Problem } from './checks.js';
import { apkUrlJson, cpuEntries } from './cpu-code.js';
import { normaliseInfo } from './info.js';
import { listingEcho } from './listing.js';
import type { DetailBody } from './schemas.js';
import type { Params } from './sign.js';

const STORE = 'oppo';
/** Task-state after 10 s, then every 10 s, for at most 5 minutes [src: U5]: after a submit, and to confirm one. */
const TASK_WINDOW: Window = { firstDelayMs: 10_000, intervalMs: 10_000, windowMs: 5 * 60_000 };

export interface PublishDeps {
  api: OppoApi;
  clock: Clock;
  signal: AbortSignal;
}

/** The release checked against the store's current app, as one error listing every problem. */
export function rejectionFor(problems: Problem[]): StoreError {
  const first = problems[0]!;
  return new StoreError(`OPPO would refuse this release: ${problems.map((p) => p.message).join('; ')}`, {
    code: first.code,
    store: STORE,
    hint: [...new Set(problems.map((p) => p.hint))].join('; '),
  });
}

export function notFound(pkg: string): StoreError {
  const hint =
    'create the app on the console first (the API only updates existing apps); check the package name and the credentials';
  return appNotFound(STORE, pkg, hint);
}

/** What /app/upd receives: the release, plus the listing echoed from /app/info. */
export function submitForm(detail: DetailBody, release: PlanRelease, apkUrl: string): Params {
  const form: Params = {
    ...listingEcho(detail),
    pkg_name: release.package,
    version_code: String(release.versionCode),
    apk_url: apkUrl,
    update_desc: release.notes.trim(),
    // 1: publish once approved; 2: at sche_online_time, Beijing local time [src: XZ-OP; APKGO-OP].
    online_type: release.schedule ? '2' : '1',
  };
  if (release.schedule) form.sche_online_time = beijingTime(release.schedule);
  return form;
}

export function whenText(release: PlanRelease): string {
  return release.schedule ? `at ${beijingTime(release.schedule)} Beijing time` : 'as soon as it is approved';
}

/** What plan() read: the app as /app/info showed it, whose listing /app/upd echoes. */
export interface OppoPlanned {
  detail: DetailBody;
}

/** /app/info, checked: the skip or the refusal plan() and a direct publish() both give. */
export async function readApp(
  appInfo: OppoApi['appInfo'],
  release: PlanRelease,
  nowMs: number,
): Promise<{ skip: string } | (OppoPlanned & Pick<Evaluation, 'current' | 'warnings'>)> {
  const found = await appInfo(release.package);
  if (!found) throw notFound(release.package);
  const evaluation = evaluateRelease(found.detail, release, nowMs);
  if (evaluation.skip) return { skip: evaluation.skip };
  if (evaluation.problems.length > 0) throw rejectionFor(evaluation.problems);
  return { detail: found.detail, current: evaluation.current, warnings: evaluation.warnings };
}

export async function publishRelease(
  deps: PublishDeps,
  release: Release,
  progress: ProgressFn,
  planned?: OppoPlanned,
): Promise<PublishOutcome> {
  const { api } = deps;
  // plan() read /app/info moments before; it is not read again before the upload. The listing
  // echoed below is the one read then, as it always was (the read came before the upload).
  const app = planned ?? (await readApp((pkg) => api.appInfo(pkg), release, deps.clock.now()));
  if ('skip' in app) return { status: 'skipped', message: app.skip, reference: null };

  const uploads: Array<{ url: string; md5: string; cpuCode: number }> = [];
  for (const { apk, cpuCode } of cpuEntries(release)) {
    const detail = `uploading ${basename(apk.path)}`;
    const uploaded = await api.uploadApk(apk, fileProgress(progress, detail, apk.size).whole());
    // The store's md5 must be the file's: anything else means the upload was damaged.
    if (
      uploaded.md5.toLowerCase() !== apk.md5.toLowerCase() ||
      (uploaded.size !== null && uploaded.size !== apk.size)
    ) {
      throw new StoreError(
        `OPPO received ${basename(apk.path)} damaged: md5 ${uploaded.md5} / ${uploaded.size ?? '?'} bytes, the file has ${apk.md5} / ${apk.size} bytes`,
        { code: 'UPLOAD_CORRUPTED', store: STORE, hint: 'run again; nothing was submitted' },
      );
    }
    uploads.push({ url: uploaded.url, md5: uploaded.md5, cpuCode });
  }

  const form = submitForm(app.detail, release, apkUrlJson(uploads));
  const what = `versionCode ${release.versionCode} (${release.versionName})`;
  let done;
  try {
    done = await submitOnce<{ message: string | null }, TaskState>({
      store: STORE,
      what,
      check: `\`appstores info --store oppo --pkg ${release.package}\``,
      clock: deps.clock,
      signal: deps.signal,
      progress,
      submit: () => api.submit(form),
      // 911216: a task is running; it may be this version's (an earlier run). Never submit again.
      processing: (error) => error instanceof StoreError && error.code === 'STILL_PROCESSING',
      confirm: () => evidenceOf(api, release),
      confirmWindow: TASK_WINDOW,
      settle: {
        ...TASK_WINDOW,
        poll: async () => {
          const task = await api.taskState(release.package, release.versionCode);
          return task.state === '2' || task.state === '3' ? task : undefined;
        },
      },
    });
  } catch (error) {
    // 911215: the app has a version in review. Skipped only when OPPO shows it is this one.
    if (error instanceof StoreError && error.code === 'IN_REVIEW') {
      const evidence = await evidenceOf(api, release).catch(() => null);
      if (evidence) return { status: 'skipped', message: `OPPO already has ${what} (${evidence})`, reference: null };
    }
    throw error;
  }
  if (done.settled?.state === '3') {
    throw new StoreError(`OPPO refused ${what}: ${done.settled.errMsg?.trim() || '(no err_msg)'}`, {
      code: 'STORE_REFUSED',
      store: STORE,
      storeCode: 'task_state 3',
      hint: 'fix what the message says (on the console for listing fields), then run again',
    });
  }
  const message = done.settled ? `OPPO accepted ${what} for review; it goes live ${whenText(release)}` : done.message;
  // The success message may be an advisory about new required fields [src: MHS-OP comment].
  const notice = done.answer?.message?.trim();
  return { status: 'submitted', message: notice ? `${message} (OPPO: ${notice})` : message, reference: null };
}

/**
 * OPPO's evidence that it has this version: a task-state for it that did not fail, or /app/info
 * showing it live or on its way. A task-state errno means "no task" (UNCONFIRMED which errno).
 */
async function evidenceOf(api: OppoApi, release: PlanRelease): Promise<string | null> {
  const task = await api.taskState(release.package, release.versionCode).catch((error: unknown) => {
    if (error instanceof StoreError && error.storeCode !== undefined && error.category !== 'auth') return null;
    throw error;
  });
  if (task && task.state !== '3') return `task-state ${task.state} for versionCode ${release.versionCode}`;
  const info = await api.appInfo(release.package);
  if (!info) return null;
  const presence = versionPresent(normaliseInfo(release.package, info.detail, null), release.versionCode);
  return presence.present ? `app info shows versionCode ${release.versionCode} ${presence.how}` : null;
}
