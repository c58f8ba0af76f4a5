/** Honor end to end: the built CLI against the Honor emulator (a smoke set; scenarios are in src/stores/honor). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WRONG_TYPE_CLIENT_ID, WRONG_TYPE_CLIENT_SECRET } from '../src/sandbox/honor.js';
import { fixture, requests, withSandbox, type SandboxSetup } from './helpers.js';

let sb: SandboxSetup;
beforeEach(async () => {
  sb = await withSandbox(['honor']);
});
afterEach(() => sb.close());

const MUTATING = /get-file-upload-url|file-upload|update-file-info|update-language-info|submit-audit/;
const universal = fixture('apk/app-universal.apk');
const notes = 'Bug fixes and stability improvements';

describe('appstores info --store honor', () => {
  it('shows the app, human and --json, and the store responses with --raw', async () => {
    const human = await sb.run(['info', '--store', 'honor', '--pkg', 'com.foo.bar']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/live\s+6\.9\.1 \(6091000\)/);
    expect(human.stdout).toContain('测试应用');
    const info = JSON.parse((await sb.run(['info', '--store', 'honor', '--pkg', 'com.foo.bar', '--json'])).stdout);
    expect(info).toMatchObject({
      store: 'honor',
      appId: '100000001',
      appName: '测试应用',
      live: { versionCode: 6091000, versionName: '6.9.1' },
      review: { state: 'live' },
    });
    const raw = JSON.parse(
      (await sb.run(['info', '--store', 'honor', '--pkg', 'com.foo.bar', '--json', '--raw'])).stdout,
    );
    // The store's own get-app-detail: en-US listed before zh-CN.
    expect(raw.raw.detail.languageInfo.map((l: { languageId: string }) => l.languageId)).toEqual(['en-US', 'zh-CN']);
  });
});

describe('appstores publish --store honor', () => {
  it('uploads, binds, sets the notes with setAll 0 and submits once; the releaseId is the reference', async () => {
    const r = await sb.run(['publish', universal, '--store', 'honor', '--notes', notes, '--json']);
    expect(r.code).toBe(0);
    const [result] = JSON.parse(r.stdout).results;
    expect(result).toMatchObject({ store: 'honor', status: 'submitted' });
    const [submission] = sb.stores.honor.state.submissions;
    expect(submission).toMatchObject({ code: 0, body: { releaseType: 1 } });
    expect(result.reference).toBe(submission!.releaseId);
    expect(sb.stores.honor.state.languageUpdates[0]).toMatchObject({
      setAll: 0,
      languageInfoList: [{ languageId: 'zh-CN', newFeature: notes }],
    });
    expect(requests(sb.sandbox, 'honor').filter((q) => q.endsWith('submit-audit'))).toHaveLength(1);
  });

  it('refuses a split pair at the checks with one line, exit 3, and sends nothing', async () => {
    const r = await sb.run([
      'publish',
      fixture('apk/app-armeabi-v7a.apk'),
      fixture('apk/app-arm64-v8a.apk'),
      '--store',
      'honor',
      '--notes',
      notes,
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: .*does not take a 32\/64-bit split pair \[SPLIT_NOT_SUPPORTED\]$/m);
    expect(r.stderr).toContain('honor=');
    expect(requests(sb.sandbox, 'honor').filter((q) => MUTATING.test(q))).toEqual([]);
  });

  it('schedules with releaseType 2 and releaseTime in +0800 without a colon', async () => {
    const r = await sb.run([
      'publish',
      universal,
      '--store',
      'honor',
      '--notes',
      notes,
      '--schedule',
      '2030-06-01T00:00:00Z',
    ]);
    expect(r.code).toBe(0);
    expect(sb.stores.honor.state.submissions[0]!.body).toEqual({
      releaseType: 2,
      releaseTime: '2030-06-01T08:00:00+0800',
    });
  });

  it('sends no mutating request in a dry run', async () => {
    const r = await sb.run(['publish', universal, '--store', 'honor', '--notes', notes, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/○ honor\s+planned/);
    expect(requests(sb.sandbox, 'honor').filter((q) => MUTATING.test(q))).toEqual([]);
  });

  it('renews a token the store declares expired mid-run, once', async () => {
    sb.stores.honor.state.expireTokensOn = 'update-language-info';
    const r = await sb.run(['publish', universal, '--store', 'honor', '--notes', notes]);
    expect(r.code).toBe(0);
    const seen = requests(sb.sandbox, 'honor');
    expect(seen.filter((q) => q === 'POST /auth/token')).toHaveLength(2);
    expect(seen.filter((q) => q.endsWith('update-language-info'))).toHaveLength(2);
    expect(sb.stores.honor.state.submissions).toHaveLength(1);
  });
});

describe('appstores doctor --store honor', () => {
  it('accepts the sandbox credentials', async () => {
    expect((await sb.run(['doctor', '--store', 'honor'])).code).toBe(0);
  });

  it('names the wrong credential type (10002, after one renewal) in one line with a hint', async () => {
    const bad = await sb.run(['doctor', '--store', 'honor', '--json'], {
      APPSTORES_HONOR_CLIENT_ID: WRONG_TYPE_CLIENT_ID,
      APPSTORES_HONOR_CLIENT_SECRET: WRONG_TYPE_CLIENT_SECRET,
    });
    expect(bad.code).toBe(3);
    const { error } = JSON.parse(bad.stdout).stores[0];
    expect(error).toMatchObject({
      code: 'TOKEN_INVALID',
      category: 'auth',
      storeCode: 10002,
      hint: expect.stringContaining('凭证'),
    });
    expect(error.message).not.toContain('\n');
  });
});
