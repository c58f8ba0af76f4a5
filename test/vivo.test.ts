/** vivo end to end: the built CLI against the vivo emulator. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, requests, withSandbox, type SandboxSetup } from './helpers.js';

let sb: SandboxSetup;
beforeEach(async () => {
  sb = await withSandbox(['vivo']);
});
afterEach(() => sb.close());

const MUTATING = /app\.upload|app\.sync/;
const universal = fixture('apk/app-universal.apk');
const notes = 'Bug fixes and stability improvements';

describe('appstores info --store vivo', () => {
  it('shows the app, human and --json, and the store response with --raw', async () => {
    const human = await sb.run(['info', '--store', 'vivo', '--pkg', 'com.foo.bar']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/live\s+6\.9\.1 \(6091000\)/);
    const info = JSON.parse((await sb.run(['info', '--store', 'vivo', '--pkg', 'com.foo.bar', '--json'])).stdout);
    expect(info).toMatchObject({
      store: 'vivo',
      appName: '测试应用',
      live: { versionCode: 6091000, versionName: '6.9.1' },
      review: { state: 'live', storeState: expect.stringContaining('status=3') },
    });
    const raw = JSON.parse(
      (await sb.run(['info', '--store', 'vivo', '--pkg', 'com.foo.bar', '--json', '--raw'])).stdout,
    );
    // vivo sends versionCode as a string; --raw shows the store's own answer.
    expect(JSON.stringify(raw.raw)).toContain('"versionCode":"6091000"');
  });
});

describe('appstores publish --store vivo', () => {
  it('uploads with fileMd5 and syncs once, echoing compatibleDevice', async () => {
    const r = await sb.run(['publish', universal, '--store', 'vivo', '--notes', notes, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ store: 'vivo', status: 'submitted' });
    const [submission] = sb.stores.vivo.state.submissions;
    expect(submission).toMatchObject({
      method: 'app.sync.update.app',
      versionCode: 6100000,
      onlineType: 1,
      updateDesc: notes,
    });
    // Echoed from app.query.details (the seed says 1), never hard-coded.
    expect(submission!.compatibleDevice).toBe('1');
    expect(requests(sb.sandbox, 'vivo').filter((q) => q.includes('app.sync'))).toHaveLength(1);
  });

  it('sends a split pair as .32 and .64 uploads and a subpackage sync', async () => {
    const r = await sb.run([
      'publish',
      fixture('apk/app-armeabi-v7a.apk'),
      fixture('apk/app-arm64-v8a.apk'),
      '--store',
      'vivo',
      '--notes',
      notes,
    ]);
    expect(r.code).toBe(0);
    const seen = requests(sb.sandbox, 'vivo');
    expect(seen.filter((q) => q.endsWith('app.upload.apk.app.32'))).toHaveLength(1);
    expect(seen.filter((q) => q.endsWith('app.upload.apk.app.64'))).toHaveLength(1);
    expect(sb.stores.vivo.state.submissions[0]!.method).toBe('app.sync.update.subpackage.app');
  });

  it('schedules in Beijing time', async () => {
    const r = await sb.run([
      'publish',
      universal,
      '--store',
      'vivo',
      '--notes',
      notes,
      '--schedule',
      '2030-06-01T00:00:00Z',
    ]);
    expect(r.code).toBe(0);
    expect(sb.stores.vivo.state.submissions[0]).toMatchObject({ onlineType: 2, scheOnlineTime: '2030-06-01 08:00:00' });
  });

  it('sends no mutating request in a dry run', async () => {
    const r = await sb.run(['publish', universal, '--store', 'vivo', '--notes', notes, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/○ vivo\s+planned/);
    expect(requests(sb.sandbox, 'vivo').filter((q) => MUTATING.test(q))).toEqual([]);
  });

  it("surfaces a signing certificate that differs from the live version as one line with vivo's code, exit 1", async () => {
    const r = await sb.run([
      'publish',
      fixture('apk/app-other-signer.apk'),
      '--store',
      'vivo',
      '--notes',
      notes,
      '--json',
    ]);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout).results[0];
    expect(result).toMatchObject({ store: 'vivo', status: 'failed', category: 'rejected' });
    expect(String(result.storeCode)).toBe('15042');
    expect(result.message).not.toContain('\n');
    expect(sb.stores.vivo.state.submissions).toEqual([]);
  });

  it('refuses a lower versionCode before uploading', async () => {
    const r = await sb.run(['publish', fixture('apk/app-old.apk'), '--store', 'vivo', '--notes', notes]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ vivo\s+failed\s+\[rejected\]/);
    expect(requests(sb.sandbox, 'vivo').filter((q) => MUTATING.test(q))).toEqual([]);
  });

  it('retries a reset in the middle of the upload', async () => {
    sb.sandbox.inject({ store: 'vivo', match: 'method=app.upload.apk.app', fault: { kind: 'reset' } });
    const r = await sb.run(['publish', universal, '--store', 'vivo', '--notes', notes]);
    expect(r.code).toBe(0);
    expect(sb.sandbox.log.filter((e) => e.store === 'vivo' && e.fault === 'reset')).toHaveLength(1);
  });

  it('queries after a dropped sync instead of syncing twice', async () => {
    sb.sandbox.inject({ store: 'vivo', match: 'method=app.sync.update.app', fault: { kind: 'drop-response' } });
    const r = await sb.run(['publish', universal, '--store', 'vivo', '--notes', notes, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0].status).toBe('submitted');
    expect(requests(sb.sandbox, 'vivo').filter((q) => q.includes('app.sync'))).toHaveLength(1);
  });
});

describe('appstores doctor --store vivo', () => {
  it("accepts the sandbox credentials and names a wrong secret with vivo's code", async () => {
    expect((await sb.run(['doctor', '--store', 'vivo'])).code).toBe(0);
    const bad = await sb.run(['doctor', '--store', 'vivo', '--json'], {
      APPSTORES_VIVO_ACCESS_SECRET: 'wrong-secret-value',
    });
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout).stores[0].error).toMatchObject({ category: 'auth', storeCode: 10001 });
  });
});
