/**
 * Upload + /app/upd + bounded wait on task-state. /app/upd only accepts a task [src: U5; APKGO-OP]:
 * the outcome comes from task-state, polled first after 10 s [src: U5] then every 10 s for at most
 * 5 minutes (a clean task takes 30 s to 2 min [src: APKGO commit 5f52a0a]).
 *
 * The submit is never repeated: after an answer that may hide an accepted task (no answer at all,
 * 5xx, unreadable body) the task state and the app info are queried, and only they decide.
 */
import { basename } from 'node:path';
import { StoreError } from '../../core/errors.js';
import { beijingTime } from '../../core/time.js';
import { mayHaveBeenApplied } from '../../http/json.js';
import type { Clock, ProgressFn, PublishOutcome, Release } from '../types.js';
import type { OppoApi, TaskState } from './api.js';
import { evaluateRelease, type Evaluation, type Problem } from './checks.js';
import { apkUrlJson, cpuEntries } from './cpu-code.js';
import { listingEcho } from './listing.js';
import type { DetailBody } from './schemas.js';
import type { Params } from './sign.js';

const STORE = 'oppo';
export const FIRST_POLL_DELAY_MS = 10_000;
export const POLL_INTERVAL_MS = 10_000;
export const MAX_WAIT_MS = 5 * 60_000;

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
    category: 'rejected',
    store: STORE,
    hint: [...new Set(problems.map((p) => p.hint))].join('; '),
  });
}

export function notFound(pkg: string): StoreError {
  return new StoreError(`OPPO has no app ${pkg} in this developer account`, {
    code: 'APP_NOT_FOUND',
    category: 'config',
    store: STORE,
    hint: 'create the app on the console first (the API only updates existing apps); check the package name and the credentials',
  });
}

/** What /app/upd receives: the release, plus the listing echoed from /app/info. */
export function submitForm(detail: DetailBody, release: Release, apkUrl: string): Params {
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

export function whenText(release: Release): string {
  return release.schedule ? `at ${beijingTime(release.schedule)} Beijing time` : 'as soon as it is approved';
}

export async function publishRelease(
  deps: PublishDeps,
  release: Release,
  progress: ProgressFn,
): Promise<PublishOutcome> {
  const { api } = deps;
  const info = await api.appInfo(release.package);
  if (!info) throw notFound(release.package);
  const evaluation: Evaluation = evaluateRelease(info.detail, release, deps.clock.now());
  if (evaluation.skip) return { status: 'skipped', message: evaluation.skip, reference: null };
  if (evaluation.problems.length > 0) throw rejectionFor(evaluation.problems);

  const uploads: Array<{ url: string; md5: string; cpuCode: number }> = [];
  for (const { apk, cpuCode } of cpuEntries(release.apks)) {
    const detail = `uploading ${basename(apk.path)}`;
    progress({ phase: 'upload', detail });
    const uploaded = await api.uploadApk(apk, (sent, total) => progress({ phase: 'upload', detail, bytes: sent, total }));
    // The store's md5 must be the file's: anything else means the upload was damaged.
    if (uploaded.md5.toLowerCase() !== apk.md5.toLowerCase() || (uploaded.size !== null && uploaded.size !== apk.size)) {
      throw new StoreError(
        `OPPO received ${basename(apk.path)} damaged: md5 ${uploaded.md5} / ${uploaded.size ?? '?'} bytes, the file has ${apk.md5} / ${apk.size} bytes`,
        { code: 'UPLOAD_CORRUPTED', category: 'transient', store: STORE, hint: 'run again; nothing was submitted' },
      );
    }
    uploads.push({ url: uploaded.url, md5: uploaded.md5, cpuCode });
  }

  const form = submitForm(info.detail, release, apkUrlJson(uploads));
  const what = `versionCode ${release.versionCode} (${release.versionName})`;
  progress({ phase: 'submit', detail: `submitting ${what}` });
  let advisory: string | null = null;
  try {
    advisory = (await api.submit(form)).message;
  } catch (error) {
    if (error instanceof StoreError && Number(error.storeCode) === 911215) {
      return { status: 'skipped', message: `${what} is already in OPPO's review queue (911215 应用审核中)`, reference: null };
    }
    if (error instanceof StoreError && Number(error.storeCode) === 911216) {
      // A task is running: wait for it, never submit again [src: APKGO-OP].
      return settleRunningTask(deps, release, progress);
    }
    if (mayHaveBeenApplied(error)) return resolveAmbiguousSubmit(deps, release, progress, error);
    throw error;
  }
  const outcome = await waitForTask(deps, release, progress, null);
  return withAdvisory(outcome, advisory);
}


function withAdvisory(outcome: PublishOutcome, advisory: string | null): PublishOutcome {
  const notice = advisory?.trim();
  // The success message may be an advisory about new required fields [src: MHS-OP comment].
  return notice ? { ...outcome, message: `${outcome.message} (OPPO: ${notice})` } : outcome;
}

const CREDENTIAL_CODES = new Set(['TOKEN_INVALID', 'SIGNATURE_INVALID', 'TIMESTAMP_INVALID', 'AUTH_FAILED']);

/** task-state, or null when OPPO has no task for this version (any errno; the "no task" errno is UNCONFIRMED). */
async function findTask(api: OppoApi, release: Release): Promise<TaskState | null> {
  try {
    return await api.taskState(release.package, release.versionCode);
  } catch (error) {
    if (error instanceof StoreError && error.storeCode !== undefined && !CREDENTIAL_CODES.has(error.code)) return null;
    throw error;
  }
}

async function settleRunningTask(deps: PublishDeps, release: Release, progress: ProgressFn): Promise<PublishOutcome> {
  const task = await findTask(deps.api, release);
  if (task) return waitForTask(deps, release, progress, task);
  throw new StoreError(
    `OPPO is still running an earlier version update task for ${release.package} (911216 版本更新任务处理中); versionCode ${release.versionCode} was not submitted`,
    {
      code: 'TASK_RUNNING',
      category: 'conflict',
      store: STORE,
      storeCode: 911216,
      hint: `wait a few minutes, check with \`appstores info --store oppo --pkg ${release.package}\`, then run again`,
    },
  );
}

async function resolveAmbiguousSubmit(
  deps: PublishDeps,
  release: Release,
  progress: ProgressFn,
  cause: StoreError,
): Promise<PublishOutcome> {
  const what = `versionCode ${release.versionCode}`;
  progress({ phase: 'wait', detail: `the submit got no clear answer (${cause.message}); asking OPPO what it did` });
  let task: TaskState | null;
  let latest: number | null = null;
  try {
    // Task-state is to be asked no sooner than 10 s after /app/upd [src: U5]: asked earlier, a task
    // that was taken may not show yet, and "no task" would be read as "not applied".
    await deps.clock.sleep(FIRST_POLL_DELAY_MS, deps.signal);
    task = await findTask(deps.api, release);
    if (!task) latest = Number((await deps.api.appInfo(release.package))?.detail.version_code ?? NaN);
  } catch (error) {
    throw new StoreError(
      `OPPO may or may not have taken the submit of ${what}: it got no clear answer (${cause.message}) and checking OPPO's state failed too (${(error as Error).message})`,
      {
        code: 'SUBMIT_UNCONFIRMED',
        category: 'transient',
        store: STORE,
        cause,
        hint: `do not resubmit blindly: check \`appstores info --store oppo --pkg ${release.package}\` first; run publish again only if it still shows the old version`,
      },
    );
  }
  if (task) return waitForTask(deps, release, progress, task);
  if (latest === release.versionCode) {
    return { status: 'submitted', message: `OPPO shows ${what} after a submit that got no clear answer`, reference: null };
  }
  throw new StoreError(
    `the submit of ${what} got no clear answer (${cause.message}); OPPO shows no task for it and still versionCode ${Number.isNaN(latest) ? '?' : latest}, so it was not applied`,
    {
      code: 'SUBMIT_NOT_APPLIED',
      category: 'transient',
      store: STORE,
      cause,
      hint: 'nothing was submitted; run publish again',
    },
  );
}

/** Polls task-state until the task ends or MAX_WAIT_MS passes. `known` is a state already read. */
async function waitForTask(
  deps: PublishDeps,
  release: Release,
  progress: ProgressFn,
  known: TaskState | null,
): Promise<PublishOutcome> {
  const what = `versionCode ${release.versionCode} (${release.versionName})`;
  let task = known;
  let waited = 0;
  for (;;) {
    if (task?.state === '2') {
      return { status: 'submitted', message: `OPPO accepted ${what} for review; it goes live ${whenText(release)}`, reference: null };
    }
    if (task?.state === '3') {
      throw new StoreError(`OPPO refused ${what}: ${task.errMsg?.trim() || '(no err_msg)'}`, {
        code: 'TASK_FAILED',
        category: 'rejected',
        store: STORE,
        hint: 'fix what the message says (on the console for listing fields), then run again',
      });
    }
    if (waited >= MAX_WAIT_MS) break;
    const delay = waited === 0 ? FIRST_POLL_DELAY_MS : POLL_INTERVAL_MS;
    await deps.clock.sleep(delay, deps.signal);
    waited += delay;
    progress({ phase: 'wait', detail: `waiting for OPPO's task (${Math.round(waited / 1000)} s)` });
    try {
      task = await deps.api.taskState(release.package, release.versionCode);
    } catch (error) {
      // A passing network problem or 5xx costs one poll; anything else is an answer to act on.
      if (!(error instanceof StoreError && error.category === 'transient')) throw error;
      task = null;
    }
  }
  throw new StoreError(
    `OPPO took the submit of ${what}, but its task is still pending after ${MAX_WAIT_MS / 60_000} minutes`,
    {
      code: 'TASK_PENDING',
      category: 'transient',
      store: STORE,
      hint: `do not resubmit: check later with \`appstores info --store oppo --pkg ${release.package}\` (the version shows up once the task ends)`,
    },
  );
}
