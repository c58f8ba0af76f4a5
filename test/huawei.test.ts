/** Huawei end to end: the built CLI against the Huawei emulator (scenarios: src/stores/huawei/index.test.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_PROJECT_CLIENT_ID, SANDBOX_PROJECT_CLIENT_SECRET } from '../src/sandbox/huawei.js';
import { fixture, requests, runCli, withSandbox, type SandboxSetup } from './helpers.js';

let sb: SandboxSetup;
beforeEach(async () => {
  sb = await withSandbox(['huawei']);
});
afterEach(() => sb.close());

const MUTATING = /for-obs|\/obs\/|app-file-info|app-language-info|app-submit/;
const universal = fixture('apk/app-universal.apk');
const bundle = fixture('aab/app.aab');
const notes = 'Bug fixes and stability improvements';
const bar = () => sb.stores.huawei.state.apps.get('100000001')!;

describe('appstores info --store huawei', () => {
  it('shows the app, human and --json, and the store response with --raw', async () => {
    const human = await sb.run(['info', '--store', 'huawei', '--pkg', 'com.foo.bar']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(
      /app\s+富吧 {2}\(id 100000001\)\nlive\s+6\.0\.0 \(6000000\)\npending\s+—\nreview\s+live {2}\(0 released\)/,
    );
    const info = JSON.parse((await sb.run(['info', '--store', 'huawei', '--pkg', 'com.foo.other', '--json'])).stdout);
    expect(info).toEqual({
      store: 'huawei',
      package: 'com.foo.other',
      appId: '100000002',
      appName: '富吧',
      live: { versionCode: 6000000, versionName: '6.0.0' },
      pending: { versionCode: 6100000, versionName: '6.10.0' },
      review: { state: 'reviewing', reason: null, storeState: '5 update in review' },
    });
    const raw = JSON.parse(
      (await sb.run(['info', '--store', 'huawei', '--pkg', 'com.foo.bar', '--json', '--raw'])).stdout,
    );
    expect(raw.raw.appInfo).toMatchObject({ releaseState: 0, onShelfVersionCode: '6000000' });
  });
});

describe('appstores publish --store huawei', () => {
  it('publishes an APK, the compile wait visible in progress', async () => {
    const r = await sb.run(['publish', universal, '--store', 'huawei', '--notes', notes, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({
      store: 'huawei',
      status: 'submitted',
      message: expect.stringMatching(/in review$/),
    });
    expect(r.stderr).toMatch(/huawei {2}waiting for Huawei to process the package/);
    expect(bar()).toMatchObject({ releaseState: 5, latest: { versionCode: 6100000 } });
    // The default emulator answers the first submit "being processed": sent again, accepted once.
    expect(sb.stores.huawei.state.submissions.map((s) => s.code)).toEqual([204144660, 0]);
  });

  it('publishes the AAB fixture as a phased release to 10 %', async () => {
    const r = await sb.run([
      'publish',
      bundle,
      '--store',
      'huawei',
      '--notes',
      notes,
      '--phased',
      '10',
      '--phased-end',
      '2099-01-08T10:00:00+08:00',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^AAB com\.foo\.bar 6\.10\.0 \(6100000\)/);
    expect(r.stdout).toMatch(/✔ huawei\s+submitted .*phased to 10\.00% from .* to 2099-01-08T10:00:00\+0800/);
    expect(bar().phased).toMatchObject({
      phasedReleasePercent: '10.00',
      phasedReleaseEndTime: '2099-01-08T10:00:00+0800',
    });
    const typed = sb.sandbox.log.filter((e) =>
      /app-info|for-obs|app-file-info|app-language-info|app-submit/.test(e.path),
    );
    expect(new Set(typed.map((e) => new URLSearchParams(e.query).get('releaseType')))).toEqual(new Set(['3']));
  });

  it('schedules the release in +0800', async () => {
    const r = await sb.run([
      'publish',
      universal,
      '--store',
      'huawei',
      '--notes',
      notes,
      '--schedule',
      '2099-06-20T02:00:00Z',
    ]);
    expect(r.code).toBe(0);
    expect(bar().releaseTime).toBe('2099-06-20T10:00:00+0800');
  });

  it('sends no mutating request in a dry run', async () => {
    const r = await sb.run(['publish', bundle, '--store', 'huawei', '--notes', notes, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/○ huawei\s+planned\s+would upload app\.aab and submit 6\.10\.0 \(6100000\) for review/);
    expect(requests(sb.sandbox, 'huawei').filter((q) => MUTATING.test(q))).toEqual([]);
  });

  it("refuses a version while another is in review (204144647), and a full draft with Huawei's code, one line each", async () => {
    Object.assign(bar(), { releaseState: 5, latest: { versionCode: 6050000, versionName: '6.5.0' } });
    const inReview = await sb.run(['publish', universal, '--store', 'huawei', '--notes', notes]);
    expect(inReview.code).toBe(1);
    expect(inReview.stdout).toMatch(
      /✖ huawei\s+failed\s+\[conflict\] IN_REVIEW \(store code 204144647\): Huawei has 6\.5\.0 \(6050000\) in review \(5 update in review\)/,
    );
    Object.assign(bar(), { releaseState: 0, latest: bar().live, packageCount: 300 });
    const full = await sb.run(['publish', universal, '--store', 'huawei', '--notes', notes, '--json']);
    expect(full.code).toBe(1);
    const result = JSON.parse(full.stdout).results[0];
    expect(result).toMatchObject({ status: 'failed', code: 'FILE_REJECTED', storeCode: 204144662 });
    expect(result.message).toBe(
      "app-file-info: the store did not add the package (at most 300 packages per app) (Huawei 204144662: add APK failed: 90200503 the app's packages exceeds the upper limit)",
    );
    expect(sb.stores.huawei.state.submissions).toEqual([]);
  });

  it('refuses notes over 500 characters before uploading, exit 3', async () => {
    const r = await sb.run(['publish', universal, '--store', 'huawei', '--notes', 'x'.repeat(501)]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(
      /✖ huawei\s+failed\s+\[config\] NOTES_TOO_LONG: the release notes have 501 characters; Huawei AppGallery Connect takes 1–500/,
    );
    expect(requests(sb.sandbox, 'huawei').filter((q) => MUTATING.test(q))).toEqual([]);
  });
});

describe('App Bundles and --phased with other stores', () => {
  it('an APK-only store refuses the AAB, and a store without phased release refuses --phased, at the checks, one line', async () => {
    const both = await withSandbox(['huawei', 'oppo']);
    try {
      const aab = await both.run(['publish', bundle, '--notes', notes]);
      expect(aab.code).toBe(3);
      expect(aab.stderr).toMatch(
        /^error: oppo: OPPO App Market \(OPPO 软件商店\) takes only APKs, not the App Bundle app\.aab \[AAB_NOT_SUPPORTED\]\nhint: bind an APK to it \(oppo=app\.apk\)/,
      );
      const phased = await both.run(['publish', universal, '--notes', notes, '--phased', '10']);
      expect(phased.code).toBe(3);
      expect(phased.stderr).toMatch(
        /OPPO .* has no phased release through its API, so --phased cannot apply to it \[PHASED_NOT_SUPPORTED\]/,
      );
      expect(both.sandbox.log).toEqual([]);
    } finally {
      await both.close();
    }
  });
});

describe('appstores doctor --store huawei', () => {
  it('accepts an API client and a Service Account key file; names a project-level client', async () => {
    expect((await sb.run(['doctor', '--store', 'huawei'])).code).toBe(0);
    const saConfig = join(sb.dir, 'sa.config.json');
    writeFileSync(
      saConfig,
      JSON.stringify({
        stores: {
          huawei: {
            serviceAccount: { file: fixture('huawei/agc-apiclient.json') },
            baseUrl: sb.sandbox.baseUrl('huawei'),
          },
        },
      }),
    );
    const sa = await runCli(['doctor', '--store', 'huawei', '--config', saConfig], { env: sb.env, cwd: sb.dir });
    expect(sa.code).toBe(0);
    expect(sa.stdout + sa.stderr).not.toContain('PRIVATE KEY');
    const project = await sb.run(['doctor', '--store', 'huawei', '--json'], {
      APPSTORES_HUAWEI_CLIENT_ID: SANDBOX_PROJECT_CLIENT_ID,
      APPSTORES_HUAWEI_CLIENT_SECRET: SANDBOX_PROJECT_CLIENT_SECRET,
    });
    expect(project.code).toBe(3);
    const error = JSON.parse(project.stdout).stores[0].error;
    expect(error).toMatchObject({ code: 'NO_API_PERMISSION', storeCode: 403 });
    expect(error.hint).toMatch(/team-level.*Project "N\/A"/);
  });
});
