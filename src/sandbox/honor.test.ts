import { createHash } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createHonorEmulator,
  FOO_BAR_APP_ID,
  NO_INTRO_APP_ID,
  OTHER_APP_ID,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  UNAPPROVED_APP_ID,
  WRONG_TYPE_CLIENT_ID,
  WRONG_TYPE_CLIENT_SECRET,
  type HonorEmulator,
} from './honor.js';
import { startSandbox, type Sandbox } from './server.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/apk/${name}`, import.meta.url));

let sandbox: Sandbox;
let honor: HonorEmulator;
let api: string;
let authUrl: string;

beforeEach(async () => {
  honor = createHonorEmulator();
  sandbox = await startSandbox([honor]);
  const config = honor.config(sandbox.baseUrl('honor'));
  api = String(config.baseUrl);
  authUrl = String(config.authUrl);
});
afterEach(() => sandbox.close());

async function token(clientId = SANDBOX_CLIENT_ID, clientSecret = SANDBOX_CLIENT_SECRET) {
  const response = await fetch(authUrl, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

async function bearer(): Promise<string> {
  return (await token()).json.access_token as string;
}

async function call(method: 'GET' | 'POST', endpoint: string, options: { token?: string | null; body?: unknown } = {}) {
  const auth = options.token === undefined ? await bearer() : options.token;
  const headers: Record<string, string> = {};
  if (auth !== null) headers.authorization = `Bearer ${auth}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${api}/${endpoint}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

async function declared(path: string) {
  const data = await readFile(path);
  return { fileSize: (await stat(path)).size, fileSha256: createHash('sha256').update(data).digest('hex') };
}

/** get-file-upload-url → multipart POST (Bearer) → the upload's answer. */
async function upload(
  name: string,
  options: { declare?: Partial<{ fileSize: number; fileSha256: string }>; token?: string | null; appId?: number } = {},
) {
  const auth = await bearer();
  const appId = options.appId ?? FOO_BAR_APP_ID;
  const file = { fileName: 'app.apk', fileType: 100, ...(await declared(fixture(name))), ...options.declare };
  const urls = await call('POST', `get-file-upload-url?appId=${appId}`, { token: auth, body: [file] });
  expect(urls.json.code).toBe(0);
  const { uploadUrl, objectId } = urls.json.data[0];
  const form = new FormData();
  form.append('file', await openAsBlob(fixture(name)), 'app.apk');
  const headers: Record<string, string> = {};
  const sendToken = options.token === undefined ? auth : options.token;
  if (sendToken !== null) headers.authorization = `Bearer ${sendToken}`;
  const response = await fetch(uploadUrl, { method: 'POST', headers, body: form });
  return {
    objectId: objectId as number,
    uploadUrl: uploadUrl as string,
    json: (await response.json()) as Record<string, any>,
    auth,
  };
}

async function uploadAndBind(name = 'app-universal.apk') {
  const { objectId, json, auth } = await upload(name);
  expect(json.code).toBe(0);
  const bound = await call('POST', `update-file-info?appId=${FOO_BAR_APP_ID}`, {
    token: auth,
    body: { bindingFileList: [{ objectId }] },
  });
  expect(bound.json.code).toBe(0);
  return auth;
}

describe('honor token and Bearer checks', () => {
  it('issues a Bearer token for client_credentials, valid about an hour', async () => {
    const { status, json } = await token();
    expect(status).toBe(200);
    expect(json).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(typeof json.access_token).toBe('string');
  });

  it('answers a wrong secret with an OAuth2 invalid_client error and HTTP 4xx', async () => {
    const { status, json } = await token(SANDBOX_CLIENT_ID, 'wrong');
    expect(status).toBe(401);
    expect(json.error).toBe('invalid_client');
  });

  it('refuses a missing token with 10001, an unknown one with 10002', async () => {
    expect((await call('GET', 'get-app-id?pkgName=com.foo.bar', { token: null })).json.code).toBe(10001);
    expect((await call('GET', 'get-app-id?pkgName=com.foo.bar', { token: 'not-a-token' })).json.code).toBe(10002);
  });

  it('refuses an expired token with 10003 (an hour later)', async () => {
    const auth = await bearer();
    sandbox.shiftClock(3601_000);
    expect((await call('GET', 'get-app-id?pkgName=com.foo.bar', { token: auth })).json.code).toBe(10003);
  });

  it('declares the tokens expired mid-run when told to, once', async () => {
    const auth = await bearer();
    honor.state.expireTokensOn = 'get-app-detail';
    expect((await call('GET', 'get-app-id?pkgName=com.foo.bar', { token: auth })).json.code).toBe(0);
    expect((await call('GET', `get-app-detail?appId=${FOO_BAR_APP_ID}`, { token: auth })).json.code).toBe(10003);
    expect((await call('GET', `get-app-detail?appId=${FOO_BAR_APP_ID}`)).json.code).toBe(0);
  });

  it('answers a token of the wrong credential type with 10002 at the gateway', async () => {
    const issued = await token(WRONG_TYPE_CLIENT_ID, WRONG_TYPE_CLIENT_SECRET);
    expect(issued.status).toBe(200);
    expect((await call('GET', 'get-app-id?pkgName=com.foo.bar', { token: issued.json.access_token })).json.code).toBe(
      10002,
    );
  });

  it('requires the Bearer token on the file upload too', async () => {
    const { json } = await upload('app-universal.apk', { token: null });
    expect(json.code).toBe(10001);
  });

  it('keeps the client secret out of the request log', async () => {
    await token();
    expect(JSON.stringify(sandbox.log)).not.toContain(SANDBOX_CLIENT_SECRET);
  });
});

describe('honor app info', () => {
  it('finds the appId by package, only for apps the account owns', async () => {
    const { json } = await call('GET', 'get-app-id?pkgName=com.foo.bar,com.other.app');
    expect(json).toMatchObject({ code: 0, data: [{ appId: FOO_BAR_APP_ID, packageName: 'com.foo.bar' }] });
    expect(json.data).toHaveLength(1);
  });

  it("answers get-app-detail with zh-CN not first and releaseInfo on shelf; another's appId is refused", async () => {
    const { json } = await call('GET', `get-app-detail?appId=${FOO_BAR_APP_ID}`);
    expect(json.data.languageInfo.map((l: { languageId: string }) => l.languageId)).toEqual(['en-US', 'zh-CN']);
    expect(json.data.releaseInfo).toEqual({ versionCode: 6091000, versionName: '6.9.1' });
    expect((await call('GET', `get-app-detail?appId=${OTHER_APP_ID}`)).json.code).toBe(20003);
  });

  it('shows null releaseInfo fields for an app never approved', async () => {
    const { json } = await call('GET', `get-app-detail?appId=${UNAPPROVED_APP_ID}`);
    expect(json.data.releaseInfo).toEqual({ versionCode: null, versionName: null });
  });
});

describe('honor uploads', () => {
  it('refuses a fileName whose extension does not fit the fileType, and uppercase hex', async () => {
    const file = { fileName: 'app.zip', fileType: 100, ...(await declared(fixture('app-universal.apk'))) };
    expect((await call('POST', `get-file-upload-url?appId=${FOO_BAR_APP_ID}`, { body: [file] })).json.code).toBe(20010);
    const upper = { ...file, fileName: 'app.apk', fileSha256: file.fileSha256.toUpperCase() };
    expect((await call('POST', `get-file-upload-url?appId=${FOO_BAR_APP_ID}`, { body: [upper] })).json.code).toBe(
      20010,
    );
  });

  it('checks the declared SHA-256 and size against the bytes (HTTP 200, code 30009)', async () => {
    const badHash = await upload('app-universal.apk', { declare: { fileSha256: '0'.repeat(64) } });
    expect(badHash.json.code).toBe(30009);
    const badSize = await upload('app-universal.apk', { declare: { fileSize: 12 } });
    expect(badSize.json.code).toBe(30009);
    const fine = await upload('app-universal.apk');
    expect(fine.json).toMatchObject({ code: 0, message: 'success' });
  });

  it('refuses an APK of another package (30003) and one below the listed version (30006)', async () => {
    expect((await upload('app-other-package.apk')).json.code).toBe(30003);
    expect((await upload('app-old.apk')).json.code).toBe(30006);
  });

  it('refuses an upload URL after it expired', async () => {
    const auth = await bearer();
    const file = { fileName: 'app.apk', fileType: 100, ...(await declared(fixture('app-universal.apk'))) };
    const urls = await call('POST', `get-file-upload-url?appId=${FOO_BAR_APP_ID}`, { token: auth, body: [file] });
    sandbox.shiftClock(31 * 60_000);
    const fresh = await bearer();
    const form = new FormData();
    form.append('file', await openAsBlob(fixture('app-universal.apk')), 'app.apk');
    const response = await fetch(urls.json.data[0].uploadUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${fresh}` },
      body: form,
    });
    expect(((await response.json()) as { code: number }).code).toBe(20029);
  });

  it('refuses to bind an objectId whose file never arrived', async () => {
    const file = { fileName: 'app.apk', fileType: 100, ...(await declared(fixture('app-universal.apk'))) };
    const urls = await call('POST', `get-file-upload-url?appId=${FOO_BAR_APP_ID}`, { body: [file] });
    const bound = await call('POST', `update-file-info?appId=${FOO_BAR_APP_ID}`, {
      body: { bindingFileList: [{ objectId: urls.json.data[0].objectId }] },
    });
    expect(bound.json.code).toBe(20029);
  });
});

describe('honor release notes', () => {
  const zh = {
    languageId: 'zh-CN',
    appName: '测试应用',
    intro: '这是 appstores 沙箱中的示例应用，用于演练完整的发布流程。',
    newFeature: '新版本',
  };

  it('keeps the other languages with setAll 0', async () => {
    expect(
      (
        await call('POST', `update-language-info?appId=${FOO_BAR_APP_ID}`, {
          body: { languageInfoList: [zh], setAll: 0 },
        })
      ).json.code,
    ).toBe(0);
    expect(
      honor.state.apps
        .get(FOO_BAR_APP_ID)!
        .languages.map((l) => l.languageId)
        .sort(),
    ).toEqual(['en-US', 'zh-CN']);
  });

  it('deletes every other language when setAll is left out (its default 1)', async () => {
    expect(
      (await call('POST', `update-language-info?appId=${FOO_BAR_APP_ID}`, { body: { languageInfoList: [zh] } })).json
        .code,
    ).toBe(0);
    expect(honor.state.apps.get(FOO_BAR_APP_ID)!.languages.map((l) => l.languageId)).toEqual(['zh-CN']);
  });

  it('blanks a field sent empty', async () => {
    await call('POST', `update-language-info?appId=${FOO_BAR_APP_ID}`, { body: { languageInfoList: [zh], setAll: 0 } });
    expect(honor.state.apps.get(FOO_BAR_APP_ID)!.languages.find((l) => l.languageId === 'zh-CN')!.briefIntro).toBe('');
  });

  it('takes several languages in one call, each kept per languageId; a duplicate or a bad setAll changes nothing', async () => {
    const en = { languageId: 'en-US', appName: 'Foo Bar', intro: 'A sample app.', newFeature: 'Bug fixes' };
    const app = honor.state.apps.get(FOO_BAR_APP_ID)!;
    const send = async (body: unknown) =>
      (await call('POST', `update-language-info?appId=${FOO_BAR_APP_ID}`, { body })).json.code;
    expect(await send({ languageInfoList: [zh, { ...zh }], setAll: 0 })).toBe(20010);
    expect(await send({ languageInfoList: [zh, en], setAll: 2 })).toBe(20010);
    // One bad entry refuses the whole list: nothing of the good one is stored either.
    expect(await send({ languageInfoList: [zh, { ...en, newFeature: 'x'.repeat(501) }], setAll: 0 })).toBe(20010);
    expect(app.languages.find((l) => l.languageId === 'zh-CN')!.newFeature).toBe('修复已知问题');
    expect(await send({ languageInfoList: [zh, en], setAll: 0 })).toBe(0);
    expect(Object.fromEntries(app.languages.map((l) => [l.languageId, l.newFeature]))).toEqual({
      'en-US': 'Bug fixes',
      'zh-CN': '新版本',
    });
  });

  it('refuses an empty intro with 20076, a newFeature over 500 and a missing languageId', async () => {
    const noIntro = { ...zh, intro: '' };
    expect(
      (
        await call('POST', `update-language-info?appId=${NO_INTRO_APP_ID}`, {
          body: { languageInfoList: [noIntro], setAll: 0 },
        })
      ).json.code,
    ).toBe(20076);
    const long = { ...zh, newFeature: 'x'.repeat(501) };
    expect(
      (
        await call('POST', `update-language-info?appId=${FOO_BAR_APP_ID}`, {
          body: { languageInfoList: [long], setAll: 0 },
        })
      ).json.code,
    ).toBe(20010);
    const noId = { ...zh, languageId: '' };
    expect(
      (
        await call('POST', `update-language-info?appId=${FOO_BAR_APP_ID}`, {
          body: { languageInfoList: [noId], setAll: 0 },
        })
      ).json.code,
    ).toBe(20031);
  });
});

describe('honor submit-audit', () => {
  it('requires a bound APK', async () => {
    const auth = await bearer();
    await upload('app-universal.apk');
    const { json } = await call('POST', `submit-audit?appId=${FOO_BAR_APP_ID}`, {
      token: auth,
      body: { releaseType: 1 },
    });
    expect(json.code).toBe(20029);
  });

  it('answers a releaseId as a bare string, then 20022 for a second submit while in review', async () => {
    const auth = await uploadAndBind();
    const first = await call('POST', `submit-audit?appId=${FOO_BAR_APP_ID}`, { token: auth, body: { releaseType: 1 } });
    expect(first.json.code).toBe(0);
    expect(typeof first.json.data).toBe('string');
    await uploadAndBind();
    const second = await call('POST', `submit-audit?appId=${FOO_BAR_APP_ID}`, {
      token: auth,
      body: { releaseType: 1 },
    });
    expect(second.json.code).toBe(20022);
    const audit = await call('POST', 'get-audit-result', {
      token: auth,
      body: { appId: [{ appId: FOO_BAR_APP_ID, releaseId: first.json.data }] },
    });
    expect(audit.json.data[0]).toMatchObject({ auditResult: 0, versionCode: 6100000, versionName: '6.10.0' });
    honor.approve('com.foo.bar');
    const current = await call('GET', `get-app-current-release?appId=${FOO_BAR_APP_ID}`, { token: auth });
    expect(current.json.data).toMatchObject({ auditResult: 1, versionCode: 6100000 });
  });

  it('takes releaseType 2 with a colon-less offset, and refuses one with a colon or in the past', async () => {
    const auth = await uploadAndBind();
    const colon = await call('POST', `submit-audit?appId=${FOO_BAR_APP_ID}`, {
      token: auth,
      body: { releaseType: 2, releaseTime: '2030-06-20T10:00:00+08:00' },
    });
    expect(colon.json.code).toBe(20010);
    const past = await call('POST', `submit-audit?appId=${FOO_BAR_APP_ID}`, {
      token: auth,
      body: { releaseType: 2, releaseTime: '2020-06-20T10:00:00+0800' },
    });
    expect(past.json.code).toBe(20010);
    const fine = await call('POST', `submit-audit?appId=${FOO_BAR_APP_ID}`, {
      token: auth,
      body: { releaseType: 2, releaseTime: '2030-06-20T10:00:00+0800' },
    });
    expect(fine.json.code).toBe(0);
    expect(honor.state.releases.get(fine.json.data)).toMatchObject({
      releaseType: 2,
      releaseTime: '2030-06-20T10:00:00+0800',
    });
  });

  it('refuses a version not above the live one with 30006', async () => {
    honor.state.apps.get(FOO_BAR_APP_ID)!.live = { versionCode: 6100000, versionName: '6.10.0' };
    const auth = await uploadAndBind();
    const { json } = await call('POST', `submit-audit?appId=${FOO_BAR_APP_ID}`, {
      token: auth,
      body: { releaseType: 1 },
    });
    expect(json.code).toBe(30006);
  });

  it('shows the stale-task quirk of get-app-current-release when switched on', async () => {
    const auth = await uploadAndBind();
    const submitted = await call('POST', `submit-audit?appId=${FOO_BAR_APP_ID}`, {
      token: auth,
      body: { releaseType: 1 },
    });
    honor.approve('com.foo.bar');
    honor.state.staleCurrentRelease = true;
    const current = await call('GET', `get-app-current-release?appId=${FOO_BAR_APP_ID}`, { token: auth });
    expect(current.json.data).toMatchObject({ auditResult: 2, auditMessage: '存在开发者同版本或高版本任务' });
    const audit = await call('POST', 'get-audit-result', {
      token: auth,
      body: { appId: [{ appId: FOO_BAR_APP_ID, releaseId: submitted.json.data }] },
    });
    expect(audit.json.data[0].auditResult).toBe(1);
  });
});

describe('honor update-phased-release-info', () => {
  it('moves a phased release by operationType only from the states each applies to; others are 20010', async () => {
    const app = honor.state.apps.get(FOO_BAR_APP_ID)!;
    const send = async (operationType: unknown) =>
      (await call('POST', `update-phased-release-info?appId=${FOO_BAR_APP_ID}`, { body: { operationType } })).json.code;
    expect(await send(3)).toBe(20010); // none running
    app.phased = { state: 'RUNNING' };
    expect(await send(9)).toBe(20010);
    expect(await send('3')).toBe(20010);
    expect(await send(0)).toBe(20010); // resume: not paused
    expect(await send(3)).toBe(0);
    expect(app.phased).toEqual({ state: 'PAUSED' });
    expect(await send(5)).toBe(0);
    expect(app.phased).toEqual({ state: 'CANCELLED' });
    expect(await send(4)).toBe(20010);
    expect(app.phased).toEqual({ state: 'CANCELLED' });
  });
});
