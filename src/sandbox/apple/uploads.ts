/**
 * The Build Upload API (stores/apple.md §3.6): create a build upload, reserve its file (the answer
 * lists several upload operations of uneven lengths, pointing back at this server), receive each
 * part (exact length, the requested headers, no JWT), commit (all parts, size, checksum), then
 * process over a few polls: the upload turns COMPLETE with a build, the build turns VALID.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Spool, type SpooledFile } from '../spool.js';
import { checkIpaForAppStore, type AppStoreIpaFacts } from '../../artifacts/ipa-app-store.js';
import type { EmulatorResponse } from '../types.js';
import { findApp } from './apps.js';
import { isoDate, route, type Call, type Route } from './call.js';
import { document, invalidAttribute, notFound, readData, relationshipId, stateError } from './jsonapi.js';
import { buildResource, buildUploadResource, uploadFileResource } from './resources.js';
import {
  newId,
  type AppleBuildUpload,
  type AppleState,
  type AppleUploadFile,
  type Platform,
  type StateDetail,
} from './state.js';

const UTIS = [
  'com.apple.ipa',
  'com.apple.pkg',
  'com.pkware.zip-archive',
  'com.apple.binary-property-list',
  'com.apple.xml-property-list',
];
const ASSET_TYPES = ['ASSET', 'ASSET_DESCRIPTION', 'ASSET_SPI'];

function findUpload(state: AppleState, id: string): AppleBuildUpload {
  return state.uploads.find((u) => u.id === id) ?? notFound('buildUploads', id);
}

function findFile(state: AppleState, id: string): AppleUploadFile {
  return state.files.find((f) => f.id === id) ?? notFound('buildUploadFiles', id);
}

function createUpload(call: Call) {
  const { state } = call;
  const data = readData(call.body, 'buildUploads');
  const app = findApp(state, relationshipId(data, 'app', 'apps'));
  const attributes = data.attributes ?? {};
  for (const name of ['cfBundleShortVersionString', 'cfBundleVersion', 'platform']) {
    if (typeof attributes[name] !== 'string' || !attributes[name]) {
      invalidAttribute(
        `/data/attributes/${name}`,
        `You must provide a value for the attribute '${name}' with this request`,
        'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
      );
    }
  }
  const short = attributes.cfBundleShortVersionString as string;
  const version = attributes.cfBundleVersion as string;
  const platform = attributes.platform as Platform;
  // The same build number twice for one version is a "Redundant Binary Upload" (fl itunes_transporter.rb).
  // An upload never completed (AWAITING_UPLOAD) or FAILED does not count. UNCONFIRMED: whether the
  // Build Upload API refuses it here or fails the upload later.
  const taken =
    state.builds.some(
      (b) => b.appId === app.id && b.platform === platform && b.shortVersion === short && b.version === version,
    ) ||
    state.uploads.some(
      (u) =>
        u.appId === app.id &&
        u.platform === platform &&
        u.cfBundleShortVersionString === short &&
        u.cfBundleVersion === version &&
        (u.state === 'PROCESSING' || u.state === 'COMPLETE'),
    );
  if (taken) {
    invalidAttribute(
      '/data/attributes/cfBundleVersion',
      `The bundle version ${version} has already been used for version ${short}.`,
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
    );
  }
  const upload: AppleBuildUpload = {
    id: newId(state, 'upload'),
    appId: app.id,
    platform,
    cfBundleShortVersionString: short,
    cfBundleVersion: version,
    state: 'AWAITING_UPLOAD',
    errors: [],
    pollsLeft: state.uploadPolls,
    buildId: null,
    fileIds: [],
    createdDate: isoDate(call.now),
    uploadedDate: null,
    declaredEncryption: null,
  };
  state.uploads.push(upload);
  return { status: 201, body: document(buildUploadResource(upload, call.urls)) };
}

function getUpload(call: Call) {
  const { state } = call;
  const upload = findUpload(state, call.params[0]!);
  advanceUpload(state, upload, call.now);
  const include = (call.query.get('include') ?? '').split(',');
  const build =
    include.includes('build') && upload.buildId ? state.builds.find((b) => b.id === upload.buildId) : undefined;
  return {
    body: document(buildUploadResource(upload, call.urls), {
      included: build ? [buildResource(build, call.urls)] : undefined,
    }),
  };
}

/** Uneven parts: about 40 % of the file each, the last one shorter (or state.partSize when set). */
function partLengths(size: number, partSize: number | null): number[] {
  const each = Math.max(1, partSize ?? Math.ceil(size * 0.4));
  const lengths: number[] = [];
  for (let offset = 0; offset < size; offset += each) lengths.push(Math.min(each, size - offset));
  return lengths;
}

function reserveFile(call: Call) {
  const { state } = call;
  const data = readData(call.body, 'buildUploadFiles');
  const upload = findUpload(state, relationshipId(data, 'buildUpload', 'buildUploads'));
  const attributes = data.attributes ?? {};
  const { assetType, fileName, fileSize, uti } = attributes;
  if (!ASSET_TYPES.includes(assetType as string))
    invalidAttribute('/data/attributes/assetType', `'${String(assetType)}' is not a valid assetType`);
  if (typeof fileName !== 'string' || !fileName)
    invalidAttribute('/data/attributes/fileName', 'fileName is required', 'ENTITY_ERROR.ATTRIBUTE.REQUIRED');
  if (typeof fileSize !== 'number' || !Number.isInteger(fileSize) || fileSize < 1) {
    invalidAttribute('/data/attributes/fileSize', 'fileSize must be a whole number of bytes, at least 1');
  }
  if (!UTIS.includes(uti as string)) invalidAttribute('/data/attributes/uti', `'${String(uti)}' is not a valid uti`);
  if (upload.state !== 'AWAITING_UPLOAD') {
    stateError(
      'The request cannot be fulfilled because of the state of another resource.',
      `buildUploads with id '${upload.id}' is ${upload.state}, not AWAITING_UPLOAD`,
    );
  }
  let offset = 0;
  const file: AppleUploadFile = {
    id: newId(state, 'file'),
    uploadId: upload.id,
    fileName: fileName as string,
    fileSize: fileSize as number,
    assetType: assetType as string,
    uti: uti as string,
    parts: partLengths(fileSize as number, state.partSize).map((length, i) => {
      const part = {
        partNumber: i + 1,
        offset,
        length,
        token: randomBytes(12).toString('hex'),
        headerValue: randomBytes(6).toString('hex'),
        received: null,
      };
      offset += length;
      return part;
    }),
    deliveryState: 'AWAITING_UPLOAD',
    checksum: null,
    assembled: null,
  };
  state.files.push(file);
  upload.fileIds.push(file.id);
  return { status: 201, body: document(uploadFileResource(file, call.urls)) };
}

/**
 * A part PUT to a pre-signed upload URL. Not JSON:API: a storage host answering plain text. It
 * must carry no App Store Connect token (the URL is the credential).
 */
function receivePart(call: Call): EmulatorResponse {
  const { state, headers } = call;
  const text = (status: number, message: string): EmulatorResponse => ({ status, body: message });
  const file = state.files.find((f) => f.id === call.params[0]);
  const part = file?.parts.find((p) => p.partNumber === Number(call.params[1]));
  if (!file || !part) return text(404, 'no such upload operation');
  if (call.query.get('token') !== part.token) return text(403, 'the upload URL signature does not match');
  if (headers.authorization !== undefined)
    return text(400, 'upload operations take no Authorization header; the URL is the credential');
  if (file.deliveryState !== 'AWAITING_UPLOAD') return text(409, `the file is already ${file.deliveryState}`);
  if (header(headers, 'content-type') !== 'application/octet-stream')
    return text(400, 'Content-Type must be the requestHeaders value application/octet-stream');
  if (header(headers, 'x-sandbox-part') !== part.headerValue)
    return text(400, 'requestHeaders X-Sandbox-Part missing or wrong');
  const declared = header(headers, 'content-length');
  if (declared === undefined || /chunked/i.test(header(headers, 'transfer-encoding') ?? ''))
    return text(411, 'Content-Length is required');
  const received = call.upload;
  const size = received?.size ?? call.body.length;
  if (Number(declared) !== part.length || size !== part.length || !received) {
    return text(
      400,
      `part ${part.partNumber} must be exactly ${part.length} bytes (offset ${part.offset}); got ${size}`,
    );
  }
  // The part stays on disk until the commit assembles the file (a re-sent part replaces it).
  if (part.received) void rm(part.received.path, { force: true });
  if (file.assembled) void rm(file.assembled.path, { force: true });
  file.assembled = null;
  call.keep(received);
  part.received = received;
  return { status: 200, headers: { etag: `"${received.md5}"` }, body: '' };
}

async function commitFile(call: Call) {
  const { state } = call;
  const file = findFile(state, call.params[0]!);
  const data = readData(call.body, 'buildUploadFiles', file.id);
  const attributes = data.attributes ?? {};
  if (attributes.uploaded !== true) return { body: document(uploadFileResource(file, call.urls)) };
  if (file.deliveryState !== 'AWAITING_UPLOAD') {
    stateError(
      'The request cannot be fulfilled because of the state of another resource.',
      `buildUploadFiles with id '${file.id}' is already ${file.deliveryState}`,
    );
  }
  const missing = file.parts.filter((p) => p.received === null).map((p) => p.partNumber);
  if (missing.length > 0) {
    stateError(
      'The request cannot be fulfilled because of the state of another resource.',
      `upload operations ${missing.join(', ')} have not been completed`,
    );
  }
  const received = file.parts.reduce((sum, p) => sum + p.received!.size, 0);
  if (received !== file.fileSize) {
    invalidAttribute('/data/attributes/uploaded', `received ${received} bytes, but fileSize is ${file.fileSize}`);
  }
  const checksum = (
    attributes.sourceFileChecksums as { file?: { hash?: unknown; algorithm?: unknown } } | null | undefined
  )?.file;
  if (checksum) {
    const algorithm = checksum.algorithm === 'SHA_256' ? 'sha256' : checksum.algorithm === 'MD5' ? 'md5' : null;
    if (!algorithm)
      invalidAttribute('/data/attributes/sourceFileChecksums/file/algorithm', 'algorithm must be SHA_256 or MD5');
    file.assembled ??= await assemble(file.parts.map((p) => p.received!));
    // assemble() always computes SHA-256 (the parts themselves are hashed with MD5 only).
    const actual = (algorithm === 'sha256' ? file.assembled.sha256 : file.assembled.md5) ?? '';
    if (String(checksum.hash).toLowerCase() !== actual) {
      invalidAttribute(
        '/data/attributes/sourceFileChecksums',
        `the ${String(checksum.algorithm)} checksum does not match the uploaded file`,
        'ENTITY_ERROR.ATTRIBUTE.INVALID.CHECKSUM',
      );
    }
    file.checksum = { hash: actual, algorithm: String(checksum.algorithm) };
  }
  file.assembled ??= await assemble(file.parts.map((p) => p.received!));
  file.deliveryState = 'UPLOAD_COMPLETE';
  const upload = findUpload(state, file.uploadId);
  upload.state = 'PROCESSING';
  upload.uploadedDate = isoDate(call.now);
  upload.errors = await inspectUpload(state, upload, file.assembled.path);
  return { body: document(uploadFileResource(file, call.urls)) };
}

/** What Apple's processing will say about the package, decided now and revealed after the polls. */
async function inspectUpload(state: AppleState, upload: AppleBuildUpload, path: string): Promise<StateDetail[]> {
  const facts = await readIpa(path);
  if (!facts) return [{ code: 'ITMS-90167', description: 'No .app bundles found in the package.' }];
  const app = findApp(state, upload.appId);
  const errors: StateDetail[] = [];
  if (facts.bundleId !== app.bundleId) {
    errors.push({
      code: 'ITMS-90054',
      description: `The bundle identifier ${facts.bundleId} does not match the app's ${app.bundleId}.`,
    });
  }
  if (facts.shortVersion !== upload.cfBundleShortVersionString || facts.bundleVersion !== upload.cfBundleVersion) {
    errors.push({
      code: 'ITMS-90060',
      description: `Info.plist says ${facts.shortVersion} (${facts.bundleVersion}), the build upload ${upload.cfBundleShortVersionString} (${upload.cfBundleVersion}).`,
    });
  }
  const live = state.versions.find(
    (v) => v.appId === app.id && v.platform === upload.platform && v.appVersionState === 'READY_FOR_DISTRIBUTION',
  );
  if (live && !isHigher(facts.shortVersion, live.versionString)) {
    errors.push({
      code: 'ITMS-90062',
      description: `The value for key CFBundleShortVersionString [${facts.shortVersion}] in the Info.plist file must contain a higher version than that of the previously approved version [${live.versionString}].`,
    });
  }
  upload.declaredEncryption = facts.usesNonExemptEncryption;
  return errors;
}

async function readIpa(path: string): Promise<AppStoreIpaFacts | null> {
  try {
    return await checkIpaForAppStore(path);
  } catch {
    return null;
  }
}

/**
 * Joins the parts' temp files, in order, into one file beside them (in the sandbox's temp area,
 * removed when it closes), hashing it on the way; the part files are removed.
 */
async function assemble(parts: SpooledFile[]): Promise<SpooledFile> {
  const out = new Spool(`${parts[0]!.path}.ipa`, { sha256: true });
  for (const part of parts) {
    for await (const chunk of createReadStream(part.path)) await out.write(chunk as Buffer);
  }
  const whole = await out.finish();
  for (const part of parts) await rm(part.path, { force: true });
  return whole;
}

function isHigher(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return false;
}

/** Each look at a processing upload brings it a poll closer to COMPLETE (with a build) or FAILED. */
export function advanceUpload(state: AppleState, upload: AppleBuildUpload, now: number): void {
  if (upload.state !== 'PROCESSING' || --upload.pollsLeft > 0) return;
  const failure = state.processingFailure;
  if (failure?.on === 'upload') {
    state.processingFailure = null;
    upload.errors.push({ code: failure.code, description: failure.description });
  }
  for (const id of upload.fileIds) findFile(state, id).deliveryState = upload.errors.length > 0 ? 'FAILED' : 'COMPLETE';
  if (upload.errors.length > 0) {
    upload.state = 'FAILED';
    return;
  }
  const build = {
    id: newId(state, 'build'),
    appId: upload.appId,
    platform: upload.platform,
    version: upload.cfBundleVersion,
    shortVersion: upload.cfBundleShortVersionString,
    processingState: 'PROCESSING' as const,
    pollsLeft: state.buildPolls,
    uploadedDate: isoDate(now),
    usesNonExemptEncryption: upload.declaredEncryption,
  };
  state.builds.push(build);
  upload.buildId = build.id;
  upload.state = 'COMPLETE';
}

function header(headers: Call['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export const uploadRoutes: Route[] = [
  route('POST', /^\/v1\/buildUploads$/, createUpload),
  route('GET', /^\/v1\/buildUploads\/([^/]+)$/, getUpload),
  route('GET', /^\/v1\/buildUploads\/([^/]+)\/buildUploadFiles$/, (call) => {
    const upload = findUpload(call.state, call.params[0]!);
    const files = upload.fileIds.map((id) => uploadFileResource(findFile(call.state, id), call.urls));
    return { body: document(files, { links: { self: call.selfUrl } }) };
  }),
  route('POST', /^\/v1\/buildUploadFiles$/, reserveFile),
  route('GET', /^\/v1\/buildUploadFiles\/([^/]+)$/, (call) => ({
    body: document(uploadFileResource(findFile(call.state, call.params[0]!), call.urls)),
  })),
  route('PATCH', /^\/v1\/buildUploadFiles\/([^/]+)$/, commitFile),
];

/** Part uploads: outside the API (no JWT), at /upload/<fileId>/<partNumber>?token=... */
export const partRoute: Route = route('PUT', /^\/upload\/([^/]+)\/(\d+)$/, receivePart);
