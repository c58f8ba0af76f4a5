/**
 * publish(): query, then one streamed multipart `POST /dev/push` that uploads and submits
 * (stores/xiaomi.md 1.5), sent once through the kit's submitOnce: the push is slow and not
 * idempotent, so when no clear answer comes the store is queried before anything is concluded
 * (stores/xiaomi.md 1.8). What was pushed goes into the submit journal, because Xiaomi hides
 * which version is in review and a re-run must be able to say "that one is ours".
 */
import { basename } from 'node:path';
import { fileProgress, submitOnce } from '../kit/index.js';
import type { JournalKey, PlanRelease, ProgressFn, PublishOutcome, Release } from '../types.js';
import { pushRelease, queryApp, type PushFile, type XiaomiCall } from './api.js';
import { preflight, type ReviewKnowledge } from './checks.js';
import { iconPart, resolveIcon, type Icon } from './icon.js';
import type { PackageInfo, QueryAnswer } from './schemas.js';

const APK_TYPE = 'application/vnd.android.package-archive';

export function journalKey(call: XiaomiCall, pkg: string): JournalKey {
  return { store: 'xiaomi', endpoint: call.ctx.baseUrl, account: call.ctx.config.account, package: pkg };
}

/** What we know of the version in review: stores.xiaomi.inReview, else this machine's journal. */
export async function reviewKnowledge(call: XiaomiCall, pkg: string): Promise<ReviewKnowledge | null> {
  const configured = call.ctx.config.inReview;
  if (configured !== undefined) return { versionCode: configured, source: 'stores.xiaomi.inReview' };
  const last = await call.ctx.journal.last(journalKey(call, pkg));
  return last
    ? { versionCode: last.versionCode, source: `pushed by appstores on ${new Date(last.at).toISOString()}` }
    : null;
}

/** What plan() read for the push: the app as /dev/query showed it, and the icon to send. */
export interface XiaomiPlanned {
  app: PackageInfo;
  icon: Icon;
}

export async function publishRelease(
  call: XiaomiCall,
  release: Release,
  progress: ProgressFn,
  planned?: XiaomiPlanned,
): Promise<PublishOutcome> {
  const { ctx } = call;
  // No second /dev/query after plan(): it ran moments before, the store itself refuses a push
  // while a version is in review (−92), and a lost answer is settled by submitOnce's confirm.
  const ready = planned ?? (await readForPush(call, release));
  if ('summary' in ready) return { status: 'skipped', message: ready.summary, reference: null };
  const { app, icon } = ready;
  const requestData = JSON.stringify({
    userName: ctx.config.account,
    synchroType: 1, // 1 = update package [src: U1, U2]
    appInfo: {
      // App names cannot be changed through the API (doc pId=1248): send the store's own name, as
      // XiaoZhuan does. UNCONFIRMED whether a mismatch is refused.
      appName: app.appName ?? release.apks[0]!.label,
      packageName: release.package,
      versionName: release.versionName,
      updateDesc: release.notes,
      // Epoch MILLISECONDS [src: U1; XZ-MI "上线时间，毫秒时间戳"; APKGO-XM].
      ...(release.schedule ? { onlineTime: release.schedule.getTime() } : {}),
    },
  });

  const files = [...apkFiles(release), iconPart(icon)];
  const detail = `uploading ${files.map((f) => f.filename).join(' + ')}`;
  const bytes = fileProgress(
    progress,
    detail,
    files.reduce((sum, f) => sum + f.size, 0),
  ).whole();
  const what = `versionCode ${release.versionCode} (${release.versionName})`;
  const done = await submitOnce({
    store: 'xiaomi',
    what,
    check: 'the app on the Xiaomi console (a version in review shows there)',
    clock: ctx.clock,
    signal: ctx.signal,
    // The push uploads and submits in one request; its upload bytes are reported as upload.
    progress: (event) => (event.phase === 'submit' ? undefined : progress(event)),
    submit: () =>
      pushRelease(call, requestData, files, `push ${release.package}`, (sent, total) => {
        bytes(sent, total);
        if (sent === total) progress({ phase: 'submit', detail: 'waiting for Xiaomi to process the push' });
      }),
    // No answer (timeout, broken pipe: users see "Broken pipe" on pushes that succeeded
    // [src: dxmwl/new_bee_upload_app#2]), a 5xx or an unreadable answer: Xiaomi may have it.
    confirm: async () => arrivalEvidence(await queryApp(call, release.package), release),
  });
  // The push is done whatever happens to the journal: a journal that cannot be written is said,
  // never turned into a failure of a submit the store has.
  const unrecorded = await ctx.journal
    .record(journalKey(call, release.package), {
      versionCode: release.versionCode,
      versionName: release.versionName,
      at: ctx.clock.now(),
    })
    .then(
      () => '',
      (error: unknown) =>
        `; not recorded in the submit journal (${error instanceof Error ? error.message : String(error)}), so a re-run needs inReview`,
    );
  const said = done.answer?.message ? ` (Xiaomi: ${done.answer.message})` : '';
  const when = release.schedule ? `, to go online at ${release.schedule.toISOString()}` : '';
  return { status: 'submitted', message: `${done.message} for review${when}${said}${unrecorded}`, reference: null };
}

/** Without plan()'s answer (a direct call): the checks that keep us from submitting twice (checks.ts). */
async function readForPush(call: XiaomiCall, release: Release): Promise<XiaomiPlanned | { summary: string }> {
  const decision = preflight(
    await queryApp(call, release.package),
    release,
    await reviewKnowledge(call, release.package),
  );
  if (decision.action === 'skip') return decision;
  return { app: decision.app, icon: await resolveIcon(call.ctx.config.icon, release.apks) };
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

/**
 * `updateVersion=false` means a submission is now in review (and preflight saw none before the
 * push); a live versionCode at or above the release means it already went through. Either way the
 * push arrived (stores/xiaomi.md 1.6, 1.8).
 */
function arrivalEvidence(answer: QueryAnswer, release: PlanRelease): string | null {
  if (answer.updateVersion === false) return 'query: updateVersion=false, a version is in review';
  const live = answer.packageInfo?.versionCode;
  if (live !== undefined && live >= release.versionCode) return `query: live versionCode ${live}`;
  return null;
}
