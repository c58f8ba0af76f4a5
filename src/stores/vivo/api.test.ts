/**
 * The adapter's handling of vivo's envelope and of vivo's own sandbox gateway, against answers
 * given by undici's MockAgent (injected as the dispatcher; it never opens a connection).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApkInfo } from '../../artifacts/types.js';
import { createStoreContext } from '../../core/context.js';
import { fastClock } from '../../testing/context.js';
import { vivoAdapter } from './index.js';

const ORIGIN = 'https://vivo-gateway.test.invalid';
const SANDBOX_ORIGIN = 'https://sandbox-developer-api.vivo.com.cn';

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(() => agent.close());

function session(config: Record<string, unknown>) {
  const parsed = vivoAdapter.configSchema.parse({
    accessKey: 'mock-access-key',
    accessSecret: 'mock-access-secret',
    ...config,
  });
  const ctx = createStoreContext(vivoAdapter, parsed, {
    dispatcher: agent,
    clock: fastClock(),
    cacheDir: mkdtempSync(join(tmpdir(), 'appstores-vivo-api-')),
    signal: new AbortController().signal,
  });
  return vivoAdapter.connect(ctx);
}

/** Replies once to a POST on `origin` whose form body names `method`; records the body it saw. */
function answer(origin: string, method: string, body: unknown, contentType = 'application/json;charset=UTF-8') {
  const seen: URLSearchParams[] = [];
  agent
    .get(origin)
    .intercept({
      path: '/router/rest',
      method: 'POST',
      body: (text: string) => {
        const form = new URLSearchParams(text);
        if (form.get('method') !== method) return false;
        seen.push(form);
        return true;
      },
    })
    .reply(200, JSON.stringify(body), { headers: { 'content-type': contentType } });
  return seen;
}

const DETAILS = {
  packageName: 'com.foo.bar',
  cnName: '测试应用',
  versionCode: '6091000',
  versionName: '6.9.1',
  status: 3,
  saleStatus: 1,
  compatibleDevice: 1,
};

describe('vivo envelope handling', () => {
  it('parses JSON labelled text/plain', async () => {
    const seen = answer(
      ORIGIN,
      'app.query.details',
      { code: 0, subCode: '0', data: DETAILS },
      'text/plain;charset=utf-8',
    );
    const info = await session({ baseUrl: `${ORIGIN}/router/rest` }).info('com.foo.bar');
    expect(info.live).toEqual({ versionCode: 6091000, versionName: '6.9.1' });
    expect(info.raw).toEqual(DETAILS);
    // Everything is in the body, signed with a millisecond timestamp.
    expect(seen[0]!.get('packageName')).toBe('com.foo.bar');
    expect(seen[0]!.get('timestamp')).toMatch(/^\d{13}$/);
    expect(seen[0]!.get('sign')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('treats code 0 with subCode "15042" as a failure, reading `message`', async () => {
    answer(ORIGIN, 'app.query.details', {
      code: 0,
      subCode: '15042',
      message: '请上传与历史签名一致的APK包',
      data: null,
    });
    await expect(session({ baseUrl: `${ORIGIN}/router/rest` }).info('com.foo.bar')).rejects.toMatchObject({
      code: 'APK_SIGNER_CHANGED',
      category: 'rejected',
      storeCode: '15042',
      message: expect.stringContaining('(vivo 15042: 请上传与历史签名一致的APK包)'),
    });
  });

  it('reports an answer without the fields it relies on as internal', async () => {
    answer(ORIGIN, 'app.query.details', { code: 0, data: { packageName: 'com.foo.bar', status: 3 } });
    await expect(session({ baseUrl: `${ORIGIN}/router/rest` }).info('com.foo.bar')).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      category: 'internal',
      message: expect.stringContaining('(versionCode: '),
    });
  });

  it('verify accepts a business answer (the gateway accepted key and signature) and refuses a gateway code', async () => {
    answer(ORIGIN, 'app.query.details', { code: 0, subCode: '11011', msg: '不存在', data: null });
    await expect(session({ baseUrl: `${ORIGIN}/router/rest` }).verify()).resolves.toBeUndefined();
    answer(ORIGIN, 'app.query.details', { code: 10018, msg: '禁止访问' });
    await expect(session({ baseUrl: `${ORIGIN}/router/rest` }).verify()).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      category: 'auth',
    });
  });
});

describe("vivo's own sandbox gateway (no app.query.details) [src: U12]", () => {
  it('info and plan say so without sending anything', async () => {
    const s = session({ sandbox: true });
    const expected = {
      code: 'SANDBOX_UNSUPPORTED',
      category: 'config',
      message: expect.stringContaining('app.query.details'),
    };
    await expect(s.info('com.foo.bar')).rejects.toMatchObject(expected);
    const apk: ApkInfo = {
      kind: 'apk',
      path: '/nonexistent/app.apk',
      package: 'com.foo.bar',
      versionCode: 1,
      versionName: '1',
      label: 'x',
      minSdk: null,
      targetSdk: null,
      abis: [],
      signer: null,
      size: 1,
      md5: 'a'.repeat(32),
      sha256: 'b'.repeat(64),
    };
    const release = { package: 'com.foo.bar', versionCode: 1, versionName: '1', apks: [apk], notes: '修复已知问题' };
    await expect(s.plan(release)).rejects.toMatchObject(expected);
    await expect(s.publish(release, () => {})).rejects.toMatchObject(expected);
    // MockAgent throws on any request it was not told about; none was made.
    agent.assertNoPendingInterceptors();
  });

  it('verify proves the sandbox keys with app.query.task.status', async () => {
    const seen = answer(SANDBOX_ORIGIN, 'app.query.task.status', { code: 0, subCode: '11001', msg: '应用不存在' });
    await expect(session({ sandbox: true }).verify()).resolves.toBeUndefined();
    agent.assertNoPendingInterceptors();
    expect(seen[0]!.get('packetType')).toBe('0');
    expect(seen[0]!.get('method')).toBe('app.query.task.status');
  });

  it('verify explains when the sandbox does not know the probe either', async () => {
    answer(SANDBOX_ORIGIN, 'app.query.task.status', { code: 404, msg: '方法不存在' });
    await expect(session({ sandbox: true }).verify()).rejects.toMatchObject({
      code: 'SANDBOX_UNSUPPORTED',
      storeCode: 404,
    });
  });
});
