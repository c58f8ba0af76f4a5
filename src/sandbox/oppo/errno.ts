/**
 * OPPO's answer envelope `{ errno, data }` and the errnos the emulator uses.
 * Errnos marked "reference" are quoted in ../shared/stores/oppo.md or the seed document; the rest
 * are the emulator's own choice (UNCONFIRMED): the real store's code for that failure is not known.
 */
import { randomInt } from 'node:crypto';
import type { EmulatorResponse } from '../types.js';

export const ERRNO = {
  /** UNCONFIRMED: wrong or missing client_id / client_secret on /developer/v1/token. */
  badClient: 910001,
  /** UNCONFIRMED: access_token unknown, expired, or retired after a newer one was issued. */
  badToken: 910002,
  /**
   * Upload sign unknown, expired or already used. Not in stores/oppo.md; a third-party compilation
   * of OPPO's upload doc quotes `910003 "Unauthorized upload [1]"`, so treat as UNCONFIRMED.
   */
  badUploadSign: 910003,
  /** UNCONFIRMED: timestamp missing, not in seconds, or outside the ±15 min window. */
  badTimestamp: 910004,
  /** UNCONFIRMED: api_sign missing or wrong. */
  badSign: 910005,
  /** UNCONFIRMED: the upload is not a well-formed multipart/form-data body with type/sign/file. */
  badUpload: 910006,
  /** UNCONFIRMED: the upload came without a Content-Length (chunked). */
  noContentLength: 910007,
  /** Reference (seed 002 failure example): the package is not this developer's. */
  notYourApp: 911045,
  /** Reference (stores/oppo.md 2.7): copyright proof empty, or invalid adaptive_type. */
  badQualification: 911001,
  /** UNCONFIRMED: apk_url not a JSON array of uploads from this store, md5 mismatch, bad cpu_code. */
  badApkUrl: 911002,
  /** UNCONFIRMED: the uploaded APK's package / versionCode does not fit, or is not higher than live. */
  badApkVersion: 911003,
  /** Reference (stores/oppo.md 2.7): this version is already in the review queue. */
  inReview: 911215,
  /** Reference (stores/oppo.md 2.7): a previous /app/upd task is still running. */
  taskRunning: 911216,
  /** UNCONFIRMED: task-state asked about a package/version that has no task. */
  noTask: 911404,
  /** Reference (stores/oppo.md 2.7): field validation (summary, email, empty summary...). */
  invalidField: 800002,
} as const;

export function logid(): number {
  return randomInt(1_000_000_000, 2_147_483_647);
}

/** OPPO answers errors with HTTP 200 and the reason in `data.message` (seed 002 failure example). */
export function fail(errno: number, message: string, status = 200): EmulatorResponse {
  return { status, body: { errno, data: { message, logid: logid() } } };
}

export function ok(data: unknown, extra: Record<string, unknown> = {}): EmulatorResponse {
  return { status: 200, body: { errno: 0, data, ...extra } };
}

/** A failed check: the errno and message to answer with. */
export class OppoFailure extends Error {
  constructor(
    readonly errno: number,
    message: string,
  ) {
    super(message);
  }
}
