/**
 * app-submit (stores/huawei.md 2.5 (7)): refused while a package is still parsed or compiled
 * (204144660 "being processed" / 204144727 "being compiled": wait and retry), while a version is in
 * review (204144647), with a bad releaseTime or phased fields; otherwise the draft goes to review.
 */
import type { EmulatorContext, EmulatorRequest } from '../types.js';
import { CODE, HuaweiFailure } from './envelope.js';
import { jsonBody, requireEditable, useReleaseType } from './draft.js';
import type { App } from './state.js';

/** `yyyy-MM-dd'T'HH:mm:ssZZ`, e.g. 2026-06-20T10:00:00+0800. */
const TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2})(\d{2})$/;

export function parseHuaweiTime(text: string): number | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = (Number(oh) * 60 + Number(om)) * 60_000 * (sign === '+' ? 1 : -1);
  return Number.isNaN(utc) ? null : utc - offset;
}

export interface SubmitTiming {
  /** Submits answered "being processed" after the package is ready (Huawei: wait ≈2 min after upload). */
  parsingSubmits: number;
}

export function submitApp(
  app: App,
  req: EmulatorRequest,
  ctx: EmulatorContext,
  timing: SubmitTiming & { left: Map<string, number> },
): Record<string, unknown> {
  requireEditable(app);
  const current = app.packages.at(-1);
  if (!current) throw new HuaweiFailure(CODE.submitFailed, 'No package file has been uploaded for this version');
  const releaseType = useReleaseType(app, req);
  if (current.pollsLeft > 0) {
    if (current.kind === 'aab')
      throw new HuaweiFailure(CODE.compiling, 'The AAB file is being compiled, please try again in 3-5 minutes');
    throw new HuaweiFailure(CODE.submitFailed, 'The file is being processed. It may take 2-5 minutes');
  }
  const left = timing.left.get(current.pkgId) ?? timing.parsingSubmits;
  if (left > 0) {
    timing.left.set(current.pkgId, left - 1);
    throw new HuaweiFailure(CODE.submitFailed, 'The file is being processed. It may take 2-5 minutes');
  }
  // Any other 204144660 text is a real refusal (AAB compile failures 80210099…80210116).
  if (current.failReason) throw new HuaweiFailure(CODE.submitFailed, current.failReason);

  const releaseTime = req.query.get('releaseTime');
  if (releaseTime !== null) {
    const at = parseHuaweiTime(releaseTime);
    if (at === null)
      throw new HuaweiFailure(CODE.invalidInput, `releaseTime ${releaseTime} is not yyyy-MM-ddTHH:mm:ss+0800`);
    if (at <= ctx.now()) throw new HuaweiFailure(CODE.releaseTimeInvalid, 'the release time must be in the future');
  }
  let phased: App['phased'] = null;
  if (releaseType === 3) phased = checkPhased(app, jsonBody(req), ctx.now());

  app.latest = { versionCode: current.versionCode!, versionName: current.versionName! };
  app.releaseState = app.live ? 5 : 4;
  app.auditOpinion = '';
  app.releaseTime = releaseTime;
  app.phased = phased;
  app.packages = [];
  app.draftReleaseType = null;
  return {};
}

/** The four phased fields; a phased release needs a version already on the shelf [src: apkgo-notes phased]. */
function checkPhased(app: App, body: Record<string, unknown>, now: number): NonNullable<App['phased']> {
  if (!app.live)
    throw new HuaweiFailure(CODE.updateServiceFailed, 'OnShelf service not exist, update phased service failed');
  const fail = (msg: string) => new HuaweiFailure(CODE.phasedInfoFailed, `update phased info failed: ${msg}`);
  const {
    phasedReleaseStartTime: start,
    phasedReleaseEndTime: end,
    phasedReleasePercent: percent,
    phasedReleaseDescription: description,
  } = body;
  if (typeof start !== 'string' || typeof end !== 'string')
    throw fail('phasedReleaseStartTime and phasedReleaseEndTime are required');
  const startAt = parseHuaweiTime(start);
  const endAt = parseHuaweiTime(end);
  if (startAt === null || endAt === null) throw fail('the phased times must be yyyy-MM-ddTHH:mm:ss+0800');
  if (endAt <= startAt || endAt <= now) throw fail('the phased release must end after it starts, in the future');
  if (typeof percent !== 'string' || !/^\d{1,3}\.\d{2}$/.test(percent) || Number(percent) > 100) {
    throw fail('phasedReleasePercent must be a string from "0.00" to "100.00"');
  }
  if (description !== undefined && (typeof description !== 'string' || [...description].length > 500)) {
    throw fail('phasedReleaseDescription must be at most 500 characters');
  }
  return {
    state: 'RELEASE',
    phasedReleaseStartTime: start,
    phasedReleaseEndTime: end,
    phasedReleasePercent: percent,
    phasedReleaseDescription: typeof description === 'string' ? description : '',
  };
}
