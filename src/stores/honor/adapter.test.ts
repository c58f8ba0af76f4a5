/** The Honor adapter against the emulated Honor store, in-process over real HTTP on 127.0.0.1. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createHonorEmulator,
  FOO_BAR_APP_ID,
  WRONG_TYPE_CLIENT_ID,
  WRONG_TYPE_CLIENT_SECRET,
  type HonorEmulator,
} from '../../sandbox/honor.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { testContext } from '../../testing/context.js';
import { holdSubmit } from '../../testing/held-submit.js';
import { failure, testRelease } from '../../testing/release.js';
import type { Release, StoreSession } from '../types.js';
import { honorAdapter } from './index.js';

const NOTES = '修复已知问题，提升稳定性。';

let honor: HonorEmulator;
let sb: Sandbox;

beforeEach(async () => {
  honor = createHonorEmulator();
  sb = await startSandbox([honor]);
});
afterEach(() => sb.close());

function connect(
  overrides: Record<string, unknown> = {},
  options: Parameters<typeof testContext>[2] = {},
): StoreSession {
  const config = honorAdapter.configSchema.parse({ ...sb.config().stores.honor, ...overrides });
  return honorAdapter.connect(testContext(honorAdapter, config, options));
}

const release = (file: string, over: Partial<Release> = {}) => testRelease([file], { notes: NOTES, ...over });

/** `METHOD endpoint` of each request, without the API prefix. */
const calls = () => sb.log.map((e) => `${e.method} ${e.path.replace('/openapi/v1/publish/', '')}`);
const MUTATING = [
  'POST get-file-upload-url',
  'POST file-upload',
  'POST update-file-info',
  'POST update-language-info',
  'POST submit-audit',
];
const mutating = () => calls().filter((c) => MUTATING.includes(c));

describe('honor adapter: verify and info', () => {
  it('verifies with a token and one Bearer read', async () => {
    await connect().verify();
    expect(calls()).toEqual(['POST /auth/token', 'GET get-app-id']);
  });

  it("reports a wrong secret as the store's OAuth error, never echoing it", async () => {
    const error = await connect({ clientSecret: 'not-the-secret-4f1a' })
      .verify()
      .catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'AUTH_FAILED', category: 'auth', storeCode: 'invalid_client' });
    expect(JSON.stringify({ m: (error as Error).message, h: (error as { hint?: string }).hint })).not.toContain(
      'not-the-secret-4f1a',
    );
  });

  it('renews a refused token once, then names the wrong credential type (10002) in the hint', async () => {
    const error = await connect({ clientId: WRONG_TYPE_CLIENT_ID, clientSecret: WRONG_TYPE_CLIENT_SECRET })
      .verify()
      .catch((e: Error) => e);
    expect(error).toMatchObject({
      code: 'TOKEN_INVALID',
      category: 'auth',
      storeCode: 10002,
      hint: expect.stringContaining('凭证'),
    });
    expect(calls()).toEqual(['POST /auth/token', 'GET get-app-id', 'POST /auth/token', 'GET get-app-id']);
  });

  it('normalises the app: the zh-CN name (not the first entry), live from releaseInfo', async () => {
    const info = await connect().info('com.foo.bar');
    expect(info).toMatchObject({
      store: 'honor',
      appId: String(FOO_BAR_APP_ID),
      appName: '测试应用',
      live: { versionCode: 6091000, versionName: '6.9.1' },
      pending: null,
      review: { state: 'live' },
    });
  });

  it('copes with the null releaseInfo of an app never approved', async () => {
    const info = await connect().info('com.foo.unapproved');
    expect(info.live).toBeNull();
  });

  it('does not take a stale rejection of get-app-current-release for the app state', async () => {
    await connect().publish(await release('app-universal.apk'), () => {});
    honor.approve('com.foo.bar');
    honor.state.staleCurrentRelease = true;
    const info = await connect().info('com.foo.bar');
    expect(info.review.state).toBe('live');
    expect(info.live).toEqual({ versionCode: 6100000, versionName: '6.10.0' });
    // The rejection was read again by its releaseId.
    expect(calls()).toContain('POST get-audit-result');
  });

  it('shows a rejection with its reason, read by releaseId once per session', async () => {
    await connect().publish(await release('app-universal.apk'), () => {});
    honor.reject('com.foo.bar', '应用截图与实际功能不符');
    const session = connect();
    const info = await session.info('com.foo.bar');
    expect(info).toMatchObject({
      pending: { versionCode: 6100000 },
      review: { state: 'rejected', reason: '应用截图与实际功能不符' },
    });
    // A rejected version may be sent again: plan goes ahead, without asking get-audit-result again.
    expect((await session.plan(await release('app-universal.apk'))).action).toBe('submit');
    expect(calls().filter((c) => c === 'POST get-audit-result')).toHaveLength(1);
  });

  it('says APP_NOT_FOUND for a package the account does not have', async () => {
    await expect(connect().info('com.other.app')).rejects.toMatchObject({ code: 'APP_NOT_FOUND', category: 'config' });
  });

  it('refuses a configured appId of another package', async () => {
    await expect(connect({ appId: '100000002' }).info('com.foo.bar')).rejects.toMatchObject({
      code: 'PACKAGE_MISMATCH',
      category: 'config',
    });
  });
});

describe('honor adapter: plan', () => {
  it('plans with reads only', async () => {
    const plan = await connect().plan(await release('app-universal.apk'));
    expect(plan.action).toBe('submit');
    expect(plan.summary).toContain('zh-CN');
    expect(mutating()).toEqual([]);
  });

  it('refuses before any upload: notes empty or over 500, an empty intro (20076), a lower version', async () => {
    const session = connect();
    await expect(session.plan(await release('app-universal.apk', { notes: 'x'.repeat(501) }))).rejects.toMatchObject({
      code: 'NOTES_INVALID',
    });
    await expect(session.plan(await release('app-universal.apk', { notes: '' }))).rejects.toMatchObject({
      code: 'NOTES_INVALID',
    });
    await expect(session.plan(await release('app-old.apk'))).rejects.toMatchObject({
      code: 'VERSION_NOT_HIGHER',
      category: 'rejected',
    });
    await expect(
      session.plan({ ...(await release('app-universal.apk')), package: 'com.foo.nointro' }),
    ).rejects.toMatchObject({
      code: 'LISTING_INCOMPLETE',
      message: expect.stringContaining('20076'),
    });
    expect(mutating()).toEqual([]);
  });

  it('finds 20022 (another version in review) at the checks', async () => {
    const first = await release('app-universal.apk');
    await connect().publish(first, () => {});
    const second = { ...first, versionCode: 6200000 };
    await expect(connect().plan(second)).rejects.toMatchObject({ code: 'IN_REVIEW', category: 'conflict' });
    // The same version again is skipped: it is in review.
    expect(await connect().plan(first)).toMatchObject({
      action: 'skip',
      summary: expect.stringContaining('in review'),
    });
  });
});

describe('honor adapter: publish', () => {
  it('uploads, binds, sets the zh-CN notes with setAll 0 echoing the listing, and submits once', async () => {
    const r = await release('app-universal.apk');
    const outcome = await connect().publish(r, () => {});
    expect(outcome.status).toBe('submitted');
    expect(mutating()).toEqual(MUTATING);
    const [submission] = honor.state.submissions;
    expect(submission).toMatchObject({ code: 0, body: { releaseType: 1 } });
    expect(outcome.reference).toBe(submission!.releaseId);
    const [update] = honor.state.languageUpdates;
    expect(update).toEqual({
      languageInfoList: [
        {
          languageId: 'zh-CN',
          appName: '测试应用',
          intro: '这是 appstores 沙箱中的示例应用，用于演练完整的发布流程。',
          briefIntro: '沙箱示例应用',
          newFeature: NOTES,
        },
      ],
      setAll: 0,
    });
    // The English entry survived.
    expect(
      honor.state.apps
        .get(FOO_BAR_APP_ID)!
        .languages.map((l) => l.languageId)
        .sort(),
    ).toEqual(['en-US', 'zh-CN']);
    const upload = [...honor.state.uploads.values()][0]!;
    expect(upload).toMatchObject({
      fileName: 'app-universal.apk',
      fileType: 100,
      fileSize: r.apks[0]!.size,
      fileSha256: r.apks[0]!.sha256,
    });
  });

  it('schedules with releaseType 2 and a colon-less +0800 time', async () => {
    await connect().publish(
      await release('app-universal.apk', { schedule: new Date('2031-03-04T16:30:00Z') }),
      () => {},
    );
    expect(honor.state.submissions[0]!.body).toEqual({ releaseType: 2, releaseTime: '2031-03-05T00:30:00+0800' });
  });

  it('renews a token the store declares expired mid-run, once', async () => {
    honor.state.expireTokensOn = 'update-file-info';
    const outcome = await connect().publish(await release('app-universal.apk'), () => {});
    expect(outcome.status).toBe('submitted');
    expect(calls().filter((c) => c === 'POST /auth/token')).toHaveLength(2);
    expect(calls().filter((c) => c === 'POST update-file-info')).toHaveLength(2);
    expect(honor.state.submissions).toHaveLength(1);
  });
});

describe('honor adapter: notes per language (--notes-dir)', () => {
  const dirNotes = { 'zh-CN': '修复问题', 'en-US': 'Bug fixes', ja: 'バグ修正' };

  it('sets every language the app has and the directory has in one call, setAll 0, each echoed', async () => {
    const session = connect();
    const r = await release('app-universal.apk', { notes: dirNotes['zh-CN'], notesByLocale: dirNotes });
    const plan = await session.plan(r);
    expect(plan.summary).toContain('set the en-US, zh-CN notes');
    expect(plan.summary).not.toContain('no notes in --notes-dir');
    const outcome = await session.publish(r, () => {});
    expect(outcome.status).toBe('submitted');
    const [update] = honor.state.languageUpdates;
    expect(update).toEqual({
      languageInfoList: [
        {
          languageId: 'en-US',
          appName: 'Foo Bar',
          intro: 'Foo Bar is a sample app of the appstores sandbox.',
          briefIntro: 'A sample app',
          newFeature: 'Bug fixes',
        },
        {
          languageId: 'zh-CN',
          appName: '测试应用',
          intro: '这是 appstores 沙箱中的示例应用，用于演练完整的发布流程。',
          briefIntro: '沙箱示例应用',
          newFeature: '修复问题',
        },
      ],
      setAll: 0,
    });
    expect(honor.state.languageUpdates).toHaveLength(1);
    const submitted = honor.state.releases.get(outcome.reference!)!;
    expect(submitted.newFeatures).toEqual({ 'en-US': 'Bug fixes', 'zh-CN': '修复问题' });
  });

  it('names the languages the directory lacks in the plan and the outcome; they keep their notes', async () => {
    const app = honor.state.apps.get(FOO_BAR_APP_ID)!;
    app.languages.push({ ...app.languages[0]!, languageId: 'fr-FR', newFeature: 'Corrections' });
    const session = connect();
    const r = await release('app-universal.apk', { notes: '修复问题', notesByLocale: { 'zh-CN': '修复问题' } });
    const plan = await session.plan(r);
    expect(plan.summary).toMatch(
      /set the zh-CN notes.*; no notes in --notes-dir for en-US, fr-FR \(left as they are in the store\)$/,
    );
    const outcome = await session.publish(r, () => {});
    expect(outcome.message).toContain('no notes in --notes-dir for en-US, fr-FR');
    expect(Object.fromEntries(app.languages.map((l) => [l.languageId, l.newFeature]))).toEqual({
      'en-US': 'Bug fixes',
      'fr-FR': 'Corrections',
      'zh-CN': '修复问题',
    });
  });

  it('refuses notes for none of its languages, and one language over 500, before any upload', async () => {
    const session = connect();
    await expect(
      session.plan(await release('app-universal.apk', { notes: '', notesByLocale: { ja: 'バグ修正' } })),
    ).rejects.toMatchObject({ code: 'NOTES_INVALID', message: expect.stringContaining('(en-US, zh-CN)') });
    await expect(
      session.publish(
        await release('app-universal.apk', { notesByLocale: { 'zh-CN': '修复', 'en-US': 'x'.repeat(501) } }),
        () => {},
      ),
    ).rejects.toMatchObject({ code: 'NOTES_INVALID', message: expect.stringContaining('(en-US) are 501 characters') });
    expect(mutating()).toEqual([]);
  });
});

describe('honor adapter: faults', () => {
  it('reads a token refusal sent as HTTP 401 with a JSON body too, and renews once', async () => {
    sb.inject({
      store: 'honor',
      match: 'get-app-detail',
      fault: { kind: 'status', status: 401, body: '{"code":10003,"message":"IAM-TOKEN expired"}' },
    });
    const info = await connect().info('com.foo.bar');
    expect(info.live).toEqual({ versionCode: 6091000, versionName: '6.9.1' });
    expect(calls().filter((c) => c === 'POST /auth/token')).toHaveLength(2);
  });

  it('takes a bare 401 for a refused token as well: renewed once, then a clear TOKEN_INVALID', async () => {
    sb.inject({ store: 'honor', match: 'get-app-id', fault: { kind: 'status', status: 401, body: '' }, times: 2 });
    await expect(connect().verify()).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
      category: 'auth',
      storeCode: 'HTTP 401',
    });
    expect(calls()).toEqual(['POST /auth/token', 'GET get-app-id', 'POST /auth/token', 'GET get-app-id']);
  });

  it('re-sends an upload whose connection was reset mid-body', async () => {
    sb.inject({ store: 'honor', match: 'publish/file-upload', fault: { kind: 'reset', afterBytes: 4096 } });
    expect((await connect().publish(await release('app-universal.apk'), () => {})).status).toBe('submitted');
    expect(sb.log.filter((e) => e.path.endsWith('file-upload')).map((e) => e.fault)).toEqual(['reset', null]);
  });

  it('retries a 5xx on get-file-upload-url', async () => {
    sb.inject({ store: 'honor', match: 'get-file-upload-url', fault: { kind: 'status', status: 503 } });
    expect((await connect().publish(await release('app-universal.apk'), () => {})).status).toBe('submitted');
    expect(calls().filter((c) => c === 'POST get-file-upload-url')).toHaveLength(2);
  });

  it('after a lost submit-audit answer, confirms by query and never submits again', async () => {
    sb.inject({ store: 'honor', match: 'submit-audit', fault: { kind: 'drop-response' } });
    const outcome = await connect().publish(await release('app-universal.apk'), () => {});
    expect(outcome).toMatchObject({ status: 'submitted', message: expect.stringContaining('get-app-current-release') });
    expect(calls().filter((c) => c === 'POST submit-audit')).toHaveLength(1);
    expect(honor.state.submissions).toHaveLength(1);
  });

  const submits = () => calls().filter((c) => c === 'POST submit-audit');

  it.each([
    ['the connection is reset before Honor reads it', { kind: 'reset', afterBytes: 0 }],
    ['a proxy answers 502 for it', { kind: 'status', status: 502 }],
  ] as const)(
    'a submit-audit that never reached Honor (%s): unconfirmed, never resent; a re-run submits once',
    async (_, fault) => {
      sb.inject({ store: 'honor', match: 'submit-audit', fault });
      const r = await release('app-universal.apk');
      const error = await failure(connect().publish(r, () => {}));
      expect(error).toMatchObject({ code: 'SUBMIT_UNCONFIRMED', category: 'transient', store: 'honor' });
      expect(error.message).toMatch(/Honor may or may not have versionCode 6100000/);
      expect(error.hint).toContain('`appstores info --store honor --pkg com.foo.bar`');
      expect(submits()).toHaveLength(1);
      expect(honor.state.submissions).toHaveLength(0);
      expect(await connect().publish(r, () => {})).toMatchObject({ status: 'submitted' });
      expect(await connect().publish(r, () => {})).toMatchObject({ status: 'skipped' });
      expect(honor.state.submissions).toHaveLength(1);
      expect(submits()).toHaveLength(2);
    },
  );

  it('a submit-audit Honor answers after the timeout and applies later is found: submitted, never sent twice', async () => {
    await sb.close();
    honor = createHonorEmulator();
    const held = holdSubmit(
      honor,
      {
        isSubmit: (req) => req.path.endsWith('/submit-audit'),
        isRead: (req) => req.path.endsWith('/get-app-current-release'),
      },
      3,
    );
    sb = await startSandbox([held.emulator]);
    const r = await release('app-universal.apk');
    const outcome = await connect().publish(r, () => {});
    expect(outcome).toMatchObject({ status: 'submitted', message: expect.stringContaining('get-app-current-release') });
    expect(held.reads()).toBe(3);
    expect(honor.state.submissions).toHaveLength(1);
    expect(submits()).toHaveLength(1);
    expect(await connect().publish(r, () => {})).toMatchObject({ status: 'skipped' });
    expect(honor.state.submissions).toHaveLength(1);
  });
});
