/**
 * Honor's three-step upload [src: stores/honor.md 4.6]: get-file-upload-url (JSON array of
 * declared files) → multipart `file` POST to the returned uploadUrl, Bearer included → the
 * update-file-info binding, without which an upload does nothing.
 */
import { contentTypeOf, multipartParts, type FormPart } from '../multipart.js';
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../types.js';
import { hasContentLength, inspectUploadedApk } from '../uploaded-apk.js';
import { CODE, fail, HonorFailure, ok } from './envelope.js';
import { ownApp } from './info.js';
import type { HonorApp, HonorClient, HonorState } from './state.js';

/** UNCONFIRMED: the reference says the URL expires, not when; 30 minutes here. */
export const UPLOAD_URL_LIFETIME_MS = 30 * 60_000;
export const APK_FILE_TYPE = 100;

/** The extensions each fileType accepts; the store validates them [src: APKGO-HN-LT]. */
const EXTENSIONS: Record<number, RegExp> = {
  [APK_FILE_TYPE]: /\.apk$/i,
  1: /\.(png|jpe?g)$/i,
  2: /\.(png|jpe?g)$/i,
  3: /\.(png|jpe?g)$/i,
};

/** POST get-file-upload-url?appId=: a JSON array (≤20, no duplicate names) of declared files. */
export function issueUploadUrls(
  state: HonorState,
  client: HonorClient,
  req: EmulatorRequest,
  body: unknown,
  ctx: EmulatorContext,
) {
  const app = ownApp(state, client, req.query.get('appId'));
  if (!Array.isArray(body) || body.length === 0 || body.length > 20) {
    throw new HonorFailure(CODE.badField, 'the body must be a JSON array of 1 to 20 files');
  }
  const names = new Set<string>();
  const declared = body.map((item: unknown) => {
    const { fileName, fileType, fileSize, fileSha256 } = (item ?? {}) as Record<string, unknown>;
    if (typeof fileName !== 'string' || fileName === '') throw new HonorFailure(CODE.badField, 'fileName is empty');
    if (names.has(fileName)) throw new HonorFailure(CODE.badField, `duplicate fileName ${fileName}`);
    names.add(fileName);
    if (typeof fileType !== 'number' || !Number.isInteger(fileType))
      throw new HonorFailure(CODE.badField, 'fileType is invalid');
    const extension = EXTENSIONS[fileType];
    if (extension && !extension.test(fileName)) {
      throw new HonorFailure(CODE.badField, `fileName ${fileName} does not fit fileType ${fileType}`);
    }
    if (typeof fileSize !== 'number' || !Number.isInteger(fileSize) || fileSize <= 0) {
      throw new HonorFailure(CODE.badField, 'fileSize is invalid');
    }
    // Lowercase hex [src: stores/README.md §5 "Hashes"].
    if (typeof fileSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(fileSha256)) {
      throw new HonorFailure(CODE.badField, 'fileSha256 must be 64 lowercase hex digits');
    }
    return { fileName, fileType, fileSize, fileSha256 };
  });
  const expiresAt = ctx.now() + UPLOAD_URL_LIFETIME_MS;
  return declared.map((file) => {
    const objectId = state.nextObjectId++;
    state.uploads.set(objectId, {
      ...file,
      objectId,
      appId: app.appId,
      developer: client.developer,
      expiresAt,
      received: null,
    });
    return {
      fileName: file.fileName,
      uploadUrl: `${ctx.baseUrl}/openapi/v1/publish/file-upload?appId=${app.appId}&objectId=${objectId}`,
      objectId,
      expireTime: Math.floor(expiresAt / 1000),
    };
  });
}

/**
 * POST file-upload?appId=&objectId=: multipart with one `file` part. HTTP 200 can carry
 * `code != 0` (a bad sha256, for one) [src: APKGO-HN]. UNCONFIRMED: this endpoint's text is in
 * `message` here, one of the "some endpoints use message" of the reference.
 */
export async function receiveUpload(
  state: HonorState,
  client: HonorClient,
  req: EmulatorRequest,
  ctx: EmulatorContext,
): Promise<EmulatorResponse> {
  const refuse = (code: number, text: string, status = 200) => fail(code, text, status, 'message');
  if (!hasContentLength(req.headers)) return refuse(CODE.uploadFailed, 'Content-Length required', 411);
  const app = ownApp(state, client, req.query.get('appId'));
  const upload = state.uploads.get(Number(req.query.get('objectId')));
  if (!upload || upload.appId !== app.appId) return refuse(CODE.badObjectId, 'objectId is invalid');
  if (ctx.now() >= upload.expiresAt) return refuse(CODE.badObjectId, 'the upload URL has expired, get a new one');
  const contentType = contentTypeOf(req.headers);
  // A true multipart/form-data, not mixed [src: XZ-HN uploadFile].
  if (!/^multipart\/form-data\s*;/i.test(contentType))
    return refuse(CODE.uploadFailed, 'Content-Type must be multipart/form-data');
  let parts: FormPart[];
  try {
    parts = multipartParts(req);
  } catch (error) {
    return refuse(CODE.uploadFailed, `malformed multipart body: ${(error as Error).message}`);
  }
  const file = parts.find((part) => part.name === 'file' && part.file !== undefined);
  if (!file) return refuse(CODE.uploadFailed, 'the multipart body has no file part named "file"');
  if (file.size !== upload.fileSize) {
    return refuse(CODE.hashMismatch, `file size ${file.size} differs from the declared fileSize ${upload.fileSize}`);
  }
  if (file.sha256 !== upload.fileSha256) {
    return refuse(CODE.hashMismatch, 'the file does not match the declared fileSha256');
  }
  if (upload.fileType !== APK_FILE_TYPE) {
    upload.received = { apk: null };
    return ok(null, 'message');
  }
  const apk = await inspectUploadedApk(file.file!.path);
  if ('error' in apk) return refuse(CODE.parseFailed, 'the APK could not be parsed');
  if (apk.package !== app.packageName) {
    return refuse(CODE.packageMismatch, `package ${apk.package} does not match the app's ${app.packageName}`);
  }
  // At upload the versionCode must be ≥ the listed one [src: stores/honor.md 4.6 fileType table].
  if (app.live && apk.versionCode < app.live.versionCode) {
    return refuse(
      CODE.versionTooLow,
      `versionCode ${apk.versionCode} is lower than the listed ${app.live.versionCode}`,
    );
  }
  upload.received = { apk };
  return ok(null, 'message');
}

/** POST update-file-info?appId= `{bindingFileList:[{objectId, languageId?, order?}]}`. */
export function bindFiles(state: HonorState, client: HonorClient, req: EmulatorRequest, body: unknown) {
  const app = ownApp(state, client, req.query.get('appId'));
  const list = (body as { bindingFileList?: unknown } | null)?.bindingFileList;
  if (!Array.isArray(list) || list.length === 0) throw new HonorFailure(CODE.badObjectId, 'bindingFileList is empty');
  const uploads = list.map((item: unknown) => {
    const objectId = (item as { objectId?: unknown } | null)?.objectId;
    const upload =
      typeof objectId === 'number' || typeof objectId === 'string' ? state.uploads.get(Number(objectId)) : undefined;
    if (!upload || upload.appId !== app.appId)
      throw new HonorFailure(CODE.badObjectId, `objectId ${String(objectId)} is invalid`);
    if (!upload.received) throw new HonorFailure(CODE.badObjectId, `objectId ${upload.objectId} has no uploaded file`);
    return upload;
  });
  for (const upload of uploads) if (upload.fileType === APK_FILE_TYPE) bindApk(app, upload.objectId);
  return null;
}

function bindApk(app: HonorApp, objectId: number): void {
  app.draft.apkObjectId = objectId;
}
