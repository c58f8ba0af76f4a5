/**
 * The one rule for a submit, in every store: it is sent once and never repeated blindly, and its
 * verdict needs evidence from the store.
 *
 * - submitted: the store accepted it (an answer), or — after an answer that was lost or unclear —
 *   the store shows it (confirm() found the version in info, a task-state that names it...).
 * - NOT_SUBMITTED: certain, because the request never left this machine (connection refused, DNS).
 * - SUBMIT_UNCONFIRMED: no evidence either way after a confirmation window of minutes (long enough
 *   for a store that answers late: vivo held app.sync.update.app ~125 s and then applied it); the
 *   error says exactly how to check, and a re-run checks the store before it submits again.
 *
 * A definite refusal (the store answered with an error code) is passed through as it is. An answer
 * that says "still processing, do not resubmit" (`processing`) is confirmed the same way and, if
 * the store never shows the version, passed through with what was checked.
 */
import type { Clock } from '../../core/clock.js';
import { type AppError, InterruptedError, StoreError } from '../../core/errors.js';
import { TransportError } from '../../http/client.js';
import type { ProgressFn, StoreId } from '../types.js';
import { STORE_NAME } from './names.js';
import { duration, pollsIn, pollUntil } from './poll.js';

export interface Window {
  firstDelayMs: number;
  intervalMs: number;
  windowMs: number;
}

/**
 * After an ambiguous submit: first look after 10 s (OPPO: no sooner [src: U5]), then every 15 s for
 * 5 minutes in all. UNCONFIRMED how long each store can take to apply a submit it answered late;
 * 5 minutes outlasts the longest seen (vivo ~125 s). Change it here only.
 */
export const CONFIRM_WINDOW: Window = { firstDelayMs: 10_000, intervalMs: 15_000, windowMs: 5 * 60_000 };

/**
 * After a definite "not yet" refusal (Huawei: the package is still compiling), how long to keep
 * sending the submit again: the store said no, so sending again cannot duplicate anything.
 */
export const NOT_YET_WINDOW: Window = { firstDelayMs: 30_000, intervalMs: 30_000, windowMs: 10 * 60_000 };

export interface SubmitOnceSpec<A, T = never> {
  store: StoreId;
  /** The release, for messages: "versionCode 7 (1.0.7)". */
  what: string;
  /** How a person checks by hand: "`appstores info --store oppo --pkg com.foo`". */
  check: string;
  clock: Clock;
  signal?: AbortSignal;
  progress?: ProgressFn;
  /** The one call that must not be repeated. */
  submit(): Promise<A>;
  /** Read-only: the store's evidence that it has this submission (one line), or null. */
  confirm(): Promise<string | null>;
  /** Answers meaning "still processing an earlier request; do not resubmit" (vivo 11010, OPPO 911216). */
  processing?(error: unknown): boolean;
  /**
   * A definite refusal meaning "not yet, send it again later" (Huawei "still compiling"): the
   * submit is sent again within `notYetWindow`. Never used for an ambiguous failure.
   */
  notYet?(error: unknown): boolean;
  notYetWindow?: Window;
  /** After an accepted submit, follow the store's own processing (OPPO task-state, Huawei compile...). */
  settle?: Window & { poll(answer: A): Promise<T | undefined> };
  confirmWindow?: Window;
}

export interface Submitted<A, T> {
  status: 'submitted';
  /** One line: how we know. Adapters may add what happens next (when it goes live). */
  message: string;
  answer: A | null;
  /** What settle.poll returned; undefined when there is no settle or its window ended first. */
  settled: T | undefined;
}

/**
 * After this failure of a submit, may the store still have acted on it? Yes when no answer came
 * after the request was written, when the store answered 5xx/408, or when its answer could not be
 * read. Then only the store's state decides; the submit is never sent again.
 */
export function mayHaveBeenApplied(error: unknown): error is StoreError {
  if (error instanceof TransportError) return error.maybeApplied;
  return error instanceof StoreError && (error.code === 'STORE_UNAVAILABLE' || error.code === 'BAD_RESPONSE');
}

export async function submitOnce<A, T = never>(spec: SubmitOnceSpec<A, T>): Promise<Submitted<A, T>> {
  const name = STORE_NAME[spec.store];
  spec.progress?.({ phase: 'submit', detail: `submitting ${spec.what}` });
  let answer: A;
  try {
    answer = await sendUntilTaken(spec);
  } catch (error) {
    if (error instanceof TransportError && !error.maybeApplied) {
      throw new StoreError(`${spec.what} was not submitted: the request never reached ${name} (${error.message})`, {
        code: 'NOT_SUBMITTED',
        store: spec.store,
        hint: `nothing was sent; fix the connection (or stores.${spec.store}.baseUrl) and run again`,
        cause: error,
      });
    }
    const processing = spec.processing?.(error) === true;
    if (!processing && !mayHaveBeenApplied(error)) throw error;
    return confirmAfter(spec, error as AppError, processing);
  }
  if (!spec.settle)
    return { status: 'submitted', message: `${name} accepted ${spec.what}`, answer, settled: undefined };
  const settle = spec.settle;
  const outcome = await pollUntil({
    clock: spec.clock,
    signal: spec.signal,
    ...settle,
    poll: () => settle.poll(answer),
    onWait: ({ waitedMs }) =>
      spec.progress?.({
        phase: 'wait',
        detail: `${name} accepted ${spec.what}; waiting for it to process it (${duration(waitedMs)})`,
      }),
  });
  if (outcome.done)
    return { status: 'submitted', message: `${name} accepted ${spec.what}`, answer, settled: outcome.value };
  const unread = outcome.failures > 0 ? `, ${outcome.failures} of ${outcome.polls} checks failed` : '';
  return {
    status: 'submitted',
    message: `${name} accepted ${spec.what}; its processing was not confirmed finished after ${duration(outcome.waitedMs)}${unread}: ${spec.check} shows when it is`,
    answer,
    settled: undefined,
  };
}

/** The submit, sent again only after a definite "not yet" refusal, within its window. */
async function sendUntilTaken<A, T>(spec: SubmitOnceSpec<A, T>): Promise<A> {
  const window = spec.notYetWindow ?? NOT_YET_WINDOW;
  const tries = spec.notYet ? pollsIn(window) : 1;
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await spec.submit();
    } catch (error) {
      // Only a definite answer is resent: anything that may have reached the store never is.
      const definite = !(error instanceof TransportError) && !mayHaveBeenApplied(error);
      if (!definite || !spec.notYet?.(error) || attempt >= tries) throw error;
      const delay = attempt === 1 ? window.firstDelayMs : window.intervalMs;
      waited += delay;
      spec.progress?.({
        phase: 'wait',
        detail: `${STORE_NAME[spec.store]} is not ready for ${spec.what} yet; sending it again (${duration(waited)})`,
      });
      if (spec.signal?.aborted) throw new InterruptedError();
      await spec.clock.sleep(delay, spec.signal).catch((e: unknown) => {
        throw spec.signal?.aborted ? new InterruptedError() : e;
      });
    }
  }
}

async function confirmAfter<A, T>(
  spec: SubmitOnceSpec<A, T>,
  cause: AppError,
  processing: boolean,
): Promise<Submitted<A, T>> {
  const name = STORE_NAME[spec.store];
  const why = processing
    ? `${name} answered that it is still processing (${cause.message})`
    : `the submit got no clear answer (${cause.message})`;
  spec.progress?.({ phase: 'wait', detail: `${why}; asking ${name} whether it has ${spec.what}` });
  const window = spec.confirmWindow ?? CONFIRM_WINDOW;
  const outcome = await pollUntil({
    clock: spec.clock,
    signal: spec.signal,
    ...window,
    poll: async () => (await spec.confirm()) ?? undefined,
    onWait: ({ attempt, waitedMs }) =>
      spec.progress?.({
        phase: 'wait',
        detail: `${name} does not show ${spec.what} yet (check ${attempt}, ${duration(waitedMs)})`,
      }),
  });
  if (outcome.done) {
    return {
      status: 'submitted',
      message: `${name} has ${spec.what} (${outcome.value}), after ${why}`,
      answer: null,
      settled: undefined,
    };
  }
  const looked =
    outcome.failures === outcome.polls
      ? `and all ${outcome.polls} checks over ${duration(outcome.waitedMs)} failed (last: ${errorText(outcome.lastError)})`
      : `and ${outcome.polls} checks over ${duration(outcome.waitedMs)} did not show it${outcome.failures > 0 ? ` (${outcome.failures} failed)` : ''}`;
  if (processing) {
    throw new StoreError(`${cause.message}; ${looked}; it was not submitted again`, {
      code: cause.code,
      category: cause.category,
      store: spec.store,
      storeCode: cause.storeCode,
      hint: cause.hint ?? `check ${spec.check} in a few minutes, then run again`,
      cause,
    });
  }
  throw new StoreError(`${name} may or may not have ${spec.what}: ${why}, ${looked}`, {
    code: 'SUBMIT_UNCONFIRMED',
    store: spec.store,
    hint: `do not resubmit blindly: check ${spec.check}; if it does not show ${spec.what}, run publish again (it checks the store first and submits only what is missing)`,
    cause,
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
