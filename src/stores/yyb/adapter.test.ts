/** The YYB adapter against the emulated YYB store, in-process over real HTTP on 127.0.0.1. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { createYybEmulator, FOO_BAR_APP_ID, SANDBOX_USER_ID, type YybEmulator } from '../../sandbox/yyb.js';
import { fastClock, testContext } from '../../testing/context.js';
import { holdSubmit } from '../../testing/held-submit.js';
import { failure, testRelease } from '../../testing/release.js';
import type { Release, StoreSession } from '../types.js';
import { yybAdapter } from './index.js';

const NOTES = '修复已知问题，提升稳定性。';

let yyb: YybEmulator;
let sb: Sandbox;

beforeEach(async () => {
  yyb = createYybEmulator();
  sb = await startSandbox([yyb]);
});
afterEach(() => sb.close());

function connect(
  overrides: Record<string, unknown> = {},
  options: Parameters<typeof testContext>[2] = {},
): StoreSession {
  const config = yybAdapter.configSchema.parse({ ...sb.config().stores.yyb, ...overrides });
  return yybAdapter.connect(testContext(yybAdapter, config, options));
}

const release = (files: string[], over: Partial<Release> = {}) => testRelease(files, { notes: NOTES, ...over });

/** The route (or `PUT cos`) of each request. */
const calls = () =>
  sb.log.map((e) => (e.method === 'PUT' ? 'PUT cos' : e.path.replace('/open_file/developer_api/', '')));

describe('yyb adapter: verify and info', () => {
  it('verifies with one signed read', async () => {
    await connect().verify();
    expect(calls()).toEqual(['query_app_update_status']);
  });

  it('reports a wrong secret as BAD_SIGNATURE (1000020) and a clock 31 min off as CLOCK_SKEW', async () => {
    await expect(connect({ accessSecret: 'wrong-secret-9b2c' }).verify()).rejects.toMatchObject({
      code: 'BAD_SIGNATURE',
      category: 'auth',
      storeCode: 1000020,
    });
    const clock = fastClock();
    const behind = { now: () => clock.now() - 31 * 60_000, sleep: clock.sleep };
    await expect(connect({}, { clock: behind }).verify()).rejects.toMatchObject({
      code: 'CLOCK_SKEW',
      storeCode: 1000020,
      hint: expect.stringContaining('clock'),
    });
  });

  it('reports an unknown userId with 1000019 and a wrong app id with 1000009', async () => {
    await expect(connect({ userId: '999' }).verify()).rejects.toMatchObject({
      code: 'NO_API_PERMISSION',
      storeCode: 1000019,
    });
    await expect(connect({ appIds: { 'com.foo.bar': '1109999999' } }).info('com.foo.bar')).rejects.toMatchObject({
      code: 'NOT_YOUR_APP',
      category: 'config',
      storeCode: 1000009,
    });
  });

  it('shows the live version name, and says YYB shows no versionCode', async () => {
    const info = await connect().info('com.foo.bar');
    expect(info).toMatchObject({
      store: 'yyb',
      appId: FOO_BAR_APP_ID,
      appName: '测试应用',
      live: { versionCode: null, versionName: '6.9.1' },
      review: { state: 'live', storeState: expect.stringContaining('no versionCode') },
    });
  });

  it('refuses a package missing from appIds as a config error naming the field, before any request', async () => {
    await expect(connect().info('com.foo.other')).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      category: 'config',
      message: expect.stringContaining('stores.yyb.appIds'),
    });
    expect(sb.log).toEqual([]);
  });
});

describe('yyb adapter: plan', () => {
  it('plans with reads only, refuses a review in progress and bad notes before any upload slot', async () => {
    expect((await connect().plan(await release(['app-universal.apk']))).summary).toContain('as apk32');
    await expect(
      connect().plan(await release(['app-universal.apk'], { notes: 'x'.repeat(501) })),
    ).rejects.toMatchObject({ code: 'NOTES_INVALID' });
    await expect(connect().plan(await release(['app-universal.apk'], { notes: 'new 🎉' }))).rejects.toMatchObject({
      code: 'NOTES_INVALID',
    });
    yyb.state.apps.get(FOO_BAR_APP_ID)!.auditStatus = 1;
    await expect(connect().plan(await release(['app-universal.apk']))).rejects.toMatchObject({
      code: 'IN_REVIEW',
      category: 'conflict',
    });
    expect(calls().filter((c) => c === 'get_file_upload_info' || c === 'update_app')).toEqual([]);
  });
});

describe('yyb adapter: publish', () => {
  it('notes the submit in the journal: a re-run skips it while in review and after approval, another version stops at IN_REVIEW', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'appstores-yyb-journal-'));
    const r = await release(['app-universal.apk']);
    expect((await connect({}, { cacheDir }).publish(r, () => {})).status).toBe('submitted');
    const again = await connect({}, { cacheDir }).publish(r, () => {});
    expect(again).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('is reviewing versionCode 6100000'),
    });
    await expect(connect({}, { cacheDir }).plan({ ...r, versionCode: 6200000 })).rejects.toMatchObject({
      code: 'IN_REVIEW',
    });
    // Without the journal (another machine), the review cannot be told apart: IN_REVIEW.
    await expect(connect().plan(r)).rejects.toMatchObject({ code: 'IN_REVIEW' });
    yyb.approve('com.foo.bar');
    expect(await connect({}, { cacheDir }).plan(r)).toMatchObject({
      action: 'skip',
      summary: expect.stringContaining('approved'),
    });
    expect(yyb.state.submissions).toHaveLength(1);
  });

  it('a universal APK goes to apk32 (flag 1) with apk64_flag 2, its MD5 and the notes as feature, no listing fields', async () => {
    const r = await release(['app-universal.apk']);
    const outcome = await connect().publish(r, () => {});
    expect(outcome.status).toBe('submitted');
    expect(calls()).toEqual([
      'query_app_detail',
      'query_app_update_status',
      'get_file_upload_info',
      'PUT cos',
      'update_app',
    ]);
    const [submission] = yyb.state.submissions;
    expect(submission!.params).toEqual({
      pkg_name: 'com.foo.bar',
      app_id: FOO_BAR_APP_ID,
      deploy_type: '1',
      apk32_flag: '1',
      apk64_flag: '2',
      apk32_file_serial_number: outcome.reference,
      apk32_file_md5: r.apks[0]!.md5,
      feature: NOTES,
    });
    expect(submission!.ret).toBe(0);
  });

  it('a 64-bit-only APK goes to apk64', async () => {
    await connect().publish(await release(['app-arm64-v8a.apk']), () => {});
    expect(yyb.state.submissions[0]!.params).toMatchObject({ apk32_flag: '2', apk64_flag: '1' });
    expect(yyb.state.submissions[0]!.ret).toBe(0);
  });

  it('a split pair fills both slots', async () => {
    await connect().publish(await release(['app-arm64-v8a.apk', 'app-armeabi-v7a.apk']), () => {});
    const { params, ret } = yyb.state.submissions[0]!;
    expect(ret).toBe(0);
    expect(params).toMatchObject({ apk32_flag: '1', apk64_flag: '1' });
    const slots = [params.apk32_file_serial_number, params.apk64_file_serial_number].map(
      (s) => yyb.state.uploads.get(s!)!.received!.apk,
    );
    expect(slots.map((a) => (a && 'abis' in a ? a.abis : null))).toEqual([['armeabi-v7a'], ['arm64-v8a']]);
  });

  it('schedules with deploy_type 2 and deploy_time in Unix seconds', async () => {
    await connect().publish(
      await release(['app-universal.apk'], { schedule: new Date('2031-03-04T16:30:00Z') }),
      () => {},
    );
    expect(yyb.state.submissions[0]!.params).toMatchObject({
      deploy_type: '2',
      deploy_time: String(Date.parse('2031-03-04T16:30:00Z') / 1000),
    });
  });

  it("surfaces the store's refusal of a lower versionCode (4000053) as one line with its code", async () => {
    const error = await connect()
      .publish(await release(['app-old.apk']), () => {})
      .catch((e: Error) => e);
    expect(error).toMatchObject({
      category: 'rejected',
      storeCode: 4000053,
      message: expect.stringContaining('YYB 4000053'),
    });
    expect((error as Error).message).not.toContain('\n');
  });

  it('keeps the pre-signed URL out of every log line', async () => {
    const lines: string[] = [];
    await connect({}, { log: (line) => lines.push(line) }).publish(await release(['app-universal.apk']), () => {});
    const url = new URL(`${sb.baseUrl('yyb')}/x`);
    const put = lines.find((line) => line.includes(' PUT '))!;
    // The whole pre-signed URL is masked: its query is a credential.
    expect(put).toMatch(/PUT \*\*\* -> 200/);
    expect(lines.join('\n')).not.toContain('q-signature');
    expect(lines.join('\n')).not.toContain(`${url.origin}/yyb/cos/`);
  });
});

describe('yyb adapter: faults', () => {
  it('re-sends the PUT after a reset mid-upload, to the same pre-signed URL', async () => {
    sb.inject({ store: 'yyb', match: '/cos/', method: 'PUT', fault: { kind: 'reset', afterBytes: 4096 } });
    expect((await connect().publish(await release(['app-universal.apk']), () => {})).status).toBe('submitted');
    expect(sb.log.filter((e) => e.method === 'PUT').map((e) => e.fault)).toEqual(['reset', null]);
    expect(calls().filter((c) => c === 'get_file_upload_info')).toHaveLength(1);
  });

  it('retries a 5xx on get_file_upload_info (which costs one more daily slot)', async () => {
    sb.inject({ store: 'yyb', match: 'get_file_upload_info', fault: { kind: 'status', status: 502 } });
    expect((await connect().publish(await release(['app-universal.apk']), () => {})).status).toBe('submitted');
    expect(calls().filter((c) => c === 'get_file_upload_info')).toHaveLength(2);
  });

  it('after a lost update_app answer, confirms by query_app_update_status and never sends it again', async () => {
    sb.inject({ store: 'yyb', match: 'update_app', fault: { kind: 'drop-response' } });
    const outcome = await connect().publish(await release(['app-universal.apk']), () => {});
    expect(outcome).toMatchObject({ status: 'submitted', message: expect.stringContaining('audit_status=1') });
    expect(calls().filter((c) => c === 'update_app')).toHaveLength(1);
    expect(yyb.state.submissions).toHaveLength(1);
    expect(
      yyb.state.quota.get(`${SANDBOX_USER_ID}@${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}`)!
        .updates,
    ).toBe(1);
  });
});

describe('yyb adapter: update_app faults (sent once; the verdict from query_app_update_status)', () => {
  const updateApps = () => calls().filter((c) => c === 'update_app');
  // One cache dir per test: a re-run reads the submit journal the first run wrote, as on one machine.
  const run = (cacheDir: string, r: Release) => connect({}, { cacheDir }).publish(r, () => {});
  const newCacheDir = () => mkdtempSync(join(tmpdir(), 'appstores-yyb-faults-'));

  it.each([
    ['the connection is reset before YYB reads it', { kind: 'reset', afterBytes: 0 }],
    ['a proxy answers 502 for it', { kind: 'status', status: 502 }],
  ] as const)(
    'an update_app that never reached YYB (%s): unconfirmed, never resent; a re-run submits once',
    async (_, fault) => {
      sb.inject({ store: 'yyb', match: 'update_app', fault });
      const r = await release(['app-universal.apk']);
      const cacheDir = newCacheDir();
      const error = await failure(run(cacheDir, r));
      expect(error).toMatchObject({ code: 'SUBMIT_UNCONFIRMED', category: 'transient', store: 'yyb' });
      expect(error.message).toMatch(/YYB may or may not have versionCode 6100000/);
      expect(error.hint).toContain('`appstores info --store yyb --pkg com.foo.bar`');
      expect(updateApps()).toHaveLength(1);
      expect(yyb.state.submissions).toHaveLength(0);
      expect(await run(cacheDir, r)).toMatchObject({ status: 'submitted' });
      expect(await run(cacheDir, r)).toMatchObject({ status: 'skipped' });
      expect(yyb.state.submissions).toHaveLength(1);
      expect(updateApps()).toHaveLength(2);
    },
  );

  it('an update_app YYB answers after the timeout and applies later is found: submitted, never sent twice', async () => {
    await sb.close();
    yyb = createYybEmulator();
    const held = holdSubmit(
      yyb,
      {
        isSubmit: (req) => req.path.endsWith('/update_app'),
        isRead: (req) => req.path.endsWith('/query_app_update_status'),
      },
      3,
    );
    sb = await startSandbox([held.emulator]);
    const r = await release(['app-universal.apk']);
    const cacheDir = newCacheDir();
    const outcome = await run(cacheDir, r);
    expect(outcome).toMatchObject({ status: 'submitted', message: expect.stringContaining('audit_status=1') });
    expect(held.reads()).toBe(3);
    expect(yyb.state.submissions).toHaveLength(1);
    expect(updateApps()).toHaveLength(1);
    expect(await run(cacheDir, r)).toMatchObject({ status: 'skipped' });
    expect(yyb.state.submissions).toHaveLength(1);
  });
});

describe('yyb adapter: gateway answers that are not JSON', () => {
  it('reports an HTML refusal as one line that quotes it, without a stack', async () => {
    sb.inject({
      store: 'yyb',
      match: 'query_app_detail',
      fault: { kind: 'status', status: 403, body: '<html><body>403 Forbidden</body></html>' },
    });
    const error = await connect()
      .info('com.foo.bar')
      .catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', message: expect.stringContaining('403 Forbidden') });
    expect((error as Error).message).not.toContain('\n');
  });
});
