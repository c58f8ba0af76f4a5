/**
 * The OPPO adapter against the OPPO emulator, in process (real HTTP on 127.0.0.1, real token cache
 * in a temp dir, fast clock).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beijingTime } from '../../core/time.js';
import { createOppoEmulator, type OppoEmulator, type OppoEmulatorOptions } from '../../sandbox/oppo.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import type { Emulator } from '../../sandbox/types.js';
import { fastClock, testContext } from '../../testing/context.js';
import { shortAnswerTimeout } from '../../testing/late-answer.js';
import { failure, testRelease } from '../../testing/release.js';
import type { ProgressEvent, Release } from '../types.js';
import { oppoAdapter } from './index.js';

const TOKEN = '/developer/v1/token';
const INFO = '/resource/v1/app/info';
const UPLOAD_URL = '/resource/v1/upload/get-upload-url';
const UPLOAD = '/upload';
const UPD = '/resource/v1/app/upd';
const TASK = '/resource/v1/app/task-state';

let sb: Sandbox;
let emu: OppoEmulator;

async function start(options: OppoEmulatorOptions = {}, wrap?: (e: OppoEmulator) => Emulator) {
  emu = createOppoEmulator(options);
  sb = await startSandbox([wrap ? wrap(emu) : emu]);
}
beforeEach(() => start());
afterEach(() => sb.close());

function session(cacheDir?: string) {
  const config = oppoAdapter.configSchema.parse(sb.config().stores.oppo);
  return oppoAdapter.connect(testContext(oppoAdapter, config, { cacheDir }));
}
const count = (path: string, method?: string) =>
  sb.log.filter((e) => e.path === path && (!method || e.method === method)).length;

const release = (files: string[], extra: Partial<Release> = {}) => testRelease(files, extra);

/** Submissions OPPO took (errno 0), not the ones it refused. */
const accepted = () => emu.state.submissions.filter((x) => x.errno === 0).length;

function lastSubmission() {
  const submission = emu.state.submissions.at(-1);
  expect(submission).toBeDefined();
  return submission!.fields;
}

describe('OPPO adapter: info', () => {
  it('normalises com.foo.bar', async () => {
    const info = await session().info('com.foo.bar');
    expect(info).toMatchObject({
      store: 'oppo',
      package: 'com.foo.bar',
      appId: '111',
      appName: '测试应用',
      live: { versionCode: 6091000, versionName: '6.9.1' },
      pending: null,
      review: { state: 'live', reason: null, storeState: '111 上线' },
    });
    expect((info.raw as { version_code: string }).version_code).toBe('6091000');
  });

  it('answers APP_NOT_FOUND for data [] and for 911045 (another developer), with the errno and message', async () => {
    const s = session();
    const missing = await failure(s.info('com.foo.missing'));
    expect(missing).toMatchObject({ code: 'APP_NOT_FOUND', category: 'config' });
    const other = await failure(s.info('com.other.app'));
    expect(other).toMatchObject({ code: 'APP_NOT_FOUND', category: 'config', storeCode: 911045 });
    expect(other.message).toContain('(OPPO 911045: 开发者ID和包名不匹配)');
  });
});

describe('OPPO adapter: token', () => {
  it('reuses the cached token in a new context with the same cache dir', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'oppo-cache-'));
    await session(cacheDir).verify();
    const second = session(cacheDir);
    await second.verify();
    await second.info('com.foo.bar');
    expect(count(TOKEN)).toBe(1);
    // A new cache dir is another machine: it must fetch its own.
    await session().verify();
    expect(count(TOKEN)).toBe(2);
  });

  it('fetches one token for two concurrent sessions sharing the cache dir', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'oppo-cache-'));
    await Promise.all([
      session(cacheDir).info('com.foo.bar'),
      session(cacheDir).info('com.foo.bar'),
      session(cacheDir).verify(),
    ]);
    expect(count(TOKEN)).toBe(1);
  });

  it('renews a token the store refuses, once, and repeats the call once', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'oppo-cache-'));
    const s = session(cacheDir);
    await s.verify();
    // Another tool fetched a token for the same client: ours has been retired.
    for (const record of emu.state.tokens.values()) record.retiresAt = 0;
    const info = await s.info('com.foo.bar');
    expect(info.appId).toBe('111');
    expect(count(TOKEN)).toBe(2);
    expect(
      sb.log.filter((e) => e.path === INFO && e.query.includes('pkg_name=com.foo.bar')).map((e) => e.status),
    ).toEqual([200, 200]);
    expect(emu.state.tokens.size).toBe(2);
    // The renewed token went to the cache: a new process uses it.
    await session(cacheDir).info('com.foo.bar');
    expect(count(TOKEN)).toBe(2);
  });

  it('refreshes the cached token 10 minutes before its absolute expire_in, not earlier', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'oppo-cache-'));
    await session(cacheDir).verify();
    const later = (ms: number) => {
      sb.shiftClock(ms);
      const clock = { now: () => Date.now() + ms, sleep: () => Promise.resolve() };
      const config = oppoAdapter.configSchema.parse(sb.config().stores.oppo);
      return oppoAdapter.connect(testContext(oppoAdapter, config, { cacheDir, clock }));
    };
    const HOURS_48 = 48 * 3600_000;
    await later(HOURS_48 - 11 * 60_000).verify();
    expect(count(TOKEN)).toBe(1);
    sb.shiftClock(-(HOURS_48 - 11 * 60_000));
    await later(HOURS_48 - 9 * 60_000).verify();
    expect(count(TOKEN)).toBe(2);
  });

  it('verify() proves the secret even with a cached token', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'oppo-cache-'));
    await session(cacheDir).verify();
    const config = oppoAdapter.configSchema.parse({ ...sb.config().stores.oppo, clientSecret: 'a-mistyped-secret' });
    const error = await failure(oppoAdapter.connect(testContext(oppoAdapter, config, { cacheDir })).verify());
    expect(error).toMatchObject({ code: 'BAD_SIGNATURE', category: 'auth' });
    expect(error.hint).toContain('clientSecret');
    expect(count(TOKEN)).toBe(1);
  });

  it('reports wrong credentials as an auth error without the secret', async () => {
    const config = oppoAdapter.configSchema.parse({ ...sb.config().stores.oppo, clientSecret: 'wrong-secret-value' });
    const error = await failure(oppoAdapter.connect(testContext(oppoAdapter, config)).verify());
    expect(error).toMatchObject({ code: 'AUTH_FAILED', category: 'auth' });
    expect(error.message).not.toContain('wrong-secret-value');
  });

  // test/token-leak.test.ts does one of these through the CLI; here every kind, in process.
  const LEAKY = 'q7Zt4Kx9Lm2Wp8Rv5Ny3Bc6Hd1Jf0Gs';
  it.each([
    ['not JSON', `access_token=${LEAKY}&expire_in=1900000000`],
    ['cut short', `{"errno":0,"data":{"access_token":"${LEAKY}","expire_in":19000`],
    ['the wrong shape', `{"errno":0,"data":{"access_token":"${LEAKY}","expire_in":"soon"}}`],
    ['an error that quotes it', `{"errno":910002,"message":"token ${LEAKY} is not valid"}`],
    ['an HTML page', `<html><body>token: ${LEAKY}</body></html>`],
  ])('a token answer that is %s never shows the token in the error or the verbose log', async (_, body) => {
    sb.inject({ store: 'oppo', match: TOKEN, fault: { kind: 'status', status: 200, body } });
    const lines: string[] = [];
    const config = oppoAdapter.configSchema.parse(sb.config().stores.oppo);
    const error = await failure(
      oppoAdapter.connect(testContext(oppoAdapter, config, { log: (l) => lines.push(l) })).verify(),
    );
    const output = [error.message, error.hint ?? '', JSON.stringify(error), ...lines].join('\n');
    expect(output).toMatch(/token/);
    for (const part of [LEAKY, LEAKY.slice(0, 12), LEAKY.slice(-12)]) expect(output).not.toContain(part);
  });
});

describe('OPPO adapter: plan', () => {
  it('plans a submit with read-only calls only', async () => {
    const plan = await session().plan(await release(['app-universal.apk']));
    expect(plan.action).toBe('submit');
    expect(plan.summary).toMatch(
      /^upload app-universal\.apk \(.* MB\), submit versionCode 6100000 \(6\.10\.0\) over 6091000/,
    );
    expect(sb.log.map((e) => e.path).filter((p) => p !== TOKEN && p !== INFO)).toEqual([]);
  });

  it('refuses app-old.apk (versionCode not above live)', async () => {
    const error = await failure(session().plan(await release(['app-old.apk'])));
    expect(error).toMatchObject({ code: 'VERSION_NOT_HIGHER', category: 'rejected' });
    expect(error.message).toContain("versionCode 6000000 is not above OPPO's 6091000");
  });

  it('refuses the 15-character summary of com.foo.longsummary and says to shorten it on the console', async () => {
    const error = await failure(
      session().plan(await release(['app-universal.apk'], { package: 'com.foo.longsummary' })),
    );
    expect(error).toMatchObject({ code: 'LISTING_INCOMPLETE', category: 'rejected' });
    expect(error.message).toContain('15 characters');
    expect(error.hint).toContain('OPPO console');
    expect(count(UPLOAD_URL)).toBe(0);
  });

  it('refuses a summary with punctuation before uploading anything (the store would answer 800002)', async () => {
    emu.state.apps.get('com.foo.bar')!.versions[0]!.summary = '测试应用，好用';
    const error = await failure(session().publish(await release(['app-universal.apk']), () => {}));
    expect(error).toMatchObject({ code: 'LISTING_INCOMPLETE', category: 'rejected' });
    expect(count(UPLOAD_URL)).toBe(0);
    expect(count(UPD)).toBe(0);
  });

  it('warns about a description OPPO will cut at 1024 characters', async () => {
    emu.state.apps.get('com.foo.bar')!.versions[0]!.detail_desc = '很长的介绍'.repeat(220);
    const plan = await session().plan(await release(['app-universal.apk']));
    expect(plan.action).toBe('submit');
    expect(plan.summary).toContain(
      'warning: the description (软件介绍) has 1100 characters: OPPO silently cuts it to 1024',
    );
  });
});

describe('OPPO adapter: publish', () => {
  it('publishes app-universal.apk: upload, submit with the repaired listing, task polled, then skipped', async () => {
    const r = await release(['app-universal.apk']);
    const events: ProgressEvent[] = [];
    const s = session();
    const outcome = await s.publish(r, (e) => events.push(e));
    expect(outcome).toMatchObject({ status: 'submitted' });
    expect(outcome.message).toContain('OPPO accepted versionCode 6100000 (6.10.0) for review');

    const fields = lastSubmission();
    expect(JSON.parse(fields.apk_url!)).toEqual([
      { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/oppo\//), md5: r.apks[0]!.md5, cpu_code: 0 },
    ]);
    expect(fields).toMatchObject({
      pkg_name: 'com.foo.bar',
      version_code: '6100000',
      update_desc: '修复已知问题，提升稳定性',
      online_type: '1',
      business_email: 'dev@foo.bar',
      copyright_url: 'http://******2d877341.jpg',
      special_url: 'http://******520eabc9.jpg',
      summary: '测试应用一句话简介',
      second_category_id: '74',
      third_category_id: '6685',
    });
    expect(fields).not.toHaveProperty('adaptive_type');
    expect(fields).not.toHaveProperty('sche_online_time');
    expect(count(UPD)).toBe(1);
    expect(count(TASK)).toBeGreaterThanOrEqual(1);

    const uploads = events.filter((e) => e.phase === 'upload');
    expect(uploads.at(-1)).toMatchObject({ bytes: uploads.at(-1)!.total, detail: 'uploading app-universal.apk' });
    // One total per file: the APK's size, not the multipart body's.
    expect(new Set(uploads.map((e) => e.total))).toEqual(new Set([r.apks[0]!.size]));
    expect(events.map((e) => e.phase)).toContain('submit');
    expect(events.map((e) => e.phase)).toContain('wait');

    const info = await s.info('com.foo.bar');
    expect(info.pending).toEqual({ versionCode: 6100000, versionName: '6.10.0' });
    expect(info.review.state).toBe('reviewing');
    expect(await s.plan(r)).toMatchObject({ action: 'skip' });
    expect(await s.publish(r, () => {})).toMatchObject({ status: 'skipped' });
    expect(count(UPD)).toBe(1);
  });

  it('publishes the split pair with cpu_code 32 and 64 from the ABIs, one upload sign each', async () => {
    const r = await release(['app-arm64-v8a.apk', 'app-armeabi-v7a.apk']);
    expect(await session().publish(r, () => {})).toMatchObject({ status: 'submitted' });
    const entries = JSON.parse(lastSubmission().apk_url!) as Array<{ md5: string; cpu_code: number }>;
    const md5Of = (name: string) => r.apks.find((a) => a.path.endsWith(name))!.md5;
    expect(entries).toEqual([
      expect.objectContaining({ md5: md5Of('app-arm64-v8a.apk'), cpu_code: 64 }),
      expect.objectContaining({ md5: md5Of('app-armeabi-v7a.apk'), cpu_code: 32 }),
    ]);
    expect(count(UPLOAD_URL)).toBe(2);
    expect(emu.state.uploadSigns.size).toBe(2);
  });

  it('publishes at a scheduled time in Beijing time', async () => {
    const schedule = new Date(Date.now() + 2 * 86_400_000);
    schedule.setUTCMilliseconds(0);
    const r = await release(['app-universal.apk'], { schedule });
    const outcome = await session().publish(r, () => {});
    expect(outcome.status).toBe('submitted');
    expect(outcome.message).toContain(`at ${beijingTime(schedule)} Beijing time`);
    expect(lastSubmission()).toMatchObject({ online_type: '2', sche_online_time: beijingTime(schedule) });
  });

  it('echoes electronic_cert_url as copyright_url for com.foo.nocopyright', async () => {
    // The fixture APK is com.foo.bar, so the store refuses the package afterwards; what matters is
    // what it received, and that it did not answer 911001 (copyright proof missing).
    const error = await failure(
      session().publish(await release(['app-universal.apk'], { package: 'com.foo.nocopyright' }), () => {}),
    );
    expect(error.storeCode).not.toBe(911001);
    expect(lastSubmission().copyright_url).toBe('http://******5e1ec7c3.pdf');
    expect(lastSubmission().pkg_name).toBe('com.foo.nocopyright');
  });

  it('reports a task that fails with its err_msg', async () => {
    emu.state.failNextTask = '图标尺寸不符合要求';
    const error = await failure(session().publish(await release(['app-universal.apk']), () => {}));
    expect(error).toMatchObject({ code: 'STORE_REFUSED', category: 'rejected' });
    expect(error.message).toContain('图标尺寸不符合要求');
  });

  it('reports a multi-line err_msg on one line', async () => {
    emu.state.failNextTask = '图标尺寸不符合要求\n截图数量不足';
    const error = await failure(session().publish(await release(['app-universal.apk']), () => {}));
    expect(error).toMatchObject({ code: 'STORE_REFUSED' });
    expect(error.message).toContain('图标尺寸不符合要求 截图数量不足');
    expect(error.message).not.toMatch(/\n/);
  });

  it('after the bounded polls, says the submit was accepted and its state not yet confirmed', async () => {
    await sb.close();
    await start({ taskPolls: 1_000_000, taskDurationMs: 86_400_000 });
    const outcome = await session().publish(await release(['app-universal.apk']), () => {});
    expect(outcome.status).toBe('submitted');
    expect(outcome.message).toMatch(
      /^OPPO accepted versionCode 6100000 \(6\.10\.0\); its processing was not confirmed finished after 5 min/,
    );
    expect(outcome.message).toContain('appstores info --store oppo --pkg com.foo.bar');
    expect(count(TASK)).toBe(30);
    expect(count(UPD)).toBe(1);
  });

  it('waits for a running task (911216) instead of submitting again', async () => {
    const s = session();
    const r = await release(['app-universal.apk']);
    emu.state.tasks.set('com.foo.bar@6100000', {
      pkg: 'com.foo.bar',
      versionCode: '6100000',
      state: '1',
      errMsg: '',
      createdAt: Date.now(),
      polls: 0,
      pendingDetail: { ...emu.state.apps.get('com.foo.bar')!.versions[0]!, version_code: '6100000', audit_status: '1' },
    });
    const outcome = await s.publish(r, () => {});
    expect(outcome.status).toBe('submitted');
    expect(emu.state.submissions.map((x) => x.errno)).toEqual([911216]);
    expect(count(UPD)).toBe(1);
  });
});

describe('OPPO adapter: faults', () => {
  it('retries an upload reset mid-body with a new upload URL and sign', async () => {
    sb.inject({ store: 'oppo', match: UPLOAD, method: 'POST', fault: { kind: 'reset' } });
    const outcome = await session().publish(await release(['app-universal.apk']), () => {});
    expect(outcome.status).toBe('submitted');
    expect(sb.log.filter((e) => e.path === UPLOAD).map((e) => e.fault)).toEqual(['reset', null]);
    expect(count(UPLOAD_URL)).toBe(2);
    const signs = [...emu.state.uploadSigns.values()];
    expect(signs.map((s) => s.used)).toEqual([false, true]);
  });

  it('retries a 502 on get-upload-url', async () => {
    sb.inject({ store: 'oppo', match: UPLOAD_URL, fault: { kind: 'status', status: 502 } });
    const outcome = await session().publish(await release(['app-universal.apk']), () => {});
    expect(outcome.status).toBe('submitted');
    expect(sb.log.filter((e) => e.path === UPLOAD_URL).map((e) => e.status)).toEqual([502, 200]);
  });

  it('after a dropped /app/upd answer, asks task-state and does not submit again', async () => {
    sb.inject({ store: 'oppo', match: UPD, method: 'POST', fault: { kind: 'drop-response' } });
    const outcome = await session().publish(await release(['app-universal.apk']), () => {});
    expect(outcome.status).toBe('submitted');
    expect(count(UPD)).toBe(1);
    expect(emu.state.submissions).toHaveLength(1);
    const after = sb.log.slice(sb.log.findIndex((e) => e.path === UPD) + 1).map((e) => e.path);
    expect(after[0]).toBe(TASK);
  });

  it('after a dropped /app/upd answer, waits the 10 s OPPO asks for before the first task-state query', async () => {
    sb.inject({ store: 'oppo', match: UPD, method: 'POST', fault: { kind: 'drop-response' } });
    const sleeps: Array<{ ms: number; upd: number; task: number }> = [];
    const clock = {
      now: () => Date.now(),
      sleep: (ms: number) => {
        sleeps.push({ ms, upd: count(UPD), task: count(TASK) });
        return new Promise<void>((resolve) => setTimeout(resolve, 1));
      },
    };
    const config = oppoAdapter.configSchema.parse(sb.config().stores.oppo);
    const outcome = await oppoAdapter
      .connect(testContext(oppoAdapter, config, { clock }))
      .publish(await release(['app-universal.apk']), () => {});
    expect(outcome.status).toBe('submitted');
    const afterSubmit = sleeps.filter((s) => s.upd === 1);
    expect(afterSubmit[0]).toEqual({ ms: 10_000, upd: 1, task: 0 });
  });

  it.each([
    ['a proxy answers 502 for it', { kind: 'status', status: 502 }],
    ['the connection is reset before it is sent', { kind: 'reset', afterBytes: 0 }],
  ] as const)(
    'a submit that never reached OPPO (%s): unconfirmed, never resubmitted; a re-run submits exactly once',
    async (_, fault) => {
      sb.inject({ store: 'oppo', match: UPD, method: 'POST', fault });
      const r = await release(['app-universal.apk']);
      const error = await failure(session().publish(r, () => {}));
      expect(error).toMatchObject({ code: 'SUBMIT_UNCONFIRMED', category: 'transient', store: 'oppo' });
      expect(error.message).toMatch(/may or may not have versionCode 6100000/);
      expect(error.hint).toContain('`appstores info --store oppo --pkg com.foo.bar`');
      expect(count(UPD)).toBe(1);
      expect(emu.state.submissions).toHaveLength(0);
      // The re-run finds nothing on OPPO and submits once.
      expect(await session().publish(r, () => {})).toMatchObject({ status: 'submitted' });
      expect(emu.state.submissions).toHaveLength(1);
      expect(await session().publish(r, () => {})).toMatchObject({ status: 'skipped' });
      expect(emu.state.submissions).toHaveLength(1);
    },
  );

  it('an answer to /app/upd after the CLI stopped waiting: one submit, found by task-state, submitted', async () => {
    // OPPO takes /app/upd 2 s late; the CLI waits 500 ms for it (its own wait is 10 min).
    sb.inject({ store: 'oppo', match: UPD, method: 'POST', fault: { kind: 'delay', ms: 2_000 } });
    const config = oppoAdapter.configSchema.parse(sb.config().stores.oppo);
    const ctx = testContext(oppoAdapter, config, {
      dispatcher: shortAnswerTimeout((request) => request.path.includes(UPD), 500),
      // Checks 200 ms apart: the window's 30 checks span the store's late answer.
      clock: fastClock(200),
    });
    const outcome = await oppoAdapter.connect(ctx).publish(await release(['app-universal.apk']), () => {});
    expect(outcome.status).toBe('submitted');
    expect(outcome.message).toMatch(
      /^OPPO has versionCode 6100000 \(6\.10\.0\) \(task-state \d for versionCode 6100000\), after the submit got no clear answer \(timed out waiting for/,
    );
    expect(count(UPD)).toBe(1);
    expect(emu.state.submissions).toHaveLength(1);
    expect(accepted()).toBe(1);
  });

  it('accepted, then every task-state answer unreadable: the result says accepted, state not yet confirmed', async () => {
    sb.inject({ store: 'oppo', match: TASK, fault: { kind: 'malformed-json' }, times: 30 });
    const r = await release(['app-universal.apk']);
    const outcome = await session().publish(r, () => {});
    expect(outcome.status).toBe('submitted');
    expect(outcome.message).toMatch(
      /^OPPO accepted versionCode 6100000 \(6\.10\.0\); its processing was not confirmed finished after 5 min, 30 of 30 checks failed/,
    );
    expect(emu.state.submissions).toHaveLength(1);
    expect(count(TASK)).toBe(30);
    // A re-run never makes a second submission OPPO takes: it ends with the one it has.
    expect(await session().publish(r, () => {})).toMatchObject({
      status: expect.stringMatching(/^(skipped|submitted)$/),
    });
    expect(accepted()).toBe(1);
  });

  it('one unreadable task-state answer costs one poll', async () => {
    sb.inject({ store: 'oppo', match: TASK, fault: { kind: 'malformed-json' } });
    const outcome = await session().publish(await release(['app-universal.apk']), () => {});
    expect(outcome.message).toMatch(/^OPPO accepted versionCode 6100000 \(6\.10\.0\) for review/);
    expect(sb.log.filter((e) => e.path === TASK).map((e) => e.fault)[0]).toBe('malformed-json');
  });

  it('refuses an upload URL that is not https', async () => {
    await sb.close();
    await start({}, (inner) => ({
      ...inner,
      async handle(req, ctx) {
        const answer = await inner.handle(req, ctx);
        if (req.path !== UPLOAD_URL) return answer;
        const body = answer.body as { data: { upload_url: string } };
        return {
          ...answer,
          body: { ...body, data: { ...body.data, upload_url: 'http://upload.example.com/api/utility/upload' } },
        };
      },
    }));
    const error = await failure(session().publish(await release(['app-universal.apk']), () => {}));
    expect(error).toMatchObject({ code: 'UPLOAD_URL_REFUSED' });
    expect(count(UPD)).toBe(0);
  });

  it('refuses an upload whose md5 is not the file’s', async () => {
    await sb.close();
    await start({}, (inner) => ({
      ...inner,
      async handle(req, ctx) {
        const answer = await inner.handle(req, ctx);
        if (req.path !== UPLOAD) return answer;
        const body = answer.body as { data: Record<string, unknown> };
        return { ...answer, body: { ...body, data: { ...body.data, md5: '0'.repeat(32) } } };
      },
    }));
    const error = await failure(session().publish(await release(['app-universal.apk']), () => {}));
    expect(error).toMatchObject({ code: 'UPLOAD_CORRUPTED' });
    expect(count(UPD)).toBe(0);
  });
});
