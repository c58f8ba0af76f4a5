/**
 * The Xiaomi emulator, driven over HTTP on 127.0.0.1 with a SIG built here from stores/xiaomi.md 1.3
 * (not the adapter's signer), so that the two implementations check each other.
 */
import {
  constants,
  createHash,
  generateKeyPairSync,
  publicEncrypt,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './server.js';
import { createXiaomiEmulator, type XiaomiEmulator, type XiaomiEmulatorOptions } from './xiaomi.js';
import { SANDBOX_XIAOMI_CERT_PEM } from './xiaomi-keys.js';

const ACCOUNT = 'sandbox@appstores.dev';
const PASSWORD = 'sandbox-xiaomi-private-key';
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
// Any bytes will do for the icon: the store only checks that the part is there and signed.
const ICON = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

// ---- the client side, written from the reference ------------------------------------------------

const md5 = (data: Buffer | string) => createHash('md5').update(data).digest('hex');
const storeKey = () => new X509Certificate(SANDBOX_XIAOMI_CERT_PEM).publicKey;

/** RSA/ECB/PKCS1Padding over 117-byte chunks of the plaintext JSON, lowercase hex. */
function encryptSig(plaintext: string, key: KeyObject = storeKey()): string {
  const bytes = Buffer.from(plaintext, 'utf8');
  const blocks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += 117) {
    blocks.push(publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, bytes.subarray(at, at + 117)));
  }
  return Buffer.concat(blocks).toString('hex');
}

interface SigOptions {
  password?: string;
  key?: KeyObject;
  /** Replace the computed list entirely. */
  entries?: Array<{ name: string; hash: string }>;
}

function buildSig(requestData: string, files: Record<string, Buffer>, options: SigOptions = {}): string {
  const entries = options.entries ?? [
    { name: 'RequestData', hash: md5(requestData) },
    ...Object.entries(files).map(([name, data]) => ({ name, hash: md5(data) })),
  ];
  return encryptSig(JSON.stringify({ sig: entries, password: options.password ?? PASSWORD }), options.key);
}

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

async function post(url: string, body: Buffer | Readable, contentType: string): Promise<Answer> {
  const res = await request(url, { method: 'POST', body, headers: { 'content-type': contentType } });
  const text = await res.body.text();
  return { status: res.statusCode, json: JSON.parse(text) as Record<string, unknown> };
}

function multipart(parts: Array<{ name: string; data: Buffer | string; filename?: string }>) {
  const boundary = `----xiaomi-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const file = part.filename === undefined ? '' : `; filename="${part.filename}"`;
    const type = part.filename === undefined ? '' : '\r\nContent-Type: application/octet-stream';
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${file}${type}\r\n\r\n`),
    );
    chunks.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

// ---- harness ------------------------------------------------------------------------------------

let sandbox: Sandbox;
let emulator: XiaomiEmulator;
let base: string;

async function start(options: XiaomiEmulatorOptions = {}) {
  await sandbox?.close();
  emulator = createXiaomiEmulator(options);
  sandbox = await startSandbox([emulator]);
  base = sandbox.baseUrl('xiaomi');
}

beforeEach(() => start());
afterEach(() => sandbox.close());

async function query(packageName: string, sig: SigOptions = {}, userName = ACCOUNT): Promise<Answer> {
  const requestData = JSON.stringify({ packageName, userName });
  const form = new URLSearchParams({ RequestData: requestData, SIG: buildSig(requestData, {}, sig) });
  return post(`${base}/dev/query`, Buffer.from(form.toString()), 'application/x-www-form-urlencoded');
}

interface PushOptions {
  files?: Record<string, Buffer>;
  appInfo?: Record<string, unknown> | string;
  synchroType?: number;
  sig?: SigOptions;
  /** Files sent but left out of the SIG list. */
  unsigned?: Record<string, Buffer>;
}

async function push(options: PushOptions = {}): Promise<Answer> {
  const files = options.files ?? { apk: await readFile(fixture('apk/app-universal.apk')), icon: ICON };
  const appInfo = options.appInfo ?? { appName: '测试应用', packageName: 'com.foo.bar', updateDesc: '修复了一些问题' };
  const requestData = JSON.stringify({ userName: ACCOUNT, synchroType: options.synchroType ?? 1, appInfo });
  const sig = buildSig(requestData, files, options.sig);
  const all = { ...files, ...options.unsigned };
  const { body, contentType } = multipart([
    { name: 'RequestData', data: requestData },
    { name: 'SIG', data: sig },
    ...Object.entries(all).map(([name, data]) => ({ name, data, filename: `${name}.bin` })),
  ]);
  return post(`${base}/dev/push`, body, contentType);
}

// ---- /dev/query ---------------------------------------------------------------------------------

describe('xiaomi /dev/query', () => {
  it('answers the seeded app like the real trace', async () => {
    const { status, json } = await query('com.foo.bar');
    expect(status).toBe(200);
    expect(json).toEqual({
      result: 0,
      message: '查询成功',
      create: false,
      updateVersion: true,
      updateInfo: true,
      packageInfo: {
        appName: '测试应用',
        packageName: 'com.foo.bar',
        versionCode: 6091000,
        versionName: '6.9.1',
        onlineVersionCode: 6091000,
      },
    });
  });

  it('gives packageInfo null for a package the account never pushed', async () => {
    const { json } = await query('com.never.pushed');
    expect(json.result).toBe(0);
    expect(json.packageInfo).toBeNull();
  });

  it('answers −7 for a package owned by another developer', async () => {
    expect((await query('com.other.app')).json.result).toBe(-7);
  });

  it('accepts the SIG plaintext with password first (key order is free)', async () => {
    const requestData = JSON.stringify({ packageName: 'com.foo.bar', userName: ACCOUNT });
    const plaintext = `{"password":"${PASSWORD}","sig":[{"hash":"${md5(requestData)}","name":"RequestData"}]}`;
    const form = new URLSearchParams({ RequestData: requestData, SIG: encryptSig(plaintext) });
    const { json } = await post(`${base}/dev/query`, Buffer.from(form.toString()), 'application/x-www-form-urlencoded');
    expect(json.result).toBe(0);
  });

  it('needs no SIG for /dev/category', async () => {
    const { json } = await post(`${base}/dev/category`, Buffer.alloc(0), 'application/x-www-form-urlencoded');
    expect(json.result).toBe(0);
    expect(Array.isArray(json.categories)).toBe(true);
  });

  it('hides SIG in the request log', async () => {
    await query('com.foo.bar');
    expect(sandbox.log.at(-1)?.fields.SIG).toBe('***');
    expect(sandbox.log.at(-1)?.fields.RequestData).toContain('com.foo.bar');
  });
});

describe('xiaomi SIG checks', () => {
  it('rejects a wrong RequestData hash with −20002', async () => {
    const { json } = await query('com.foo.bar', { entries: [{ name: 'RequestData', hash: md5('something else') }] });
    expect(json.result).toBe(-20002);
  });

  it('rejects an uppercase RequestData hash with −20002', async () => {
    const requestData = JSON.stringify({ packageName: 'com.foo.bar', userName: ACCOUNT });
    const entries = [{ name: 'RequestData', hash: md5(requestData).toUpperCase() }];
    const form = new URLSearchParams({ RequestData: requestData, SIG: buildSig(requestData, {}, { entries }) });
    const { json } = await post(`${base}/dev/query`, Buffer.from(form.toString()), 'application/x-www-form-urlencoded');
    expect(json.result).toBe(-20002);
  });

  it('rejects a wrong private key (password) with −20014', async () => {
    expect((await query('com.foo.bar', { password: 'an-old-private-key' })).json.result).toBe(-20014);
  });

  it('rejects a userName that is not the account email with −20014', async () => {
    expect((await query('com.foo.bar', {}, 'someone@else.dev')).json.result).toBe(-20014);
  });

  it('rejects a SIG encrypted with another key with −20002', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect((await query('com.foo.bar', { key: publicKey })).json.result).toBe(-20002);
  });

  it('rejects a SIG in uppercase hex, or not hex at all, with −20002', async () => {
    const requestData = JSON.stringify({ packageName: 'com.foo.bar', userName: ACCOUNT });
    for (const sig of [buildSig(requestData, {}).toUpperCase(), 'zz'.repeat(128)]) {
      const form = new URLSearchParams({ RequestData: requestData, SIG: sig });
      const { json } = await post(
        `${base}/dev/query`,
        Buffer.from(form.toString()),
        'application/x-www-form-urlencoded',
      );
      expect(json.result).toBe(-20002);
    }
  });

  it('rejects a SIG whose plaintext is not JSON with −20030', async () => {
    const requestData = JSON.stringify({ packageName: 'com.foo.bar', userName: ACCOUNT });
    const form = new URLSearchParams({ RequestData: requestData, SIG: encryptSig(`sig=${md5(requestData)}`) });
    const { json } = await post(`${base}/dev/query`, Buffer.from(form.toString()), 'application/x-www-form-urlencoded');
    expect(json.result).toBe(-20030);
  });

  it('rejects RequestData that is not JSON with −20029', async () => {
    const requestData = 'packageName=com.foo.bar';
    const form = new URLSearchParams({ RequestData: requestData, SIG: buildSig(requestData, {}) });
    const { json } = await post(`${base}/dev/query`, Buffer.from(form.toString()), 'application/x-www-form-urlencoded');
    expect(json.result).toBe(-20029);
  });

  it('rejects an apk whose hash does not match the bytes sent with −20002', async () => {
    const apk = await readFile(fixture('apk/app-universal.apk'));
    const appInfo = { appName: '测试应用', packageName: 'com.foo.bar', updateDesc: 'x' };
    const requestData = JSON.stringify({ userName: ACCOUNT, synchroType: 1, appInfo });
    const entries = [
      { name: 'RequestData', hash: md5(requestData) },
      { name: 'apk', hash: md5(Buffer.concat([apk, Buffer.from([0])])) },
      { name: 'icon', hash: md5(ICON) },
    ];
    const { json } = await push({ appInfo, sig: { entries } });
    expect(json.result).toBe(-20002);
    expect(emulator.state.submissions).toHaveLength(0);
  });

  it('rejects a file part missing from the SIG list, and an entry for a part not sent', async () => {
    const apk = await readFile(fixture('apk/app-universal.apk'));
    expect((await push({ files: { apk }, unsigned: { icon: ICON } })).json.result).toBe(-20002);

    const requestData = JSON.stringify({
      userName: ACCOUNT,
      synchroType: 1,
      appInfo: { appName: '测试应用', packageName: 'com.foo.bar', updateDesc: 'x' },
    });
    const entries = [
      { name: 'RequestData', hash: md5(requestData) },
      { name: 'apk', hash: md5(apk) },
      { name: 'icon', hash: md5(ICON) },
      { name: 'secondApk', hash: md5(apk) },
    ];
    const { body, contentType } = multipart([
      { name: 'RequestData', data: requestData },
      { name: 'SIG', data: buildSig(requestData, {}, { entries }) },
      { name: 'apk', data: apk, filename: 'a.apk' },
      { name: 'icon', data: ICON, filename: 'icon.png' },
    ]);
    expect((await post(`${base}/dev/push`, body, contentType)).json.result).toBe(-20002);
  });

  it('refuses GET', async () => {
    const res = await request(`${base}/dev/query`);
    await res.body.dump();
    expect(res.statusCode).toBe(405);
  });
});

// ---- /dev/push ----------------------------------------------------------------------------------

describe('xiaomi /dev/push', () => {
  it('takes the universal APK with an icon into review and records it', async () => {
    const apk = await readFile(fixture('apk/app-universal.apk'));
    const { status, json } = await push();
    expect(status).toBe(200);
    expect(json.result).toBe(0);

    const [submission] = emulator.state.submissions;
    expect(submission?.packageName).toBe('com.foo.bar');
    expect(Object.keys(submission?.parts ?? {}).sort()).toEqual(['apk', 'icon']);
    expect(submission?.apks).toHaveLength(1);
    expect(submission?.apks[0]).toMatchObject({ field: 'apk', md5: md5(apk), versionCode: 6100000 });
    expect(submission?.appInfo.updateDesc).toBe('修复了一些问题');
    expect(submission?.appInfoForm).toBe('object');

    // In review: updateVersion false and only the live version is visible (stores/xiaomi.md 1.6).
    const after = await query('com.foo.bar');
    expect(after.json.updateVersion).toBe(false);
    expect(after.json.packageInfo).toMatchObject({ versionCode: 6091000, onlineVersionCode: 6091000 });
  });

  it('refuses a second push while the first is in review (−92)', async () => {
    expect((await push()).json.result).toBe(0);
    expect((await push()).json.result).toBe(-92);
    expect(emulator.state.submissions).toHaveLength(1);
  });

  it('shows the new live version once review passes, then refuses the same version (−92)', async () => {
    expect((await push()).json.result).toBe(0);
    expect(emulator.approve('com.foo.bar')).toBe(true);
    const { json } = await query('com.foo.bar');
    expect(json.updateVersion).toBe(true);
    expect(json.packageInfo).toMatchObject({ versionCode: 6100000, versionName: '6.10.0' });
    expect((await push()).json.result).toBe(-92);
  });

  it('refuses a lower versionCode than live (−92)', async () => {
    const files = { apk: await readFile(fixture('apk/app-old.apk')), icon: ICON };
    expect((await push({ files })).json.result).toBe(-92);
  });

  it('refuses an APK whose package differs from appInfo.packageName (−2)', async () => {
    const files = { apk: await readFile(fixture('apk/app-other-package.apk')), icon: ICON };
    expect((await push({ files })).json.result).toBe(-2);
  });

  it('refuses a push without an icon', async () => {
    const files = { apk: await readFile(fixture('apk/app-universal.apk')) };
    const { json } = await push({ files });
    expect(json.result).toBe(-10000);
    expect(String(json.message)).toContain('icon');
    expect(emulator.state.submissions).toHaveLength(0);
  });

  it('refuses a push without updateDesc', async () => {
    const { json } = await push({ appInfo: { appName: '测试应用', packageName: 'com.foo.bar' } });
    expect(json.result).toBe(-10000);
    expect(String(json.message)).toContain('updateDesc');
  });

  it("answers −32 for an unknown package and −7 for another developer's", async () => {
    const other = { appName: 'x', updateDesc: 'x' };
    expect((await push({ appInfo: { ...other, packageName: 'com.foo.other' } })).json.result).toBe(-32);
    expect((await push({ appInfo: { ...other, packageName: 'com.other.app' } })).json.result).toBe(-7);
  });

  it('takes appInfo as a JSON string too', async () => {
    const appInfo = JSON.stringify({ appName: '测试应用', packageName: 'com.foo.bar', updateDesc: 'x' });
    expect((await push({ appInfo })).json.result).toBe(0);
    expect(emulator.state.submissions[0]?.appInfoForm).toBe('string');
    expect(emulator.state.submissions[0]?.appInfo.packageName).toBe('com.foo.bar');
  });

  it('records both APKs of a split pair sent as apk + secondApk', async () => {
    const apk32 = await readFile(fixture('apk/app-armeabi-v7a.apk'));
    const apk64 = await readFile(fixture('apk/app-arm64-v8a.apk'));
    const { json } = await push({ files: { apk: apk32, secondApk: apk64, icon: ICON } });
    expect(json.result).toBe(0);
    const apks = emulator.state.submissions[0]?.apks ?? [];
    expect(apks.map((a) => [a.field, a.md5, a.abis])).toEqual([
      ['apk', md5(apk32), ['armeabi-v7a']],
      ['secondApk', md5(apk64), ['arm64-v8a']],
    ]);
  });

  it('silently ignores a second APK sent as secondApkPath, like the real store (apkgo#46)', async () => {
    const apk32 = await readFile(fixture('apk/app-armeabi-v7a.apk'));
    const apk64 = await readFile(fixture('apk/app-arm64-v8a.apk'));
    const { json } = await push({ files: { apk: apk32, secondApkPath: apk64, icon: ICON } });
    expect(json.result).toBe(0);
    const submission = emulator.state.submissions[0];
    expect(submission?.apks.map((a) => a.field)).toEqual(['apk']);
    expect(submission?.ignoredParts).toEqual(['secondApkPath']);
  });

  it('refuses a secondApk with the same ABIs as the first', async () => {
    const apk = await readFile(fixture('apk/app-armeabi-v7a.apk'));
    expect((await push({ files: { apk, secondApk: apk, icon: ICON } })).json.result).toBe(-92);
  });

  it('takes onlineTime in milliseconds and refuses seconds or a past time', async () => {
    const base = { appName: '测试应用', packageName: 'com.foo.bar', updateDesc: 'x' };
    const inSeconds = Math.floor(Date.now() / 1000) + 3600;
    expect((await push({ appInfo: { ...base, onlineTime: inSeconds } })).json.result).toBe(-10000);
    expect((await push({ appInfo: { ...base, onlineTime: Date.now() - 60_000 } })).json.result).toBe(-10000);
    const later = Date.now() + 3_600_000;
    expect((await push({ appInfo: { ...base, onlineTime: later } })).json.result).toBe(0);
    expect(emulator.state.submissions[0]?.onlineTime).toBe(later);
  });

  it('knows the seeded live signer by default: another key is refused, the release key accepted', async () => {
    const files = { apk: await readFile(fixture('apk/app-other-signer.apk')), icon: ICON };
    const { json } = await push({ files });
    expect(json.result).toBe(-92);
    expect(String(json.message)).toContain('签名不一致');
    expect(emulator.state.submissions).toHaveLength(0);
    expect((await push()).json.result).toBe(0);
  });

  it('keeps the first signer it sees when told the live one is unknown', async () => {
    await start({ liveSignerSha256: null });
    const files = { apk: await readFile(fixture('apk/app-other-signer.apk')), icon: ICON };
    expect((await push({ files })).json.result).toBe(0);
    expect(emulator.reject('com.foo.bar')).toBe(true);
    expect((await push()).json.result).toBe(-92);
  });

  it('refuses an APK signed by a different key than the live one', async () => {
    const expected = JSON.parse(await readFile(fixture('expected.json'), 'utf8')) as {
      artifacts: Record<string, { signer: { sha256: string } }>;
    };
    const universal = expected.artifacts['apk/app-universal.apk'];
    expect(universal).toBeDefined();
    await start({ liveSignerSha256: universal!.signer.sha256 });
    const files = { apk: await readFile(fixture('apk/app-other-signer.apk')), icon: ICON };
    const { json } = await push({ files });
    expect(json.result).toBe(-92);
    expect(String(json.message)).toContain('签名不一致');
  });

  it('refuses a chunked upload with a clear message', async () => {
    const requestData = JSON.stringify({ userName: ACCOUNT, synchroType: 1, appInfo: {} });
    const { body, contentType } = multipart([
      { name: 'RequestData', data: requestData },
      { name: 'SIG', data: buildSig(requestData, {}) },
    ]);
    const { status, json } = await post(`${base}/dev/push`, Readable.from([body]), contentType);
    expect(status).toBe(411);
    expect(String(json.message)).toContain('Content-Length');
  });

  it('holds the push answer for pushDelayMs after recording the submission', async () => {
    // Order, not timing: the submission is recorded while the answer is still held.
    await start({ pushDelayMs: 1_000 });
    let answered = false;
    const pending = push().then((answer) => {
      answered = true;
      return answer;
    });
    for (let i = 0; i < 2_000 && emulator.state.submissions.length === 0; i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(emulator.state.submissions).toHaveLength(1);
    expect(answered).toBe(false);
    expect((await pending).json.result).toBe(0);
  });

  it('points an adapter config at itself with the sandbox credentials', () => {
    expect(emulator.config('http://127.0.0.1:1/xiaomi')).toEqual({
      account: ACCOUNT,
      publicKey: SANDBOX_XIAOMI_CERT_PEM,
      privateKey: PASSWORD,
      baseUrl: 'http://127.0.0.1:1/xiaomi',
    });
    expect(emulator.id).toBe('xiaomi');
    expect(emulator.secretParams).toEqual(['SIG']);
  });

  it('ships the same 1024-bit test certificate as fixtures/xiaomi/sandbox.cer', async () => {
    const file = await readFile(fixture('xiaomi/sandbox.cer'), 'utf8');
    expect(file.trim()).toBe(SANDBOX_XIAOMI_CERT_PEM.trim());
    const cert = new X509Certificate(file);
    expect(cert.subject).toContain('CN=sandbox.xiaomi.test');
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024);
  });
});
