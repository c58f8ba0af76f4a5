/**
 * Test helpers for the lifecycle (release, rollout, status): the sandbox reviewer's control
 * (`POST /_sandbox/review`) over HTTP, and an emulator wrapped to change its state right after a
 * given request, as the store changes under a command between its read and its write.
 */
import type { Sandbox } from '../sandbox/server.js';
import type { Emulator, EmulatorRequest, ReviewChange } from '../sandbox/types.js';

/** The reviewer's decision, through the sandbox's HTTP control; throws on a non-200 answer. */
export async function review(sandbox: Sandbox, change: ReviewChange): Promise<void> {
  const response = await fetch(`${sandbox.url}/_sandbox/review`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(change),
  });
  if (response.status !== 200) throw new Error(`/_sandbox/review ${response.status}: ${await response.text()}`);
}

/** `emulator`, with `after(req)` run after each answered request (for a race: change state after a read). */
export function afterEachRequest<E extends Emulator>(emulator: E, after: (req: EmulatorRequest) => void): E {
  return {
    ...emulator,
    async handle(req, ctx) {
      const answer = await emulator.handle(req, ctx);
      after(req);
      return answer;
    },
  };
}
