/**
 * `appstores status`: each store's review state for one version, read through the adapter's
 * info() (which already normalises the store's own state), and with --watch followed through the
 * kit's pollUntil at the interval each store tolerates (capabilities.statusIntervalMs).
 */
import { pollUntil } from '../stores/kit/poll.js';
import type { AppInfo, Clock, ReviewState, StoreAdapter, StoreId, StoreSession, VersionRef } from '../stores/types.js';
import { isInputCategory, toAppError, type AppError } from './errors.js';

export type StatusTarget = 'reviewed' | 'live';

/** Used when an adapter does not declare its interval: a modest 10 min. */
export const DEFAULT_STATUS_INTERVAL_MS = 10 * 60_000;
/** How long --watch follows the stores unless --timeout says otherwise. */
export const DEFAULT_WATCH_TIMEOUT_MS = 72 * 3_600_000;

export interface StoreStatus {
  store: StoreId;
  package: string;
  /** The version followed: from the files, else the one the store has in review (or live). */
  version: VersionRef | null;
  /** `error` when the store could not be asked (the error says why). */
  state: ReviewState | 'error';
  reason: string | null;
  storeState: string | null;
  /** What the store cannot tell through its API (Xiaomi: no review API, the state is inferred). */
  cannotTell: string | null;
  /** ISO-8601: when this run first saw the current state (stores do not tell when it changed). */
  seenSince: string;
  error?: AppError;
}

export interface StatusOutcome {
  statuses: StoreStatus[];
  /** Stores that did not reach the target before the timeout (only with --watch). */
  timedOut: StoreId[];
}

export interface StatusRequest {
  stores: Array<{ adapter: StoreAdapter; session: StoreSession }>;
  /** Package and version per store: the files' package/version, or just the --pkg. */
  target(store: StoreId): { package: string; version: VersionRef | null } | null;
  until: StatusTarget;
  watch: boolean;
  /** --interval: asked for every store; never below what the store tolerates. */
  intervalMs?: number;
  timeoutMs: number;
  clock: Clock;
  signal: AbortSignal;
  /** Each store's state when it is first read and whenever it changes. */
  onChange(status: StoreStatus): void;
}

export function intervalFor(adapter: StoreAdapter, requested?: number): number {
  const floor = adapter.capabilities.statusIntervalMs ?? DEFAULT_STATUS_INTERVAL_MS;
  return Math.max(floor, requested ?? 0);
}

/** A state that ends the watch of a store. */
export function reached(state: StoreStatus['state'], until: StatusTarget): boolean {
  if (until === 'live') return state === 'live';
  return state === 'live' || state === 'approved' || state === 'scheduled';
}

/** Rejected (or withdrawn): the version will not get there without a new submit. */
export function failed(state: StoreStatus['state']): boolean {
  return state === 'rejected' || state === 'withdrawn';
}

function sameVersion(a: VersionRef | null, b: VersionRef | null): boolean {
  if (!a || !b) return false;
  if (a.versionCode !== null && b.versionCode !== null) return a.versionCode === b.versionCode;
  return a.versionName === b.versionName;
}

/** The state of `version` in what info() says: live when it is the live one, else the review state. */
export function statusOf(
  adapter: StoreAdapter,
  info: AppInfo,
  version: VersionRef | null,
  seenSince: string,
): StoreStatus {
  const followed = version ?? info.pending ?? info.live;
  let state: ReviewState = info.review.state;
  if (sameVersion(followed, info.live) && !sameVersion(followed, info.pending)) state = 'live';
  else if (state === 'live' && !sameVersion(followed, info.live)) state = 'unknown';
  const cannotTell =
    adapter.capabilities.reviewStatus === 'inferred'
      ? `${adapter.title} has no review API: the state is inferred from its versions, and a rejection looks like no submission`
      : (info.pending ?? info.live)?.versionCode === null
        ? `${adapter.title} shows version names only`
        : null;
  return {
    store: adapter.id,
    package: info.package,
    version: followed ?? null,
    state,
    reason: info.review.reason,
    storeState: info.review.storeState,
    cannotTell,
    seenSince,
  };
}

function errorStatus(adapter: StoreAdapter, pkg: string, error: unknown, seenSince: string): StoreStatus {
  const appError = toAppError(error, adapter.id);
  return {
    store: adapter.id,
    package: pkg,
    version: null,
    state: 'error',
    reason: appError.message,
    storeState: null,
    cannotTell: null,
    seenSince,
    error: appError,
  };
}

const key = (s: StoreStatus) =>
  `${s.state}|${s.reason ?? ''}|${s.version?.versionCode ?? s.version?.versionName ?? ''}`;

export async function followStatus(request: StatusRequest): Promise<StatusOutcome> {
  const timedOut: StoreId[] = [];
  const statuses = await Promise.all(
    request.stores.map(async ({ adapter, session }) => {
      const target = request.target(adapter.id);
      const pkg = target?.package ?? '';
      let version = target?.version ?? null;
      let last: StoreStatus | null = null;
      const read = async (): Promise<StoreStatus> => {
        const since = new Date(request.clock.now()).toISOString();
        let status: StoreStatus;
        try {
          status = statusOf(adapter, await session.info(pkg), version, since);
        } catch (error) {
          if (request.signal.aborted) throw error;
          status = errorStatus(adapter, pkg, error, since);
        }
        // The version followed is fixed by the first answer, so a later live version is that one.
        if (!version && status.version) version = status.version;
        if (!last || key(last) !== key(status)) {
          last = status;
          request.onChange(status);
        }
        return last;
      };
      if (!request.watch) return read();
      const outcome = await pollUntil<StoreStatus>({
        clock: request.clock,
        signal: request.signal,
        intervalMs: intervalFor(adapter, request.intervalMs),
        windowMs: request.timeoutMs,
        poll: async () => {
          const status = await read();
          if (reached(status.state, request.until) || failed(status.state)) return status;
          // A store whose configuration or credentials are wrong will not get better by waiting.
          if (status.error && isInputCategory(status.error.category)) return status;
          return undefined;
        },
      });
      if (outcome.done) return outcome.value;
      timedOut.push(adapter.id);
      return last!;
    }),
  );
  return { statuses, timedOut };
}
