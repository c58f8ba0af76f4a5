/**
 * A submit answered after the timeout, for the submit fault tests: a gateway in front of the
 * store gives up on it (504) while the store keeps the request and applies it later — here, when
 * the `appliesOnRead`th read that `isRead` matches arrives after it (a confirmation read of the
 * CLI). The emulator's own state then decides what the CLI sees.
 */
import type { Emulator, EmulatorContext, EmulatorRequest } from '../sandbox/types.js';

export interface HeldSubmit<E extends Emulator> {
  emulator: E;
  /** Reads `isRead` matched after the submit was held. */
  reads(): number;
}

export function holdSubmit<E extends Emulator>(
  emulator: E,
  match: { isSubmit(req: EmulatorRequest): boolean; isRead(req: EmulatorRequest): boolean },
  appliesOnRead: number,
): HeldSubmit<E> {
  let held: [EmulatorRequest, EmulatorContext] | null = null;
  let reads = 0;
  return {
    reads: () => reads,
    emulator: {
      ...emulator,
      async handle(req, ctx) {
        if (!held && match.isSubmit(req)) {
          held = [req, ctx];
          return { status: 504, body: 'gateway timeout' };
        }
        if (held && match.isRead(req) && ++reads === appliesOnRead) await emulator.handle(...held);
        return emulator.handle(req, ctx);
      },
    },
  };
}
