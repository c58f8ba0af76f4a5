/**
 * Huawei's answer envelope (stores/huawei.md 2.4): HTTP 200 with `ret: {code, msg}`, code 0 for
 * success; business refusals are non-zero codes, still HTTP 200. A few failures are plain HTTP
 * (401 for a bad token, 403 with an empty body for a client without scope on the app).
 */
import type { EmulatorResponse } from '../types.js';

/** The codes the emulator answers with (hw-err; the meanings are in stores/huawei.md 2.4). */
export const CODE = {
  invalidInput: 204144641,
  queryAppFailed: 204144644,
  addPackageFailed: 204144646,
  updateServiceFailed: 204144647,
  languageInfo: 204144652,
  submitFailed: 204144660,
  tooManyPackages: 204144662,
  releaseTimeInvalid: 204144677,
  phasedInfoFailed: 204144715,
  compiling: 204144727,
  // Not in the reference: the token endpoint's code for refused credentials, and the gateway's for
  // a bad token. Clients must only rely on "non-zero" / HTTP 401. UNCONFIRMED values.
  tokenRefused: 1010,
  tokenInvalid: 205524993,
} as const;

export class HuaweiFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** Plain HTTP failures (401, 403, 404) instead of the HTTP 200 envelope. */
    readonly status = 200,
    readonly emptyBody = false,
  ) {
    super(message);
  }
}

export function ok(body: Record<string, unknown> = {}): EmulatorResponse {
  return { body: { ret: { code: 0, msg: 'success' }, ...body } };
}

export function failure(error: HuaweiFailure): EmulatorResponse {
  if (error.emptyBody) return { status: error.status, body: '' };
  return { status: error.status, body: { ret: { code: error.code, msg: error.message } } };
}
