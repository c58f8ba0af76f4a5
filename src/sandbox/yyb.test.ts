import { createHash, createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './server.js';
import {
  createYybEmulator,
  FOO_BAR_APP_ID,
  OTHER_APP_ID,
  SANDBOX_ACCESS_SECRET,
  SANDBOX_USER_ID,
  UNPUBLISHED_APP_ID,
  type YybEmulator,
} from './yyb.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/apk/${name}`, import.meta.url));

/** The test's own signer, from stores/yyb.md 1.3: non-empty params, ASCII order, raw values. */
function signed(
  business: Record<string, string>,
  options: { secret?: string; timestamp?: number; userId?: string } = {},
) {
  const params: Record<string, string> = {
    ...business,
    user_id: options.userId ?? SANDBOX_USER_ID,
    timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
  };
  const text = Object.keys(params)
    .filter((k) => params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  params.sign = createHmac('sha256', options.secret ?? SANDBOX_ACCESS_SECRET)
    .update(text, 'utf8')
    .digest('hex');
  return params;
}

let sandbox: Sandbox;
let yyb: YybEmulator;
let api: string;

beforeEach(async () => {
  yyb = createYybEmulator();
  sandbox = await startSandbox([yyb]);
  api = String(yyb.config(sandbox.baseUrl('yyb')).baseUrl);
});
afterEach(() => sandbox.close());

const pair = { pkg_name: 'com.foo.bar', app_id: FOO_BAR_APP_ID };

async function post(route: string, params: Record<string, string>) {
  const response = await fetch(`${api}/${route}`, { method: 'POST', body: new URLSearchParams(params) });
  const text = await response.text();
  return {
    status: response.status,
    text,
    json: text.startsWith('{') ? (JSON.parse(text) as Record<string, any>) : null,
  };
}

/** One PUT with an exact Content-Length (or chunked), as raw as possible. */
function put(
  url: string,
  body: Buffer,
  headers: Record<string, string> = {},
  chunked = false,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'PUT',
      headers: {
        'content-type': 'application/octet-stream',
        ...(chunked ? {} : { 'content-length': String(body.length) }),
        ...headers,
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    if (chunked) {
      req.write(body.subarray(0, 100));
      req.end(body.subarray(100));
    } else req.end(body);
  });
}

async function uploaded(name: string) {
  const slot = await post('get_file_upload_info', signed({ ...pair, file_type: 'apk', file_name: name }));
  expect(slot.json).toMatchObject({ ret: 0 });
  const bytes = await readFile(fixture(name));
  const result = await put(slot.json!.pre_sign_url, bytes);
  expect(result.status).toBe(200);
  return {
    serial: slot.json!.serial_number as string,
    md5: createHash('md5').update(bytes).digest('hex'),
    url: slot.json!.pre_sign_url as string,
  };
}

const deploy = { deploy_type: '1', feature: '修复已知问题' };

describe('yyb signing', () => {
  it('matches a fixed vector (frozen clock; digest computed independently with Python hmac)', () => {
    const params = signed(
      { pkg_name: 'com.foo.bar', app_id: '1101234567', feature: '修复 bug & 提升' },
      { timestamp: 1767225600, secret: 'test-secret' },
    );
    expect(params.sign).toBe('0f9acbd553f95ce5a18af48e87cd972deaed76ebd45ee2e86dc9daa73e5c41bf');
  });

  it('answers query_app_detail for a well-signed request', async () => {
    const { json } = await post('query_app_detail', signed(pair));
    expect(json).toMatchObject({ ret: 0, app_name: '测试应用', pkg_name: 'com.foo.bar', version_name: '6.9.1' });
  });

  it('refuses a wrong signature, a missing one and one over URL-encoded values with 1000020', async () => {
    expect((await post('query_app_detail', signed(pair, { secret: 'wrong' }))).json!.ret).toBe(1000020);
    const unsigned = signed(pair);
    delete (unsigned as Record<string, string | undefined>).sign;
    expect((await post('query_app_detail', unsigned)).json!.ret).toBe(1000020);
    const params = signed({ ...pair, feature: 'a b&c' });
    const encoded = Object.keys(params)
      .filter((k) => k !== 'sign')
      .sort()
      .map((k) => `${k}=${encodeURIComponent(params[k]!)}`)
      .join('&');
    params.sign = createHmac('sha256', SANDBOX_ACCESS_SECRET).update(encoded).digest('hex');
    expect((await post('query_app_detail', params)).json!.ret).toBe(1000020);
  });

  it('drops empty values from the signed text', async () => {
    expect((await post('query_app_detail', signed({ ...pair, feature: '' }))).json!.ret).toBe(0);
  });

  it('refuses a timestamp 31 minutes off, and one in milliseconds; accepts 29 minutes', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await post('query_app_detail', signed(pair, { timestamp: now - 31 * 60 }))).json!.msg).toContain(
      'timestamp',
    );
    expect((await post('query_app_detail', signed(pair, { timestamp: now + 31 * 60 }))).json!.ret).toBe(1000020);
    expect((await post('query_app_detail', signed(pair, { timestamp: Date.now() }))).json!.ret).toBe(1000020);
    expect((await post('query_app_detail', signed(pair, { timestamp: now - 29 * 60 }))).json!.ret).toBe(0);
  });

  it('refuses an unknown user_id with 1000019', async () => {
    expect((await post('query_app_detail', signed(pair, { userId: '999' }))).json!.ret).toBe(1000019);
  });

  it("refuses an app_id / pkg_name pair that is not this developer's with 1000009", async () => {
    expect(
      (await post('query_app_detail', signed({ pkg_name: 'com.other.app', app_id: FOO_BAR_APP_ID }))).json!.ret,
    ).toBe(1000009);
    expect(
      (await post('query_app_detail', signed({ pkg_name: 'com.other.app', app_id: OTHER_APP_ID }))).json!.ret,
    ).toBe(1000009);
  });

  it('answers gateway refusals as non-JSON', async () => {
    const json = await fetch(`${api}/query_app_detail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect(await json.text()).toContain('<html>');
    expect((await post('no_such_route', signed(pair))).status).toBe(404);
  });

  it('keeps the signature and the pre-signed URL signature out of the request log', async () => {
    const params = signed(pair);
    await post('query_app_detail', params);
    const { url } = await uploaded('app-universal.apk');
    const log = JSON.stringify(sandbox.log);
    expect(log).not.toContain(params.sign);
    expect(log).not.toContain(new URL(url).searchParams.get('q-signature'));
  });
});

describe('yyb COS upload', () => {
  it('takes one PUT and answers 200 with an ETag', async () => {
    const { serial, md5 } = await uploaded('app-universal.apk');
    expect(yyb.state.uploads.get(serial)!.received).toMatchObject({ md5 });
  });

  it('refuses a chunked PUT, a tampered URL, an expired URL and an auth header', async () => {
    const slot = await post('get_file_upload_info', signed({ ...pair, file_type: 'apk' }));
    const url = slot.json!.pre_sign_url as string;
    const bytes = await readFile(fixture('app-universal.apk'));
    expect((await put(url, bytes, {}, true)).status).toBe(411);
    const tampered = new URL(url);
    tampered.pathname = tampered.pathname.replace('SN', 'SM');
    expect((await put(tampered.toString(), bytes)).text).toContain('SignatureDoesNotMatch');
    const longer = new URL(url);
    const [start] = longer.searchParams.get('q-sign-time')!.split(';');
    longer.searchParams.set('q-sign-time', `${start};${Number(start) + 999_999}`);
    expect((await put(longer.toString(), bytes)).status).toBe(403);
    expect((await put(url, bytes, { authorization: 'Bearer x' })).status).toBe(400);
    sandbox.shiftClock(3601_000);
    const expired = await put(url, bytes);
    expect(expired.status).toBe(403);
    expect(expired.text).toContain('Request has expired');
    expect(yyb.state.uploads.get(slot.json!.serial_number)!.received).toBeNull();
  });

  it('refuses a file_type it does not know', async () => {
    expect((await post('get_file_upload_info', signed({ ...pair, file_type: 'exe' }))).json!.ret).not.toBe(0);
  });
});

describe('yyb update_app', () => {
  it('takes a universal APK in the apk32 slot with apk64_flag 2, then refuses a second update while in review', async () => {
    const { serial, md5 } = await uploaded('app-universal.apk');
    const params = {
      ...pair,
      ...deploy,
      apk32_flag: '1',
      apk32_file_serial_number: serial,
      apk32_file_md5: md5,
      apk64_flag: '2',
    };
    expect((await post('update_app', signed(params))).json).toMatchObject({ ret: 0 });
    expect((await post('query_app_update_status', signed(pair))).json).toMatchObject({
      ret: 0,
      audit_status: 1,
      message: 'success',
    });
    const again = await uploaded('app-universal.apk');
    const second = { ...params, apk32_file_serial_number: again.serial, apk32_file_md5: again.md5 };
    const refused = await post('update_app', signed(second));
    expect(refused.json!.ret).toBe(4000053);
    expect(yyb.state.submissions).toHaveLength(2);
    yyb.approve('com.foo.bar');
    expect(yyb.state.apps.get(FOO_BAR_APP_ID)!.live).toEqual({ versionCode: 6100000, versionName: '6.10.0' });
  });

  it('takes a split pair with both flags 1', async () => {
    const a32 = await uploaded('app-armeabi-v7a.apk');
    const a64 = await uploaded('app-arm64-v8a.apk');
    const params = {
      ...pair,
      ...deploy,
      apk32_flag: '1',
      apk32_file_serial_number: a32.serial,
      apk32_file_md5: a32.md5,
      apk64_flag: '1',
      apk64_file_serial_number: a64.serial,
      apk64_file_md5: a64.md5,
    };
    expect((await post('update_app', signed(params))).json!.ret).toBe(0);
  });

  it('refuses flag 0 with 4000049', async () => {
    const { serial, md5 } = await uploaded('app-universal.apk');
    const params = {
      ...pair,
      ...deploy,
      apk32_flag: '1',
      apk32_file_serial_number: serial,
      apk32_file_md5: md5,
      apk64_flag: '0',
    };
    expect((await post('update_app', signed(params))).json).toMatchObject({
      ret: 4000049,
      msg: '无效的请求参数apk64_flag',
    });
  });

  it('refuses a 64-bit-only APK in the apk32 slot with 4000045', async () => {
    const { serial, md5 } = await uploaded('app-arm64-v8a.apk');
    const params = {
      ...pair,
      ...deploy,
      apk32_flag: '1',
      apk32_file_serial_number: serial,
      apk32_file_md5: md5,
      apk64_flag: '2',
    };
    expect((await post('update_app', signed(params))).json!.ret).toBe(4000045);
  });

  it('refuses an MD5 mismatch, a missing apk64 MD5, an unknown serial and a lower versionCode', async () => {
    const { serial, md5 } = await uploaded('app-universal.apk');
    const base = { ...pair, ...deploy, apk32_flag: '2', apk64_flag: '1', apk64_file_serial_number: serial };
    expect((await post('update_app', signed({ ...base, apk64_file_md5: '0'.repeat(32) }))).json!.ret).toBe(4000053);
    expect((await post('update_app', signed(base))).json!.ret).toBe(4000040);
    expect(
      (await post('update_app', signed({ ...base, apk64_file_serial_number: 'SN404', apk64_file_md5: md5 }))).json!.ret,
    ).toBe(4000043);
    const old = await uploaded('app-old.apk');
    const lower = {
      ...pair,
      ...deploy,
      apk32_flag: '1',
      apk32_file_serial_number: old.serial,
      apk32_file_md5: old.md5,
      apk64_flag: '2',
    };
    const refused = await post('update_app', signed(lower));
    expect(refused.json!.ret).toBe(4000053);
    expect(refused.json!.msg).toContain('6091000');
  });

  it('takes deploy_type 2 with a future deploy_time in seconds; refuses the past and milliseconds', async () => {
    const { serial, md5 } = await uploaded('app-universal.apk');
    const base = {
      ...pair,
      feature: '新版本',
      deploy_type: '2',
      apk32_flag: '1',
      apk32_file_serial_number: serial,
      apk32_file_md5: md5,
      apk64_flag: '2',
    };
    const now = Math.floor(Date.now() / 1000);
    expect((await post('update_app', signed({ ...base, deploy_time: String(now - 60) }))).json!.ret).toBe(4000053);
    expect((await post('update_app', signed({ ...base, deploy_time: String(Date.now() + 3600_000) }))).json!.ret).toBe(
      4000053,
    );
    expect((await post('update_app', signed({ ...base, deploy_time: String(now + 3600) }))).json!.ret).toBe(0);
  });

  it('refuses an app that was never released (1000011) and a listing change without its reason', async () => {
    const unpublished = { pkg_name: 'com.foo.unpublished', app_id: UNPUBLISHED_APP_ID, ...deploy };
    expect((await post('update_app', signed(unpublished))).json!.ret).toBe(1000011);
    expect((await post('update_app', signed({ ...pair, ...deploy, app_name: '新名字' }))).json!.ret).not.toBe(0);
  });

  it('counts the upload slots per day', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    yyb.state.quota.set(`${SANDBOX_USER_ID}@${today}`, { uploadSlots: 100, updates: 0 });
    expect((await post('get_file_upload_info', signed({ ...pair, file_type: 'apk' }))).json!.ret).not.toBe(0);
  });
});
