/**
 * The publish orchestrator: verify every store (collecting every problem), plan every store
 * (read-only checks against its live state), stop before any upload if one failed, then publish to
 * all stores in parallel. One store's failure during publishing never stops the others.
 * `--dry-run` is enforced here: no adapter's publish() is ever called.
 *
 * The files may still be hashing while the stores are checked (run-publish.ts): their digests are
 * awaited after the checks, before any publish(). Each store's plan() state goes back to its publish().
 */
import type { ArtifactInfo, ArtifactJson } from '../artifacts/types.js';
import { artifactJson } from '../artifacts/types.js';
import type {
  Plan,
  PlanRelease,
  ProgressEvent,
  Release,
  StoreAdapter,
  StoreId,
  StoreSession,
} from '../stores/types.js';
import { notesProblem } from './notes.js';
import {
  EXIT,
  InterruptedError,
  isInputCategory,
  oneLine,
  toAppError,
  type AppError,
  type ErrorCategory,
} from './errors.js';

export type ResultStatus = 'submitted' | 'skipped' | 'failed' | 'planned' | 'cancelled';

export interface StoreResult {
  store: StoreId;
  status: ResultStatus;
  category: ErrorCategory | null;
  code: string | null;
  message: string;
  reference: string | null;
  durationMs: number;
  /** Extensions of the design.md shape: the store's own code and how to fix a failure. */
  storeCode?: string | number;
  hint?: string;
}

export interface PublishReport {
  ok: boolean;
  dryRun: boolean;
  /** A store failed its checks, so nothing was uploaded anywhere (design.md extension). */
  stoppedAtChecks: boolean;
  artifacts: ArtifactJson[];
  results: StoreResult[];
}

/** `R`: the release as planned; its files' digests may still be computing (PlanRelease). */
export interface StoreTarget<R extends PlanRelease = Release> {
  adapter: StoreAdapter;
  session: StoreSession;
  release: R;
}

/** The files with their digests, and each store's planned release with them. */
export interface HashedFiles {
  artifacts: ArtifactInfo[];
  release(planned: PlanRelease): Release;
}

export interface OrchestratorOptions {
  dryRun: boolean;
  /** Publish to the stores that passed the checks even when others failed them. */
  keepGoing: boolean;
  signal: AbortSignal;
  now: () => number;
  onProgress: (store: StoreId, event: ProgressEvent) => void;
  /** Each store's result as soon as it is known (NDJSON `result` events). */
  onResult?: (result: StoreResult) => void;
}

/** Files already hashed, or (run-publish.ts) the hashing still under way, rejecting with the file's error. */
export function publishAll(
  artifacts: ArtifactInfo[],
  targets: StoreTarget[],
  options: OrchestratorOptions,
): Promise<PublishReport>;
export function publishAll(
  files: Promise<HashedFiles>,
  targets: StoreTarget<PlanRelease>[],
  options: OrchestratorOptions,
): Promise<PublishReport>;
export async function publishAll(
  files: ArtifactInfo[] | Promise<HashedFiles>,
  targets: StoreTarget<PlanRelease>[],
  options: OrchestratorOptions,
): Promise<PublishReport> {
  // Given as a list, the targets' releases were built from these very files (the first overload).
  const hashing = Array.isArray(files)
    ? Promise.resolve({ artifacts: files, release: (r: PlanRelease) => r as Release })
    : files;
  hashing.catch(() => {}); // awaited after the checks; a failure meanwhile is not an unhandled rejection
  const started = new Map<StoreId, number>();
  const results = new Map<StoreId, StoreResult>();
  const record = (result: StoreResult) => {
    results.set(result.store, result);
    options.onResult?.(result);
  };
  const elapsed = (store: StoreId) => options.now() - (started.get(store) ?? options.now());
  const fail = (store: StoreId, error: AppError, stage: 'checks' | 'publish'): StoreResult => ({
    store,
    status: error instanceof InterruptedError ? 'cancelled' : 'failed',
    category: error.category,
    code: error.code,
    message: error instanceof InterruptedError ? interruptedMessage(stage) : error.message,
    reference: null,
    durationMs: elapsed(store),
    ...(error.storeCode !== undefined ? { storeCode: error.storeCode } : {}),
    ...(error.hint ? { hint: error.hint } : {}),
  });

  // 1 + 2. Verify and plan every store; no upload happens until all of them pass.
  const plans = await Promise.all(
    targets.map(async ({ adapter, session, release }) => {
      started.set(adapter.id, options.now());
      try {
        // A limit or character rule known locally is checked before any request to the store.
        const localProblem = notesProblem(release.notes, adapter);
        if (localProblem) throw localProblem;
        options.onProgress(adapter.id, { phase: 'verify' });
        // The credential check reads this release's app, and plan() takes that answer: one read.
        await session.verify(release.package);
        options.onProgress(adapter.id, { phase: 'plan' });
        return withIgnoredFlags(adapter, release, await session.plan(release));
      } catch (error) {
        record(fail(adapter.id, toAppError(error, adapter.id), 'checks'));
        return null;
      }
    }),
  );

  // The hashes were computed while the stores were checked. A file that could not be read, or that
  // changed while it was hashed, fails the whole run here with its one-line error: nothing uploaded.
  const hashed = await hashing;

  // A dry run shows every store's plan; a real run uploads nothing unless all stores passed.
  const blocked = results.size > 0 && !options.keepGoing && !options.dryRun;
  // Taken now: the stores cancelled below are added to `results` too, and did not fail anything.
  const failedChecks = [...results.keys()];
  const work = targets.map(async ({ adapter, session, release }, i) => {
    const id = adapter.id;
    const plan = plans[i];
    if (results.has(id)) return;
    const done = (status: ResultStatus, message: string, reference: string | null = null) => {
      record({ store: id, status, category: null, code: null, message, reference, durationMs: elapsed(id) });
      options.onProgress(id, { phase: 'done', detail: message });
    };
    if (blocked) {
      const who =
        failedChecks.length === 1
          ? `${failedChecks[0]} failed its checks`
          : `${failedChecks.join(', ')} failed their checks`;
      return done('cancelled', `not started: ${who}, so nothing was uploaded anywhere`);
    }
    if (!plan) return;
    if (plan.action === 'skip') return done('skipped', plan.summary);
    if (options.dryRun) return done('planned', plan.summary);
    if (options.signal.aborted) return done('cancelled', 'interrupted before the upload started');
    try {
      const outcome = await session.publish(
        hashed.release(release),
        (event) => options.onProgress(id, event),
        plan.state,
      );
      record({
        store: id,
        status: outcome.status,
        category: null,
        code: null,
        message: oneLine(outcome.message),
        reference: outcome.reference,
        durationMs: elapsed(id),
      });
      options.onProgress(id, { phase: 'done', detail: outcome.message });
    } catch (error) {
      record(fail(id, toAppError(error, id), 'publish'));
    }
  });
  await Promise.all(work);

  const ordered = targets.map(({ adapter }) => results.get(adapter.id)!);
  return {
    ok: ordered.every((r) => r.status !== 'failed' && r.status !== 'cancelled'),
    dryRun: options.dryRun,
    stoppedAtChecks: blocked,
    artifacts: hashed.artifacts.map(artifactJson),
    results: ordered,
  };
}

/** Release flags a store has no use for are ignored, and its plan says so. */
function withIgnoredFlags(adapter: StoreAdapter, release: PlanRelease, plan: Plan): Plan {
  if (!release.manualRelease || adapter.capabilities.manualRelease || plan.action !== 'submit') return plan;
  return { ...plan, summary: `${plan.summary} (--manual-release ignored: ${adapter.title} has no manual release)` };
}

function interruptedMessage(stage: 'checks' | 'publish'): string {
  return stage === 'checks'
    ? 'interrupted during the checks; nothing was uploaded'
    : 'interrupted during the upload or submit: the store may have received it; `appstores info` shows what it has, and running again skips a version it already has';
}

/**
 * design.md exit codes: 0 all ok, 130 interrupted, 3 when the run ended at the checks (or was a
 * dry run) and only config or credentials failed: nothing was sent to any store; else 1.
 */
export function publishExitCode(report: PublishReport, interrupted: boolean): number {
  if (interrupted) return EXIT.interrupted;
  if (report.ok) return EXIT.ok;
  const failed = report.results.filter((r) => r.status === 'failed');
  const nothingSent = report.stoppedAtChecks || report.dryRun;
  if (nothingSent && failed.every((r) => isInputCategory(r.category))) return EXIT.invalidInput;
  return EXIT.storeFailed;
}
