/**
 * `appstores release` and `appstores rollout`: one call per store, in parallel, each store's
 * failure kept to its own line. A store whose API has no such control, or whose version is in a
 * state where it does not apply, is a plain no-op line, never an error and never faked.
 */
import { InterruptedError, toAppError, UsageError, type AppError } from './errors.js';
import type { Connected } from './sessions.js';
import type { LifecycleTarget, RolloutAction, StoreAdapter, StoreId } from '../stores/types.js';

export type LifecycleCommand = { kind: 'release' } | { kind: 'rollout'; action: RolloutAction };

export type LifecycleResult =
  | { store: StoreId; status: 'done' | 'noop'; message: string; warning?: string }
  | { store: StoreId; status: 'failed'; message: string; error: AppError };

/** Why a store has nothing to do for this command, or null when its adapter can do it. */
export function unsupported(adapter: StoreAdapter, command: LifecycleCommand): string | null {
  const { capabilities: caps, title } = adapter;
  if (command.kind === 'release') {
    return caps.releaseNow ? null : `${title} has no manual release through its API: nothing to release`;
  }
  const ops = caps.phasedOperations ?? [];
  if (ops.length === 0) return `${title} has no rollout API: nothing to change`;
  return ops.includes(command.action.op) ? null : `${title}'s API has no "${command.action.op}" for a phased release`;
}

/**
 * Refuses before anything is sent: `percent` for Apple, whose phased release follows a fixed
 * schedule (stores/apple.md §3.8).
 */
export function checkLifecycle(stores: readonly StoreId[], command: LifecycleCommand): void {
  if (command.kind === 'rollout' && command.action.op === 'percent' && stores.includes('apple')) {
    throw new UsageError(
      "Apple's phased release follows its fixed 7-day schedule (1, 2, 5, 10, 20, 50, 100 %): there is no percent to set",
      'for Apple use `appstores rollout pause|resume|complete --store apple`; set a percent with --store huawei,honor',
    );
  }
}

export function parsePercent(text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || !/^\d+(\.\d{1,2})?$/.test(text.trim()) || !(value > 0 && value <= 100)) {
    throw new UsageError(
      `rollout percent needs a number above 0 and up to 100${text === undefined ? '' : `, got "${text}"`}`,
      'e.g. `appstores rollout percent 20 --store huawei`',
    );
  }
  return value;
}

export async function runLifecycle(
  connected: Connected[],
  targets: (store: StoreId) => LifecycleTarget,
  command: LifecycleCommand,
  signal: AbortSignal,
): Promise<LifecycleResult[]> {
  const results = await Promise.all(
    connected.map(async ({ adapter, session }): Promise<LifecycleResult> => {
      const store = adapter.id;
      const why = unsupported(adapter, command);
      const call =
        command.kind === 'release'
          ? session.release && ((t: LifecycleTarget) => session.release!(t))
          : session.rollout && ((t: LifecycleTarget) => session.rollout!(t, command.action));
      if (why !== null || !call) return { store, status: 'noop', message: why ?? `${adapter.title}: not available` };
      try {
        return { store, ...(await call(targets(store))) };
      } catch (error) {
        const appError = toAppError(error, store);
        return { store, status: 'failed', message: appError.message, error: appError };
      }
    }),
  );
  if (signal.aborted) throw new InterruptedError();
  return results;
}
