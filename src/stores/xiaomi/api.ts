/**
 * One function per Xiaomi endpoint (stores/xiaomi.md 1.4, 1.5): describe -> sign on every attempt ->
 * send -> parse -> validate -> data or a typed error. There is no token: every request carries
 * RequestData and its SIG.
 */
import type { KeyObject } from 'node:crypto';
import { formBody } from '../../http/client.js';
import { parseAnswer, readJson } from '../kit/index.js';
import { multipartBody, type MultipartField } from '../../http/multipart.js';
import type { StoreContext } from '../types.js';
import type { XiaomiConfig } from './config.js';
import { xiaomiError } from './errors.js';
import { envelopeSchema, queryAnswerSchema, type Envelope, type QueryAnswer } from './schemas.js';
import { buildSig, md5Hex, type SigEntry } from './sign.js';

/** The server is slow; XiaoZhuan raised its timeouts to 60 s for it [src: XZ commit 786f18f]. */
const QUERY_TIMEOUT_MS = 60_000;
/**
 * The push answers only after the store has processed APK(s) and icon. undici refreshes the
 * headers timeout while the body is still being written, so this bounds the store's processing
 * time after the upload, not the upload itself.
 */
export const PUSH_HEADERS_TIMEOUT_MS = 15 * 60_000;

export interface XiaomiCall {
  ctx: StoreContext<XiaomiConfig>;
  /** The console certificate's RSA public key. */
  publicKey: KeyObject;
}

export interface PushFile {
  /** Multipart field name, also the SIG entry name: `apk`, `secondApk` or `icon`. */
  field: string;
  /** Streamed from disk (an APK), or already in memory (the icon). */
  source: { path: string } | { data: Buffer };
  size: number;
  /** Lowercase hex MD5 of the whole file, computed once by whoever read it. */
  md5: string;
  filename: string;
  contentType: string;
}

/** `POST /dev/query`: the app as this account sees it. */
export async function queryApp(call: XiaomiCall, packageName: string): Promise<QueryAnswer> {
  const { ctx } = call;
  const what = `query ${packageName}`;
  // The exact string sent is the one hashed: the store takes the MD5 of what it receives [src: U2].
  const requestData = JSON.stringify({ packageName, userName: ctx.config.account });
  const response = await ctx.http.send(
    () => {
      const SIG = sign(call, [{ name: 'RequestData', hash: md5Hex(requestData) }]);
      const form = formBody({ RequestData: requestData, SIG });
      return { method: 'POST', url: `${ctx.baseUrl}/dev/query`, headers: form.headers, body: form.body };
    },
    { idempotent: true, headersTimeoutMs: QUERY_TIMEOUT_MS, signal: ctx.signal, what },
  );
  const envelope = readEnvelope(readJson(response, { store: 'xiaomi', what }), what);
  return parseAnswer(queryAnswerSchema, envelope, { store: 'xiaomi', what });
}

/**
 * `POST /dev/push`: uploads the files and submits in one multipart request. Not idempotent (a
 * repeat is refused with −92 [src: stores/xiaomi.md 1.8]), so never retried here; a TransportError
 * reaches the caller, which queries the store before saying anything.
 */
export async function pushRelease(
  call: XiaomiCall,
  requestData: string,
  files: PushFile[],
  what: string,
  onUploadProgress?: (sent: number, total: number) => void,
): Promise<Envelope> {
  const { ctx } = call;
  const response = await ctx.http.send(
    () => {
      const SIG = sign(call, [
        { name: 'RequestData', hash: md5Hex(requestData) },
        ...files.map((file) => ({ name: file.field, hash: file.md5 })),
      ]);
      const fields: MultipartField[] = [
        { name: 'RequestData', value: requestData },
        { name: 'SIG', value: SIG },
        ...files.map(
          (file): MultipartField =>
            'data' in file.source
              ? { name: file.field, data: file.source.data, filename: file.filename, contentType: file.contentType }
              : {
                  name: file.field,
                  file: {
                    path: file.source.path,
                    size: file.size,
                    filename: file.filename,
                    contentType: file.contentType,
                  },
                },
        ),
      ];
      return { method: 'POST', url: `${ctx.baseUrl}/dev/push`, body: multipartBody(fields) };
    },
    {
      idempotent: false,
      headersTimeoutMs: PUSH_HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: QUERY_TIMEOUT_MS,
      onUploadProgress,
      signal: ctx.signal,
    },
  );
  return readEnvelope(readJson(response, { store: 'xiaomi', what }), what);
}

function sign(call: XiaomiCall, entries: SigEntry[]): string {
  const SIG = buildSig(entries, call.ctx.config.privateKey, call.publicKey);
  call.ctx.addSecret(SIG);
  return SIG;
}

/** The envelope every answer shares; a non-zero `result` becomes the mapped StoreError. */
function readEnvelope(json: unknown, what: string): Envelope {
  const envelope = parseAnswer(envelopeSchema, json, { store: 'xiaomi', what });
  if (envelope.result !== 0) throw xiaomiError(envelope, what);
  return envelope;
}
