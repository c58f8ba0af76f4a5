/**
 * vivo's response envelope `{code, subCode, msg, data, timestamp}` [src: APKGO-VV-TR; U7].
 * `code` is the gateway's verdict; business failures come back as `code: 0` with a non-zero
 * `subCode` string (the quirk that made clients treat a refused upload as a success
 * [src: APKGO commits f0f343f, e7599ea]).
 */
import type { EmulatorResponse } from '../types.js';

/** How one method dresses its answers; the real endpoints are not uniform. */
export interface ReplyStyle {
  /**
   * Label the JSON body `text/plain;charset=utf-8`, as vivo does on some answers, so a client
   * that lets content-type drive decoding gets nothing [src: APKGO commit 38e5cac].
   */
  plainText: boolean;
  /** Name of the message field: `msg` on some methods, `message` on others [src: APKGO-VV envelope]. */
  messageKey: 'msg' | 'message';
  /**
   * subCode on success: "0" (split uploads, details trace) or absent (most others)
   * [src: APKGO-VV envelope comment; APKGO-VV-TR].
   */
  successSubCode: '0' | null;
  /** The details trace carries no message on success [src: APKGO-VV-TR]. */
  successMessage: string | null;
}

export const JSON_STYLE: ReplyStyle = {
  plainText: false,
  messageKey: 'msg',
  successSubCode: null,
  successMessage: '成功',
};

/** The outcome of a business method, before the envelope is put around it. */
export type MethodResult = { ok: true; data: unknown } | { ok: false; subCode: string; msg: string };

export const ok = (data: unknown): MethodResult => ({ ok: true, data });
export const fail = (subCode: string, msg: string): MethodResult => ({ ok: false, subCode, msg });

/** A gateway rejection: the business method never ran. */
export function gatewayReply(code: number, msg: string, now: number, status = 200): EmulatorResponse {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8' },
    body: { code, msg, data: null, timestamp: now },
  };
}

export function methodReply(result: MethodResult, style: ReplyStyle, now: number): EmulatorResponse {
  const body: Record<string, unknown> = { code: 0 };
  if (result.ok) {
    if (style.successSubCode !== null) body.subCode = style.successSubCode;
    if (style.successMessage !== null) body[style.messageKey] = style.successMessage;
    body.data = result.data;
  } else {
    body.subCode = result.subCode;
    body[style.messageKey] = result.msg;
    body.data = null;
  }
  body.timestamp = now;
  const contentType = style.plainText ? 'text/plain;charset=utf-8' : 'application/json;charset=UTF-8';
  return { status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(body) };
}
