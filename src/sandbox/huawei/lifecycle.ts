/**
 * After review (stores/huawei.md 2.5 (8)): on-shelf-time changeType 1 puts a version waiting for
 * its release time (releaseState 3) on sale now; PUT phased-release (releaseType 3) changes a
 * running phased release's state (RELEASE / SUSPEND) and plan. Anything else is refused with the
 * store's "update phased info failed" / "update service failed" codes. The withdraw from review
 * (a v1 call, go-agc only) is here too.
 */
import type { EmulatorRequest } from '../types.js';
import { jsonBody as body } from './draft.js';
import { CODE, HuaweiFailure } from './envelope.js';
import type { App } from './state.js';

export function changeOnShelfTime(app: App, req: EmulatorRequest): Record<string, unknown> {
  const { changeType } = body(req);
  if (changeType !== 1 && changeType !== 2 && changeType !== 3)
    throw new HuaweiFailure(CODE.invalidInput, 'changeType must be 1, 2 or 3');
  // Only while the app is in the releasing state (agc-demo, agi).
  if (app.releaseState !== 3)
    throw new HuaweiFailure(CODE.updateServiceFailed, 'update service failed: the app is not waiting for release');
  if (changeType === 1) {
    app.live = app.latest;
    app.releaseState = 0;
    app.releaseTime = null;
  }
  return {};
}

const PERCENT = /^\d{1,3}\.\d{2}$/;

export function updatePhased(app: App, req: EmulatorRequest): Record<string, unknown> {
  const fail = (msg: string) => new HuaweiFailure(CODE.phasedInfoFailed, `update phased info failed: ${msg}`);
  if (req.query.get('releaseType') !== '3') throw fail('releaseType must be 3');
  if (!app.phased || app.releaseState !== 0) throw fail('no phased release is running');
  const { state, phasedReleasePercent: percent, phasedReleaseStartTime: start, phasedReleaseEndTime: end } = body(req);
  if (state !== 'RELEASE' && state !== 'SUSPEND') throw fail('state must be RELEASE or SUSPEND');
  if (percent !== undefined && (typeof percent !== 'string' || !PERCENT.test(percent) || Number(percent) > 100))
    throw fail('phasedReleasePercent must be a string from "0.00" to "100.00"');
  for (const time of [start, end])
    if (time !== undefined && typeof time !== 'string') throw fail('the phased times must be strings');
  app.phased = {
    ...app.phased,
    state,
    ...(typeof percent === 'string' ? { phasedReleasePercent: percent } : {}),
    ...(typeof start === 'string' ? { phasedReleaseStartTime: start } : {}),
    ...(typeof end === 'string' ? { phasedReleaseEndTime: end } : {}),
  };
  return {};
}

/** releaseState of a version in review: 4, 5 (an update), 12 (pre-review). */
const IN_REVIEW = new Set([4, 5, 12]);

/**
 * POST /publish/v1/app-info/withdraw?appId= (go-agc, UNCONFIRMED): the version in review leaves
 * review, releaseState 11 "release withdrawn"; the version on sale (if any) stays. Nothing in
 * review: the store's "update service failed".
 */
export function withdrawFromReview(app: App): Record<string, unknown> {
  if (!IN_REVIEW.has(app.releaseState))
    throw new HuaweiFailure(CODE.updateServiceFailed, 'update service failed: no version of the app is in review');
  app.releaseState = 11;
  app.releaseTime = null;
  app.phased = null;
  return {};
}
