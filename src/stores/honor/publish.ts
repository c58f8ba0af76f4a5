/**
 * Plan and publish one Honor release [src: stores/honor.md 4.6, 4.7]: the checks first (nothing
 * uploaded if one fails), then get-file-upload-url → multipart upload → update-file-info (bind) →
 * update-language-info (notes, setAll 0, the rest echoed) → submit-audit once.
 */
import { basename } from 'node:path';
import { StoreError } from '../../core/errors.js';
import { fileProgress, missingLocalesSuffix, submitOnce, versionPresent } from '../kit/index.js';
import type { Clock, Plan, PlanRelease, ProgressFn, PublishOutcome, Release } from '../types.js';
import type { HonorApi } from './api.js';
import { notesTargets, type NotesTarget } from './listing.js';
import { lookUp, type FirstReads, type HonorApp } from './lookup.js';
import { honorReleaseTime } from './release-time.js';

export interface HonorDeps {
  api: HonorApi;
  clock: Clock;
  signal: AbortSignal;
  appId: string | undefined;
  /** plan() is given the answer verify() read (kit firstRead); publish() reads. */
  firstReads?: FirstReads;
}

/** What plan() read (the app, its notes languages), handed to publish() so the app is looked up once. */
export interface HonorPlanned {
  app: HonorApp;
  targets: NotesTarget[];
  /** Languages the app has on Honor that --notes-dir lacks (left as they are). */
  missing: string[];
  current: string;
}

type Checked = { skip: string } | HonorPlanned;

/** Every check that can be made before an upload; read-only. */
export async function check(deps: HonorDeps, release: PlanRelease): Promise<Checked> {
  const app = await lookUp(deps.api, release.package, deps.appId, deps.firstReads);
  const { info } = app;
  const presence = versionPresent(info, release.versionCode);
  if (presence.present) return { skip: `Honor already has versionCode ${release.versionCode} (${presence.how})` };
  const storeState = info.review.storeState ? ` (${info.review.storeState})` : '';
  // 20022: nothing may be in review or pending release when submitting [src: stores/honor.md 4.7].
  if (info.pending && ['reviewing', 'approved', 'scheduled', 'unknown'].includes(info.review.state)) {
    throw new StoreError(
      `Honor has versionCode ${info.pending.versionCode} (${info.pending.versionName || '?'}) ${info.review.state === 'reviewing' ? 'in review' : `${info.review.state}, not yet on shelf`}${storeState}; an update cannot be submitted now`,
      {
        code: 'IN_REVIEW',
        store: 'honor',
        hint: 'wait for that version to finish (or withdraw it on the console), then run again',
      },
    );
  }
  if (info.live?.versionCode != null && release.versionCode < info.live.versionCode) {
    throw new StoreError(
      `versionCode ${release.versionCode} is below Honor's live versionCode ${info.live.versionCode} (${info.live.versionName})`,
      {
        code: 'VERSION_NOT_HIGHER',
        store: 'honor',
        hint: `raise versionCode above ${info.live.versionCode}`,
      },
    );
  }
  const { targets, missing } = notesTargets(
    app.detail.languageInfo ?? [],
    app.detail.basicInfo?.defaultLanguage ?? null,
    release,
  );
  if (release.schedule && release.schedule.getTime() <= deps.clock.now()) {
    throw new StoreError(`the schedule ${release.schedule.toISOString()} is not in the future`, {
      code: 'SCHEDULE_IN_PAST',
      store: 'honor',
      hint: 'give a --schedule time in the future, or leave it out to release right after approval',
    });
  }
  const current = info.live ? `live ${info.live.versionName} (${info.live.versionCode})` : 'nothing on shelf';
  return { app, targets, missing, current };
}

export async function planRelease(deps: HonorDeps, release: PlanRelease): Promise<Plan<HonorPlanned>> {
  const checked = await check(deps, release);
  if ('skip' in checked) return { action: 'skip', summary: checked.skip };
  const apk = release.apks[0]!;
  return {
    action: 'submit',
    summary: `upload ${basename(apk.path)} (${(apk.size / 1048576).toFixed(1)} MB), bind it, set the ${languagesText(checked.targets)} notes, submit versionCode ${release.versionCode} (${release.versionName}) over ${checked.current}, ${whenText(release)}${missingLocalesSuffix(checked.missing)}`,
    state: checked,
  };
}

export async function publishRelease(
  deps: HonorDeps,
  release: Release,
  progress: ProgressFn,
  planned?: HonorPlanned,
): Promise<PublishOutcome> {
  // plan() looked the app up moments before; it is not read again before the upload (a submit
  // while another version is in review is refused by Honor itself, 20022).
  const checked = planned ?? (await check(deps, release));
  if ('skip' in checked) return { status: 'skipped', message: checked.skip, reference: null };
  const { app, targets, missing } = checked;
  const { api } = deps;
  const apk = release.apks[0]!;

  const detail = `uploading ${basename(apk.path)}`;
  const sent = fileProgress(progress, detail, apk.size).whole();
  const slot = await api.uploadUrl(app.appId, apk);
  await api.uploadFile(slot.url, apk, sent);
  progress({ phase: 'upload', detail: 'binding the APK to the new version (update-file-info)' });
  await api.bind(app.appId, slot.objectId);
  progress({ phase: 'upload', detail: `setting the ${languagesText(targets)} release notes` });
  // Every language in one call, setAll 0: the app's other languages stay [src: stores/honor.md 4.7].
  await api.updateLanguages(
    app.appId,
    targets.map(({ entry, notes }) => ({
      languageId: entry.languageId,
      appName: entry.appName!,
      intro: entry.intro!,
      briefIntro: entry.briefIntro,
      newFeature: notes,
    })),
  );

  const body = release.schedule
    ? { releaseType: 2 as const, releaseTime: honorReleaseTime(release.schedule) }
    : { releaseType: 1 as const };
  const what = `versionCode ${release.versionCode} (${release.versionName})`;
  const result = await submitOnce({
    store: 'honor',
    what,
    check: `\`appstores info --store honor --pkg ${release.package}\``,
    clock: deps.clock,
    signal: deps.signal,
    progress,
    submit: () => api.submitAudit(app.appId, body),
    // After a lost answer: the app's current release names the version when the submit arrived.
    confirm: async () => {
      const { release: current } = await api.currentRelease(app.appId);
      const arrived =
        current?.versionCode === release.versionCode && (current.auditResult === 0 || current.auditResult === 1);
      return arrived
        ? `get-app-current-release shows versionCode ${release.versionCode}, auditResult=${current.auditResult}`
        : null;
    },
  });
  return {
    status: 'submitted',
    message: `${result.message} for review; ${whenText(release)}${missingLocalesSuffix(missing)}`,
    reference: result.answer,
  };
}

const languagesText = (targets: NotesTarget[]) => targets.map((t) => t.entry.languageId).join(', ');

function whenText(release: PlanRelease): string {
  return release.schedule
    ? `released at ${honorReleaseTime(release.schedule)} after approval (releaseType 2)`
    : 'released right after approval (releaseType 1)';
}
