/**
 * What would make /app/upd fail, checked from /app/info before anything is uploaded (plan() and
 * publish() both run it). /app/upd re-validates the whole listing on every update, so an old
 * listing the console once accepted can block a release [src: stores/oppo.md §2.7].
 */
import type { ErrorCode } from '../../core/errors.js';
import { beijingTime } from '../../core/time.js';
import type { PlanRelease } from '../types.js';
import { versionPresent } from '../kit/index.js';
import { normaliseInfo, reviewOf } from './info.js';
import { cleanList, copyrightProof } from './listing.js';
import type { DetailBody } from './schemas.js';

/** [src: APKGO 92fc25c/cb19725; XiaoZhuan#23]. */
export const SUMMARY_MAX = 13;
/** Punctuation (any script) or whitespace. */
const SUMMARY_FORBIDDEN = /[\p{P}\s]/u;
/** [src: stores/oppo.md §2.7, U5]. */
export const DETAIL_DESC_MIN = 20;
/** Cut here silently although the task reports success [src: U5, measured 2026-09-04]. */
export const DETAIL_DESC_LIMIT = 1024;
/** [src: U5]. */
export const NOTES_MIN = 5;
/**
 * update_desc in characters: at least 5 [src: stores/oppo.md §2.7, U5]; the reference gives no
 * maximum, so 500 (the cap of the stores that document one: vivo language-info, Huawei newFeatures
 * [src: stores/vivo.md §3.7; stores/README.md §4]) is UNCONFIRMED for OPPO: change it here only.
 */
export const NOTES_LENGTH = { min: NOTES_MIN, max: 500 } as const;

/** Listing fields /app/upd refuses when empty, with their names on the OPPO console. */
const LISTING_REQUIRED = [
  ['privacy_source_url', '隐私政策网址'],
  ['icon_url', '图标'],
  ['pic_url', '竖屏截图'],
] as const;

export interface Problem {
  code: ErrorCode;
  message: string;
  hint: string;
}

export interface Evaluation {
  /** Set when the store already has this version: why nothing will be sent. */
  skip: string | null;
  /** Everything that would make /app/upd fail. */
  problems: Problem[];
  /** Things that will not fail but the user should know. */
  warnings: string[];
  /** The latest versionCode on the store. */
  current: number;
}

/** Length as a person counts it (code points, so a CJK character is one). */
export function chars(text: string | null | undefined): number {
  return Array.from(text ?? '').length;
}

export function evaluateRelease(detail: DetailBody, release: PlanRelease, nowMs: number): Evaluation {
  const current = Number(detail.version_code);
  const review = reviewOf(detail);
  const evaluation: Evaluation = { skip: null, problems: [], warnings: [], current };

  // The kit's one "already there" policy (live, or on its way, or in a state we cannot read).
  const presence = versionPresent(normaliseInfo(release.package, detail, null), release.versionCode);
  if (presence.present) {
    evaluation.skip = `versionCode ${current} (${detail.version_name ?? '?'}) is already on OPPO (${presence.how}; ${review.storeState ?? review.state})`;
    return evaluation;
  }
  const problem = (code: ErrorCode, message: string, hint: string) => evaluation.problems.push({ code, message, hint });

  // Strictly greater than what the store has [src: U5 FAQ]. /app/info gives the latest version only;
  // the same versionCode is allowed again when it was rejected, withdrawn or never submitted.
  if (release.versionCode < current) {
    problem(
      'VERSION_NOT_HIGHER',
      `versionCode ${release.versionCode} is not above OPPO's ${current} (${review.storeState ?? review.state})`,
      'build the release with a higher versionCode',
    );
  }

  const summary = detail.summary?.trim() ?? '';
  if (summary === '') {
    problem(
      'LISTING_INCOMPLETE',
      'the listing has no summary (一句话简介), which /app/upd requires',
      'fill in 一句话简介 on the OPPO console',
    );
  } else if (chars(summary) > SUMMARY_MAX) {
    problem(
      'LISTING_INCOMPLETE',
      `the listing summary (一句话简介) has ${chars(summary)} characters, /app/upd allows at most ${SUMMARY_MAX}: "${summary}"`,
      `shorten 一句话简介 to ${SUMMARY_MAX} characters on the OPPO console, then run again`,
    );
  }
  // No punctuation or spaces either, half- or full-width [src: stores/oppo.md §2.7; APKGO 92fc25c/cb19725; XiaoZhuan#23].
  if (SUMMARY_FORBIDDEN.test(summary)) {
    problem(
      'LISTING_INCOMPLETE',
      `the listing summary (一句话简介) contains punctuation or spaces, which /app/upd refuses: "${summary}"`,
      'remove punctuation and spaces from 一句话简介 on the OPPO console, then run again',
    );
  }
  const detailDesc = detail.detail_desc?.trim() ?? '';
  if (chars(detailDesc) < DETAIL_DESC_MIN) {
    problem(
      'LISTING_INCOMPLETE',
      `the listing description (软件介绍) has ${chars(detailDesc)} characters, /app/upd needs at least ${DETAIL_DESC_MIN}`,
      'lengthen 软件介绍 on the OPPO console',
    );
  } else if (chars(detailDesc) > DETAIL_DESC_LIMIT) {
    evaluation.warnings.push(
      `the description (软件介绍) has ${chars(detailDesc)} characters: OPPO silently cuts it to ${DETAIL_DESC_LIMIT}`,
    );
  }
  if (chars(release.notes.trim()) < NOTES_MIN) {
    problem(
      'NOTES_INVALID',
      `the release notes (update_desc) have ${chars(release.notes.trim())} characters, OPPO needs at least ${NOTES_MIN}`,
      'pass longer notes with --notes or --notes-file',
    );
  }
  if (copyrightProof(detail) === '') {
    problem(
      'LISTING_INCOMPLETE',
      'the listing has no copyright proof (copyright_url and electronic_cert_url are both empty); /app/upd answers 911001',
      'upload 软件版权证明 on the OPPO console',
    );
  }
  // /app/upd re-validates the echoed listing, and these must not be empty: a privacy policy URL,
  // the icon and the portrait screenshots [src: stores/oppo.md §2.6-2.7; U6 REQUIRED_FIELDS].
  const missing = LISTING_REQUIRED.filter(([field]) => cleanList(detail[field] as string | null | undefined) === '');
  if (missing.length > 0) {
    problem(
      'LISTING_INCOMPLETE',
      `the listing has no ${missing.map(([field, name]) => `${name} (${field})`).join(', ')}, which /app/upd requires`,
      'complete the listing on the OPPO console, then run again',
    );
  }
  if (release.schedule && release.schedule.getTime() <= nowMs) {
    problem(
      'SCHEDULE_IN_PAST',
      `the schedule ${beijingTime(release.schedule)} (Beijing time) is in the past`,
      'pass a future time with --schedule',
    );
  }
  return evaluation;
}
