/**
 * What every signed Xiaomi call shares: read the form, open SIG, check the account, its private
 * key and the MD5 of RequestData and of each file part (stores/xiaomi.md 1.3).
 */
import type { KeyObject } from 'node:crypto';
import { createHash } from 'node:crypto';
import { contentTypeOf, multipartParts, type FormPart } from '../multipart.js';
import type { EmulatorRequest } from '../types.js';
import { XiaomiRejection } from './rejection.js';
import { checkHashes, openSig } from './sig.js';
import type { ReceivedPart, XiaomiState } from './state.js';

export interface SignedRequest {
  requestData: Record<string, unknown>;
  /** File parts this endpoint reads, by field name. */
  files: Map<string, FormPart>;
  /** Parts received that this endpoint does not read (not RequestData / SIG). */
  ignored: Map<string, FormPart>;
  parts: Record<string, ReceivedPart>;
}

export interface SignedRequestRules {
  /** /dev/query is a urlencoded form; /dev/push and /dev/pushChannelApk are multipart. */
  form: 'urlencoded' | 'multipart';
  /** Field names of the file parts this endpoint reads. */
  fileFields: RegExp;
}

export function readSignedRequest(
  req: EmulatorRequest,
  state: XiaomiState,
  storeKey: KeyObject,
  rules: SignedRequestRules,
): SignedRequest {
  const parts = readForm(req, rules.form);
  const requestDataPart = parts.find((p) => p.name === 'RequestData');
  const sigPart = parts.find((p) => p.name === 'SIG');
  if (!requestDataPart || !sigPart) throw new XiaomiRejection(-10000, '缺少参数 RequestData 或 SIG');

  const plaintext = openSig((sigPart.data ?? Buffer.alloc(0)).toString('utf8').trim(), storeKey);
  const requestData = parseRequestData(requestDataPart.data ?? Buffer.alloc(0));
  // The account is the email in RequestData, and the password in SIG must be its current private
  // key [src: pId=1134 excerpt; U1 −20014]. UNCONFIRMED: the code for an unknown email; the store
  // cannot find a key for it, so it is treated as a wrong key.
  if (requestData.userName !== state.account) {
    throw new XiaomiRejection(-20014, 'userName 不是该私钥对应的开发者邮箱');
  }
  if (plaintext.password !== state.password) throw new XiaomiRejection(-20014, '私钥（password）错误');

  const files = new Map<string, FormPart>();
  const ignored = new Map<string, FormPart>();
  const received: Record<string, ReceivedPart> = {};
  for (const part of parts) {
    if (part.name === 'RequestData' || part.name === 'SIG') continue;
    (rules.fileFields.test(part.name) ? files : ignored).set(part.name, part);
    received[part.name] = { md5: part.md5, size: part.size, filename: part.filename ?? null };
  }
  checkHashes(plaintext.entries, requestDataPart, files, ignored);
  return { requestData, files, ignored, parts: received };
}

function readForm(req: EmulatorRequest, form: SignedRequestRules['form']): FormPart[] {
  const contentType = contentTypeOf(req.headers);
  if (form === 'urlencoded') {
    if (!/^application\/x-www-form-urlencoded/i.test(contentType)) {
      throw new XiaomiRejection(-10000, `请求需为 application/x-www-form-urlencoded，收到 ${contentType || '无'}`);
    }
    // The value after URL-decoding is the string the client hashed; its UTF-8 bytes are compared.
    return [...new URLSearchParams(req.body.toString('utf8'))].map(([name, value]) => {
      const data = Buffer.from(value, 'utf8');
      const hash = (algorithm: string) => createHash(algorithm).update(data).digest('hex');
      return { name, data, size: data.length, md5: hash('md5'), sha256: hash('sha256') };
    });
  }
  let parts: FormPart[];
  try {
    parts = multipartParts(req);
  } catch (error) {
    throw new XiaomiRejection(-10000, `multipart/form-data 解析失败: ${(error as Error).message}`);
  }
  const names = parts.map((p) => p.name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) throw new XiaomiRejection(-10000, `字段 ${repeated} 出现了多次`);
  return parts;
}

function parseRequestData(raw: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new XiaomiRejection(-20029, 'RequestData 不是合法的 JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new XiaomiRejection(-20029, 'RequestData 不是 JSON 对象');
  }
  return parsed as Record<string, unknown>;
}
