import { createHash, createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTestIpa } from '../testing/ipa-writer.js';
import {
  createAppleEmulator,
  NEW_APP_ID,
  SANDBOX_ISSUER_ID,
  SANDBOX_KEY_ID,
  SEEDED_APP_ID,
  type AppleEmulator,
} from './apple.js';
import { startSandbox, type Sandbox } from './server.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
const KEY = readFileSync(fixture('apple/AuthKey_TESTKEY123.p8'), 'utf8');
const OTHER_KEY = readFileSync(fixture('apple/AuthKey_OTHERKEY99.p8'), 'utf8');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The test's own ES256 token maker, written from stores/apple.md §3.3 (never the adapter's):
 * header and payload in base64url, signed with P-256/SHA-256, raw r‖s unless told DER.
 */
function token(
  over: {
    header?: Record<string, unknown>;
    payload?: Record<string, unknown>;
    key?: string;
    der?: boolean;
    now?: number;
  } = {},
): string {
  const now = Math.floor((over.now ?? Date.now()) / 1000);
  const header = { alg: 'ES256', kid: SANDBOX_KEY_ID, typ: 'JWT', ...over.header };
  const payload = { iss: SANDBOX_ISSUER_ID, iat: now, exp: now + 1200, aud: 'appstoreconnect-v1', ...over.payload };
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = sign('sha256', Buffer.from(input), {
    key: createPrivateKey(over.key ?? KEY),
    dsaEncoding: over.der ? 'der' : 'ieee-p1363',
  });
  return `${input}.${signature.toString('base64url')}`;
}

let apple: AppleEmulator;
let sb: Sandbox;
beforeEach(async () => {
  apple = createAppleEmulator();
  sb = await startSandbox([apple]);
});
afterEach(() => sb.close());

interface Answer {
  status: number;
  headers: Headers;
  json: any;
}

async function api(method: string, path: string, body?: unknown, bearer: string | null = token()): Promise<Answer> {
  const response = await fetch(`${sb.baseUrl('apple')}${path}`, {
    method,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

const codes = (answer: Answer) => answer.json.errors.map((e: { code: string }) => e.code);

describe('apple emulator: the JWT on every call', () => {
  it('accepts a well-formed ES256 token and answers JSON:API with X-Rate-Limit', async () => {
    const answer = await api('GET', `/v1/apps/${SEEDED_APP_ID}`);
    expect(answer.status).toBe(200);
    expect(answer.json.data).toMatchObject({
      type: 'apps',
      id: SEEDED_APP_ID,
      attributes: { bundleId: 'com.foo.bar' },
    });
    expect(answer.headers.get('x-rate-limit')).toMatch(/^user-hour-lim:3600;user-hour-rem:\d+;$/);
  });

  it.each([
    ['no token', null],
    ['a DER signature', token({ der: true })],
    ['an expired token', token({ now: Date.now() - 21 * 60_000 })],
    ['a lifetime over 20 minutes', token({ payload: { exp: Math.floor(Date.now() / 1000) + 1500 } })],
    ['a wrong kid', token({ header: { kid: 'OTHERKEY99' } })],
    ['a signature by another key', token({ key: OTHER_KEY })],
    ['a wrong iss', token({ payload: { iss: '00000000-0000-0000-0000-000000000000' } })],
    ['a wrong aud', token({ payload: { aud: 'appstoreconnect-v2' } })],
    ['alg HS256', token({ header: { alg: 'HS256' } })],
    ['no iat', token({ payload: { iat: undefined } })],
    [
      'an iat far in the future',
      token({ payload: { iat: Math.floor(Date.now() / 1000) + 600, exp: Math.floor(Date.now() / 1000) + 1200 } }),
    ],
  ])('refuses %s with 401 NOT_AUTHORIZED', async (_what, bearer) => {
    const answer = await api('GET', '/v1/apps?filter[bundleId]=com.foo.bar', undefined, bearer);
    expect(answer.status).toBe(401);
    expect(answer.json.errors[0]).toMatchObject({ status: '401', code: 'NOT_AUTHORIZED' });
  });

  it('lets a token expire at a chosen request (expireTokenOn) and keeps refusing it', async () => {
    const used = token();
    apple.state.expireTokenOn = 'GET /v1/apps';
    expect((await api('GET', `/v1/apps/${SEEDED_APP_ID}`, undefined, used)).status).toBe(401);
    expect((await api('GET', `/v1/apps/${SEEDED_APP_ID}`, undefined, used)).status).toBe(401);
    expect((await api('GET', `/v1/apps/${SEEDED_APP_ID}`, undefined, token({ now: Date.now() + 1000 }))).status).toBe(
      200,
    );
  });
});

describe('apple emulator: reads', () => {
  it('matches filter[bundleId] as a prefix and pages with links.next', async () => {
    const all = await api('GET', '/v1/apps?filter[bundleId]=com.foo.bar');
    expect(all.json.data.map((a: any) => a.attributes.bundleId)).toEqual(['com.foo.bar.widget', 'com.foo.bar']);
    apple.state.pageSize = 1;
    const first = await api('GET', '/v1/apps?filter[bundleId]=com.foo.bar&limit=200');
    expect(first.json.data).toHaveLength(1);
    const next = new URL(first.json.links.next);
    const second = await api('GET', `${next.pathname.replace('/apple', '')}${next.search}`);
    expect(second.json.data[0].attributes.bundleId).toBe('com.foo.bar');
    expect(second.json.links.next).toBeUndefined();
  });

  it('requires filter[app] on reviewSubmissions', async () => {
    const answer = await api('GET', '/v1/reviewSubmissions');
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['PARAMETER_ERROR.INVALID']);
  });

  it('answers an unknown path and id with 404 NOT_FOUND', async () => {
    expect(codes(await api('GET', '/v1/nothing'))).toEqual(['NOT_FOUND']);
    expect(codes(await api('GET', '/v1/apps/999'))).toEqual(['NOT_FOUND']);
  });
});

const ref = (type: string, id: string) => ({ data: { type, id } });

/** Creates a build upload and reserves its file; returns both answers. */
async function reserve(path: string, appId = SEEDED_APP_ID, versions = { short: '6.10.0', build: '6100000' }) {
  const upload = await api('POST', '/v1/buildUploads', {
    data: {
      type: 'buildUploads',
      attributes: { cfBundleShortVersionString: versions.short, cfBundleVersion: versions.build, platform: 'IOS' },
      relationships: { app: ref('apps', appId) },
    },
  });
  expect(upload.status).toBe(201);
  const size = readFileSync(path).length;
  const file = await api('POST', '/v1/buildUploadFiles', {
    data: {
      type: 'buildUploadFiles',
      attributes: { assetType: 'ASSET', fileName: 'app.ipa', fileSize: size, uti: 'com.apple.ipa' },
      relationships: { buildUpload: ref('buildUploads', upload.json.data.id) },
    },
  });
  expect(file.status).toBe(201);
  return {
    uploadId: upload.json.data.id as string,
    fileId: file.json.data.id as string,
    operations: file.json.data.attributes.uploadOperations as any[],
  };
}

async function putPart(op: any, bytes: Buffer, over: { headers?: Record<string, string>; body?: Buffer } = {}) {
  const headers = Object.fromEntries(op.requestHeaders.map((h: any) => [h.name, h.value]));
  const response = await fetch(op.url, {
    method: op.method,
    headers: { ...headers, ...over.headers },
    body: over.body ?? bytes.subarray(op.offset, op.offset + op.length),
  });
  return { status: response.status, text: await response.text() };
}

const commitBody = (fileId: string, hash?: string) => ({
  data: {
    type: 'buildUploadFiles',
    id: fileId,
    attributes: { uploaded: true, ...(hash ? { sourceFileChecksums: { file: { hash, algorithm: 'SHA_256' } } } : {}) },
  },
});

describe('apple emulator: the Build Upload API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'appstores-apple-emu-'));
  const bigIpa = writeTestIpa(join(dir, 'big.ipa'), { ITSAppUsesNonExemptEncryption: false }, { padding: 10_000 });

  it('hands out several upload operations of uneven lengths covering the file, back at itself', async () => {
    const { operations } = await reserve(bigIpa);
    const size = readFileSync(bigIpa).length;
    expect(operations.length).toBeGreaterThanOrEqual(3);
    expect(new Set(operations.map((o) => o.length)).size).toBeGreaterThan(1);
    expect(operations.reduce((sum, o) => sum + o.length, 0)).toBe(size);
    expect(operations.every((o) => o.url.startsWith(sb.baseUrl('apple')) && o.method === 'PUT')).toBe(true);
  });

  it('checks each part: exact length, every requested header, no JWT', async () => {
    const bytes = readFileSync(bigIpa);
    const { operations } = await reserve(bigIpa);
    const op = operations[0];
    expect((await putPart(op, bytes, { body: bytes.subarray(0, op.length - 1) })).status).toBe(400);
    expect((await putPart(op, bytes, { headers: { 'X-Sandbox-Part': 'wrong' } })).status).toBe(400);
    expect((await putPart(op, bytes, { headers: { authorization: `Bearer ${token()}` } })).status).toBe(400);
    expect((await putPart({ ...op, url: op.url.replace(/token=\w+/, 'token=forged') }, bytes)).status).toBe(403);
    expect((await putPart(op, bytes)).status).toBe(200);
  });

  it('refuses a commit before every part arrived, and a wrong checksum', async () => {
    const bytes = readFileSync(bigIpa);
    const { fileId, operations } = await reserve(bigIpa);
    await putPart(operations[0], bytes);
    const early = await api('PATCH', `/v1/buildUploadFiles/${fileId}`, commitBody(fileId));
    expect(early.status).toBe(409);
    expect(codes(early)).toEqual(['STATE_ERROR']);
    for (const op of operations.slice(1)) await putPart(op, bytes);
    const wrong = await api('PATCH', `/v1/buildUploadFiles/${fileId}`, commitBody(fileId, '0'.repeat(64)));
    expect(codes(wrong)).toEqual(['ENTITY_ERROR.ATTRIBUTE.INVALID.CHECKSUM']);
  });

  it('processes a committed upload over a few polls: COMPLETE with a build, then VALID', async () => {
    const bytes = readFileSync(bigIpa);
    const { uploadId, fileId, operations } = await reserve(bigIpa);
    for (const op of operations.reverse()) expect((await putPart(op, bytes)).status).toBe(200);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect((await api('PATCH', `/v1/buildUploadFiles/${fileId}`, commitBody(fileId, sha))).status).toBe(200);

    const states: string[] = [];
    let buildId: string | null = null;
    for (let i = 0; i < 5 && !buildId; i++) {
      const upload = await api('GET', `/v1/buildUploads/${uploadId}?include=build`);
      states.push(upload.json.data.attributes.state.state);
      buildId = upload.json.data.relationships.build.data?.id ?? null;
    }
    expect(states).toEqual(['PROCESSING', 'COMPLETE']);
    const processing: string[] = [];
    for (let i = 0; i < 5 && processing.at(-1) !== 'VALID'; i++) {
      processing.push((await api('GET', `/v1/builds/${buildId}`)).json.data.attributes.processingState);
    }
    expect(processing).toEqual(['PROCESSING', 'VALID']);
    expect(apple.state.builds.find((b) => b.id === buildId)?.usesNonExemptEncryption).toBe(false);
  });

  it('fails the processing of a package whose Info.plist disagrees with the build upload', async () => {
    const bytes = readFileSync(bigIpa);
    const { uploadId, fileId, operations } = await reserve(bigIpa, SEEDED_APP_ID, {
      short: '6.11.0',
      build: '6110000',
    });
    for (const op of operations) await putPart(op, bytes);
    await api('PATCH', `/v1/buildUploadFiles/${fileId}`, commitBody(fileId));
    await api('GET', `/v1/buildUploads/${uploadId}`);
    const done = await api('GET', `/v1/buildUploads/${uploadId}`);
    expect(done.json.data.attributes.state).toMatchObject({ state: 'FAILED', errors: [{ code: 'ITMS-90060' }] });
  });

  it('refuses the same build number twice for a version', async () => {
    apple.state.builds.push({ ...apple.state.builds[0]!, id: 'b2', version: '6100000', shortVersion: '6.10.0' });
    const again = await api('POST', '/v1/buildUploads', {
      data: {
        type: 'buildUploads',
        attributes: { cfBundleShortVersionString: '6.10.0', cfBundleVersion: '6100000', platform: 'IOS' },
        relationships: { app: ref('apps', SEEDED_APP_ID) },
      },
    });
    expect(codes(again)).toEqual(['ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE']);
  });

  it('passes faults from the harness: a reset part upload is not stored', async () => {
    const bytes = readFileSync(bigIpa);
    const { operations } = await reserve(bigIpa);
    sb.inject({ store: 'apple', match: '/upload/', method: 'PUT', fault: { kind: 'reset', afterBytes: 100 } });
    await expect(putPart(operations[0], bytes)).rejects.toThrow();
    expect(apple.state.files.at(-1)!.parts[0]!.received).toBeNull();
    expect((await putPart(operations[0], bytes)).status).toBe(200);
  });
});

async function createVersion(appId: string, versionString: string) {
  return api('POST', '/v1/appStoreVersions', {
    data: {
      type: 'appStoreVersions',
      attributes: { platform: 'IOS', versionString },
      relationships: { app: ref('apps', appId) },
    },
  });
}

function validBuild(
  appId: string,
  shortVersion: string,
  state: 'VALID' | 'PROCESSING' = 'VALID',
  encryption: boolean | null = false,
) {
  const build = {
    id: `b-${appId}-${shortVersion}`,
    appId,
    platform: 'IOS' as const,
    version: '1',
    shortVersion,
    processingState: state,
    pollsLeft: 5,
    uploadedDate: '2026-01-01T00:00:00.000+0000',
    usesNonExemptEncryption: encryption,
  };
  apple.state.builds.push(build);
  return build.id;
}

describe('apple emulator: versions and review', () => {
  it('keeps one editable version per platform', async () => {
    expect((await createVersion(SEEDED_APP_ID, '6.10.0')).status).toBe(201);
    const second = await createVersion(SEEDED_APP_ID, '6.11.0');
    expect(second.status).toBe(409);
    expect(codes(second)).toEqual(['STATE_ERROR']);
  });

  it("refuses whatsNew on an app's first version, and accepts it on a later one", async () => {
    const first = await createVersion(NEW_APP_ID, '1.0');
    const [loc] = (await api('GET', `/v1/appStoreVersions/${first.json.data.id}/appStoreVersionLocalizations`)).json
      .data;
    const patch = (id: string) =>
      api('PATCH', `/v1/appStoreVersionLocalizations/${id}`, {
        data: { type: 'appStoreVersionLocalizations', id, attributes: { whatsNew: 'Bug fixes' } },
      });
    const refused = await patch(loc.id);
    expect(refused.status).toBe(409);
    expect(codes(refused)).toEqual(['ENTITY_ERROR.ATTRIBUTE.INVALID.NOT_EDITABLE']);

    const later = await createVersion(SEEDED_APP_ID, '6.10.0');
    const [laterLoc] = (await api('GET', `/v1/appStoreVersions/${later.json.data.id}/appStoreVersionLocalizations`))
      .json.data;
    expect((await patch(laterLoc.id)).status).toBe(200);
  });

  it('refuses to attach a build that is not VALID', async () => {
    const version = (await createVersion(SEEDED_APP_ID, '6.10.0')).json.data.id;
    const buildId = validBuild(SEEDED_APP_ID, '6.10.0', 'PROCESSING');
    const answer = await api('PATCH', `/v1/appStoreVersions/${version}/relationships/build`, {
      data: { type: 'builds', id: buildId },
    });
    expect(answer.status).toBe(409);
    expect(codes(answer)).toEqual(['ENTITY_ERROR.RELATIONSHIP.INVALID']);
    expect(answer.json.errors[0].detail).toContain('PROCESSING');
  });

  it('lists every blocker under meta.associatedErrors when a version is added to a submission', async () => {
    const version = (await createVersion(NEW_APP_ID, '1.0')).json.data.id;
    const buildId = validBuild(NEW_APP_ID, '1.0', 'VALID', null);
    await api('PATCH', `/v1/appStoreVersions/${version}/relationships/build`, {
      data: { type: 'builds', id: buildId },
    });
    const submission = await api('POST', '/v1/reviewSubmissions', {
      data: {
        type: 'reviewSubmissions',
        attributes: { platform: 'IOS' },
        relationships: { app: ref('apps', NEW_APP_ID) },
      },
    });
    const item = await api('POST', '/v1/reviewSubmissionItems', {
      data: {
        type: 'reviewSubmissionItems',
        relationships: {
          reviewSubmission: ref('reviewSubmissions', submission.json.data.id),
          appStoreVersion: ref('appStoreVersions', version),
        },
      },
    });
    expect(item.status).toBe(409);
    expect(codes(item)).toEqual(['STATE_ERROR.ENTITY_STATE_INVALID']);
    const details = Object.values(item.json.errors[0].meta.associatedErrors as Record<string, any[]>)
      .flat()
      .map((e) => e.detail);
    expect(details).toEqual([
      expect.stringContaining('usesNonExemptEncryption'),
      expect.stringContaining('contentRightsDeclaration'),
      expect.stringContaining('violenceRealistic'),
    ]);
  });

  it('submits once, and refuses a second submission while one is waiting for review with 409 STATE_ERROR', async () => {
    const version = (await createVersion(SEEDED_APP_ID, '6.10.0')).json.data.id;
    const buildId = validBuild(SEEDED_APP_ID, '6.10.0');
    await api('PATCH', `/v1/appStoreVersions/${version}/relationships/build`, {
      data: { type: 'builds', id: buildId },
    });
    const submission = (
      await api('POST', '/v1/reviewSubmissions', {
        data: {
          type: 'reviewSubmissions',
          attributes: { platform: 'IOS' },
          relationships: { app: ref('apps', SEEDED_APP_ID) },
        },
      })
    ).json.data.id;
    const item = await api('POST', '/v1/reviewSubmissionItems', {
      data: {
        type: 'reviewSubmissionItems',
        relationships: {
          reviewSubmission: ref('reviewSubmissions', submission),
          appStoreVersion: ref('appStoreVersions', version),
        },
      },
    });
    expect(item.status).toBe(201);
    const submit = () =>
      api('PATCH', `/v1/reviewSubmissions/${submission}`, {
        data: { type: 'reviewSubmissions', id: submission, attributes: { submitted: true } },
      });
    const done = await submit();
    expect(done.json.data.attributes.state).toBe('WAITING_FOR_REVIEW');
    expect((await api('GET', `/v1/appStoreVersions/${version}`)).json.data.attributes.appVersionState).toBe(
      'WAITING_FOR_REVIEW',
    );

    const again = await submit();
    expect(again.status).toBe(409);
    expect(codes(again)).toEqual(['STATE_ERROR']);
    const another = await api('POST', '/v1/reviewSubmissions', {
      data: {
        type: 'reviewSubmissions',
        attributes: { platform: 'IOS' },
        relationships: { app: ref('apps', SEEDED_APP_ID) },
      },
    });
    expect(another.status).toBe(409);
    expect(codes(another)).toEqual(['STATE_ERROR']);
    expect(apple.state.submitCalls).toHaveLength(1);
  });

  it('refuses a phased release on a first version', async () => {
    const version = (await createVersion(NEW_APP_ID, '1.0')).json.data.id;
    const answer = await api('POST', '/v1/appStoreVersionPhasedReleases', {
      data: {
        type: 'appStoreVersionPhasedReleases',
        attributes: { phasedReleaseState: 'INACTIVE' },
        relationships: { appStoreVersion: ref('appStoreVersions', version) },
      },
    });
    expect(answer.status).toBe(409);
    expect(codes(answer)).toEqual(['STATE_ERROR']);
  });
});
