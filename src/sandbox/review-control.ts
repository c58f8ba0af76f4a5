/**
 * `POST /_sandbox/review {store, package, to: "approved"|"live"|"rejected", reason?}`: the
 * reviewer's side of a store, so a test (or a demo) can move a version out of review while
 * `appstores status --watch` follows it. Each emulator's optional review() does the state change.
 */
import { ReviewControlError, type Emulator, type ReviewChange } from './types.js';

const OUTCOMES = new Set(['approved', 'live', 'rejected']);

export function reviewControl(emulators: Map<string, Emulator>, text: string): { status: number; body: unknown } {
  let change: ReviewChange;
  try {
    change = JSON.parse(text) as ReviewChange;
  } catch {
    return { status: 400, body: { error: 'the body must be JSON: {store, package, to, reason?}' } };
  }
  if (typeof change?.package !== 'string' || !OUTCOMES.has(change.to))
    return { status: 400, body: { error: 'needs {store, package, to: "approved" | "live" | "rejected", reason?}' } };
  const emulator = emulators.get(change.store);
  if (!emulator?.review) return { status: 404, body: { error: `no review control for store "${change.store}"` } };
  try {
    emulator.review(change);
  } catch (error) {
    if (error instanceof ReviewControlError || error instanceof Error)
      return { status: 409, body: { error: error.message } };
    throw error;
  }
  return { status: 200, body: { ok: true } };
}
