import { createHash, createHmac } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './server.js';
import { createVivoEmulator, type VivoEmulator } from './vivo.js';

const ACCESS_KEY = 'sandbox-vivo-access-key';
const ACCESS_SECRET = 'sandbox-vivo-access-secret';
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/apk/${name}`, import.meta.url));

/**
 * The test's own vivo signer, written from stores/vivo.md §3.3: common params, keys in ASCII
 * order, raw `k=v&...`, lowercase hex HMAC-SHA256 keyed with the access secret.
 */
function signParams(
  method: string,
  business: Record<string, string>,
  options: { secret?: string; accessKey?: string; timestamp?: number; signMethod?: string } = {},
): Record<string, string> {
  const params: Record<string, string> = {
    method,
    access_key: options.accessKey ?? ACCESS_KEY,
    timestamp: String(options.timestamp ?? Date.now()),
    format: 'json',
    v: '1.0',
    sign_method: options.signMethod ?? 'HMAC-SHA256',
    target_app_key: 'developer',
    ...business,
  };
  const text = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
  params.sign = createHmac('sha256', options.secret ?? ACCESS_SECRET)
    .update(text)
    .digest('hex');
  return params;
}

interface Answer {
  status: number;
  contentType: string;
  json: Record<string, any>;
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', json: JSON.parse(text) };
}

let sandbox: Sandbox;
let vivo: VivoEmulator;

beforeEach(async () => {
  vivo = createVivoEmulator();
  sandbox = await startSandbox([vivo]);
});
afterEach(() => sandbox.close());

/** Everything in the query and an empty POST body, as apkgo does. */
async function call(params: Record<string, string>): Promise<Answer> {
  const url = `${sandbox.baseUrl('vivo')}?${new URLSearchParams(params)}`;
  return answerOf(await fetch(url, { method: 'POST' }));
}

async function callForm(params: Record<string, string>): Promise<Answer> {
  return answerOf(await fetch(sandbox.baseUrl('vivo'), { method: 'POST', body: new URLSearchParams(params) }));
}

async function md5Of(path: string): Promise<string> {
  return createHash('md5')
    .update(await readFile(path))
    .digest('hex');
}

/** Multipart upload: signed params as text fields and the APK as the `file` part. */
async function upload(method: string, apk: string, overrides: { fileMd5?: string } = {}): Promise<Answer> {
  const params = signParams(method, {
    packageName: 'com.foo.bar',
    fileMd5: overrides.fileMd5 ?? (await md5Of(fixture(apk))),
  });
  const form = new FormData();
  for (const [key, value] of Object.entries(params)) form.append(key, value);
  form.append('file', await openAsBlob(fixture(apk)), apk);
  return answerOf(await fetch(sandbox.baseUrl('vivo'), { method: 'POST', body: form }));
}

function beijing(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function syncBusiness(serial: string, fileMd5: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    packageName: 'com.foo.bar',
    versionCode: '6100000',
    apk: serial,
    fileMd5,
    onlineType: '1',
    updateDesc: '修复了一些问题，提升稳定性',
    compatibleDevice: '1',
    ...extra,
  };
}

const syncParams = (serial: string, fileMd5: string, extra: Record<string, string> = {}) =>
  signParams('app.sync.update.app', syncBusiness(serial, fileMd5, extra));

describe('vivo gateway checks', () => {
  it('answers app.query.details with versionCode as a string, subCode "0"', async () => {
    const { status, json } = await call(signParams('app.query.details', { packageName: 'com.foo.bar' }));
    expect(status).toBe(200);
    expect(json.code).toBe(0);
    expect(json.subCode).toBe('0');
    expect(json.data).toMatchObject({
      packageName: 'com.foo.bar',
      cnName: '测试应用',
      versionCode: '6091000',
      versionName: '6.9.1',
      status: 3,
      saleStatus: 1,
      compatibleDevice: 1,
    });
  });

  it('answers an unknown package with a success envelope and empty data', async () => {
    const { json } = await call(signParams('app.query.details', { packageName: 'com.nobody.here' }));
    expect(json.code).toBe(0);
    expect(json.subCode).toBe('0');
    expect(json.data).toBeNull();
  });

  it("refuses another developer's package with code 0 and subCode 11011", async () => {
    const { json } = await call(signParams('app.query.details', { packageName: 'com.other.app' }));
    expect(json).toMatchObject({ code: 0, subCode: '11011' });
    expect(json.data).toBeNull();
  });

  it('takes params from a urlencoded body as well', async () => {
    const { json } = await callForm(signParams('app.query.details', { packageName: 'com.foo.bar' }));
    expect(json.code).toBe(0);
    expect(json.data.versionCode).toBe('6091000');
  });

  it('refuses a wrong signature with 10001', async () => {
    const { json } = await call(signParams('app.query.details', { packageName: 'com.foo.bar' }, { secret: 'wrong' }));
    expect(json.code).toBe(10001);
  });

  it('refuses a signature over URL-encoded values (values are signed raw)', async () => {
    const params = signParams('app.query.details', { packageName: 'com.foo.bar', remark: 'a b&c' });
    const encoded = Object.keys(params)
      .filter((k) => k !== 'sign')
      .sort()
      .map((k) => `${k}=${encodeURIComponent(params[k]!)}`)
      .join('&');
    params.sign = createHmac('sha256', ACCESS_SECRET).update(encoded).digest('hex');
    expect((await call(params)).json.code).toBe(10001);
  });

  it('refuses a timestamp 21 minutes old, and one in seconds, with 10005', async () => {
    const stale = await call(
      signParams('app.query.details', { packageName: 'com.foo.bar' }, { timestamp: Date.now() - 21 * 60_000 }),
    );
    expect(stale.json.code).toBe(10005);
    const seconds = await call(
      signParams('app.query.details', { packageName: 'com.foo.bar' }, { timestamp: Math.floor(Date.now() / 1000) }),
    );
    expect(seconds.json.code).toBe(10005);
    const fine = await call(
      signParams('app.query.details', { packageName: 'com.foo.bar' }, { timestamp: Date.now() - 19 * 60_000 }),
    );
    expect(fine.json.code).toBe(0);
  });

  it('refuses an unknown access key with 10017', async () => {
    const { json } = await call(
      signParams('app.query.details', { packageName: 'com.foo.bar' }, { accessKey: 'nobody' }),
    );
    expect(json.code).toBe(10017);
  });

  it('refuses sign_method other than HMAC-SHA256 with 10015', async () => {
    const { json } = await call(
      signParams('app.query.details', { packageName: 'com.foo.bar' }, { signMethod: 'hmac' }),
    );
    expect(json.code).toBe(10015);
  });

  it('answers a missing method with 440 and an unknown one with 404', async () => {
    const params = signParams('app.query.details', { packageName: 'com.foo.bar' });
    delete params.method;
    expect((await call(params)).json.code).toBe(440);
    expect((await call(signParams('app.no.such.method', {}))).json.code).toBe(404);
  });
});

describe('vivo uploads', () => {
  it('refuses an MD5 that does not match the bytes with subCode 15009', async () => {
    const { json } = await upload('app.upload.apk.app', 'app-universal.apk', { fileMd5: '0'.repeat(32) });
    expect(json).toMatchObject({ code: 0, subCode: '15009' });
  });

  it('refuses a versionCode not above the live one with 15003', async () => {
    expect((await upload('app.upload.apk.app', 'app-old.apk')).json).toMatchObject({ code: 0, subCode: '15003' });
  });

  it('refuses an APK signed with another key with 15042', async () => {
    const { json } = await upload('app.upload.apk.app', 'app-other-signer.apk');
    expect(json).toMatchObject({ code: 0, subCode: '15042', msg: '请上传与历史签名一致的APK包' });
  });

  it('refuses an APK of another package with 15001', async () => {
    expect((await upload('app.upload.apk.app', 'app-other-package.apk')).json).toMatchObject({
      code: 0,
      subCode: '15001',
    });
  });

  it('refuses a chunked upload (no Content-Length)', async () => {
    const apk = fixture('app-universal.apk');
    const form = new FormData();
    const params = signParams('app.upload.apk.app', { packageName: 'com.foo.bar', fileMd5: await md5Of(apk) });
    for (const [key, value] of Object.entries(params)) form.append(key, value);
    form.append('file', await openAsBlob(apk), 'app-universal.apk');
    // A well-formed multipart body, but sent as a stream of unknown length, hence chunked.
    const encoded = new Response(form);
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    const response = await fetch(sandbox.baseUrl('vivo'), {
      method: 'POST',
      headers: { 'content-type': encoded.headers.get('content-type')! },
      body,
      duplex: 'half',
    } as RequestInit);
    const { status, json } = await answerOf(response);
    expect(status).toBe(411);
    expect(json.code).not.toBe(0);
    expect(vivo.state.uploads.size).toBe(0);
  });

  it('takes the params in the query with only the file in the multipart body (as apkgo sends it)', async () => {
    const apk = fixture('app-universal.apk');
    const params = signParams('app.upload.apk.app', { packageName: 'com.foo.bar', fileMd5: await md5Of(apk) });
    const form = new FormData();
    form.append('file', await openAsBlob(apk), 'app-universal.apk');
    const url = `${sandbox.baseUrl('vivo')}?${new URLSearchParams(params)}`;
    const { json } = await answerOf(await fetch(url, { method: 'POST', body: form }));
    expect(json).toMatchObject({ code: 0, data: { versionCode: '6100000' } });
    // The request log hides the signature and the access key.
    const logged = sandbox.log.at(-1)!;
    expect(logged.query).not.toContain(params.sign);
    expect(logged.query).not.toContain(ACCESS_KEY);
  });

  it('refuses a 64-bit APK on the .32 method', async () => {
    expect((await upload('app.upload.apk.app.32', 'app-arm64-v8a.apk')).json).toMatchObject({
      code: 0,
      subCode: '13003',
    });
  });
});

describe('vivo publishing', () => {
  it('uploads one APK (JSON labelled text/plain) and submits it, echoing compatibleDevice', async () => {
    const md5 = await md5Of(fixture('app-universal.apk'));
    const uploaded = await upload('app.upload.apk.app', 'app-universal.apk');
    expect(uploaded.contentType).toMatch(/^text\/plain;\s*charset=utf-8$/i);
    expect(uploaded.json.code).toBe(0);
    expect(uploaded.json.data).toMatchObject({
      packageName: 'com.foo.bar',
      versionCode: '6100000',
      versionName: '6.10.0',
      fileMd5: md5,
    });
    const serial = uploaded.json.data.serialnumber as string;
    expect(serial).toMatch(/^[0-9a-f]{32}$/);

    const synced = await call(syncParams(serial, md5));
    expect(synced.json.code).toBe(0);
    expect(synced.json.subCode ?? '0').toBe('0');
    expect(vivo.state.submissions).toHaveLength(1);
    expect(vivo.state.submissions[0]).toMatchObject({ versionCode: 6100000, compatibleDevice: '1', onlineType: 1 });

    const details = await call(signParams('app.query.details', { packageName: 'com.foo.bar' }));
    expect(details.json.data).toMatchObject({
      versionCode: '6100000',
      versionName: '6.10.0',
      status: 2,
      compatibleDevice: 1,
    });

    // A serialnumber is good for one submission only.
    vivo.approve('com.foo.bar');
    expect((await call(syncParams(serial, md5))).json).toMatchObject({ code: 0, subCode: '13001' });
  });

  it('refuses a second submission while the first is in review with 12010', async () => {
    const md5 = await md5Of(fixture('app-universal.apk'));
    const first = (await upload('app.upload.apk.app', 'app-universal.apk')).json.data.serialnumber as string;
    const second = (await upload('app.upload.apk.app', 'app-universal.apk')).json.data.serialnumber as string;
    expect((await call(syncParams(first, md5))).json.code).toBe(0);
    expect((await call(syncParams(second, md5))).json).toMatchObject({ code: 0, subCode: '12010' });
    expect(vivo.state.submissions).toHaveLength(1);
  });

  it('refuses a sync whose fileMd5 is not the uploaded one with 15009', async () => {
    const serial = (await upload('app.upload.apk.app', 'app-universal.apk')).json.data.serialnumber as string;
    expect((await call(syncParams(serial, 'f'.repeat(32)))).json).toMatchObject({ code: 0, subCode: '15009' });
  });

  it('answers 11010 once when told the app is still processing', async () => {
    const md5 = await md5Of(fixture('app-universal.apk'));
    const serial = (await upload('app.upload.apk.app', 'app-universal.apk')).json.data.serialnumber as string;
    vivo.state.processingOnce = true;
    expect((await call(syncParams(serial, md5))).json).toMatchObject({ code: 0, subCode: '11010' });
    expect((await call(syncParams(serial, md5))).json.code).toBe(0);
    expect(vivo.state.submissions).toHaveLength(1);
  });

  it('checks scheOnlineTime as Beijing time in the future', async () => {
    const md5 = await md5Of(fixture('app-universal.apk'));
    const serial = (await upload('app.upload.apk.app', 'app-universal.apk')).json.data.serialnumber as string;
    const past = await call(syncParams(serial, md5, { onlineType: '2', scheOnlineTime: beijing(Date.now() - 60_000) }));
    expect(past.json).toMatchObject({ code: 0, subCode: '441' });
    const at = beijing(Date.now() + 3600_000);
    expect((await call(syncParams(serial, md5, { onlineType: '2', scheOnlineTime: at }))).json.code).toBe(0);
    expect(vivo.state.submissions[0]).toMatchObject({ onlineType: 2, scheOnlineTime: at });
  });

  it('requires compatibleDevice on a sync', async () => {
    const md5 = await md5Of(fixture('app-universal.apk'));
    const serial = (await upload('app.upload.apk.app', 'app-universal.apk')).json.data.serialnumber as string;
    const { compatibleDevice: _dropped, ...business } = syncBusiness(serial, md5);
    const resigned = signParams('app.sync.update.app', business);
    expect((await call(resigned)).json).toMatchObject({ code: 0, subCode: '20008' });
  });

  it('uploads a 32/64-bit split pair and submits it with app.sync.update.subpackage.app', async () => {
    const apk32 = await upload('app.upload.apk.app.32', 'app-armeabi-v7a.apk');
    const apk64 = await upload('app.upload.apk.app.64', 'app-arm64-v8a.apk');
    for (const { json, contentType } of [apk32, apk64]) {
      expect(contentType).toMatch(/^text\/plain/);
      expect(json).toMatchObject({ code: 0, subCode: '0', data: { versionCode: '6100000' } });
    }
    const synced = await call(
      signParams('app.sync.update.subpackage.app', {
        packageName: 'com.foo.bar',
        versionCode: '6100000',
        apk32: apk32.json.data.serialnumber,
        apk64: apk64.json.data.serialnumber,
        onlineType: '1',
        updateDesc: '修复了一些问题，提升稳定性',
        compatibleDevice: '1',
      }),
    );
    expect(synced.json.code).toBe(0);
    expect(synced.json.subCode ?? '0').toBe('0');
    expect(vivo.state.submissions[0]).toMatchObject({
      method: 'app.sync.update.subpackage.app',
      serialnumbers: { apk32: apk32.json.data.serialnumber, apk64: apk64.json.data.serialnumber },
      compatibleDevice: '1',
    });
  });

  it('refuses a single upload in place of a split half, using `message` for the reason', async () => {
    const single = await upload('app.upload.apk.app', 'app-universal.apk');
    const apk64 = await upload('app.upload.apk.app.64', 'app-arm64-v8a.apk');
    const { json } = await call(
      signParams('app.sync.update.subpackage.app', {
        packageName: 'com.foo.bar',
        versionCode: '6100000',
        apk32: single.json.data.serialnumber,
        apk64: apk64.json.data.serialnumber,
        onlineType: '1',
        updateDesc: '修复了一些问题，提升稳定性',
        compatibleDevice: '1',
      }),
    );
    expect(json).toMatchObject({ code: 0, subCode: '13001' });
    expect(typeof json.message).toBe('string');
    expect(json.msg).toBeUndefined();
  });
});
