/** Xiaomi end to end: the built CLI against the Xiaomi emulator. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, requests, withSandbox, type SandboxSetup } from './helpers.js';

let sb: SandboxSetup;
beforeEach(async () => {
  sb = await withSandbox(['xiaomi']);
});
afterEach(() => sb.close());

const universal = fixture('apk/app-universal.apk');
const notes = 'Bug fixes and stability improvements';
const pushes = () => requests(sb.sandbox, 'xiaomi').filter((q) => q.includes('/dev/push'));

describe('appstores info --store xiaomi', () => {
  it('shows the live version, and says the review state is inferred', async () => {
    const human = await sb.run(['info', '--store', 'xiaomi', '--pkg', 'com.foo.bar']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/live\s+6\.9\.1 \(6091000\)/);
    const info = JSON.parse((await sb.run(['info', '--store', 'xiaomi', '--pkg', 'com.foo.bar', '--json'])).stdout);
    expect(info).toMatchObject({
      store: 'xiaomi',
      appName: '测试应用',
      live: { versionCode: 6091000 },
      review: { state: 'live' },
    });
    expect(info.review.storeState).toMatch(/inferred/);
    const raw = JSON.parse(
      (await sb.run(['info', '--store', 'xiaomi', '--pkg', 'com.foo.bar', '--json', '--raw'])).stdout,
    );
    expect(raw.raw).toMatchObject({ result: 0, updateVersion: true });
  });
});

describe('appstores publish --store xiaomi', () => {
  it('pushes the APK and the launcher icon once, then shows the app in review', async () => {
    const r = await sb.run(['publish', universal, '--store', 'xiaomi', '--notes', notes, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ store: 'xiaomi', status: 'submitted' });
    expect(pushes()).toHaveLength(1);
    const [submission] = sb.stores.xiaomi.state.submissions;
    expect(Object.keys(submission!.parts).sort()).toEqual(['apk', 'icon']);
    expect(submission!.appInfo).toMatchObject({ packageName: 'com.foo.bar', appName: '测试应用', updateDesc: notes });
    const info = JSON.parse((await sb.run(['info', '--store', 'xiaomi', '--pkg', 'com.foo.bar', '--json'])).stdout);
    expect(info.review.state).toBe('reviewing');
    // Run again: the submit journal knows the version in review is ours, so skipped, exit 0. On a
    // fresh machine APPSTORES_XIAOMI_IN_REVIEW says it (without it: IN_REVIEW, see the adapter test).
    const again = await sb.run(['publish', universal, '--store', 'xiaomi', '--notes', notes, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).results[0]).toMatchObject({ status: 'skipped' });
    const fresh = { APPSTORES_CACHE_DIR: `${sb.dir}/fresh-cache`, APPSTORES_XIAOMI_IN_REVIEW: '6100000' };
    expect((await sb.run(['publish', universal, '--store', 'xiaomi', '--notes', notes], fresh)).code).toBe(0);
    expect(pushes()).toHaveLength(1);
  });

  it('sends a split pair as apk + secondApk', async () => {
    const r = await sb.run([
      'publish',
      fixture('apk/app-armeabi-v7a.apk'),
      fixture('apk/app-arm64-v8a.apk'),
      '--store',
      'xiaomi',
      '--notes',
      notes,
    ]);
    expect(r.code).toBe(0);
    const [submission] = sb.stores.xiaomi.state.submissions;
    expect(submission!.apks.map((a) => a.field).sort()).toEqual(['apk', 'secondApk']);
    expect(submission!.ignoredParts).toEqual([]);
  });

  it('schedules with onlineTime in epoch milliseconds', async () => {
    const r = await sb.run([
      'publish',
      universal,
      '--store',
      'xiaomi',
      '--notes',
      notes,
      '--schedule',
      '2030-01-01T00:00:00Z',
    ]);
    expect(r.code).toBe(0);
    expect(sb.stores.xiaomi.state.submissions[0]!.onlineTime).toBe(Date.parse('2030-01-01T00:00:00Z'));
  });

  it('sends no push in a dry run', async () => {
    const r = await sb.run(['publish', universal, '--store', 'xiaomi', '--notes', notes, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/○ xiaomi\s+planned/);
    expect(pushes()).toEqual([]);
  });

  it('refuses a lower versionCode before pushing, exit 1', async () => {
    const r = await sb.run(['publish', fixture('apk/app-old.apk'), '--store', 'xiaomi', '--notes', notes]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ xiaomi\s+failed\s+\[rejected\]/);
    expect(pushes()).toEqual([]);
  });

  it('queries after a push whose answer was lost, and does not push again', async () => {
    sb.sandbox.inject({ store: 'xiaomi', match: '/dev/push', fault: { kind: 'drop-response' } });
    const r = await sb.run(['publish', universal, '--store', 'xiaomi', '--notes', notes, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0].status).toBe('submitted');
    expect(pushes()).toHaveLength(1);
    expect(requests(sb.sandbox, 'xiaomi').filter((q) => q.includes('/dev/query')).length).toBeGreaterThan(1);
  });
});

describe('appstores doctor --store xiaomi', () => {
  it("accepts the sandbox credentials, and names a wrong private key with Xiaomi's code", async () => {
    expect((await sb.run(['doctor', '--store', 'xiaomi'])).code).toBe(0);
    const bad = await sb.run(['doctor', '--store', 'xiaomi', '--json'], {
      APPSTORES_XIAOMI_PRIVATE_KEY: 'reset-on-the-console',
    });
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout).stores[0].error).toMatchObject({ category: 'auth', storeCode: -20014 });
  });
});
