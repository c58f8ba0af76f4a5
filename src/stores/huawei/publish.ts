/**
 * plan() and publish() for Huawei (stores/huawei.md 2.6): upload the APK or AAB through a fresh
 * OBS URL, bind it once, wait for Huawei to process it, set the notes, then submit exactly once —
 * retrying the submit only on Huawei's "still processing" answers, which are definite refusals.
 */
import { basename } from 'node:path';
import type { AndroidPackage, Undigested } from '../../artifacts/types.js';
import type { Clock } from '../../core/clock.js';
import { AppError, StoreError } from '../../core/errors.js';
import { TransportError } from '../../http/client.js';
import {
  duration,
  fileProgress,
  matchLocales,
  missingLocalesSuffix,
  pollUntil,
  submitOnce,
  versionPresent,
} from '../kit/index.js';
import type { Plan, PlanRelease, ProgressFn, PublishOutcome, Release } from '../types.js';
import type { HuaweiApi, PhasedFields, ReleaseType } from './api.js';
import { lookupAppId, toAppInfo } from './info.js';
import { huaweiTime } from './time.js';

/** AABs over 150 MB fail to compile (80210116) [src: stores/huawei.md 2.4]. */
export const MAX_AAB_BYTES = 150 * 1024 * 1024;
/** newFeatures ≤ 500 characters [src: cianru "String(500)"; fl-hw 77a53a2]. */
export const NOTES_MAX = 500;
/** Fresh upload URLs tried per publish: the URL lives ~5 minutes and a failed PUT cannot resume. */
const UPLOAD_ATTEMPTS = 3;
/** AAB compiles take minutes; APKs are parsed in about 2 [src: hw-v3-submit]. */
const COMPILE_WAIT = {
  aab: { firstDelayMs: 5_000, intervalMs: 15_000, windowMs: 20 * 60_000 },
  apk: { firstDelayMs: 2_000, intervalMs: 10_000, windowMs: 10 * 60_000 },
};
/** When --phased-end is not given. UNCONFIRMED whether Huawei has a default end; one place to change. */
export const DEFAULT_PHASED_DAYS = 7;
/** releaseState after a submit: in review (4, 5), pre-review (12), scheduled (3). */
const SUBMITTED_STATES = new Set([3, 4, 5, 12]);

export interface HuaweiRun {
  api: HuaweiApi;
  /** stores.huawei.chineseMainland, sent as chineseMainlandFlag when set. */
  chineseMainland?: boolean;
  clock: Clock;
  signal: AbortSignal;
}

/** What plan() read, handed to publish() so the app is looked up and read once per publish. */
export interface HuaweiPlanned {
  appId: string;
  info: Awaited<ReturnType<HuaweiApi['appInfo']>>;
}

function packageOf(release: Release): AndroidPackage;
function packageOf(release: PlanRelease): Undigested<AndroidPackage>;
function packageOf(release: PlanRelease): Undigested<AndroidPackage> {
  const file = release.aab ?? release.apks[0];
  if (!file) throw new StoreError('no APK or App Bundle for Huawei', { code: 'USAGE', store: 'huawei' });
  return file;
}

const releaseTypeOf = (release: PlanRelease): ReleaseType => (release.phased ? 3 : 1);

/** `appIds`: appid-list of a package (the session passes the answer verify() already has, kit firstRead). */
export async function planRelease(
  run: HuaweiRun,
  release: PlanRelease,
  appIds?: HuaweiApi['appIds'],
): Promise<Plan<HuaweiPlanned>> {
  const file = packageOf(release);
  if (file.kind === 'aab' && file.size > MAX_AAB_BYTES) {
    throw new StoreError(
      `${basename(file.path)} is ${Math.ceil(file.size / 1024 / 1024)} MB; Huawei takes App Bundles up to 150 MB (80210116)`,
      {
        code: 'FILE_TOO_LARGE',
        store: 'huawei',
        hint: 'shrink the bundle (assets, native libraries), or publish a universal APK to Huawei: huawei=app.apk',
      },
    );
  }
  if ([...release.notes].length > NOTES_MAX) {
    throw new StoreError(
      `the release notes are ${[...release.notes].length} characters; Huawei takes at most ${NOTES_MAX}`,
      {
        code: 'NOTES_INVALID',
        category: 'config',
        store: 'huawei',
        hint: 'shorten the notes given with --notes / --notes-file',
      },
    );
  }
  if (release.phased && release.phased.percent === null) {
    throw new StoreError('Huawei needs the share of users for a phased release', {
      code: 'FIELD_INVALID',
      category: 'config',
      store: 'huawei',
      hint: 'give it: --phased 10 (percent, up to two decimals)',
    });
  }
  const appId = await lookupAppId(run.api, release.package, appIds);
  // The same releaseType on every call of one publish, reads included: mixing gives 204144647 [src: shipup-hw].
  const answer = await run.api.appInfo(appId, releaseTypeOf(release));
  const info = toAppInfo(release.package, appId, answer.parsed, answer.raw);
  const presence = versionPresent(info, release.versionCode);
  if (presence.present)
    return {
      action: 'skip',
      summary: `${release.versionName} (${release.versionCode}) is already ${presence.how} on Huawei`,
    };
  // 204144647 "can't be edited service", found here instead of after the upload.
  if (info.review.state === 'reviewing') {
    const other = info.pending ?? info.live;
    throw new StoreError(
      `Huawei has ${other ? `${other.versionName} (${other.versionCode})` : 'another version'} in review (${info.review.storeState}); it takes no update until the review ends`,
      {
        code: 'IN_REVIEW',
        store: 'huawei',
        storeCode: 204144647,
        hint: 'wait for the review, or withdraw it in AppGallery Connect, then run again',
      },
    );
  }
  if (info.live?.versionCode != null && info.live.versionCode >= release.versionCode) {
    throw new StoreError(
      `versionCode ${release.versionCode} is not above the live ${info.live.versionCode} (${info.live.versionName}) on Huawei`,
      {
        code: 'VERSION_NOT_HIGHER',
        store: 'huawei',
        hint: 'raise versionCode and build again',
      },
    );
  }
  if (release.phased && !info.live) {
    throw new StoreError(`Huawei has no version of ${release.package} on sale, and a phased release updates one`, {
      code: 'NO_LIVE_VERSION',
      store: 'huawei',
      hint: 'publish the first version without --phased',
    });
  }
  return {
    action: 'submit',
    summary: `would upload ${basename(file.path)} and submit ${release.versionName} (${release.versionCode}) for review${when(release, run.clock)}${missingText(languagesOf(answer.parsed), release)}`,
    state: { appId, info: answer },
  };
}

export async function publishRelease(
  run: HuaweiRun,
  release: Release,
  progress: ProgressFn,
  planned?: HuaweiPlanned,
): Promise<PublishOutcome> {
  const { api } = run;
  const file = packageOf(release);
  const releaseType = releaseTypeOf(release);
  // plan() read the app moments before, with this releaseType; it is not read again before the
  // upload (its languages and default language are what the notes below need). Called without
  // that state (a direct call), publish() plans first, as the other adapters do: the checks
  // (already there, another version in review, versionCode, sizes) are not left out.
  let checked = planned;
  if (!checked) {
    const plan = await planRelease(run, release);
    if (plan.action === 'skip' || !plan.state) return { status: 'skipped', message: plan.summary, reference: null };
    checked = plan.state;
  }
  const { appId, info } = checked;

  const objectId = await upload(run, appId, file, releaseType, progress);
  // Each bind adds a package to the draft (≤300 per app): once per publish, never retried.
  progress({ phase: 'upload', detail: 'binding the package to the draft version' });
  const pkgId = await api.bindFile(appId, releaseType, basename(file.path), objectId, file.size);
  await waitForPackage(run, appId, pkgId, file, progress);

  if (release.notesByLocale) {
    // --notes-dir: each language the app has gets its own locale's notes (only lang + newFeatures).
    for (const { locale, notes } of matchLocales(languagesOf(info.parsed), (l) => l, release.notesByLocale).covered) {
      progress({ phase: 'submit', detail: `setting the release notes (${locale})` });
      await api.updateNotes(appId, releaseType, locale, notes);
    }
  } else if (release.notes) {
    // The notes go to the app's default language; only lang + newFeatures are sent.
    const lang = info.parsed.appInfo.defaultLang ?? info.parsed.languages?.[0]?.lang ?? 'zh-CN';
    progress({ phase: 'submit', detail: `setting the release notes (${lang})` });
    await api.updateNotes(appId, releaseType, lang, release.notes);
  }

  const releaseTime = release.schedule && !release.phased ? huaweiTime(release.schedule) : null;
  const phased = release.phased ? phasedFields(release, run.clock) : null;
  const what = `versionCode ${release.versionCode} (${release.versionName})`;
  const submitted = await submitOnce({
    store: 'huawei',
    what,
    check: `\`appstores info --store huawei --pkg ${release.package}\``,
    clock: run.clock,
    signal: run.signal,
    progress,
    submit: () => api.submit(appId, releaseType, releaseTime, phased),
    // "being processed" / "being compiled": a definite no, so the kit sends the submit again later.
    notYet: isNotYet,
    confirm: async () => {
      const app = (await api.appInfo(appId, releaseType)).parsed.appInfo;
      // The draft shows as versionCode too (with the live app's releaseState 0): only a version
      // in review, scheduled or on the shelf is evidence of the submit.
      const submitted =
        app.onShelfVersionCode === release.versionCode ||
        (app.versionCode === release.versionCode &&
          app.releaseState !== null &&
          SUBMITTED_STATES.has(app.releaseState));
      return submitted
        ? `app-info shows versionCode ${release.versionCode} with releaseState ${app.releaseState}`
        : null;
    },
  });
  return {
    status: 'submitted',
    message: `${submitted.message}; in review${when(release, run.clock)}${missingText(languagesOf(info.parsed), release)}`,
    reference: pkgId,
  };
}

const languagesOf = (parsed: { languages?: Array<{ lang: string }> | null }) =>
  (parsed.languages ?? []).map((l) => l.lang);

/** With --notes-dir: the app's languages on Huawei that the directory lacks, said ('' when none). */
function missingText(languages: string[], release: PlanRelease): string {
  if (!release.notesByLocale) return '';
  return missingLocalesSuffix(matchLocales(languages, (l) => l, release.notesByLocale).missing);
}

/** for-obs right before each PUT (the URL lives ~5 minutes); a failed PUT gets a fresh URL. */
async function upload(
  run: HuaweiRun,
  appId: string,
  file: AndroidPackage,
  releaseType: ReleaseType,
  progress: ProgressFn,
): Promise<string> {
  const name = basename(file.path);
  const bar = fileProgress(progress, `uploading ${name}`, file.size);
  for (let attempt = 1; ; attempt++) {
    const urlInfo = await run.api.uploadUrl(appId, name, file.size, file.sha256, releaseType, run.chineseMainland);
    try {
      await run.api.putFile(urlInfo, file.path, file.size, bar.whole());
      return urlInfo.objectId;
    } catch (error) {
      if (attempt >= UPLOAD_ATTEMPTS || !uploadRetryable(error) || run.signal.aborted) throw error;
      progress({
        phase: 'upload',
        detail: `upload of ${name} failed (${(error as Error).message}); again with a fresh upload URL`,
      });
      await run.clock.sleep(1000 * attempt, run.signal);
    }
  }
}

/** Huawei's "still processing / compiling" answers to a submit (api.ts maps them to STILL_PROCESSING). */
function isNotYet(error: unknown): boolean {
  return (
    error instanceof AppError &&
    error.code === 'STILL_PROCESSING' &&
    (error.storeCode === 204144660 || error.storeCode === 204144727)
  );
}

function uploadRetryable(error: unknown): boolean {
  if (error instanceof TransportError) return true;
  return error instanceof StoreError && error.category === 'transient';
}

/** compile/status until successStatus 0 (ready); 2 is a failure with Huawei's reason. */
async function waitForPackage(
  run: HuaweiRun,
  appId: string,
  pkgId: string,
  file: AndroidPackage,
  progress: ProgressFn,
): Promise<void> {
  const window = COMPILE_WAIT[file.kind];
  const outcome = await pollUntil({
    clock: run.clock,
    signal: run.signal,
    ...window,
    poll: async () => {
      const state = await run.api.compileStatus(appId, pkgId);
      if (!state || state.successStatus === 1) return undefined;
      return state;
    },
    onWait: ({ waitedMs }) =>
      progress({ phase: 'wait', detail: `waiting for Huawei to process the package (${duration(waitedMs)})` }),
  });
  if (!outcome.done) {
    throw new StoreError(
      `Huawei was still processing package ${pkgId} after ${duration(window.windowMs)}; nothing was submitted`,
      {
        code: 'STILL_PROCESSING',
        store: 'huawei',
        hint: 'submit the version in AppGallery Connect once it is processed (running again would add another package)',
      },
    );
  }
  if (outcome.value.successStatus !== 0) {
    throw new StoreError(
      `Huawei could not process ${basename(file.path)}: ${outcome.value.failReason || `successStatus ${outcome.value.successStatus}`}`,
      {
        code: 'FILE_REJECTED',
        store: 'huawei',
        storeCode: outcome.value.successStatus,
        hint: 'fix the package (Huawei names the problem) and build again',
      },
    );
  }
}

function phasedFields(release: PlanRelease, clock: Clock): PhasedFields {
  const start = release.schedule ?? new Date(clock.now());
  const end = release.phased?.end ?? new Date(start.getTime() + DEFAULT_PHASED_DAYS * 86_400_000);
  return {
    phasedReleaseStartTime: huaweiTime(start),
    phasedReleaseEndTime: huaweiTime(end),
    // A string with two decimals, "0.00"-"100.00" [src: cianru PhasedReleaseRequest].
    phasedReleasePercent: (release.phased?.percent ?? 0).toFixed(2),
    phasedReleaseDescription: [...release.notes].slice(0, NOTES_MAX).join(''),
  };
}

function when(release: PlanRelease, clock: Clock): string {
  if (release.phased) {
    const fields = phasedFields(release, clock);
    return `, phased to ${fields.phasedReleasePercent}% from ${fields.phasedReleaseStartTime} to ${fields.phasedReleaseEndTime}`;
  }
  return release.schedule ? `, released at ${huaweiTime(release.schedule)}` : '';
}
