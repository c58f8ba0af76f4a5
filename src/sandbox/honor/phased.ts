/**
 * update-phased-release-info (stores/honor.md 4.8): operationType 3 pause, 0 resume, 4 full
 * release, 5 cancel, 1 update the plan. Only a running (or paused) phased release takes them.
 * UNCONFIRMED: the body beyond operationType and the refusal code; the emulator takes
 * `{operationType}` alone and refuses other moves with badField.
 */
import type { EmulatorRequest } from '../types.js';
import { CODE, HonorFailure } from './envelope.js';
import { ownApp } from './info.js';
import type { HonorClient, HonorPhased, HonorState } from './state.js';

/** operationType → [the states it applies to, the state after]. */
const MOVES: Record<number, [HonorPhased['state'][], HonorPhased['state']]> = {
  3: [['RUNNING'], 'PAUSED'],
  0: [['PAUSED'], 'RUNNING'],
  4: [['RUNNING', 'PAUSED'], 'FULL'],
  5: [['RUNNING', 'PAUSED'], 'CANCELLED'],
};

export function updatePhased(state: HonorState, client: HonorClient, req: EmulatorRequest, body: unknown) {
  const app = ownApp(state, client, req.query.get('appId'));
  const operationType = (body as { operationType?: unknown } | null)?.operationType;
  const move = typeof operationType === 'number' ? MOVES[operationType] : undefined;
  if (!move) throw new HonorFailure(CODE.badField, `operationType ${String(operationType)} is not one this call takes`);
  if (!app.phased || !move[0].includes(app.phased.state)) {
    throw new HonorFailure(CODE.badField, `no phased release in a state that takes operationType ${operationType}`);
  }
  app.phased.state = move[1];
  return null;
}
