/**
 * The vivo API gateway's own checks, made before any business method runs: where params may come
 * from, the common params, the access key, the timestamp window and the HMAC-SHA256 `sign`
 * [src: U7; APKGO-VV signParams; XZ-VV VIVOApiSigner; MHS-VV].
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { contentTypeOf, multipartParts, partText, type FormPart } from '../multipart.js';
import type { EmulatorRequest } from '../types.js';

/** The allowed clock skew of `timestamp` (epoch ms) [src: U7]. */
export const TIMESTAMP_WINDOW_MS = 20 * 60 * 1000;

/** Common params every call must carry besides `sign`. */
const COMMON_PARAMS = ['method', 'access_key', 'timestamp', 'format', 'v', 'sign_method', 'target_app_key'];

export interface GatewayParams {
  /** Query, urlencoded body and multipart text fields, merged. */
  params: Record<string, string>;
  /** Multipart parts that carried a filename (never part of the signature). */
  files: FormPart[];
}

export interface GatewayError {
  code: number;
  msg: string;
  status?: number;
}

/**
 * Merges the params from the query string and the body. The gateway accepts either place
 * [src: U7; apkgo POSTs everything in the query, MHS everything in the body]. The same name given
 * twice with different values is refused rather than guessed at. UNCONFIRMED: what the real
 * gateway does then.
 */
export function readParams(req: EmulatorRequest): GatewayParams | GatewayError {
  const params: Record<string, string> = {};
  const files: FormPart[] = [];
  const add = (name: string, value: string): GatewayError | null => {
    if (name in params && params[name] !== value) return { code: 441, msg: `参数重复且取值不一致: ${name}` };
    params[name] = value;
    return null;
  };
  for (const [name, value] of req.query) {
    const clash = add(name, value);
    if (clash) return clash;
  }
  const contentType = contentTypeOf(req.headers);
  if (/^multipart\/form-data/i.test(contentType)) {
    let parts: FormPart[];
    try {
      parts = multipartParts(req);
    } catch {
      return { code: 441, msg: '无法解析multipart请求体', status: 400 };
    }
    for (const part of parts) {
      if (part.filename !== undefined) {
        files.push(part);
        continue;
      }
      const clash = add(part.name, partText(part));
      if (clash) return clash;
    }
  } else if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
    for (const [name, value] of new URLSearchParams(req.body.toString('utf8'))) {
      const clash = add(name, value);
      if (clash) return clash;
    }
  }
  return { params, files };
}

/**
 * The string that is signed: every param but `sign` (file parts are never in `params`), keys in
 * ASCII order, `k=v` joined by `&`, raw (not URL-encoded) values [src: U7; APKGO-VV signParams].
 */
export function signingString(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key !== 'sign')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

export function expectedSign(params: Record<string, string>, accessSecret: string): string {
  return createHmac('sha256', Buffer.from(accessSecret, 'utf8')).update(signingString(params), 'utf8').digest('hex');
}

/**
 * Checks the common params and the signature. Returns the caller's access_key, or the gateway
 * code the real gateway answers [src: U7 error list; doc 330 per XZ-VV].
 */
export function authenticate(
  params: Record<string, string>,
  credentials: Map<string, string>,
  now: number,
): { accessKey: string } | GatewayError {
  const missing = [...COMMON_PARAMS, 'sign'].filter((name) => !params[name]);
  if (missing.length > 0) return { code: 440, msg: `缺少必要参数: ${missing.join(',')}` };

  const accessKey = params.access_key!;
  const accessSecret = credentials.get(accessKey);
  if (accessSecret === undefined) return { code: 10017, msg: 'access_key错误' };

  // Only HMAC-SHA256 is confirmed by a production trace [src: APKGO-VV-TR]; older clients sent
  // `hmac` (LN-VV, DC-VV, U13). UNCONFIRMED whether the gateway still takes it, so it is refused.
  if (params.sign_method !== 'HMAC-SHA256') return { code: 10015, msg: `不支持的签名方法: ${params.sign_method}` };
  if (params.v !== '1.0') return { code: 10014, msg: `API版本错误: ${params.v}` };
  // UNCONFIRMED: the code for a wrong format / target_app_key; 441 is the gateway's "bad param".
  if (params.format !== 'json') return { code: 441, msg: `参数错误: format=${params.format}` };
  if (params.target_app_key !== 'developer') return { code: 441, msg: `参数错误: target_app_key` };

  // Milliseconds: a client sending seconds lands decades away and is refused like a stale one.
  const timestamp = /^\d+$/.test(params.timestamp!) ? Number(params.timestamp) : Number.NaN;
  if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > TIMESTAMP_WINDOW_MS) {
    return { code: 10005, msg: '时间戳已过期' };
  }

  const expected = Buffer.from(expectedSign(params, accessSecret), 'utf8');
  const given = Buffer.from(params.sign!, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { code: 10001, msg: '签名校验失败' };
  }
  return { accessKey };
}

/** Business params only: what a method acts on and what a submission records. */
export function businessParams(params: Record<string, string>): Record<string, string> {
  const common = new Set([...COMMON_PARAMS, 'sign']);
  return Object.fromEntries(Object.entries(params).filter(([key]) => !common.has(key)));
}

export function isGatewayError(value: object): value is GatewayError {
  return 'code' in value && 'msg' in value;
}
