// The Huawei emulator in process, through the sandbox harness, with the test's own client code
// written from stores/huawei.md (never the adapter's): every refusal the issue lists.
import { constants, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createHuaweiEmulator,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_PROJECT_CLIENT_ID,
  SANDBOX_PROJECT_CLIENT_SECRET,
  type HuaweiEmulator,
  type HuaweiEmulatorOptions,
} from './huawei.js';
import { startSandbox, type Sandbox } from './server.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
const KEY_FILE = JSON.parse(readFileSync(fixture('huawei/agc-apiclient.json'), 'utf8')) as Record<string, string>;
const APK = readFileSync(fixture('apk/app-universal.apk'));
const AAB = readFileSync(fixture('aab/app.aab'));
const OLD_APK = readFileSync(fixture('apk/app-old.apk'));
const BAR = '100000001';
const OTHER = '100000002';
const NEW = '100000003'; // never released

let sandbox: Sandbox;
let huawei: HuaweiEmulator;
let base: string;

async function start(options: HuaweiEmulatorOptions = {}) {
  await sandbox?.close();
  huawei = createHuaweiEmulator(options);
  sandbox = await startSandbox([huawei]);
  base = sandbox.baseUrl('huawei');
}
beforeEach(() => start({ parsingSubmits: 0 }));
afterEach(() => sandbox.close());

interface Answer {
  status: number;
  text: string;
  json: any;
}

async function send(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<Answer> {
  const res = await request(url, { method: method as 'GET', headers, body });
  const text = await res.body.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // OBS answers XML
  }
  return { status: res.statusCode, text, json };
}

async function token(clientId = SANDBOX_CLIENT_ID, secret = SANDBOX_CLIENT_SECRET): Promise<Answer> {
  return send(
    'POST',
    `${base}/oauth2/v1/token`,
    { 'content-type': 'application/json' },
    JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
  );
}

let auth: Record<string, string> = {};
async function login(clientId = SANDBOX_CLIENT_ID, secret = SANDBOX_CLIENT_SECRET) {
  const answer = await token(clientId, secret);
  auth = { client_id: clientId, authorization: `Bearer ${answer.json.access_token}` };
}

function api(
  method: string,
  path: string,
  query: Record<string, string> = {},
  body?: unknown,
  headers = auth,
): Promise<Answer> {
  const url = `${base}/publish/v2/${path}?${new URLSearchParams(query)}`;
  return send(
    method,
    url,
    { ...headers, 'content-type': 'application/json' },
    body === undefined ? undefined : JSON.stringify(body),
  );
}

/** The test's own PS256 JWT, from stores/huawei.md 2.3. */
function jwt(over: { header?: object; claims?: object; key?: string } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'PS256', typ: 'JWT', kid: KEY_FILE.key_id, ...over.header });
  const payload = b64({
    iss: KEY_FILE.sub_account,
    aud: KEY_FILE.token_uri,
    iat: now,
    exp: now + 3600,
    ...over.claims,
  });
  const signature = sign('sha256', Buffer.from(`${head}.${payload}`), {
    key: createPrivateKey(over.key ?? KEY_FILE.private_key!),
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 32,
  });
  return `${head}.${payload}.${signature.toString('base64url')}`;
}

async function uploadUrl(appId: string, fileName: string, data: Buffer, releaseType = '1') {
  const { createHash } = await import('node:crypto');
  const answer = await api('GET', 'upload-url/for-obs', {
    appId,
    fileName,
    contentLength: String(data.length),
    sha256: createHash('sha256').update(data).digest('hex'),
    releaseType,
  });
  expect(answer.json.ret).toEqual({ code: 0, msg: 'success' });
  return answer.json.urlInfo as { objectId: string; url: string; method: string; headers: Record<string, string> };
}

async function put(
  info: { url: string; headers: Record<string, string> },
  data: Buffer,
  change: (h: Record<string, string>) => void = () => {},
) {
  const headers = { ...info.headers, 'content-length': String(data.length) };
  change(headers);
  return send('PUT', info.url, headers, data);
}

async function uploadAndBind(appId: string, fileName: string, data: Buffer, releaseType = '1'): Promise<string> {
  const info = await uploadUrl(appId, fileName, data, releaseType);
  expect((await put(info, data)).status).toBe(200);
  const bound = await api(
    'PUT',
    'app-file-info',
    { appId, releaseType },
    { fileType: 5, files: [{ fileName, fileDestUrl: info.objectId }] },
  );
  expect(bound.json.ret.code).toBe(0);
  return bound.json.pkgVersion[0];
}

async function untilCompiled(appId: string, pkgId: string): Promise<number> {
  for (let polls = 1; polls < 10; polls++) {
    const status = await api('GET', 'package/compile/status', { appId, pkgIds: pkgId });
    if (status.json.pkgStateList[0].successStatus !== 1) return polls;
  }
  throw new Error('never compiled');
}

describe('Huawei emulator: credentials', () => {
  it('hands out a token for the right client, and answers wrong credentials with HTTP 200 and ret as a JSON string', async () => {
    const good = await token();
    expect(good.status).toBe(200);
    expect(good.json).toMatchObject({ expires_in: 172800 });
    expect(good.json.access_token).toMatch(/\S{20,}/);
    const bad = await token(SANDBOX_CLIENT_ID, 'wrong');
    expect(bad.status).toBe(200);
    expect(typeof bad.json.ret).toBe('string');
    expect(JSON.parse(bad.json.ret)).toMatchObject({ msg: 'client_id or client_secret is invalid' });
    expect(JSON.parse(bad.json.ret).code).not.toBe(0);
    const form = await send(
      'POST',
      `${base}/oauth2/v1/token`,
      { 'content-type': 'application/x-www-form-urlencoded' },
      `grant_type=client_credentials&client_id=${SANDBOX_CLIENT_ID}&client_secret=${SANDBOX_CLIENT_SECRET}`,
    );
    expect(JSON.parse(form.json.ret).msg).toMatch(/application\/json/);
  });

  it('wants client_id and Bearer on every call, and refuses unknown or expired tokens with 401', async () => {
    await login();
    expect((await api('GET', 'appid-list', { packageName: 'com.foo.bar' })).json.ret.code).toBe(0);
    expect(
      (
        await api('GET', 'appid-list', { packageName: 'com.foo.bar' }, undefined, {
          authorization: auth.authorization!,
        })
      ).status,
    ).toBe(401);
    expect(
      (await api('GET', 'appid-list', { packageName: 'com.foo.bar' }, undefined, { client_id: SANDBOX_CLIENT_ID }))
        .status,
    ).toBe(401);
    expect(
      (
        await api('GET', 'appid-list', { packageName: 'com.foo.bar' }, undefined, {
          ...auth,
          client_id: 'someone-else',
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await api('GET', 'appid-list', { packageName: 'com.foo.bar' }, undefined, {
          ...auth,
          authorization: 'Bearer forged',
        })
      ).status,
    ).toBe(401);
    sandbox.shiftClock(172_800_000 + 1000);
    const expired = await api('GET', 'appid-list', { packageName: 'com.foo.bar' });
    expect(expired.status).toBe(401);
    expect(expired.json.ret.msg).toMatch(/expired/);
  });

  it('answers a project-level API client with 403 and an empty body', async () => {
    await login(SANDBOX_PROJECT_CLIENT_ID, SANDBOX_PROJECT_CLIENT_SECRET);
    const answer = await api('GET', 'appid-list', { packageName: 'com.foo.bar' });
    expect(answer.status).toBe(403);
    expect(answer.text).toBe('');
  });

  it('takes a Service Account JWT (PS256, salt 32) as the bearer, and refuses a wrong key, alg, audience or lifetime', async () => {
    const asSa = (bearer: string) =>
      api('GET', 'appid-list', { packageName: 'com.foo.bar' }, undefined, { authorization: `Bearer ${bearer}` });
    expect((await asSa(jwt())).json.appids).toEqual([{ key: 'com.foo.bar', value: BAR }]);
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string;
    const refusals = [
      jwt({ key: other }),
      jwt({ header: { alg: 'RS256' } }),
      jwt({ header: { kid: 'another-key' } }),
      jwt({ claims: { aud: 'https://example.com/token' } }),
      jwt({ claims: { iss: 'someone' } }),
      jwt({ claims: { exp: Math.floor(Date.now() / 1000) - 10 } }),
      jwt({ claims: { exp: Math.floor(Date.now() / 1000) + 7200 } }),
    ];
    for (const bearer of refusals) expect((await asSa(bearer)).status).toBe(401);
    // A signature made with PKCS#1 v1.5 padding instead of PSS does not verify either.
    const [head, payload] = jwt().split('.');
    const pkcs1 = sign('sha256', Buffer.from(`${head}.${payload}`), createPrivateKey(KEY_FILE.private_key!)).toString(
      'base64url',
    );
    expect((await asSa(`${head}.${payload}.${pkcs1}`)).status).toBe(401);
  });
});

describe('Huawei emulator: app lookup', () => {
  beforeEach(() => login());

  it('appid-list answers lowercase appids with key/value; app-info the live and latest versions, languages and audit', async () => {
    expect((await api('GET', 'appid-list', { packageName: 'com.foo.bar' })).json).toEqual({
      ret: { code: 0, msg: 'success' },
      appids: [{ key: 'com.foo.bar', value: BAR }],
    });
    expect((await api('GET', 'appid-list', { packageName: 'dev.none' })).json.appids).toEqual([]);
    const info = (await api('GET', 'app-info', { appId: OTHER })).json;
    expect(info.appInfo).toMatchObject({
      releaseState: 5,
      versionCode: 6100000,
      versionNumber: '6.10.0',
      onShelfVersionCode: '6000000',
      onShelfVersionNumber: '6.0.0',
    });
    expect(info.languages.map((l: { lang: string }) => l.lang)).toEqual(['zh-CN', 'en-US']);
    expect((await api('GET', 'app-info', { appId: '999' })).json.ret.code).toBe(204144644);
  });
});

describe('Huawei emulator: OBS upload', () => {
  beforeEach(() => login());

  it('takes the raw file with exactly the signed headers and length', async () => {
    const info = await uploadUrl(BAR, 'app.apk', APK);
    expect(info.method).toBe('PUT');
    expect(Object.keys(info.headers).sort()).toEqual([
      'Authorization',
      'Content-Type',
      'Host',
      'user-agent',
      'x-amz-content-sha256',
      'x-amz-date',
    ]);
    expect((await put(info, APK)).status).toBe(200);
  });

  it('refuses a missing or changed signed header, a wrong length, a chunked body, a wrong digest and an expired URL', async () => {
    const info = await uploadUrl(BAR, 'app.apk', APK);
    const missing = await put(info, APK, (h) => delete h['x-amz-date']);
    expect(missing.status).toBe(403);
    expect(missing.text).toMatch(/signed header x-amz-date is missing or changed/);
    expect((await put(info, APK, (h) => (h['Content-Type'] = 'application/vnd.android.package-archive'))).status).toBe(
      403,
    );
    expect((await put(info, APK.subarray(0, APK.length - 1))).text).toMatch(/IncompleteBody/);
    // A streamed body without Content-Length goes chunked.
    const chunkedRes = await request(info.url, { method: 'PUT', headers: info.headers, body: Readable.from([APK]) });
    expect(chunkedRes.statusCode).toBe(411);
    expect(await chunkedRes.body.text()).toMatch(/chunked uploads are not accepted/);
    const tampered = Buffer.from(APK);
    tampered[100] = tampered[100]! ^ 0xff;
    expect((await put(info, tampered)).text).toMatch(/BadDigest/);
    expect(
      (await send('PUT', info.url.replace(/Signature=\w+/, 'Signature=00'), { ...info.headers }, APK)).status,
    ).toBe(403);
    sandbox.shiftClock(5 * 60_000 + 1000);
    const expired = await put(info, APK);
    expect(expired.status).toBe(403);
    expect(expired.text).toMatch(/Request has expired/);
  });

  it('upload-url/for-obs wants a file name with its extension and a length', async () => {
    expect(
      (await api('GET', 'upload-url/for-obs', { appId: BAR, fileName: 'app', contentLength: '10' })).json.ret.code,
    ).toBe(204144641);
    expect(
      (await api('GET', 'upload-url/for-obs', { appId: BAR, fileName: 'app.apk', contentLength: '-1' })).json.ret.code,
    ).toBe(204144641);
  });
});

describe('Huawei emulator: bind, compile, notes, submit', () => {
  beforeEach(() => login());

  it('binds with fileType 5 and fileName (204144641 without), then reports compiling before ready', async () => {
    const info = await uploadUrl(BAR, 'app.apk', APK);
    await put(info, APK);
    const noName = await api(
      'PUT',
      'app-file-info',
      { appId: BAR, releaseType: '1' },
      { fileType: 5, files: [{ fileDestUrl: info.objectId }] },
    );
    expect(noName.json.ret).toEqual({ code: 204144641, msg: 'Incomplete application version information' });
    const unknown = await api(
      'PUT',
      'app-file-info',
      { appId: BAR, releaseType: '1' },
      { fileType: 5, files: [{ fileName: 'app.apk', fileDestUrl: 'nope' }] },
    );
    expect(unknown.json.ret.msg).toBe('The files url is empty');
    const pkgId = await uploadAndBind(BAR, 'app.apk', APK);
    expect(await untilCompiled(BAR, pkgId)).toBe(2);
  });

  it('an AAB compiles over several polls; submit meanwhile is 204144727, an APK 204144660 "being processed"', async () => {
    const pkgId = await uploadAndBind(BAR, 'app.aab', AAB);
    const early = await api('POST', 'app-submit', { appId: BAR, releaseType: '1' }, {});
    expect(early.json.ret).toEqual({
      code: 204144727,
      msg: 'The AAB file is being compiled, please try again in 3-5 minutes',
    });
    expect(await untilCompiled(BAR, pkgId)).toBe(4);
    expect((await api('POST', 'app-submit', { appId: BAR, releaseType: '1' }, {})).json.ret.code).toBe(0);

    await start({ parsingSubmits: 1 });
    await login();
    const apkId = await uploadAndBind(BAR, 'app.apk', APK);
    expect((await api('POST', 'app-submit', { appId: BAR })).json.ret).toEqual({
      code: 204144660,
      msg: 'The file is being processed. It may take 2-5 minutes',
    });
    await untilCompiled(BAR, apkId);
    // Ready to the compile query, still parsing to the first submit after it.
    expect((await api('POST', 'app-submit', { appId: BAR })).json.ret.code).toBe(204144660);
    expect((await api('POST', 'app-submit', { appId: BAR })).json.ret.code).toBe(0);
    expect(huawei.state.submissions.map((s) => s.code)).toEqual([204144660, 204144660, 0]);
  });

  it('goes to review on submit; then refuses to edit or submit again while in review (204144647)', async () => {
    const pkgId = await uploadAndBind(BAR, 'app.apk', APK);
    await untilCompiled(BAR, pkgId);
    expect((await api('POST', 'app-submit', { appId: BAR, releaseType: '1' })).json.ret.code).toBe(0);
    const info = (await api('GET', 'app-info', { appId: BAR })).json.appInfo;
    expect(info).toMatchObject({ releaseState: 5, versionCode: 6100000, onShelfVersionCode: '6000000' });
    expect((await api('POST', 'app-submit', { appId: BAR, releaseType: '1' })).json.ret).toEqual({
      code: 204144647,
      msg: "The new service has can't be edited service",
    });
    expect(
      (await api('PUT', 'app-language-info', { appId: OTHER }, { lang: 'zh-CN', newFeatures: 'x' })).json.ret.code,
    ).toBe(204144647);
  });

  it('refuses a versionCode not above the live one, and a submit with no package', async () => {
    const info = await uploadUrl(BAR, 'app-old.apk', OLD_APK);
    await put(info, OLD_APK);
    const bound = await api(
      'PUT',
      'app-file-info',
      { appId: BAR },
      { fileType: 5, files: [{ fileName: 'app-old.apk', fileDestUrl: info.objectId }] },
    );
    expect(bound.json.ret.code).toBe(204144646);
    expect(bound.json.ret.msg).toMatch(/versionCode 6000000 must be greater than the released version's 6000000/);
    expect((await api('POST', 'app-submit', { appId: BAR })).json.ret).toEqual({
      code: 204144660,
      msg: 'No package file has been uploaded for this version',
    });
  });

  it('refuses notes over 500 characters and an unknown language; sets only the fields sent', async () => {
    const long = await api(
      'PUT',
      'app-language-info',
      { appId: BAR, releaseType: '1' },
      { lang: 'zh-CN', newFeatures: '字'.repeat(501) },
    );
    expect(long.json.ret).toEqual({ code: 204144652, msg: 'newFeatures exceeds 500 characters' });
    expect(
      (await api('PUT', 'app-language-info', { appId: BAR }, { lang: 'fr-FR', newFeatures: 'x' })).json.ret.code,
    ).toBe(204144650);
    expect(
      (await api('PUT', 'app-language-info', { appId: BAR }, { lang: 'zh-CN', newFeatures: '字'.repeat(500) })).json.ret
        .code,
    ).toBe(0);
    const zh = huawei.state.apps.get(BAR)!.languages[0]!;
    expect(zh).toMatchObject({ appName: '富吧', newFeatures: '字'.repeat(500) });
  });

  it('checks releaseTime: the Huawei format, in the future', async () => {
    const pkgId = await uploadAndBind(BAR, 'app.apk', APK);
    await untilCompiled(BAR, pkgId);
    expect((await api('POST', 'app-submit', { appId: BAR, releaseTime: '2099-01-01 10:00:00' })).json.ret.code).toBe(
      204144641,
    );
    expect(
      (await api('POST', 'app-submit', { appId: BAR, releaseTime: '2020-01-01T10:00:00+0800' })).json.ret.code,
    ).toBe(204144677);
    // A `+` left unencoded in the query reads as a space: refused as malformed.
    const raw = await send('POST', `${base}/publish/v2/app-submit?appId=${BAR}&releaseTime=2099-01-01T10:00:00+0800`, {
      ...auth,
    });
    expect(raw.json.ret.code).toBe(204144641);
    expect(
      (await api('POST', 'app-submit', { appId: BAR, releaseTime: '2099-01-01T10:00:00+0800' })).json.ret.code,
    ).toBe(0);
    huawei.approve('com.foo.bar');
    expect((await api('GET', 'app-info', { appId: BAR })).json.appInfo.releaseState).toBe(3);
  });

  it('validates the phased fields, refuses mixing releaseType 1 and 3, and needs a live version', async () => {
    const phased = (percent: string) => ({
      phasedReleaseStartTime: '2099-01-01T10:00:00+0800',
      phasedReleaseEndTime: '2099-01-08T10:00:00+0800',
      phasedReleasePercent: percent,
      phasedReleaseDescription: 'rollout',
    });
    const pkgId = await uploadAndBind(BAR, 'app.apk', APK, '3');
    await untilCompiled(BAR, pkgId);
    expect(
      (
        await api('GET', 'upload-url/for-obs', {
          appId: BAR,
          fileName: 'app.apk',
          contentLength: '10',
          releaseType: '1',
        })
      ).json.ret.code,
    ).toBe(204144647);
    const mixed = await api(
      'PUT',
      'app-language-info',
      { appId: BAR, releaseType: '1' },
      { lang: 'zh-CN', newFeatures: 'x' },
    );
    expect(mixed.json.ret.code).toBe(204144647);
    expect(mixed.json.ret.msg).toMatch(/releaseType 1 differs from 3/);
    expect((await api('POST', 'app-submit', { appId: BAR, releaseType: '1' })).json.ret.code).toBe(204144647);
    for (const bad of ['10', '10.5', '100.01', 'ten']) {
      expect((await api('POST', 'app-submit', { appId: BAR, releaseType: '3' }, phased(bad))).json.ret.code).toBe(
        204144715,
      );
    }
    expect(
      (
        await api(
          'POST',
          'app-submit',
          { appId: BAR, releaseType: '3' },
          { ...phased('10.00'), phasedReleaseEndTime: '2098-01-01T10:00:00+0800' },
        )
      ).json.ret.code,
    ).toBe(204144715);
    expect((await api('POST', 'app-submit', { appId: BAR, releaseType: '3' }, phased('10.00'))).json.ret.code).toBe(0);
    const info = (await api('GET', 'app-info', { appId: BAR, releaseType: '3' })).json;
    expect(info.phasedReleaseInfo).toMatchObject({
      phasedReleasePercent: '10.00',
      phasedReleaseEndTime: '2099-01-08T10:00:00+0800',
    });
  });

  it('refuses a phased release of an app with no version on the shelf', async () => {
    huawei.state.apps.get(BAR)!.live = null;
    const pkgId = await uploadAndBind(BAR, 'app.apk', APK, '3');
    await untilCompiled(BAR, pkgId);
    const noLive = await api(
      'POST',
      'app-submit',
      { appId: BAR, releaseType: '3' },
      {
        phasedReleaseStartTime: '2099-01-01T10:00:00+0800',
        phasedReleaseEndTime: '2099-01-08T10:00:00+0800',
        phasedReleasePercent: '10.00',
      },
    );
    expect(noLive.json.ret).toEqual({
      code: 204144647,
      msg: 'OnShelf service not exist, update phased service failed',
    });
  });

  it('fails the compile of a package of another app, shown verbatim at submit', async () => {
    const pkgId = await uploadAndBind(NEW, 'app.apk', APK);
    await untilCompiled(NEW, pkgId);
    const status = await api('GET', 'package/compile/status', { appId: NEW, pkgIds: pkgId });
    expect(status.json.pkgStateList[0]).toMatchObject({
      successStatus: 2,
      failReason: 'the package name com.foo.bar is not com.foo.new',
    });
    expect((await api('POST', 'app-submit', { appId: NEW })).json.ret).toEqual({
      code: 204144660,
      msg: 'the package name com.foo.bar is not com.foo.new',
    });
  });

  it('an older gateway: package/compile/status is 404, aab/complile/status answers aabCompileStatus', async () => {
    await start({ parsingSubmits: 0, legacyCompileStatus: true, aabPolls: 1 });
    await login();
    const pkgId = await uploadAndBind(BAR, 'app.aab', AAB);
    expect((await api('GET', 'package/compile/status', { appId: BAR, pkgIds: pkgId })).status).toBe(404);
    const legacy = async () =>
      (await api('GET', 'aab/complile/status', { appId: BAR, pkgIds: pkgId })).json.pkgStateList[0];
    expect(await legacy()).toEqual({ pkgId, aabCompileStatus: 1 });
    expect(await legacy()).toEqual({ pkgId, aabCompileStatus: 2 });
  });

  it('caps the packages per app at 300 (204144662)', async () => {
    huawei.state.apps.get(BAR)!.packageCount = 300;
    const info = await uploadUrl(BAR, 'app.apk', APK);
    await put(info, APK);
    const bound = await api(
      'PUT',
      'app-file-info',
      { appId: BAR },
      { fileType: 5, files: [{ fileName: 'app.apk', fileDestUrl: info.objectId }] },
    );
    expect(bound.json.ret.code).toBe(204144662);
  });

  it('fails the compile of an AAB over the size limit with 80210116, shown verbatim at submit', async () => {
    await start({ parsingSubmits: 0, maxAabBytes: 1000, aabPolls: 0 });
    await login();
    const pkgId = await uploadAndBind(BAR, 'app.aab', AAB);
    const status = await api('GET', 'package/compile/status', { appId: BAR, pkgIds: pkgId });
    expect(status.json.pkgStateList[0]).toMatchObject({
      successStatus: 2,
      failReason: '80210116 the AAB file exceeds 150 MB',
    });
    expect((await api('POST', 'app-submit', { appId: BAR })).json.ret).toEqual({
      code: 204144660,
      msg: '80210116 the AAB file exceeds 150 MB',
    });
  });
});
