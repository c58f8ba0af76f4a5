/**
 * Honor's answer envelope `{code, msg, data}` (success is code 0; some endpoints put the text in
 * `message`) and the codes the emulator uses [src: stores/honor.md 4.4]. Codes marked
 * UNCONFIRMED are the emulator's own pick within the documented range.
 */
import type { EmulatorResponse } from '../types.js';

export const CODE = {
  noToken: 10001,
  /** Malformed or unknown token, or a token of the wrong credential type. */
  badToken: 10002,
  expiredToken: 10003,
  /** UNCONFIRMED which of 20001–20005: pkgName empty. */
  pkgEmpty: 20001,
  /** UNCONFIRMED which of 20001–20005: appId empty or not this developer's. */
  badAppId: 20003,
  /** UNCONFIRMED which of 20006–20015: a field with a bad format (fileName, sha256, releaseTime...). */
  badField: 20010,
  inReview: 20022,
  /** UNCONFIRMED which of 20028–20030: objectId empty / unknown / not uploaded or not bound. */
  badObjectId: 20029,
  languageIdEmpty: 20031,
  introEmpty: 20076,
  packageMismatch: 30003,
  parseFailed: 30005,
  versionTooLow: 30006,
  /** The reference's "MD5 mismatch"; the emulator uses it for a SHA-256 or size mismatch too. */
  hashMismatch: 30009,
  uploadFailed: 30010,
  /** The request body is not what the endpoint takes (UNCONFIRMED: Honor's code for it). */
  badBody: 40000,
} as const;

/**
 * The HTTP status of a gateway token error. UNCONFIRMED: the reference gives the codes, not the
 * status; the emulator answers 200 like every other failure, so the adapter must read the body.
 */
export const TOKEN_ERROR_STATUS = 200;

export function ok(data: unknown, messageKey: 'msg' | 'message' = 'msg'): EmulatorResponse {
  return { status: 200, body: { code: 0, [messageKey]: 'success', data } };
}

export function fail(
  code: number,
  text: string,
  status = 200,
  messageKey: 'msg' | 'message' = 'msg',
): EmulatorResponse {
  return { status, body: { code, [messageKey]: text } };
}

/** A failed check: the code and text to answer with. */
export class HonorFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status = 200,
  ) {
    super(message);
  }
}
