/**
 * The current upload path (stores/huawei.md 2.5 (3a)): upload-url/for-obs hands out a pre-signed
 * PUT URL plus the exact headers it was signed with; the PUT must carry those headers unchanged, the
 * raw bytes with exactly `contentLength`, no chunked encoding, within about five minutes.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readAndroidPackageUnhashed } from '../read-upload.js';
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../types.js';
import { header } from './auth.js';
import { CODE, HuaweiFailure } from './envelope.js';
import type { App, HuaweiState, UploadObject } from './state.js';

/** "valid ≈5 min" [src: hw-doc-obs; iraz recovery.md]. */
export const UPLOAD_URL_LIFETIME_MS = 5 * 60_000;
const SIGNING_KEY = randomBytes(32);

export function issueObsUrl(
  state: HuaweiState,
  app: App,
  req: EmulatorRequest,
  ctx: EmulatorContext,
): Record<string, unknown> {
  const fileName = req.query.get('fileName') ?? '';
  const contentLength = req.query.get('contentLength') ?? '';
  const sha256 = req.query.get('sha256');
  // "the extension decides the type" [src: hw-doc-obs].
  if (!/\.(apk|aab|rpk|app)$/i.test(fileName))
    throw new HuaweiFailure(CODE.invalidInput, 'fileName must end with the file type (.apk, .aab, .rpk)');
  if (!/^[1-9]\d*$/.test(contentLength))
    throw new HuaweiFailure(CODE.invalidInput, 'contentLength must be the file size in bytes');
  const mainland = req.query.get('chineseMainlandFlag');
  if (mainland !== null && mainland !== '0' && mainland !== '1')
    throw new HuaweiFailure(CODE.invalidInput, 'chineseMainlandFlag must be 0 or 1');
  if (sha256 !== null && !/^[0-9a-f]{64}$/.test(sha256))
    throw new HuaweiFailure(CODE.invalidInput, 'sha256 must be 64 lowercase hex digits');
  const id = randomBytes(12).toString('hex');
  const issuedAt = ctx.now();
  const date = new Date(issuedAt)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const contentSha = sha256 ?? 'UNSIGNED-PAYLOAD';
  const host = new URL(ctx.baseUrl).host;
  const signature = createHmac('sha256', SIGNING_KEY)
    .update(`PUT\n/obs/${id}\n${contentSha}\n${date}\n${contentLength}`)
    .digest('hex');
  const headers = {
    Authorization: `AWS4-HMAC-SHA256 Credential=SANDBOX/${date.slice(0, 8)}/cn-north-4/s3/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=${signature}`,
    'x-amz-content-sha256': contentSha,
    'x-amz-date': date,
    Host: host,
    'user-agent': 'AGC-OBS-sandbox/1.0',
    'Content-Type': 'application/octet-stream',
  };
  const object: UploadObject = {
    objectId: `cn/${app.appId}/${id}/${fileName}`,
    appId: app.appId,
    fileName,
    contentLength: Number(contentLength),
    sha256,
    issuedAt,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    received: false,
    parsed: null,
  };
  state.uploads.set(id, object);
  return {
    urlInfo: {
      objectId: object.objectId,
      url: `${ctx.baseUrl}/obs/${id}?X-Amz-Expires=300&X-Amz-Signature=${signature}`,
      method: 'PUT',
      headers,
    },
  };
}

/** OBS answers like S3: plain HTTP statuses with a short XML-ish body, never the `ret` envelope. */
const obsError = (status: number, code: string, message: string): EmulatorResponse => ({
  status,
  headers: { 'content-type': 'application/xml' },
  body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
});

export async function receivePut(
  state: HuaweiState,
  req: EmulatorRequest,
  ctx: EmulatorContext,
): Promise<EmulatorResponse> {
  const id = req.path.slice('/obs/'.length);
  const object = state.uploads.get(id);
  if (req.method !== 'PUT') return obsError(405, 'MethodNotAllowed', 'the upload URL takes PUT');
  if (
    !object ||
    req.query.get('X-Amz-Signature') !== /Signature=([0-9a-f]+)$/.exec(object.headers.authorization!)?.[1]
  ) {
    return obsError(403, 'SignatureDoesNotMatch', 'the URL is not one the store issued');
  }
  if (ctx.now() - object.issuedAt > UPLOAD_URL_LIFETIME_MS) return obsError(403, 'AccessDenied', 'Request has expired');
  if (/chunked/i.test(header(req, 'transfer-encoding') ?? ''))
    return obsError(411, 'MissingContentLength', 'chunked uploads are not accepted; send Content-Length');
  for (const [name, value] of Object.entries(object.headers)) {
    if (header(req, name) !== value)
      return obsError(403, 'SignatureDoesNotMatch', `the signed header ${name} is missing or changed`);
  }
  const length = header(req, 'content-length');
  // The sandbox streamed the body to a temp file, hashing it on the way (null: not a raw upload).
  const body = req.upload;
  const size = body?.size ?? req.body.length;
  if (length !== String(object.contentLength) || size !== object.contentLength || !body) {
    return obsError(
      400,
      'IncompleteBody',
      `Content-Length ${length ?? '(none)'} / ${size} bytes received, ${object.contentLength} signed`,
    );
  }
  if (object.sha256 && body.sha256 !== object.sha256) {
    return obsError(400, 'BadDigest', 'the body does not match x-amz-content-sha256');
  }
  object.received = true;
  object.parsed = await parsePackage(body.path);
  return { status: 200, headers: { etag: `"${body.md5}"` }, body: '' };
}

/** What the store learns when it parses the package (later, asynchronously, in the real store). */
async function parsePackage(path: string): Promise<UploadObject['parsed']> {
  try {
    const info = await readAndroidPackageUnhashed(path);
    if (info.kind === 'ipa') return { error: 'the file is not an Android package' };
    return { package: info.package, versionCode: info.versionCode, versionName: info.versionName };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
