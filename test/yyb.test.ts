/** YYB end to end: the built CLI against the YYB emulator (a smoke set; scenarios are in src/stores/yyb). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, requests, withSandbox, type SandboxSetup } from './helpers.js';

let sb: SandboxSetup;
beforeEach(async () => {
  sb = await withSandbox(['yyb']);
});
afterEach(() => sb.close());

const MUTATING = /get_file_upload_info|update_app|^PUT /;
const universal = fixture('apk/app-universal.apk');
const notes = 'Bug fixes and stability improvements';

describe('appstores info --store yyb', () => {
  it('shows the app, human and --json (no versionCode: YYB shows none), and the store responses with --raw', async () => {
    const human = await sb.run(['info', '--store', 'yyb', '--pkg', 'com.foo.bar']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/live\s+6\.9\.1 \(versionCode not shown by the store\)/);
    const info = JSON.parse((await sb.run(['info', '--store', 'yyb', '--pkg', 'com.foo.bar', '--json'])).stdout);
    expect(info).toMatchObject({
      store: 'yyb',
      appId: '1101234567',
      appName: '测试应用',
      live: { versionCode: null, versionName: '6.9.1' },
      review: { state: 'live' },
    });
    const raw = JSON.parse(
      (await sb.run(['info', '--store', 'yyb', '--pkg', 'com.foo.bar', '--json', '--raw'])).stdout,
    );
    expect(raw.raw.detail).toMatchObject({ ret: 0, version_name: '6.9.1' });
  });
});

describe('appstores publish --store yyb', () => {
  it('uploads to the pre-signed URL and sends update_app once, apk32_flag 1 and apk64_flag 2', async () => {
    const r = await sb.run(['publish', universal, '--store', 'yyb', '--notes', notes, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ store: 'yyb', status: 'submitted' });
    const [submission] = sb.stores.yyb.state.submissions;
    expect(submission).toMatchObject({
      ret: 0,
      params: { apk32_flag: '1', apk64_flag: '2', deploy_type: '1', feature: notes },
    });
    expect(requests(sb.sandbox, 'yyb').filter((q) => q.endsWith('update_app'))).toHaveLength(1);
  });

  it('sends a split pair in both slots', async () => {
    const r = await sb.run([
      'publish',
      fixture('apk/app-armeabi-v7a.apk'),
      fixture('apk/app-arm64-v8a.apk'),
      '--store',
      'yyb',
      '--notes',
      notes,
    ]);
    expect(r.code).toBe(0);
    expect(sb.stores.yyb.state.submissions[0]).toMatchObject({ ret: 0, params: { apk32_flag: '1', apk64_flag: '1' } });
    expect(requests(sb.sandbox, 'yyb').filter((q) => q.startsWith('PUT '))).toHaveLength(2);
  });

  it('schedules with deploy_type 2 and deploy_time in Unix seconds', async () => {
    const r = await sb.run([
      'publish',
      universal,
      '--store',
      'yyb',
      '--notes',
      notes,
      '--schedule',
      '2030-06-01T00:00:00Z',
    ]);
    expect(r.code).toBe(0);
    expect(sb.stores.yyb.state.submissions[0]!.params).toMatchObject({ deploy_type: '2', deploy_time: '1906502400' });
  });

  it('sends no mutating request in a dry run', async () => {
    const r = await sb.run(['publish', universal, '--store', 'yyb', '--notes', notes, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/○ yyb\s+planned/);
    expect(requests(sb.sandbox, 'yyb').filter((q) => MUTATING.test(q))).toEqual([]);
  });

  it("surfaces the store's refusal of a lower versionCode as one line with YYB's code, exit 1", async () => {
    const r = await sb.run(['publish', fixture('apk/app-old.apk'), '--store', 'yyb', '--notes', notes, '--json']);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout).results[0];
    expect(result).toMatchObject({ store: 'yyb', status: 'failed', category: 'rejected', storeCode: 4000053 });
    expect(result.message).toContain('YYB 4000053');
    expect(result.message).not.toContain('\n');
  });
});

describe('appstores doctor --store yyb', () => {
  it('accepts the sandbox credentials', async () => {
    expect((await sb.run(['doctor', '--store', 'yyb'])).code).toBe(0);
  });

  it("names a wrong secret with YYB's code", async () => {
    const bad = await sb.run(['doctor', '--store', 'yyb', '--json'], {
      APPSTORES_YYB_ACCESS_SECRET: 'wrong-secret-value',
    });
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout).stores[0].error).toMatchObject({
      code: 'BAD_SIGNATURE',
      category: 'auth',
      storeCode: 1000020,
    });
    expect(bad.stdout + bad.stderr).not.toContain('wrong-secret-value');
  });
});
