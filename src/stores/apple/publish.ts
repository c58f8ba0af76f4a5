/**
 * publish(): the IPA to "waiting for review", with each long step timed for the progress lines
 * and the summary: the upload, Apple's processing, the submission.
 */
import { DEFAULT_WAIT_MS } from '../../core/release-flags.js';
import { UsageError } from '../../core/errors.js';
import type { ProgressFn, PublishOutcome, Release } from '../types.js';
import type { AppleApi } from './api.js';
import { checkRelease, type ApplePlanned } from './checks.js';
import type { AppleConfig } from './config.js';
import { submitForReview } from './submit.js';
import { findUploadInProcessing, uploadIpa, waitForBuild, type Build } from './upload.js';
import { prepareVersion, releaseAttributes } from './version.js';

export async function publishRelease(
  api: AppleApi,
  config: AppleConfig,
  release: Release,
  progress: ProgressFn,
  planned?: ApplePlanned,
): Promise<PublishOutcome> {
  // plan() read the app, its versions and builds moments before; they are not read again before
  // the upload. Apple's processing can take long: what may change meanwhile is read again where it
  // matters, right before the review submission (its open submissions: submit.ts).
  const checked = planned ?? (await checkRelease(api, config, release));
  if (checked.skip !== null) return { status: 'skipped', message: checked.skip, reference: null };
  const { app, versions, encryption } = checked;
  const ipa = release.ipa;
  if (!ipa) throw new UsageError('no IPA given for apple', 'pass the .ipa your Xcode archive export produced');
  const label = `${ipa.versionName} (${ipa.buildNumber})`;
  const clock = api.ctx.clock;
  const budget = release.waitMs ?? DEFAULT_WAIT_MS;
  const steps: string[] = [];
  const timed = async <T>(what: (ms: number) => string, run: () => Promise<T>): Promise<T> => {
    const started = clock.now();
    const value = await run();
    steps.push(what(clock.now() - started));
    return value;
  };

  let build: Build | null = checked.build;
  if (build?.processingState === 'VALID') {
    steps.push(`build ${label} was already at Apple`);
  } else {
    let start: { uploadId: string } | { buildId: string };
    const inProcessing = build ? null : await findUploadInProcessing(api, app.id, ipa);
    if (build) start = { buildId: build.id };
    else if (inProcessing) start = { uploadId: inProcessing };
    else
      start = {
        uploadId: await timed(
          (ms) => `uploaded in ${elapsed(ms)}`,
          () => uploadIpa(api, app.id, ipa, progress),
        ),
      };
    if (build || inProcessing) steps.push(`build ${label} was already uploaded`);
    progress({ phase: 'wait', detail: `Apple is processing build ${label} (up to ${elapsed(budget)})` });
    build = await timed(
      (ms) => `Apple processed it in ${elapsed(ms)}`,
      () => waitForBuild(api, start, ipa, app.id, budget, progress),
    );
  }

  progress({ phase: 'submit', detail: `preparing version ${ipa.versionName} for review` });
  const prepared = await prepareVersion(api, app.id, versions, release, build, encryption, checked.localizations);
  const submitted = await timed(
    (ms) => `submitted in ${elapsed(ms)}`,
    () => submitForReview(api, app.id, prepared.id, release, progress),
  );

  const { releaseType, earliestReleaseDate } = releaseAttributes(release);
  const when =
    releaseType === 'MANUAL'
      ? 'held for a manual release after approval'
      : releaseType === 'SCHEDULED'
        ? `released at ${earliestReleaseDate} after approval`
        : 'released right after approval';
  const phased = release.phased ? "; phased release over Apple's 7 days (INACTIVE until release)" : '';
  const left = prepared.notes.length > 0 ? `; ${prepared.notes.join('; ')}` : '';
  return {
    status: 'submitted',
    message: `${label} is waiting for review: ${steps.join(', ')}; ${when}${phased}${left} (${submitted.message})`,
    reference: submitted.reference,
  };
}

/** "0.4 s", "12 s", "3 min". */
export function elapsed(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
