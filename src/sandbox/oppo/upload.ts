/**
 * OPPO's two-step upload (stores/oppo.md 2.6): get-upload-url hands out a one-time sign, then the
 * file goes as multipart/form-data (type, sign, file) to the upload host, here `<baseUrl>/upload`.
 */
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { contentTypeOf, multipartParts, partText, type FormPart } from '../multipart.js';
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../types.js';
import { checkSigned } from './auth.js';
import { ERRNO, fail, logid, ok } from './errno.js';
import type { OppoState, UploadedFile } from './state.js';

/** How long an unused upload sign stays valid. UNCONFIRMED: the reference gives no lifetime. */
const UPLOAD_SIGN_LIFETIME_MS = 3600_000;
const UPLOAD_TYPES = new Set(['apk', 'photo', 'resource']);

export type ApkReader = (path: string) => Promise<{
  package: string;
  versionCode: number;
  versionName: string;
  abis: string[];
}>;

export function issueUploadUrl(state: OppoState, ctx: EmulatorContext) {
  const sign = randomBytes(16).toString('hex'); // "<32 hex>" [src: yimenapp 10840]
  state.uploadSigns.set(sign, { issuedAt: ctx.now(), used: false });
  return { upload_url: `${ctx.baseUrl}/upload`, sign };
}

export async function receiveUpload(
  state: OppoState,
  req: EmulatorRequest,
  ctx: EmulatorContext,
  readApk: ApkReader,
): Promise<EmulatorResponse> {
  if (req.method !== 'POST') return fail(ERRNO.badUpload, 'upload must be a POST', 405);
  // Uploads must carry a known length (design.md: no chunked encoding). A chunked body has none.
  if (req.headers['content-length'] === undefined) {
    return fail(ERRNO.noContentLength, 'Content-Length required', 411);
  }
  const contentType = contentTypeOf(req.headers);
  // Real multipart/form-data only: OkHttp's default multipart/mixed fails [src: XZ-OP uploadApk comment].
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    return fail(ERRNO.badUpload, 'Content-Type must be multipart/form-data');
  }
  let parts: FormPart[];
  try {
    parts = multipartParts(req);
  } catch (error) {
    return fail(ERRNO.badUpload, `malformed multipart body: ${(error as Error).message}`);
  }
  const fields: Record<string, string> = Object.fromEntries(req.query);
  for (const part of parts) if (part.filename === undefined) fields[part.name] = partText(part);
  const file = parts.find((part) => part.name === 'file' && part.file !== undefined);

  // The official field list is only type/sign/file [src: yimenapp 10840]; some clients add signed
  // access params, which is harmless [src: XZ-OP; MHS-OP; DC-OP] but then must be right.
  if (fields.access_token !== undefined || fields.api_sign !== undefined) checkSigned(state, fields, ctx.now());

  const type = fields.type ?? '';
  if (!UPLOAD_TYPES.has(type)) return fail(ERRNO.badUpload, 'type must be apk, photo or resource');
  const issued = state.uploadSigns.get(fields.sign ?? '');
  if (!issued || issued.used || ctx.now() - issued.issuedAt > UPLOAD_SIGN_LIFETIME_MS) {
    return fail(ERRNO.badUploadSign, 'Unauthorized upload [1]');
  }
  if (!file?.file || file.size === 0) return fail(ERRNO.badUpload, 'file is missing');
  // The sign is single-use [src: yimenapp 10840; MHS-OP comment; APKGO-OP uploadFile].
  issued.used = true;

  const stored = await storeFile(state, ctx, type, file, readApk);
  const data: Record<string, unknown> = {
    url: stored.url,
    uri_path: stored.uriPath,
    md5: stored.md5,
    file_size: stored.size,
    file_extension: stored.extension,
    id: stored.id,
    sign: fields.sign,
  };
  const size = type === 'photo' ? await pngSize(file.file.path) : null;
  if (size) Object.assign(data, size);
  return ok(data, { logid: logid() });
}

async function storeFile(
  state: OppoState,
  ctx: EmulatorContext,
  type: string,
  file: FormPart,
  readApk: ApkReader,
): Promise<UploadedFile> {
  const id = randomBytes(8).toString('hex');
  const extension =
    /\.([A-Za-z0-9]{1,8})$/.exec(file.filename ?? '')?.[1]?.toLowerCase() ?? (type === 'apk' ? 'apk' : 'bin');
  const uriPath = `/files/${type}/${id}.${extension}`;
  const stored: UploadedFile = {
    id,
    url: `${ctx.baseUrl}${uriPath}`,
    uriPath,
    type,
    md5: file.md5,
    size: file.size,
    extension,
    apk: type === 'apk' ? await inspectApk(file.file!.path, readApk) : null,
  };
  state.uploads.set(stored.url, stored);
  return stored;
}

/** Parses the APK from the sandbox's temp file; a broken APK is stored anyway and refused by /app/upd. */
async function inspectApk(path: string, readApk: ApkReader): Promise<UploadedFile['apk']> {
  try {
    const info = await readApk(path);
    return { package: info.package, versionCode: info.versionCode, versionName: info.versionName, abis: info.abis };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Width and height of a PNG (from its IHDR chunk), else null. */
async function pngSize(path: string): Promise<{ width: number; height: number } | null> {
  const handle = await open(path);
  const data = Buffer.alloc(24);
  const { bytesRead } = await handle.read(data, 0, 24, 0).finally(() => handle.close());
  if (bytesRead < 24) return null;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (data.length < 24 || !data.subarray(0, 8).equals(signature)) return null;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}
