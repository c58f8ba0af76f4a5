/**
 * The Tencent COS side of a YYB upload [src: stores/yyb.md 1.5 (3)]: a pre-signed URL for one
 * whole-file PUT, `Content-Type: application/octet-stream`, an exact Content-Length, no auth
 * header. COS answers errors as XML. The signature here is the emulator's own scheme (an HMAC
 * over the object key and the validity window), so any change to the URL breaks it.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { contentTypeOf } from '../multipart.js';
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../types.js';
import { hasContentLength, inspectUploadedApk } from '../uploaded-apk.js';
import type { YybState, YybUpload } from './state.js';

/** UNCONFIRMED: the reference does not give the pre_sign_url lifetime; one hour here. */
export const PRESIGN_LIFETIME_S = 3600;
export const COS_PREFIX = '/cos/';

export interface Cos {
  presign(upload: Pick<YybUpload, 'objectKey'>, now: number, baseUrl: string): { url: string; expiresAt: number };
  put(state: YybState, req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse>;
}

export function createCos(): Cos {
  const key = randomBytes(32);
  const signature = (objectKey: string, signTime: string) =>
    createHmac('sha1', key).update(`${objectKey}\n${signTime}`).digest('hex');

  return {
    presign(upload, now, baseUrl) {
      const start = Math.floor(now / 1000);
      const end = start + PRESIGN_LIFETIME_S;
      const signTime = `${start};${end}`;
      const query = new URLSearchParams({
        'q-sign-algorithm': 'sha1',
        'q-ak': 'sandbox-cos-ak',
        'q-sign-time': signTime,
        'q-key-time': signTime,
        'q-header-list': '',
        'q-url-param-list': '',
        'q-signature': signature(upload.objectKey, signTime),
      });
      return { url: `${baseUrl}${COS_PREFIX}${upload.objectKey}?${query}`, expiresAt: end * 1000 };
    },

    async put(state, req, ctx) {
      if (req.method !== 'PUT') return cosError(405, 'MethodNotAllowed', 'The specified method is not allowed');
      const objectKey = req.path.slice(COS_PREFIX.length);
      const signTime = req.query.get('q-sign-time') ?? '';
      const sent = Buffer.from(req.query.get('q-signature') ?? '', 'utf8');
      const wanted = Buffer.from(signature(objectKey, signTime), 'utf8');
      if (sent.length !== wanted.length || !timingSafeEqual(sent, wanted)) {
        return cosError(403, 'SignatureDoesNotMatch', 'The Signature you specified does not match');
      }
      const end = Number(signTime.split(';')[1]);
      if (!(ctx.now() / 1000 <= end)) return cosError(403, 'AccessDenied', 'Request has expired');
      // The URL is pre-signed: a client that adds its own credentials is doing something wrong.
      if (req.headers.authorization !== undefined) {
        return cosError(400, 'InvalidArgument', 'a pre-signed request must not carry an Authorization header');
      }
      // UNCONFIRMED that COS rejects chunked PUTs [src: stores/yyb.md 1.5 (3)]; the emulator does.
      if (!hasContentLength(req.headers))
        return cosError(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header');
      if (contentTypeOf(req.headers).split(';')[0]!.trim().toLowerCase() !== 'application/octet-stream') {
        return cosError(400, 'InvalidArgument', 'Content-Type must be application/octet-stream');
      }
      const upload = [...state.uploads.values()].find((u) => u.objectKey === objectKey);
      if (!upload) return cosError(404, 'NoSuchUpload', 'The specified upload does not exist');
      // The sandbox streamed the octet-stream body to a temp file and hashed it on the way.
      const body = req.upload ?? { path: '', size: 0, md5: createHash('md5').digest('hex') };
      const md5 = body.md5;
      const apk =
        upload.fileType === 'apk' ? (body.path ? await inspectUploadedApk(body.path) : { error: 'empty body' }) : null;
      // A second PUT to the same URL overwrites the object, as COS does.
      upload.received = { size: body.size, md5, apk };
      return { status: 200, headers: { etag: `"${md5}"` }, body: '' };
    },
  };
}

function cosError(status: number, code: string, message: string): EmulatorResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  };
}
