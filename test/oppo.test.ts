/** OPPO end to end: the built CLI against the OPPO emulator. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, requests, withSandbox, type SandboxSetup } from './helpers.js';

let sb: SandboxSetup;
beforeEach(async () => {
  sb = await withSandbox(['oppo']);
});
afterEach(() => sb.close());

const MUTATING = /get-upload-url|\/upload|\/app\/upd|task-state/;
const universal = fixture('apk/app-universal.apk');
const notes = '修复若干问题，提升稳定性';

describe('appstores info --store oppo', () => {
  it('shows the app as OPPO sees it', async () => {
    const r = await sb.run(['info', '--store', 'oppo', '--pkg', 'com.foo.bar']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('测试应用');
    expect(r.stdout).toMatch(/live\s+6\.9\.1 \(6091000\)/);
    expect(r.stdout).toMatch(/review\s+live/);
  });

  it('prints the design.md info shape with --json, and the store response with --raw', async () => {
    const r = await sb.run(['info', '--store', 'oppo', '--pkg', 'com.foo.bar', '--json']);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({
      store: 'oppo',
      package: 'com.foo.bar',
      appName: '测试应用',
      live: { versionCode: 6091000, versionName: '6.9.1' },
      pending: null,
      review: { state: 'live' },
    });
    expect(info).not.toHaveProperty('raw');
    const raw = JSON.parse(
      (await sb.run(['info', '--store', 'oppo', '--pkg', 'com.foo.bar', '--json', '--raw'])).stdout,
    );
    expect(JSON.stringify(raw.raw)).toContain('"pkg_name":"com.foo.bar"');
  });

  it('says clearly that an unknown package is not in the account', async () => {
    const r = await sb.run(['info', '--store', 'oppo', '--pkg', 'com.nobody.here']);
    expect(r.code).toBe(3);
    expect(r.stderr.split('\n')[0]).toMatch(/^error: oppo: .*com\.nobody\.here.* \[APP_NOT_FOUND\]$/);
  });
});

describe('appstores publish --store oppo', () => {
  it('uploads, submits once, waits for the task and leaves the version in review', async () => {
    const r = await sb.run(['publish', universal, '--store', 'oppo', '--notes', notes, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(true);
    expect(report.results).toEqual([expect.objectContaining({ store: 'oppo', status: 'submitted', category: null })]);
    expect(report.artifacts[0]).toMatchObject({ kind: 'apk', package: 'com.foo.bar', versionCode: 6100000 });
    expect(requests(sb.sandbox, 'oppo').filter((q) => q.includes('/app/upd'))).toHaveLength(1);
    const [submission] = sb.stores.oppo.state.submissions;
    expect(submission!.errno).toBe(0);
    expect(JSON.parse(submission!.fields.apk_url!)).toEqual([expect.objectContaining({ cpu_code: 0 })]);
    expect(submission!.fields.update_desc).toBe(notes);
    expect(submission!.fields.online_type).toBe('1');
    // Progress went to stderr as plain lines (CI is set), the JSON alone to stdout.
    expect(r.stderr).toMatch(/oppo\s+uploading .*100%/);

    const info = JSON.parse((await sb.run(['info', '--store', 'oppo', '--pkg', 'com.foo.bar', '--json'])).stdout);
    expect(info.pending).toEqual({ versionCode: 6100000, versionName: '6.10.0' });
    expect(info.review.state).toBe('reviewing');
  });

  it('sends a 32/64-bit split pair as cpu_code 32 and 64', async () => {
    const r = await sb.run([
      'publish',
      fixture('apk/app-arm64-v8a.apk'),
      fixture('apk/app-armeabi-v7a.apk'),
      '--store',
      'oppo',
      '--notes',
      notes,
    ]);
    expect(r.code).toBe(0);
    const apkUrl = JSON.parse(sb.stores.oppo.state.submissions[0]!.fields.apk_url!) as Array<{ cpu_code: number }>;
    expect(apkUrl.map((a) => a.cpu_code).sort()).toEqual([32, 64]);
    expect(r.stdout).toMatch(/✔ oppo\s+submitted/);
  });

  it('schedules the release in Beijing time', async () => {
    const r = await sb.run([
      'publish',
      universal,
      '--store',
      'oppo',
      '--notes',
      notes,
      '--schedule',
      '2030-01-02T03:04:05Z',
    ]);
    expect(r.code).toBe(0);
    const fields = sb.stores.oppo.state.submissions[0]!.fields;
    expect(fields.online_type).toBe('2');
    expect(fields.sche_online_time).toBe('2030-01-02 11:04:05');
  });

  it('sends no mutating request in a dry run', async () => {
    const r = await sb.run(['publish', universal, '--store', 'oppo', '--notes', notes, '--dry-run', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0].status).toBe('planned');
    const seen = requests(sb.sandbox, 'oppo');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((q) => MUTATING.test(q))).toEqual([]);
    expect(sb.stores.oppo.state.submissions).toEqual([]);
  });

  it('refuses a versionCode that is not above the live one before uploading, exit 1', async () => {
    const r = await sb.run(['publish', fixture('apk/app-old.apk'), '--store', 'oppo', '--notes', notes]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ oppo\s+failed\s+\[rejected\]/);
    expect(r.stdout).toMatch(/6000000/);
    expect(requests(sb.sandbox, 'oppo').filter((q) => MUTATING.test(q))).toEqual([]);
  });

  it('skips a version that is already in review and exits 0', async () => {
    expect((await sb.run(['publish', universal, '--store', 'oppo', '--notes', notes])).code).toBe(0);
    const again = await sb.run(['publish', universal, '--store', 'oppo', '--notes', notes, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).results[0].status).toBe('skipped');
    expect(sb.stores.oppo.state.submissions).toHaveLength(1);
  });

  it('asks for a dropped /app/upd task state instead of submitting twice', async () => {
    sb.sandbox.inject({ store: 'oppo', match: '/app/upd', fault: { kind: 'drop-response' } });
    const r = await sb.run(['publish', universal, '--store', 'oppo', '--notes', notes, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0].status).toBe('submitted');
    const seen = requests(sb.sandbox, 'oppo');
    expect(seen.filter((q) => q.includes('/app/upd'))).toHaveLength(1);
    expect(seen.some((q) => q.includes('task-state'))).toBe(true);
  });
});

describe('appstores doctor --store oppo', () => {
  it('accepts the sandbox credentials', async () => {
    const r = await sb.run(['doctor', '--store', 'oppo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✔ oppo\s+credentials accepted/);
  });

  it('names the problem when the secret is wrong, and publish then exits 3', async () => {
    const env = { APPSTORES_OPPO_CLIENT_SECRET: 'definitely-not-the-secret' };
    const doctor = await sb.run(['doctor', '--store', 'oppo'], env);
    expect(doctor.code).toBe(3);
    expect(doctor.stdout).toMatch(/✖ oppo .*store code \d+/);
    const publish = await sb.run(['publish', universal, '--store', 'oppo', '--notes', notes], env);
    expect(publish.code).toBe(3);
    expect(sb.stores.oppo.state.submissions).toEqual([]);
  });
});

describe('appstores publish --store oppo, a submit that never reached OPPO', () => {
  it('is SUBMIT_UNCONFIRMED (exit 1, no submission); the re-run submits exactly once (exit 0)', async () => {
    sb.sandbox.inject({
      store: 'oppo',
      match: '/resource/v1/app/upd',
      method: 'POST',
      fault: { kind: 'status', status: 502 },
    });
    // The 5-minute confirmation window at 1/1000 speed.
    const first = await sb.run(['publish', universal, '--store', 'oppo', '--notes', notes, '--json'], {
      APPSTORES_TIME_SCALE: '0.001',
    });
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout).results[0]).toMatchObject({
      status: 'failed',
      code: 'SUBMIT_UNCONFIRMED',
      category: 'transient',
    });
    expect(sb.stores.oppo.state.submissions).toHaveLength(0);
    const again = await sb.run(['publish', universal, '--store', 'oppo', '--notes', notes, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).results[0]).toMatchObject({ status: 'submitted' });
    expect(sb.stores.oppo.state.submissions.filter((s) => s.errno === 0)).toHaveLength(1);
  });
});
