/**
 * Withdraw: cancel the app's review submission that is waiting for or in review, with
 * `PATCH /v1/reviewSubmissions/{id}` `canceled: true` [src: stores/apple.md §3.8 step 5]. The
 * version goes back to DEVELOPER_REJECTED and can be submitted again.
 */
import type { WithdrawOutcome } from '../types.js';
import type { AppleApi } from './api.js';
import { PLATFORM, requireApp } from './info.js';

/** Submissions Apple has and has not decided yet [src: stores/apple.md §3.9]. */
const IN_REVIEW = 'WAITING_FOR_REVIEW,IN_REVIEW';

export async function withdrawSubmission(api: AppleApi, bundleId: string): Promise<WithdrawOutcome> {
  const app = await requireApp(api, bundleId);
  const { data } = await api.list('/v1/reviewSubmissions', {
    what: 'look for the submission in review',
    query: { 'filter[app]': app.id, 'filter[platform]': PLATFORM, 'filter[state]': IN_REVIEW },
  });
  const submission = data[0];
  if (!submission) return { status: 'nothing', message: `${bundleId} has no submission in review`, reference: null };
  await api.call('PATCH', `/v1/reviewSubmissions/${submission.id}`, {
    what: 'cancel the review submission',
    // A cancel that reached Apple and lost its answer is seen by the next `status`; not sent twice.
    idempotent: false,
    body: { data: { type: 'reviewSubmissions', id: submission.id, attributes: { canceled: true } } },
  });
  return {
    status: 'withdrawn',
    message: `review submission ${submission.id} cancelled; the version can be submitted again`,
    reference: submission.id,
  };
}
