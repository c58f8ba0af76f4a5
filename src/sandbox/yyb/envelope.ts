/**
 * YYB's envelope `{ret, msg, ...route fields}` (success is ret 0; some answers carry the text in
 * `message`) and the codes the emulator uses [src: stores/yyb.md 1.4]. Codes marked UNCONFIRMED
 * are the emulator's own pick: the reference does not list the store's code for that failure.
 */
import type { EmulatorResponse } from '../types.js';

export const RET = {
  /** UNCONFIRMED: a required param is missing or malformed. */
  badParam: 1000001,
  pairMismatch: 1000009,
  notPublished: 1000011,
  noPermission: 1000012,
  /** access_secret not applied for; the emulator also answers it to an unknown user_id. */
  noSecret: 1000019,
  badSign: 1000020,
  /**
   * UNCONFIRMED: a timestamp outside ±30 min. The reference names the window, not its code; the
   * emulator answers the signature code with its own text.
   */
  staleTimestamp: 1000020,
  /** UNCONFIRMED: a daily quota is used up (100 upload slots, 50 update_app calls). */
  quotaExceeded: 1000030,
  md5Missing: 4000040,
  noUploadRecord: 4000043,
  badApk32: 4000045,
  /** UNCONFIRMED: an APK without 64-bit code in the apk64 slot (the reference only gives 4000045 for the other way). */
  badApk64: 4000046,
  /** 4000049 "无效的请求参数apk32_flag": flag 0 (or anything but 1/2). */
  badFlag: 4000049,
  /** Submit for review failed (see msg): package, versionCode, MD5, in review, deploy_time. */
  submitFailed: 4000053,
} as const;

export function ok(fields: Record<string, unknown> = {}, messageKey: 'msg' | 'message' = 'msg'): EmulatorResponse {
  return { status: 200, body: { ret: 0, [messageKey]: 'success', ...fields } };
}

export function fail(ret: number, text: string): EmulatorResponse {
  return { status: 200, body: { ret, msg: text } };
}

/** A failed check: the ret and text to answer with. */
export class YybFailure extends Error {
  constructor(
    readonly ret: number,
    message: string,
  ) {
    super(message);
  }
}
