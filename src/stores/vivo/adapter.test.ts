/** The vivo adapter against the emulated vivo gateway, in-process over real HTTP on 127.0.0.1. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApkInfo } from '../../artifacts/types.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import type { FaultRule, LogEntry } from '../../sandbox/types.js';
import { createVivoEmulator, type VivoEmulator } from '../../sandbox/vivo.js';
import { fastClock, testContext } from '../../testing/context.js';
import { bodyText, shortAnswerTimeout } from '../../testing/late-answer.js';
import type { ProgressEvent, Release, StoreSession } from '../types.js';
import { vivoAdapter } from './index.js';
import { CONFIRM_WINDOW, pollsIn } from '../kit/index.js';
import { failure, testRelease } from '../../testing/release.js';

const CONFIRM_POLLS = pollsIn(CONFIRM_WINDOW);

const NOTES = '修复已知问题，提升稳定性。';

let vivo: VivoEmulator;
let sb: Sandbox;

beforeEach(async () => {
  vivo = createVivoEmulator();
  sb = await startSandbox([vivo]);
});
afterEach(() => sb.close());

/** A fault for the next call of this vivo method (the harness matches the `method` sent in the body). */
function injectOn(method: string, fault: FaultRule['fault']) {
  sb.inject({ store: 'vivo', match: `method=${method}`, fault });
}

function connect(
  overrides: Record<string, unknown> = {},
  options: Parameters<typeof testContext>[2] = {},
): StoreSession {
  const config = vivoAdapter.configSchema.parse({ ...sb.config().stores.vivo, ...overrides });
  return vivoAdapter.connect(testContext(vivoAdapter, config, options));
}

const release = (files: string[], over: Partial<Release> = {}, apkOver: Partial<ApkInfo> = {}) =>
  testRelease(files, { notes: NOTES, ...over }, apkOver);

/** The vivo method of each logged request, in order. */
const methods = (log: LogEntry[]) => log.map((entry) => entry.fields.method);

describe('vivo adapter: verify and info', () => {
  it('verifies the sandbox credentials', async () => {
    await expect(connect().verify()).resolves.toBeUndefined();
    expect(methods(sb.log)).toEqual(['app.query.details']);
    expect(sb.log[0]!.status).toBe(200);
  });

  it('reports a wrong secret as a bad signature and a wrong key as such, never echoing them', async () => {
    const badSecret = connect({ accessSecret: 'not-the-right-secret' }).verify();
    await expect(badSecret).rejects.toMatchObject({ code: 'BAD_SIGNATURE', category: 'auth', storeCode: 10001 });
    const error = await connect({ accessKey: 'not-a-known-access-key' })
      .verify()
      .catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'AUTH_FAILED', category: 'auth', storeCode: 10017 });
    expect(
      JSON.stringify({ message: (error as Error).message, hint: (error as { hint?: string }).hint }),
    ).not.toContain('not-a-known-access-key');
  });

  it('refuses a timestamp 21 minutes behind as a clock problem', async () => {
    const clock = fastClock();
    const behind = { now: () => clock.now() - 21 * 60_000, sleep: clock.sleep };
    await expect(connect({}, { clock: behind }).verify()).rejects.toMatchObject({
      code: 'CLOCK_SKEW',
      storeCode: 10005,
      hint: expect.stringContaining('clock'),
    });
  });

  it('normalises app.query.details', async () => {
    const info = await connect().info('com.foo.bar');
    expect(info).toMatchObject({
      store: 'vivo',
      package: 'com.foo.bar',
      appName: '测试应用',
      live: { versionCode: 6091000, versionName: '6.9.1' },
      pending: null,
      review: { state: 'live', reason: null, storeState: 'status=3 saleStatus=1' },
    });
    // raw is vivo's own data: versionCode as the string it sends.
    expect((info.raw as { versionCode: unknown }).versionCode).toBe('6091000');
  });

  it('shows a rejection with its reason', async () => {
    vivo.reject('com.foo.bar', '应用截图与实际功能不符');
    const info = await connect().info('com.foo.bar');
    expect(info.review).toEqual({
      state: 'rejected',
      reason: '应用截图与实际功能不符',
      storeState: 'status=4 saleStatus=1',
    });
  });

  it('says APP_NOT_FOUND for an unknown package and NOT_YOUR_APP for another account', async () => {
    await expect(connect().info('com.nobody.here')).rejects.toMatchObject({
      code: 'APP_NOT_FOUND',
      category: 'config',
      hint: 'create the app on the console first',
    });
    await expect(connect().info('com.other.app')).rejects.toMatchObject({ code: 'NOT_YOUR_APP', storeCode: '11011' });
  });
});

describe('vivo adapter: plan', () => {
  it('plans a submit with only app.query.details calls', async () => {
    const plan = await connect().plan(await release(['app-universal.apk']));
    expect(plan.action).toBe('submit');
    expect(plan.summary).toContain('app-universal.apk');
    expect(plan.summary).toContain('app.sync.update.app versionCode 6100000');
    expect(plan.summary).toContain('compatibleDevice=1');
    expect(new Set(methods(sb.log))).toEqual(new Set(['app.query.details']));
  });

  it('skips a version the store already has', async () => {
    const app = vivo.state.apps.get('com.foo.bar')!;
    app.latest = { versionCode: 6100000, versionName: '6.10.0' };
    app.status = 2;
    const plan = await connect().plan(await release(['app-universal.apk']));
    expect(plan).toEqual({ action: 'skip', summary: expect.stringContaining('status=2') });
  });

  it('refuses, before any upload, a version not above live, another version in review, bad notes, a past schedule', async () => {
    const session = connect();
    await expect(session.plan(await release(['app-old.apk']))).rejects.toMatchObject({
      code: 'VERSION_NOT_HIGHER',
      category: 'rejected',
    });
    await expect(session.plan(await release(['app-universal.apk'], { notes: '修复' }))).rejects.toMatchObject({
      code: 'NOTES_INVALID',
    });
    await expect(
      session.plan(await release(['app-universal.apk'], { schedule: new Date(Date.now() - 60_000) })),
    ).rejects.toMatchObject({
      code: 'SCHEDULE_IN_PAST',
    });
    vivo.state.apps.get('com.foo.bar')!.status = 2;
    await expect(session.plan(await release(['app-universal.apk']))).rejects.toMatchObject({
      code: 'IN_REVIEW',
      category: 'conflict',
    });
    expect(new Set(methods(sb.log))).toEqual(new Set(['app.query.details']));
  });
});

describe('vivo adapter: publish', () => {
  it('publishes app-universal.apk: upload, then submit echoing compatibleDevice', async () => {
    const r = await release(['app-universal.apk']);
    const events: ProgressEvent[] = [];
    const outcome = await connect().publish(r, (e) => events.push(e));

    expect(outcome.status).toBe('submitted');
    expect(methods(sb.log)).toEqual(['app.query.details', 'app.upload.apk.app', 'app.sync.update.app']);
    const [upload] = [...vivo.state.uploads.values()];
    expect(upload).toMatchObject({ kind: 'single', fileMd5: r.apks[0]!.md5, used: true });
    expect(outcome.reference).toBe(upload!.serialnumber);
    expect(vivo.state.submissions).toHaveLength(1);
    expect(vivo.state.submissions[0]).toMatchObject({
      method: 'app.sync.update.app',
      versionCode: 6100000,
      updateDesc: NOTES,
      onlineType: 1,
      compatibleDevice: '1',
      serialnumbers: { apk: upload!.serialnumber },
    });
    expect(vivo.state.submissions[0]!.params.fileMd5).toBe(r.apks[0]!.md5);
    // Long text goes in the form body, never the URL: it overflowed the request line [src: APKGO-VV-LT].
    expect(sb.log.map((e) => e.query)).toEqual(['', '', '']);
    expect(sb.log[2]!.fields.updateDesc).toBe(NOTES);
    // Progress: bytes up to the file size, then the submit.
    const last = events.filter((e) => e.phase === 'upload').at(-1)!;
    expect(last).toMatchObject({ bytes: expect.any(Number), total: expect.any(Number) });
    expect(last.bytes).toBe(last.total);
    expect(last.total).toBe(r.apks[0]!.size);
    expect(events.at(-1)!.phase).toBe('submit');

    // Now in review: info shows it pending, and a second run skips without uploading.
    expect((await connect().info('com.foo.bar')).review.state).toBe('reviewing');
    const again = await connect().publish(r, () => {});
    expect(again.status).toBe('skipped');
    expect(vivo.state.uploads.size).toBe(1);
  });

  it('publishes the split pair through the .32/.64 uploads and the subpackage submit', async () => {
    const r = await release(['app-arm64-v8a.apk', 'app-armeabi-v7a.apk']);
    const outcome = await connect().publish(r, () => {});
    expect(outcome.status).toBe('submitted');
    expect(methods(sb.log)).toEqual([
      'app.query.details',
      'app.upload.apk.app.32',
      'app.upload.apk.app.64',
      'app.sync.update.subpackage.app',
    ]);
    const byKind = Object.fromEntries([...vivo.state.uploads.values()].map((u) => [u.kind, u]));
    expect(byKind['32']!.abis).toEqual(['armeabi-v7a']);
    expect(byKind['64']!.abis).toEqual(['arm64-v8a']);
    expect(vivo.state.submissions).toHaveLength(1);
    expect(vivo.state.submissions[0]).toMatchObject({
      method: 'app.sync.update.subpackage.app',
      serialnumbers: { apk32: byKind['32']!.serialnumber, apk64: byKind['64']!.serialnumber },
      compatibleDevice: '1',
    });
  });

  it('echoes whatever compatibleDevice the store has', async () => {
    vivo.state.apps.get('com.foo.bar')!.compatibleDevice = 3;
    await connect().publish(await release(['app-universal.apk']), () => {});
    expect(vivo.state.submissions[0]!.compatibleDevice).toBe('3');
  });

  it('sends a schedule in Beijing time', async () => {
    const schedule = new Date('2031-03-04T16:30:00Z');
    await connect().publish(await release(['app-universal.apk'], { schedule }), () => {});
    expect(vivo.state.submissions[0]).toMatchObject({ onlineType: 2, scheOnlineTime: '2031-03-05 00:30:00' });
  });

  it("surfaces the store's 15042 for an APK signed with another key", async () => {
    await expect(connect().publish(await release(['app-other-signer.apk']), () => {})).rejects.toMatchObject({
      code: 'APK_SIGNER_CHANGED',
      category: 'rejected',
      storeCode: '15042',
      message: expect.stringContaining('(vivo 15042'),
      hint: expect.stringContaining('same key'),
    });
    expect(vivo.state.submissions).toHaveLength(0);
  });

  it("surfaces the store's 15003 for a versionCode not above live", async () => {
    await expect(connect().publish(await release(['app-old.apk']), () => {})).rejects.toMatchObject({
      code: 'VERSION_NOT_HIGHER',
      storeCode: '15003',
    });
    expect(methods(sb.log)).toContain('app.upload.apk.app');
    expect(vivo.state.submissions).toHaveLength(0);
  });

  it("surfaces the store's 15009 when fileMd5 does not match the file", async () => {
    const r = await release(['app-universal.apk'], {}, { md5: '0'.repeat(32) });
    await expect(connect().publish(r, () => {})).rejects.toMatchObject({
      code: 'UPLOAD_CORRUPTED',
      storeCode: '15009',
    });
    expect(vivo.state.submissions).toHaveLength(0);
  });
});

describe('vivo adapter: faults', () => {
  it('re-sends an upload whose connection was reset', async () => {
    injectOn('app.upload.apk.app', { kind: 'reset' });
    const outcome = await connect().publish(await release(['app-universal.apk']), () => {});
    expect(outcome.status).toBe('submitted');
    const uploads = sb.log.filter((e) => e.fields.method === 'app.upload.apk.app' || e.fault === 'reset');
    expect(uploads.map((e) => e.fault)).toEqual(['reset', null]);
    expect(vivo.state.submissions).toHaveLength(1);
  });

  it('after a lost submit answer, confirms by querying instead of submitting again', async () => {
    injectOn('app.sync.update.app', { kind: 'drop-response' });
    const outcome = await connect().publish(await release(['app-universal.apk']), () => {});
    expect(outcome).toMatchObject({
      status: 'submitted',
      message: expect.stringContaining(
        'vivo has versionCode 6100000 (6.10.0) (app.query.details shows versionCode 6100000 in review)',
      ),
    });
    expect(methods(sb.log)).toEqual([
      'app.query.details',
      'app.upload.apk.app',
      'app.sync.update.app',
      'app.query.details',
    ]);
    expect(sb.log[2]!.fault).toBe('drop-response');
    expect(sb.log.filter((e) => e.fields.method === 'app.sync.update.app')).toHaveLength(1);
    expect(vivo.state.submissions).toHaveLength(1);
  });

  it.each([
    ['the connection is reset while the submit is sent', { kind: 'reset' }],
    ['a proxy answers 502 for it', { kind: 'status', status: 502 }],
  ] as const)(
    'a submit that never reached vivo (%s): unconfirmed after minutes of checks, never resubmitted; a re-run submits once',
    async (_, fault) => {
      injectOn('app.sync.update.app', fault);
      const r = await release(['app-universal.apk']);
      const error = await failure(connect().publish(r, () => {}));
      expect(error).toMatchObject({ code: 'SUBMIT_UNCONFIRMED', category: 'transient', store: 'vivo' });
      expect(error.message).toMatch(/vivo may or may not have versionCode 6100000/);
      expect(error.hint).toContain('`appstores info --store vivo --pkg com.foo.bar`');
      const at = sb.log.findIndex((e) => e.fault !== null);
      expect(sb.log.filter((e) => e.fault !== null)).toHaveLength(1);
      expect(methods(sb.log.slice(at + 1))).toEqual(Array(CONFIRM_POLLS).fill('app.query.details'));
      expect(vivo.state.submissions).toHaveLength(0);
      // The re-run finds nothing there and submits exactly once; the run after that skips.
      expect(await connect().publish(r, () => {})).toMatchObject({ status: 'submitted' });
      expect(await connect().publish(r, () => {})).toMatchObject({ status: 'skipped' });
      expect(vivo.state.submissions).toHaveLength(1);
    },
  );

  it('a submit vivo holds past the answer timeout and applies ~125 s later is found: submitted, never "not submitted"', async () => {
    // A gateway in front of vivo gives up (504) while vivo keeps the request and applies it later:
    // here, once the CLI has waited 125 s (its 9th check at 10 s + 8 × 15 s = 130 s).
    await sb.close();
    vivo = createVivoEmulator();
    let held: Parameters<VivoEmulator['handle']> | null = null;
    let details = 0;
    sb = await startSandbox([
      {
        ...vivo,
        async handle(req, ctx) {
          const method = new URLSearchParams(req.body.toString('utf8')).get('method');
          if (method === 'app.sync.update.app' && !held) {
            held = [req, ctx];
            return { status: 504, body: 'gateway timeout' };
          }
          if (method === 'app.query.details' && held && ++details === 9) await vivo.handle(...held);
          return vivo.handle(req, ctx);
        },
      },
    ]);
    const r = await release(['app-universal.apk']);
    const outcome = await connect().publish(r, () => {});
    expect(outcome.status).toBe('submitted');
    expect(outcome.message).toMatch(
      /^vivo has versionCode 6100000 \(6\.10\.0\) \(app\.query\.details shows versionCode 6100000 in review\)/,
    );
    expect(details).toBe(9);
    expect(vivo.state.submissions).toHaveLength(1);
    expect(await connect().publish(r, () => {})).toMatchObject({ status: 'skipped' });
    expect(vivo.state.submissions).toHaveLength(1);
  });

  it('an answer to the submit after the CLI stopped waiting: one submit, found by app.query.details, submitted', async () => {
    // vivo takes app.sync.update.app 2 s late; the CLI waits 500 ms for it (its own wait is 2 min).
    injectOn('app.sync.update.app', { kind: 'delay', ms: 2_000 });
    const outcome = await connect(
      {},
      {
        dispatcher: shortAnswerTimeout((request) => bodyText(request).includes('method=app.sync.update.app'), 500),
        // Checks 200 ms apart: the window's 20 checks span the store's late answer.
        clock: fastClock(200),
      },
    ).publish(await release(['app-universal.apk']), () => {});
    expect(outcome.status).toBe('submitted');
    expect(outcome.message).toMatch(
      /^vivo has versionCode 6100000 \(6\.10\.0\) \(app\.query\.details shows versionCode 6100000 in review\), after the submit got no clear answer \(timed out waiting for/,
    );
    expect(sb.log.filter((e) => e.fields.method === 'app.sync.update.app')).toHaveLength(1);
    expect(vivo.state.submissions).toHaveLength(1);
  });

  it('on 11010 checks app.query.details for minutes and never resubmits', async () => {
    vivo.state.processingOnce = true;
    await expect(connect().publish(await release(['app-universal.apk']), () => {})).rejects.toMatchObject({
      code: 'STILL_PROCESSING',
      category: 'conflict',
      storeCode: '11010',
      message: expect.stringContaining('it was not submitted again'),
    });
    expect(sb.log.filter((e) => e.fields.method === 'app.sync.update.app')).toHaveLength(1);
    expect(sb.log.filter((e) => e.fields.method === 'app.query.details')).toHaveLength(1 + CONFIRM_POLLS);
  });
});
