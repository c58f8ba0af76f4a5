/**
 * publish(): query, then one streamed multipart `POST /dev/push` that uploads and submits
 * (stores/xiaomi.md 1.5). The push is slow and not idempotent, so it is sent once; when no answer
 * comes, the store is queried before anything is concluded (stores/xiaomi.md 1.8).
 */
import { basename } from 'node:path';
import { AppError, StoreError } from '../../core/errors.js';
import { mayHaveBeenApplied } from '../../http/json.js';
import type { ProgressFn, PublishOutcome, Release } from '../types.js';
import { pushRelease, queryApp, type PushFile, type XiaomiCall } from './api.js';
import { preflight } from './checks.js';
import { iconPart, resolveIcon } from './icon.js';
import type { QueryAnswer } from './schemas.js';

/** How often, and how far apart, the store is asked whether an unanswered push arrived. */
const CONFIRM_QUERIES = 3;
const CONFIRM_INTERVAL_MS = 10_000;

const APK_TYPE = 'application/vnd.android.package-archive';

export async function publishRelease(call: XiaomiCall, release: Release, progress: ProgressFn): Promise<PublishOutcome> {
  const { ctx } = call;
  // Content checks are plan()'s; here only what keeps us from submitting twice (checks.ts).
  const decision = preflight(await queryApp(call, release.package), release);
  if (decision.action === 'skip') return { status: 'skipped', message: decision.summary, reference: null };

  const icon = await resolveIcon(ctx.config.icon, release.apks);
  const requestData = JSON.stringify({
    userName: ctx.config.account,
    synchroType: 1, // 1 = update package [src: U1, U2]
    appInfo: {
      // App names cannot be changed through the API (doc pId=1248): send the store's own name, as
      // XiaoZhuan does. UNCONFIRMED whether a mismatch is refused.
      appName: decision.app.appName ?? release.apks[0]!.label,
      packageName: release.package,
      versionName: release.versionName,
      updateDesc: release.notes,
      // Epoch MILLISECONDS [src: U1; XZ-MI "上线时间，毫秒时间戳"; APKGO-XM].
      ...(release.schedule ? { onlineTime: release.schedule.getTime() } : {}),
    },
  });

  try {
    const files = [...apkFiles(release), iconPart(icon)];
    const detail = `uploading ${files.map((f) => f.filename).join(' + ')}`;
    let submitting = false;
    const answer = await pushRelease(call, requestData, files, `push ${release.package}`, (sent, total) => {
      progress({ phase: 'upload', detail, bytes: sent, total });
      if (sent === total && !submitting) {
        submitting = true;
        progress({ phase: 'submit', detail: 'waiting for Xiaomi to process the push' });
      }
    });
    const said = answer.message ? ` (Xiaomi: ${answer.message})` : '';
    return { status: 'submitted', message: `${submitted(release)}${said}`, reference: null };
  } catch (error) {
    // No answer (timeout, broken pipe: users see "Broken pipe" on pushes that succeeded
    // [src: dxmwl/new_bee_upload_app#2]), a 5xx or an unreadable answer: Xiaomi may have taken it.
    if (mayHaveBeenApplied(error)) return await confirmByQuery(call, release, error, progress);
    throw error;
  }
}

/** `apk`, plus `secondApk` for a 32/64-bit pair: that exact field name, not `secondApkPath` (apkgo#46). */
function apkFiles(release: Release): PushFile[] {
  return release.apks.map((apk, index) => ({
    field: index === 0 ? 'apk' : 'secondApk',
    source: { path: apk.path },
    size: apk.size,
    // Computed once by the orchestrator's single read of the file.
    md5: apk.md5,
    filename: basename(apk.path),
    contentType: APK_TYPE,
  }));
}


/** Asks the store whether the unanswered push arrived; never pushes again. */
async function confirmByQuery(
  call: XiaomiCall,
  release: Release,
  failure: AppError,
  progress: ProgressFn,
): Promise<PublishOutcome> {
  const { ctx } = call;
  const version = `${release.versionName} (${release.versionCode})`;
  progress({ phase: 'wait', detail: 'the push got no answer; asking Xiaomi whether it arrived' });
  for (let check = 1; check <= CONFIRM_QUERIES; check++) {
    if (check > 1) await ctx.clock.sleep(CONFIRM_INTERVAL_MS, ctx.signal);
    let answer: QueryAnswer;
    try {
      answer = await queryApp(call, release.package);
    } catch (queryError) {
      throw new StoreError(
        `the push of ${version} got no answer (${failure.message}) and the follow-up query failed, so it is unknown whether Xiaomi received it`,
        {
          code: 'PUSH_OUTCOME_UNKNOWN',
          category: 'transient',
          store: 'xiaomi',
          hint: 'check the app on the Xiaomi console before running again: if a version is in review, do not push again',
          cause: queryError,
        },
      );
    }
    const evidence = arrivalEvidence(answer, release);
    if (evidence) {
      return {
        status: 'submitted',
        message: `${submitted(release)}; the push got no answer (${failure.code}), but a query confirmed Xiaomi received it (${evidence})`,
        reference: null,
      };
    }
  }
  throw notSubmitted(version, failure, `a query shows it was not submitted`);
}

/**
 * `updateVersion=false` means a submission is now in review; a live versionCode at or above the
 * release means it already went through. Either way the push arrived (stores/xiaomi.md 1.6, 1.8).
 */
function arrivalEvidence(answer: QueryAnswer, release: Release): string | null {
  if (answer.updateVersion === false) return 'updateVersion=false';
  const live = answer.packageInfo?.versionCode;
  if (live !== undefined && live >= release.versionCode) return `live versionCode ${live}`;
  return null;
}

function notSubmitted(version: string, failure: AppError, why: string): StoreError {
  return new StoreError(`the push of ${version} to Xiaomi failed (${failure.message}); ${why}`, {
    code: 'PUSH_NOT_SUBMITTED',
    category: 'transient',
    store: 'xiaomi',
    hint: 'nothing was submitted: it is safe to run again',
    cause: failure,
  });
}

function submitted(release: Release): string {
  const when = release.schedule ? `, to go online at ${release.schedule.toISOString()}` : '';
  return `submitted ${release.versionName} (${release.versionCode}) for review${when}`;
}
