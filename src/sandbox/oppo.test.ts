import { createHash, createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOppoEmulator, type OppoEmulator } from './oppo.js';
import { startSandbox, type Sandbox } from './server.js';

const CLIENT_ID = '1000000000000000001';
const CLIENT_SECRET = 'sandbox-oppo-client-secret';
const APK_DIR = fileURLToPath(new URL('../../fixtures/apk/', import.meta.url));
const RESPONSES_DIR = fileURLToPath(new URL('../../fixtures/responses/', import.meta.url));

type Params = Record<string, string>;
interface Answer {
  status: number;
  errno: number;
  /** The raw store JSON under test. */
  data: any;
  body: Record<string, unknown>;
}

/** The test's own api_sign: HMAC-SHA256(client_secret) over sorted `k=v&...`, raw values. */
function apiSign(params: Params, secret = CLIENT_SECRET): string {
  const base = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return createHmac('sha256', secret).update(base, 'utf8').digest('hex');
}

let sandbox: Sandbox;
let emulator: OppoEmulator;
let shift = 0;
const nowSeconds = () => Math.floor((Date.now() + shift) / 1000);
const moveClock = (ms: number) => {
  shift += ms;
  sandbox.shiftClock(ms);
};

beforeEach(async () => {
  emulator = createOppoEmulator();
  sandbox = await startSandbox([emulator]);
  shift = 0;
});
afterEach(async () => {
  await sandbox.close();
});

async function answer(response: Response): Promise<Answer> {
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, errno: body.errno as number, data: body.data, body };
}

async function getToken(id = CLIENT_ID, secret = CLIENT_SECRET): Promise<Answer> {
  const query = new URLSearchParams({ client_id: id, client_secret: secret });
  return answer(await fetch(`${sandbox.baseUrl('oppo')}/developer/v1/token?${query}`));
}

async function token(): Promise<string> {
  const got = await getToken();
  expect(got.errno).toBe(0);
  return got.data.access_token as string;
}

interface CallOptions {
  /** Where the signed access params go: all in one place, or access params in the query (XiaoZhuan). */
  split?: boolean;
  timestamp?: string;
  sign?: (params: Params) => string;
}

/** A signed business call: GET puts everything in the query, POST in a urlencoded body. */
async function call(
  method: 'GET' | 'POST',
  path: string,
  accessToken: string,
  business: Params,
  options: CallOptions = {},
) {
  const access = { access_token: accessToken, timestamp: options.timestamp ?? String(nowSeconds()) };
  const all = { ...business, ...access };
  const signed = { ...access, api_sign: (options.sign ?? apiSign)(all) };
  const url = `${sandbox.baseUrl('oppo')}${path}`;
  if (method === 'GET') return answer(await fetch(`${url}?${new URLSearchParams({ ...business, ...signed })}`));
  const [query, form] = options.split ? [signed, business] : [{}, { ...business, ...signed }];
  return answer(
    await fetch(`${url}?${new URLSearchParams(query)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    }),
  );
}

/** A multipart body built by hand, so the test controls every byte and the content type. */
function multipart(fields: Params, file?: { filename: string; data: Buffer }, subtype = 'form-data') {
  const boundary = '----oppo-test-boundary-7d3f';
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/${subtype}; boundary=${boundary}` };
}

async function uploadUrl(accessToken: string): Promise<{ upload_url: string; sign: string }> {
  const got = await call('GET', '/resource/v1/upload/get-upload-url', accessToken, {});
  expect(got.errno).toBe(0);
  return got.data;
}

async function postUpload(url: string, fields: Params, file?: { filename: string; data: Buffer }) {
  const { body, contentType } = multipart(fields, file);
  return answer(await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body }));
}

async function uploadApk(accessToken: string, name: string) {
  const data = await readFile(`${APK_DIR}${name}`);
  const target = await uploadUrl(accessToken);
  const got = await postUpload(target.upload_url, { type: 'apk', sign: target.sign }, { filename: name, data });
  expect(got.errno).toBe(0);
  return got.data as { url: string; md5: string; uri_path: string; file_size: number };
}

const cleanList = (value: unknown) =>
  String(value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .join(',');

/** The listing echoed back with the repairs stores/oppo.md 2.7 asks of an adapter. */
function repairedEcho(info: Record<string, unknown>): Params {
  const text = (key: string) => String(info[key] ?? '').trim();
  return {
    app_name: text('app_name'),
    second_category_id: text('second_category_id'),
    third_category_id: text('third_category_id'),
    summary: text('summary'),
    detail_desc: text('detail_desc'),
    privacy_source_url: text('privacy_source_url'),
    icon_url: text('icon_url'),
    pic_url: cleanList(info.pic_url),
    landscape_pic_url: cleanList(info.landscape_pic_url),
    test_desc: text('test_desc'),
    copyright_url: cleanList(info.copyright_url) || cleanList(info.electronic_cert_url),
    electronic_cert_url: cleanList(info.electronic_cert_url),
    special_url: cleanList(info.special_url),
    business_username: text('business_username'),
    business_email: text('business_email'),
    business_mobile: text('business_mobile'),
    customer_contact: text('customer_contact'),
    age_level: text('age_level'),
    adaptive_equipment: text('adaptive_equipment'),
  };
}

async function fooBarInfo(accessToken: string) {
  const got = await call('GET', '/resource/v1/app/info', accessToken, { pkg_name: 'com.foo.bar' });
  expect(got.errno).toBe(0);
  return got.data as Record<string, unknown>;
}

/** Everything /app/upd needs for com.foo.bar 6100000 (app-universal.apk), with overrides. */
async function updateFields(
  accessToken: string,
  overrides: Params = {},
  apkName = 'app-universal.apk',
): Promise<Params> {
  const apk = await uploadApk(accessToken, apkName);
  const info = await fooBarInfo(accessToken);
  return {
    pkg_name: 'com.foo.bar',
    version_code: '6100000',
    apk_url: JSON.stringify([{ url: apk.url, md5: apk.md5, cpu_code: 0 }]),
    update_desc: '修复已知问题，提升稳定性',
    online_type: '1',
    ...repairedEcho(info),
    ...overrides,
  };
}

const upd = (accessToken: string, fields: Params, options?: CallOptions) =>
  call('POST', '/resource/v1/app/upd', accessToken, fields, options);
const taskState = (accessToken: string) =>
  call('POST', '/resource/v1/app/task-state', accessToken, { pkg_name: 'com.foo.bar', version_code: '6100000' });

describe('oppo emulator: token', () => {
  it('issues a token whose expire_in is an absolute unix time 48 h ahead', async () => {
    const got = await getToken();
    expect(got.errno).toBe(0);
    expect(got.data.access_token).toMatch(/^[0-9a-f]{40}$/);
    expect(Math.abs(got.data.expire_in - (nowSeconds() + 48 * 3600))).toBeLessThanOrEqual(2);
  });

  it('refuses a wrong client secret or id with errno 910001 and data.message', async () => {
    for (const got of [await getToken(CLIENT_ID, 'wrong'), await getToken('1000000000000000002', CLIENT_SECRET)]) {
      expect(got.errno).toBe(910001);
      expect(got.data.message).toBeTypeOf('string');
      expect(got.data.access_token).toBeUndefined();
    }
  });

  it('keeps the previous token usable during the grace period, then refuses it', async () => {
    const first = await token();
    const second = await token();
    expect(second).not.toBe(first);
    expect((await call('GET', '/resource/v1/app/info', first, { pkg_name: 'com.foo.bar' })).errno).toBe(0);
    moveClock(5 * 60_000 + 1_000);
    const retired = await call('GET', '/resource/v1/app/info', first, { pkg_name: 'com.foo.bar' });
    expect(retired.errno).toBe(910002);
    expect(retired.data.message).toBe('access_token 无效');
    expect((await call('GET', '/resource/v1/app/info', second, { pkg_name: 'com.foo.bar' })).errno).toBe(0);
  });

  it('refuses an unknown token and one past its 48 h', async () => {
    expect((await call('GET', '/resource/v1/app/info', 'f'.repeat(40), { pkg_name: 'com.foo.bar' })).errno).toBe(
      910002,
    );
    const accessToken = await token();
    moveClock(48 * 3600_000 + 1_000);
    expect((await call('GET', '/resource/v1/app/info', accessToken, { pkg_name: 'com.foo.bar' })).errno).toBe(910002);
  });
});

describe('oppo emulator: signature and timestamp', () => {
  it('refuses a wrong api_sign with 910005', async () => {
    const accessToken = await token();
    const wrongKey = await call(
      'GET',
      '/resource/v1/app/info',
      accessToken,
      { pkg_name: 'com.foo.bar' },
      {
        sign: (p) => apiSign(p, 'not-the-secret'),
      },
    );
    expect(wrongKey.errno).toBe(910005);
    const upperCase = await call(
      'GET',
      '/resource/v1/app/info',
      accessToken,
      { pkg_name: 'com.foo.bar' },
      {
        sign: (p) => apiSign(p).toUpperCase(),
      },
    );
    expect(upperCase.errno).toBe(910005);
    // Signing URL-encoded values instead of raw ones is a classic mistake.
    const encoded = await call(
      'POST',
      '/resource/v1/app/task-state',
      accessToken,
      { pkg_name: 'com.foo.bar', version_code: '1 2' },
      {
        sign: (p) => apiSign(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, encodeURIComponent(v)]))),
      },
    );
    expect(encoded.errno).toBe(910005);
  });

  it('refuses a parameter that was not signed', async () => {
    const accessToken = await token();
    const timestamp = String(nowSeconds());
    const signed = { pkg_name: 'com.foo.bar', access_token: accessToken, timestamp };
    const query = new URLSearchParams({ ...signed, version_code: '6091000', api_sign: apiSign(signed) });
    const got = await answer(await fetch(`${sandbox.baseUrl('oppo')}/resource/v1/app/info?${query}`));
    expect(got.errno).toBe(910005);
  });

  it('refuses a timestamp 20 min old, or in milliseconds, with 910004', async () => {
    const accessToken = await token();
    const stale = await call(
      'GET',
      '/resource/v1/app/info',
      accessToken,
      { pkg_name: 'com.foo.bar' },
      {
        timestamp: String(nowSeconds() - 20 * 60),
      },
    );
    expect(stale.errno).toBe(910004);
    const millis = await call(
      'GET',
      '/resource/v1/app/info',
      accessToken,
      { pkg_name: 'com.foo.bar' },
      {
        timestamp: String(Date.now() + shift),
      },
    );
    expect(millis.errno).toBe(910004);
    const slightlyOff = await call(
      'GET',
      '/resource/v1/app/info',
      accessToken,
      { pkg_name: 'com.foo.bar' },
      {
        timestamp: String(nowSeconds() - 10 * 60),
      },
    );
    expect(slightlyOff.errno).toBe(0);
  });

  it('verifies the signature over query and body together when a POST splits them', async () => {
    const accessToken = await token();
    const split = await upd(accessToken, { pkg_name: 'com.other.app' }, { split: true });
    expect(split.errno).toBe(911045); // past the signature check
    const wrong = await upd(
      accessToken,
      { pkg_name: 'com.other.app' },
      { split: true, sign: (p) => apiSign({ ...p, pkg_name: 'x' }) },
    );
    expect(wrong.errno).toBe(910005);
  });
});

describe('oppo emulator: app info', () => {
  it('serves com.foo.bar as the seed document shows it, with the planted listing problems', async () => {
    const info = await fooBarInfo(await token());
    const seed = JSON.parse(await readFile(`${RESPONSES_DIR}oppo-app-info.json`, 'utf8')) as {
      data: Record<string, unknown>;
    };
    // Changed on purpose (see seed.ts): a valid listing to echo, plus the traps the adapter must repair.
    const planted = {
      summary: '测试应用一句话简介',
      detail_desc: '测试应用是一款用于演示自动发布流程的示例应用，支持多家应用商店。',
      update_desc: '修复已知问题并提升稳定性',
      business_username: '测试联系人',
      business_email: ' dev@foo.bar',
      business_mobile: '13800000000',
      adaptive_type: '0',
      audit_status: '111',
    };
    expect(info).toEqual({ ...seed.data, ...planted });
    expect(info).toMatchObject({
      version_code: '6091000',
      version_name: '6.9.1',
      app_name: '测试应用',
      copyright_url: 'http://******2d877341.jpg,,',
      audit_status_name: '上线',
    });
  });

  it('answers data [] for a package the account does not have, 911045 for another developer', async () => {
    const accessToken = await token();
    const unknown = await call('GET', '/resource/v1/app/info', accessToken, { pkg_name: 'com.nobody.here' });
    expect(unknown.errno).toBe(0);
    expect(unknown.data).toEqual([]);
    const other = await call('GET', '/resource/v1/app/info', accessToken, { pkg_name: 'com.other.app' });
    expect(other.errno).toBe(911045);
    expect(other.data.message).toBe('开发者ID和包名不匹配');
    expect(other.data.logid).toBeTypeOf('number');
  });

  it('seeds the listings the adapter pre-checks and falls back for', async () => {
    const accessToken = await token();
    const long = await call('GET', '/resource/v1/app/info', accessToken, { pkg_name: 'com.foo.longsummary' });
    expect(Array.from(String(long.data.summary))).toHaveLength(15);
    const noCopyright = await call('GET', '/resource/v1/app/info', accessToken, { pkg_name: 'com.foo.nocopyright' });
    expect(noCopyright.data.copyright_url).toBe('');
    expect(noCopyright.data.electronic_cert_url).not.toBe('');
  });
});

describe('oppo emulator: upload', () => {
  it('hands out a 32-hex one-time sign and an upload URL on this emulator', async () => {
    const target = await uploadUrl(await token());
    expect(target.sign).toMatch(/^[0-9a-f]{32}$/);
    expect(target.upload_url).toBe(`${sandbox.baseUrl('oppo')}/upload`);
  });

  it('stores a file with its md5 and refuses the same sign a second time with 910003', async () => {
    const target = await uploadUrl(await token());
    const data = Buffer.from('a resource file');
    const first = await postUpload(
      target.upload_url,
      { type: 'resource', sign: target.sign },
      { filename: 'r.txt', data },
    );
    expect(first.errno).toBe(0);
    expect(first.data).toMatchObject({
      md5: createHash('md5').update(data).digest('hex'),
      file_size: data.length,
      file_extension: 'txt',
      sign: target.sign,
    });
    expect(first.data.url).toBe(`${sandbox.baseUrl('oppo')}${first.data.uri_path}`);
    expect(first.body.logid).toBeTypeOf('number');
    const again = await postUpload(
      target.upload_url,
      { type: 'resource', sign: target.sign },
      { filename: 'r.txt', data },
    );
    expect(again.errno).toBe(910003);
    expect(emulator.state.uploads.size).toBe(1);
  });

  it('refuses an unknown sign, multipart/mixed and a chunked body', async () => {
    const accessToken = await token();
    const url = `${sandbox.baseUrl('oppo')}/upload`;
    const file = { filename: 'r.txt', data: Buffer.from('x') };
    expect((await postUpload(url, { type: 'resource', sign: 'a'.repeat(32) }, file)).errno).toBe(910003);

    const target = await uploadUrl(accessToken);
    const mixed = multipart({ type: 'resource', sign: target.sign }, file, 'mixed');
    const mixedAnswer = await answer(
      await fetch(url, { method: 'POST', headers: { 'content-type': mixed.contentType }, body: mixed.body }),
    );
    expect(mixedAnswer.errno).toBe(910006);

    const form = multipart({ type: 'resource', sign: target.sign }, file);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new Uint8Array(form.body));
        controller.close();
      },
    });
    const chunked = await answer(
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': form.contentType },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(chunked.status).toBe(411);
    expect(chunked.errno).toBe(910007);
    // Neither refusal used up the sign.
    expect((await postUpload(url, { type: 'resource', sign: target.sign }, file)).errno).toBe(0);
  });

  it('checks access params on an upload when they are sent', async () => {
    const accessToken = await token();
    const target = await uploadUrl(accessToken);
    const fields = { type: 'resource', sign: target.sign, access_token: accessToken, timestamp: String(nowSeconds()) };
    const file = { filename: 'r.txt', data: Buffer.from('x') };
    expect((await postUpload(target.upload_url, { ...fields, api_sign: 'bad' }, file)).errno).toBe(910005);
    expect((await postUpload(target.upload_url, { ...fields, api_sign: apiSign(fields) }, file)).errno).toBe(0);
  });
});

describe('oppo emulator: publish', () => {
  it('runs the whole flow: upload, /app/upd with the repaired echo, task pending then success, version in review', async () => {
    const accessToken = await token();
    const fields = await updateFields(accessToken);
    const submitted = await upd(accessToken, fields, { split: true });
    expect(submitted.errno).toBe(0);
    expect(submitted.data.success).toBe(true);

    // Not visible before the task ends.
    expect((await fooBarInfo(accessToken)).version_code).toBe('6091000');
    const pending = await taskState(accessToken);
    expect(pending.data).toMatchObject({ task_state: '1', err_msg: '' });
    const done = await taskState(accessToken);
    expect(done.data).toMatchObject({ task_state: '2', err_msg: '' });

    const info = await fooBarInfo(accessToken);
    expect(info).toMatchObject({
      version_code: '6100000',
      version_name: '6.10.0',
      audit_status: '1',
      audit_status_name: '审核中',
      online_type: '1',
      summary: '测试应用一句话简介',
      business_email: 'dev@foo.bar',
      copyright_url: 'http://******2d877341.jpg',
      landscape_pic_url: fields.landscape_pic_url,
      adaptive_type: '0',
      update_desc: '修复已知问题，提升稳定性',
    });
    const old = await call('GET', '/resource/v1/app/info', accessToken, {
      pkg_name: 'com.foo.bar',
      version_code: '6091000',
    });
    expect(old.data.audit_status).toBe('111');

    expect(emulator.state.submissions).toHaveLength(1);
    expect(emulator.state.submissions[0]!.fields).toMatchObject({ ...fields, access_token: '***', api_sign: '***' });

    // Resubmitting the version in review is 911215, which clients treat as done.
    const again = await upd(accessToken, fields);
    expect(again.errno).toBe(911215);
    expect(again.data.message).toBe('应用审核中');
  });

  it('answers 911216 while the previous task is still running', async () => {
    const accessToken = await token();
    const fields = await updateFields(accessToken);
    expect((await upd(accessToken, fields)).errno).toBe(0);
    const running = await upd(accessToken, fields);
    expect(running.errno).toBe(911216);
  });

  it('finishes a task after 30 s of sandbox time even unpolled', async () => {
    const accessToken = await token();
    expect((await upd(accessToken, await updateFields(accessToken))).errno).toBe(0);
    moveClock(31_000);
    expect((await fooBarInfo(accessToken)).audit_status).toBe('1');
  });

  it('stores a scheduled release, refuses one in the past', async () => {
    const accessToken = await token();
    const fields = await updateFields(accessToken, { online_type: '2', sche_online_time: '2020-01-01 10:00:00' });
    const past = await upd(accessToken, fields);
    expect(past.errno).toBe(800002);
    const beijing = new Date((nowSeconds() + 86_400) * 1000 + 8 * 3600_000).toISOString();
    const at = `${beijing.slice(0, 10)} ${beijing.slice(11, 19)}`;
    expect((await upd(accessToken, { ...fields, sche_online_time: at })).errno).toBe(0);
    await taskState(accessToken);
    await taskState(accessToken);
    expect(await fooBarInfo(accessToken)).toMatchObject({ online_type: '2', sche_online_time: at });
  });

  it('silently cuts detail_desc at 1024 characters', async () => {
    const accessToken = await token();
    const long = '很长的软件介绍'.repeat(200);
    expect((await upd(accessToken, await updateFields(accessToken, { detail_desc: long }))).errno).toBe(0);
    await taskState(accessToken);
    await taskState(accessToken);
    expect((await fooBarInfo(accessToken)).detail_desc).toBe(Array.from(long).slice(0, 1024).join(''));
  });

  it('reports a failed task as "3" with err_msg and keeps the old version', async () => {
    const accessToken = await token();
    emulator.state.failNextTask = 'apk 签名与线上版本不一致';
    expect((await upd(accessToken, await updateFields(accessToken))).errno).toBe(0);
    await taskState(accessToken);
    expect((await taskState(accessToken)).data).toMatchObject({ task_state: '3', err_msg: 'apk 签名与线上版本不一致' });
    expect((await fooBarInfo(accessToken)).version_code).toBe('6091000');
  });

  it('accepts a 32/64-bit pair as cpu_code 32 and 64, refuses it swapped or as 0', async () => {
    const accessToken = await token();
    const v7 = await uploadApk(accessToken, 'app-armeabi-v7a.apk');
    const v8 = await uploadApk(accessToken, 'app-arm64-v8a.apk');
    const base = await updateFields(accessToken);
    const pair = (c7: number, c8: number) =>
      JSON.stringify([
        { url: v7.url, md5: v7.md5, cpu_code: c7 },
        { url: v8.url, md5: v8.md5, cpu_code: c8 },
      ]);
    expect((await upd(accessToken, { ...base, apk_url: pair(64, 32) })).errno).toBe(911002);
    expect((await upd(accessToken, { ...base, apk_url: pair(0, 0) })).errno).toBe(911002);
    expect((await upd(accessToken, { ...base, apk_url: pair(32, 64) })).errno).toBe(0);
  });
});

describe('oppo emulator: /app/upd refusals', () => {
  const refusals: Array<[string, (f: Params) => Params, number, string | RegExp]> = [
    [
      'an md5 that does not match the upload',
      (f) => ({ ...f, apk_url: f.apk_url!.replace(/"md5":"[0-9a-f]+"/, `"md5":"${'0'.repeat(32)}"`) }),
      911002,
      /md5/,
    ],
    [
      'a URL that did not come from the upload',
      (f) => ({
        ...f,
        apk_url: JSON.stringify([{ url: 'https://cdn.example/app.apk', md5: '0'.repeat(32), cpu_code: 0 }]),
      }),
      911002,
      /上传接口/,
    ],
    ['a version_code that differs from the APK', (f) => ({ ...f, version_code: '6100001' }), 911003, /6100000/],
    ['an empty copyright_url', (f) => ({ ...f, copyright_url: '' }), 911001, '软件版权证明不能为空'],
    [
      'copyright_url with empty comma slots',
      (f) => ({ ...f, copyright_url: 'http://******2d877341.jpg,,' }),
      800002,
      /copyright_url/,
    ],
    [
      'a 15-character summary',
      (f) => ({ ...f, summary: '测试应用一句话简介超长了啊哈哈' }),
      800002,
      'Summary只能包含至多13个字符',
    ],
    ['an empty summary', (f) => ({ ...f, summary: '' }), 800002, '一句话简介不能为空'],
    [
      'an untrimmed business_email',
      (f) => ({ ...f, business_email: ' dev@foo.bar' }),
      800002,
      '商务联系邮箱格式不正确',
    ],
    ['adaptive_type "0" echoed from /app/info', (f) => ({ ...f, adaptive_type: '0' }), 911001, '适配方式有误'],
    ['a detail_desc under 20 characters', (f) => ({ ...f, detail_desc: '太短了' }), 800002, /20/],
    ['an update_desc under 5 characters', (f) => ({ ...f, update_desc: '修复' }), 800002, /5/],
    ['online_type 2 without sche_online_time', (f) => ({ ...f, online_type: '2' }), 800002, /定时发布时间/],
    ["another developer's package", (f) => ({ ...f, pkg_name: 'com.other.app' }), 911045, '开发者ID和包名不匹配'],
  ];

  for (const [what, change, errno, message] of refusals) {
    it(`refuses ${what} with ${errno}`, async () => {
      const accessToken = await token();
      const got = await upd(accessToken, change(await updateFields(accessToken)));
      expect(got.errno).toBe(errno);
      if (typeof message === 'string') expect(got.data.message).toBe(message);
      else expect(got.data.message).toMatch(message);
      expect(emulator.state.tasks.size).toBe(0);
      expect(emulator.state.submissions.at(-1)!.errno).toBe(errno);
    });
  }

  it('refuses a version not higher than the live one (app-old.apk) with 911003', async () => {
    const accessToken = await token();
    const fields = await updateFields(accessToken, { version_code: '6000000' }, 'app-old.apk');
    const got = await upd(accessToken, fields);
    expect(got.errno).toBe(911003);
    expect(got.data.message).toMatch(/6091000/);
  });

  it('refuses an APK of another package with 911003', async () => {
    const accessToken = await token();
    const got = await upd(accessToken, await updateFields(accessToken, {}, 'app-other-package.apk'));
    expect(got.errno).toBe(911003);
    expect(got.data.message).toMatch(/com\.foo\.other/);
  });
});
