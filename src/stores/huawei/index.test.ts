/** The Huawei adapter against the emulated AppGallery Connect, in-process over real HTTP on 127.0.0.1. */
import { constants, createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAab, readApk } from '../../artifacts/index.js';
import { StoreError } from '../../core/errors.js';
import {
  createHuaweiEmulator,
  SANDBOX_PROJECT_CLIENT_ID,
  SANDBOX_PROJECT_CLIENT_SECRET,
  type HuaweiEmulator,
  type HuaweiEmulatorOptions,
} from '../../sandbox/huawei.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { testContext } from '../../testing/context.js';
import { holdSubmit } from '../../testing/held-submit.js';
import type { ProgressEvent, Release, StoreSession } from '../types.js';
import { pollsIn } from '../kit/index.js';
import { NOT_YET_WINDOW } from '../kit/submit-once.js';
import { serviceAccountJwt } from './auth.js';
import { apiBaseUrl, huaweiConfigSchema, REGION_BASE_URLS } from './config.js';
import { isStillProcessing } from './errors.js';
import { huaweiAdapter } from './index.js';
import { huaweiTime } from './time.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url));
const KEY_FILE_TEXT = readFileSync(fixture('huawei/agc-apiclient.json'), 'utf8');
const KEY_FILE = JSON.parse(KEY_FILE_TEXT) as Record<string, string>;
const NOTES = '修复已知问题，提升稳定性。';

let huawei: HuaweiEmulator;
let sb: Sandbox;

async function start(options: HuaweiEmulatorOptions = { parsingSubmits: 0 }) {
  await sb?.close();
  huawei = createHuaweiEmulator(options);
  sb = await startSandbox([huawei]);
}
beforeEach(() => start());
afterEach(() => sb.close());

function connect(overrides: Record<string, unknown> = {}, cacheDir?: string): StoreSession {
  const config = huaweiAdapter.configSchema.parse({ ...sb.config().stores.huawei, ...overrides });
  return huaweiAdapter.connect(testContext(huaweiAdapter, config, { cacheDir }));
}
const serviceAccount = () => connect({ clientId: undefined, clientSecret: undefined, serviceAccount: KEY_FILE_TEXT });

async function apkRelease(name = 'apk/app-universal.apk', over: Partial<Release> = {}): Promise<Release> {
  const apk = await readApk(fixture(name));
  return {
    package: apk.package,
    versionCode: apk.versionCode,
    versionName: apk.versionName,
    apks: [apk],
    notes: NOTES,
    ...over,
  };
}
async function aabRelease(over: Partial<Release> = {}): Promise<Release> {
  const aab = await readAab(fixture('aab/app.aab'));
  return {
    package: aab.package,
    versionCode: aab.versionCode,
    versionName: aab.versionName,
    apks: [],
    aab,
    notes: NOTES,
    ...over,
  };
}

const paths = () => sb.log.map((e) => `${e.method} ${e.path.replace(/^\/obs\/.*/, '/obs/<object>')}`);
const count = (path: string) => sb.log.filter((e) => e.path.includes(path)).length;

async function publish(session: StoreSession, release: Release, events: ProgressEvent[] = []) {
  const plan = await session.plan(release);
  expect(plan.action).toBe('submit');
  return session.publish(release, (e) => events.push(e));
}

describe('Huawei config', () => {
  const parse = (value: Record<string, unknown>) => huaweiConfigSchema.safeParse(value);
  const problems = (value: Record<string, unknown>) => {
    const result = parse(value);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('takes exactly one credential mode, with the dotted path of the problem', () => {
    expect(problems({ clientId: 'a', clientSecret: 'b' })).toEqual([]);
    expect(problems({ serviceAccount: KEY_FILE_TEXT })).toEqual([]);
    expect(problems({ clientId: 'a', clientSecret: 'b', serviceAccount: KEY_FILE_TEXT })).toEqual([
      'serviceAccount: give either clientId + clientSecret or serviceAccount, not both',
    ]);
    expect(problems({})).toEqual([
      'clientId: clientId and clientSecret are required (or serviceAccount, the AGC key file)',
    ]);
    expect(problems({ clientId: 'a' })).toEqual(['clientSecret: clientSecret is required with clientId']);
    expect(problems({ serviceAccount: 'not json' })[0]).toMatch(/^serviceAccount: is not JSON/);
    expect(problems({ serviceAccount: '{"key_id":"k"}' })).toContain(
      'serviceAccount.private_key: private_key is missing (is this the AGC Service Account key file?)',
    );
    expect(problems({ clientId: 'a', clientSecret: 'b', region: 'us' })).toEqual([
      'region: region must be cn, eu, sg or ru',
    ]);
  });

  // String checks of the region table only: nothing here opens a connection, and test/no-network.mjs
  // would refuse one to these hosts before a byte is sent.
  it('picks the region domain, cn by default, and lets baseUrl override it', () => {
    const config = (value: Record<string, unknown>) =>
      huaweiConfigSchema.parse({ clientId: 'a', clientSecret: 'b', ...value });
    expect(apiBaseUrl(config({}), huaweiAdapter.defaultBaseUrl)).toBe('https://connect-api.cloud.huawei.com/api');
    expect(apiBaseUrl(config({ region: 'eu' }), huaweiAdapter.defaultBaseUrl)).toBe(REGION_BASE_URLS.eu);
    expect(REGION_BASE_URLS).toEqual({
      cn: 'https://connect-api.cloud.huawei.com/api',
      eu: 'https://connect-api-dre.cloud.huawei.com/api',
      sg: 'https://connect-api-dra.cloud.huawei.com/api',
      ru: 'https://connect-api-drru.cloud.huawei.com/api',
    });
    expect(
      apiBaseUrl(config({ region: 'ru', baseUrl: 'https://proxy.example.com/api' }), 'https://proxy.example.com/api'),
    ).toBe('https://proxy.example.com/api');
  });
});

describe('Huawei Service Account JWT', () => {
  it('is PS256 with the key id, iss = sub_account, aud = token_uri, one hour, signed RSA-PSS SHA-256 salt 32', () => {
    const key = huaweiConfigSchema.parse({ serviceAccount: KEY_FILE_TEXT }).serviceAccount!;
    const privateKey = createPrivateKey(KEY_FILE.private_key!);
    const jwt = serviceAccountJwt(key, privateKey, 1_800_000_000);
    const [head, payload, signature] = jwt.split('.') as [string, string, string];
    const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    expect(decode(head)).toEqual({ alg: 'PS256', typ: 'JWT', kid: 'sandbox-huawei-key-0001' });
    expect(decode(payload)).toEqual({
      iss: 'sandbox-huawei-sub-account-0001',
      aud: 'https://oauth-login.cloud.huawei.com/oauth2/v3/token',
      iat: 1_800_000_000,
      exp: 1_800_003_600,
    });
    const check = (saltLength: number) =>
      verify(
        'sha256',
        Buffer.from(`${head}.${payload}`),
        { key: createPublicKey(privateKey), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength },
        Buffer.from(signature, 'base64url'),
      );
    expect(check(32)).toBe(true);
    expect(check(64)).toBe(false);
  });
});

describe('Huawei adapter: credentials', () => {
  it('verifies an API client (token + signed read) and a Service Account (JWT only, no client_id)', async () => {
    await expect(connect().verify()).resolves.toBeUndefined();
    expect(paths()).toEqual(['POST /oauth2/v1/token', 'GET /publish/v2/appid-list']);
    sb.log.length = 0;
    await expect(serviceAccount().verify()).resolves.toBeUndefined();
    expect(paths()).toEqual(['GET /publish/v2/appid-list']);
  });

  it('reports refused credentials (ret as a JSON string) as AUTH_FAILED without echoing the secret', async () => {
    const error = await connect({ clientSecret: 'not-the-right-secret' })
      .verify()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'AUTH_FAILED', category: 'auth', storeCode: 1010 });
    expect((error as Error).message).toBe(
      'Huawei refused the API client credentials (1010: client_id or client_secret is invalid)',
    );
    expect(JSON.stringify({ m: (error as Error).message, h: (error as StoreError).hint })).not.toContain(
      'not-the-right-secret',
    );
  });

  it('says that a 403 with an empty body means a client without scope: team-level, project N/A', async () => {
    const error = await connect({ clientId: SANDBOX_PROJECT_CLIENT_ID, clientSecret: SANDBOX_PROJECT_CLIENT_SECRET })
      .verify()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NO_API_PERMISSION', storeCode: 403 });
    expect((error as Error).message).toBe(
      'Huawei appid-list: HTTP 403 with an empty body: the API client has no rights on this app',
    );
    expect((error as StoreError).hint).toMatch(/team-level.*Project "N\/A"/);
  });

  it('refuses a Service Account key the store does not know as AUTH_FAILED, saying an API client may be needed', async () => {
    const other = { ...KEY_FILE, key_id: 'another-key' };
    const error = await serviceAccount()
      .verify()
      .then(() => null);
    expect(error).toBeNull();
    const bad = connect({ clientId: undefined, clientSecret: undefined, serviceAccount: JSON.stringify(other) });
    await expect(bad.verify()).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      hint: expect.stringMatching(/clientId \+ clientSecret/),
    });
  });

  it('shares the token across sessions through the cache, and renews it once when the store refuses it', async () => {
    const cacheDir = fileURLToPath(new URL(`file:///tmp/appstores-huawei-cache-${process.pid}-${Date.now()}/`));
    await connect({}, cacheDir).verify();
    await connect({}, cacheDir).verify();
    expect(count('/oauth2/v1/token')).toBe(1);
    huawei.state.tokens.clear(); // the store forgets it: the next call gets 401
    await connect({}, cacheDir).info('com.foo.bar');
    expect(count('/oauth2/v1/token')).toBe(2);
    expect(sb.log.filter((e) => e.status === 401)).toHaveLength(1);
  });
});

describe('Huawei adapter: info', () => {
  it('maps app-info: live from onShelf*, pending when the latest differs, releaseState into review, the default language name', async () => {
    const live = await connect().info('com.foo.bar');
    expect(live).toMatchObject({
      store: 'huawei',
      appId: '100000001',
      appName: '富吧',
      live: { versionCode: 6000000, versionName: '6.0.0' },
      pending: null,
      review: { state: 'live', reason: null, storeState: '0 released' },
    });
    expect((live.raw as { appInfo: { onShelfVersionCode: unknown } }).appInfo.onShelfVersionCode).toBe('6000000');
    const reviewing = await connect().info('com.foo.other');
    expect(reviewing).toMatchObject({
      pending: { versionCode: 6100000, versionName: '6.10.0' },
      review: { state: 'reviewing', storeState: '5 update in review' },
    });
    Object.assign(huawei.state.apps.get('100000001')!, { latest: { versionCode: 6100000, versionName: '6.10.0' } });
    expect((await connect().info('com.foo.bar')).review).toEqual({
      state: 'draft',
      reason: null,
      storeState: '0 released, 6.10.0 not submitted',
    });
    huawei.reject('com.foo.other', 'The app crashes on start.');
    expect((await connect().info('com.foo.other')).review).toEqual({
      state: 'rejected',
      reason: 'The app crashes on start.',
      storeState: '8 update rejected',
    });
    await expect(connect().info('com.foo.none')).rejects.toMatchObject({ code: 'APP_NOT_FOUND' });
  });
});

describe('Huawei adapter: plan', () => {
  it('skips a version already in review, and refuses when another one is (204144647 found before uploading)', async () => {
    const other = await apkRelease('apk/app-other-package.apk');
    expect(await connect().plan(other)).toEqual({
      action: 'skip',
      summary: '6.10.0 (6100000) is already in review on Huawei',
    });
    const newer = { ...other, versionCode: 6200000, versionName: '6.20.0' };
    await expect(connect().plan(newer)).rejects.toMatchObject({ code: 'IN_REVIEW', storeCode: 204144647 });
    expect(count('upload-url')).toBe(0);
  });

  it('refuses a versionCode not above the live one, phased without a live version or a percentage, before any upload', async () => {
    expect(await connect().plan(await apkRelease('apk/app-old.apk'))).toEqual({
      action: 'skip',
      summary: '6.0.0 (6000000) is already live on Huawei',
    });
    await expect(connect().plan(await apkRelease('apk/app-old.apk', { versionCode: 5_900_000 }))).rejects.toMatchObject(
      {
        code: 'VERSION_NOT_HIGHER',
        message: 'versionCode 5900000 is not above the live 6000000 (6.0.0) on Huawei',
      },
    );
    huawei.state.apps.get('100000001')!.live = null;
    await expect(connect().plan(await apkRelease(undefined, { phased: { percent: 10 } }))).rejects.toMatchObject({
      code: 'NO_LIVE_VERSION',
    });
    await expect(connect().plan(await apkRelease(undefined, { phased: { percent: null } }))).rejects.toMatchObject({
      code: 'FIELD_INVALID',
      category: 'config',
      hint: 'give it: --phased 10 (percent, up to two decimals)',
    });
    expect(count('upload-url')).toBe(0);
  });

  it('refuses an AAB over 150 MB and notes over 500 characters without a request', async () => {
    const big = await aabRelease();
    big.aab = { ...big.aab!, size: 150 * 1024 * 1024 + 1 };
    await expect(connect().plan(big)).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: expect.stringMatching(/150 MB \(80210116\)/),
    });
    await expect(connect().plan(await apkRelease(undefined, { notes: '字'.repeat(501) }))).rejects.toMatchObject({
      code: 'NOTES_INVALID',
    });
    expect(sb.log).toEqual([]);
  });
});

describe('Huawei adapter: publish', () => {
  it('publishes an APK: fresh upload URL, raw PUT, one bind, compile wait, notes, submit', async () => {
    const events: ProgressEvent[] = [];
    const outcome = await publish(connect(), await apkRelease(), events);
    expect(outcome).toMatchObject({
      status: 'submitted',
      message: 'Huawei accepted versionCode 6100000 (6.10.0); in review',
    });
    expect(paths().slice(3)).toEqual([
      'GET /publish/v2/appid-list',
      'GET /publish/v2/app-info',
      'GET /publish/v2/upload-url/for-obs',
      'PUT /obs/<object>',
      'PUT /publish/v2/app-file-info',
      'GET /publish/v2/package/compile/status',
      'GET /publish/v2/package/compile/status',
      'PUT /publish/v2/app-language-info',
      'POST /publish/v2/app-submit',
    ]);
    expect(
      events.some((e) => e.phase === 'wait' && /^waiting for Huawei to process the package/.test(e.detail ?? '')),
    ).toBe(true);
    const size = (await apkRelease()).apks[0]!.size;
    expect(events.filter((e) => e.phase === 'upload' && e.bytes !== undefined).at(-1)).toMatchObject({
      bytes: size,
      total: size,
    });
    expect(huawei.state.apps.get('100000001')).toMatchObject({ releaseState: 5, latest: { versionCode: 6100000 } });
    expect(huawei.state.apps.get('100000001')!.languages[0]!.newFeatures).toBe(NOTES);
    expect(huawei.state.languageUpdates[0]!.body).toEqual({ lang: 'zh-CN', newFeatures: NOTES });
  });

  it('publishes the AAB as a phased release: releaseType 3 on every call, percent "10.00"', async () => {
    const end = new Date(Date.now() + 3 * 86_400_000);
    await publish(connect(), await aabRelease({ phased: { percent: 10, end } }));
    const typed = sb.log.filter((e) => /app-info|for-obs|app-file-info|app-language-info|app-submit/.test(e.path));
    expect(typed.map((e) => `${e.path.split('/').pop()} ${new URLSearchParams(e.query).get('releaseType')}`)).toEqual([
      'app-info 3',
      'app-info 3',
      'for-obs 3',
      'app-file-info 3',
      'app-language-info 3',
      'app-submit 3',
    ]);
    expect(new URLSearchParams(typed[2]!.query).get('fileName')).toBe('app.aab');
    expect(new URLSearchParams(typed[2]!.query).has('chineseMainlandFlag')).toBe(false);
    expect(count('compile/status')).toBe(4); // 3 × compiling, then ready
    expect(huawei.state.apps.get('100000001')!.phased).toMatchObject({
      phasedReleasePercent: '10.00',
      phasedReleaseEndTime: huaweiTime(end),
    });
  });

  it('schedules with releaseTime in +0800, the + percent-encoded', async () => {
    const at = new Date('2099-06-20T02:00:00Z');
    const outcome = await publish(connect(), await apkRelease(undefined, { schedule: at }));
    expect(outcome.message).toMatch(/released at 2099-06-20T10:00:00\+0800$/);
    const submit = sb.log.find((e) => e.path.endsWith('app-submit'))!;
    expect(submit.query).toContain('releaseTime=2099-06-20T10%3A00%3A00%2B0800');
    expect(huawei.state.apps.get('100000001')!.releaseTime).toBe('2099-06-20T10:00:00+0800');
  });

  it('submits again after "being processed" (a definite refusal), and only then', async () => {
    await start({ parsingSubmits: 2 });
    const events: ProgressEvent[] = [];
    await publish(connect(), await apkRelease(), events);
    expect(huawei.state.submissions.map((s) => s.code)).toEqual([204144660, 204144660, 0]);
    expect(
      events.some((e) =>
        /^Huawei is not ready for versionCode 6100000 \(6\.10\.0\) yet; sending it again/.test(e.detail ?? ''),
      ),
    ).toBe(true);
  });

  it('confirms a lost app-submit answer through app-info and never submits again', async () => {
    sb.inject({ store: 'huawei', match: 'app-submit', fault: { kind: 'drop-response' } });
    const outcome = await publish(connect(), await apkRelease());
    expect(outcome.status).toBe('submitted');
    expect(outcome.message).toMatch(
      /^Huawei has versionCode 6100000 \(6\.10\.0\) \(app-info shows versionCode 6100000 with releaseState 5\), after the submit got no clear answer/,
    );
    expect(huawei.state.submissions).toHaveLength(1);
  });

  it('says SUBMIT_UNCONFIRMED when a 503 on app-submit leaves no trace in app-info', async () => {
    sb.inject({ store: 'huawei', match: 'app-submit', fault: { kind: 'status', status: 503 } });
    const error = await publish(connect(), await apkRelease()).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'SUBMIT_UNCONFIRMED',
      hint: expect.stringMatching(/appstores info --store huawei --pkg com\.foo\.bar/),
    });
    expect(huawei.state.submissions).toHaveLength(0);
    expect(count('app-submit')).toBe(1);
  });

  it('says SUBMIT_UNCONFIRMED when the connection is reset before Huawei reads app-submit; a re-run submits once', async () => {
    sb.inject({ store: 'huawei', match: 'app-submit', fault: { kind: 'reset', afterBytes: 0 } });
    const r = await apkRelease();
    const error = await publish(connect(), r).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'SUBMIT_UNCONFIRMED',
      category: 'transient',
      message: expect.stringMatching(/^Huawei may or may not have versionCode 6100000/),
      hint: expect.stringMatching(/appstores info --store huawei --pkg com\.foo\.bar/),
    });
    expect(huawei.state.submissions).toHaveLength(0);
    expect(count('app-submit')).toBe(1);
    expect((await publish(connect(), r)).status).toBe('submitted');
    expect((await connect().publish(r, () => {})).status).toBe('skipped');
    expect(huawei.state.submissions).toHaveLength(1);
    expect(count('app-submit')).toBe(2);
  });

  it('finds an app-submit Huawei answers after the timeout and applies later: submitted, never sent twice', async () => {
    await sb.close();
    huawei = createHuaweiEmulator({ parsingSubmits: 0 });
    const held = holdSubmit(
      huawei,
      { isSubmit: (req) => req.path.includes('app-submit'), isRead: (req) => req.path.includes('app-info') },
      3,
    );
    sb = await startSandbox([held.emulator]);
    const r = await apkRelease();
    const outcome = await publish(connect(), r);
    expect(outcome.status).toBe('submitted');
    expect(outcome.message).toMatch(
      /^Huawei has versionCode 6100000 \(6\.10\.0\) \(app-info shows versionCode 6100000/,
    );
    expect(held.reads()).toBe(3);
    expect(huawei.state.submissions).toHaveLength(1);
    expect(count('app-submit')).toBe(1);
    expect((await connect().publish(r, () => {})).status).toBe('skipped');
    expect(huawei.state.submissions).toHaveLength(1);
  });

  it('refuses a plain-http upload URL at a host that only looks like loopback, before any PUT, keeping its signature out', async () => {
    const url = 'http://127.0.0.1.nip.io/obs/x?X-Amz-Signature=sig-5e1f0c';
    sb.inject({
      store: 'huawei',
      match: 'upload-url/for-obs',
      fault: {
        kind: 'status',
        status: 200,
        body: JSON.stringify({
          ret: { code: 0, msg: 'success' },
          urlInfo: { objectId: 'o1', url, method: 'PUT', headers: {} },
        }),
      },
    });
    const error = await publish(connect(), await apkRelease()).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'UPLOAD_URL_REFUSED',
      store: 'huawei',
      hint: expect.stringContaining('https'),
    });
    expect(JSON.stringify(error)).not.toContain('sig-5e1f0c');
    expect((error as Error).message).not.toContain('sig-5e1f0c');
    expect(count('/obs/')).toBe(0);
    expect(huawei.state.submissions).toHaveLength(0);
  });

  it('retries a PUT reset midway with a fresh upload URL, and binds once', async () => {
    sb.inject({ store: 'huawei', match: '/obs/', method: 'PUT', fault: { kind: 'reset', afterBytes: 1000 } });
    const events: ProgressEvent[] = [];
    const outcome = await publish(connect(), await apkRelease(), events);
    expect(outcome.status).toBe('submitted');
    expect(count('upload-url/for-obs')).toBe(2);
    expect(count('/obs/')).toBe(2);
    expect(count('app-file-info')).toBe(1);
    expect(huawei.state.uploads.size).toBe(2);
    expect(events.some((e) => /again with a fresh upload URL/.test(e.detail ?? ''))).toBe(true);
  });

  it('survives a 502 on the reads (retried) and a 429 with Retry-After', async () => {
    sb.inject({ store: 'huawei', match: 'app-info', fault: { kind: 'status', status: 502 } });
    sb.inject({ store: 'huawei', match: 'compile/status', fault: { kind: 'rate-limit', retryAfterSeconds: 0 } });
    expect((await publish(connect(), await apkRelease())).status).toBe('submitted');
  });

  it('gives up after the window when Huawei keeps answering "being processed": STILL_PROCESSING, one line', async () => {
    await start({ parsingSubmits: 1000 });
    const error = await publish(connect(), await apkRelease()).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'STILL_PROCESSING',
      storeCode: 204144660,
      message:
        'app-submit: Huawei is still processing the package (Huawei 204144660: The file is being processed. It may take 2-5 minutes)',
    });
    // Sent again within the kit's "not yet" window, every one refused: nothing was submitted.
    expect(huawei.state.submissions.length).toBe(pollsIn(NOT_YET_WINDOW));
    expect(huawei.state.submissions.every((s) => s.code === 204144660)).toBe(true);
  });

  it('stops with Huawei reason when the package fails to process, before any submit', async () => {
    await start({ parsingSubmits: 0, maxAabBytes: 1000 });
    const error = await publish(connect(), await aabRelease()).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'FILE_REJECTED',
      message: 'Huawei could not process app.aab: 80210116 the AAB file exceeds 150 MB',
    });
    expect(count('app-submit')).toBe(0);
  });

  it('falls back to the legacy aab/complile/status path where the current one is 404', async () => {
    await start({ parsingSubmits: 0, legacyCompileStatus: true });
    expect((await publish(connect(), await aabRelease())).status).toBe('submitted');
    expect(count('package/compile/status')).toBe(1);
    expect(count('aab/complile/status')).toBe(4); // 3 × compiling, then done
  });

  it('sends chineseMainlandFlag on the upload URL request only when configured', async () => {
    await publish(connect({ chineseMainland: false }), await apkRelease());
    const forObs = sb.log.find((e) => e.path.endsWith('for-obs'))!;
    expect(new URLSearchParams(forObs.query).get('chineseMainlandFlag')).toBe('0');
  });

  it('publishes through a Service Account as well', async () => {
    expect((await publish(serviceAccount(), await apkRelease())).status).toBe('submitted');
    expect(sb.log.some((e) => e.path === '/oauth2/v1/token')).toBe(false);
  });
});

describe('Huawei submit answers', () => {
  it('"still processing" is 204144727, or 204144660 with that text; other 204144660 texts are refusals', () => {
    expect(isStillProcessing(204144727, 'anything')).toBe(true);
    expect(isStillProcessing(204144660, 'The file is being processed. It may take 2-5 minutes')).toBe(true);
    expect(isStillProcessing(204144660, 'PublishCountry is necessary')).toBe(false);
    expect(isStillProcessing(204144647, 'being processed')).toBe(false);
  });
});
