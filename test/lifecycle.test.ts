/**
 * After the submit, end to end: `release` and `rollout` through the built CLI against the
 * emulated stores (Apple, Huawei; OPPO for a store without these APIs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, requests, withSandbox, type SandboxSetup } from './helpers.js';

let sb: SandboxSetup;
beforeEach(async () => {
  sb = await withSandbox(['apple', 'huawei', 'oppo', 'honor']);
});
afterEach(() => sb.close());

const MUTATING = /^(POST|PATCH|PUT|DELETE) /;
const appleVersion = () => sb.stores.apple.state.versions.find((v) => v.versionString === '6.10.0')!;
const applePhased = () => sb.stores.apple.state.phasedReleases.find((p) => p.versionId === appleVersion().id);
const byStore = (stdout: string) =>
  Object.fromEntries(JSON.parse(stdout).results.map((r: { store: string }) => [r.store, r]));

describe('appstores release', () => {
  it('releases an Apple MANUAL version once approved; no-op lines where it does not apply; rollout pause / resume / complete, percent refused', async () => {
    const publish = await sb.run([
      'publish',
      fixture('ipa/app.ipa'),
      '--store',
      'apple',
      '--notes',
      'Bug fixes',
      '--manual-release',
      '--phased',
    ]);
    expect(publish.code, publish.stderr).toBe(0);
    sb.stores.apple.approve(appleVersion().id);
    expect(appleVersion().appVersionState).toBe('PENDING_DEVELOPER_RELEASE');

    const release = await sb.run(['release', '--pkg', 'com.foo.bar', '--json']);
    expect(release.code, release.stderr).toBe(0);
    const results = byStore(release.stdout);
    expect(results.apple).toMatchObject({
      status: 'done',
      message: expect.stringMatching(/released version 6\.10\.0/),
    });
    // Huawei's version is live already, OPPO has no such API: plain no-op lines.
    expect(results.huawei).toMatchObject({
      status: 'noop',
      message: expect.stringMatching(/not approved and waiting/),
    });
    expect(results.oppo).toMatchObject({ status: 'noop', message: expect.stringMatching(/has no manual release/) });
    expect(appleVersion().appVersionState).toBe('READY_FOR_DISTRIBUTION');
    expect(applePhased()?.phasedReleaseState).toBe('ACTIVE');
    const releasePosts = () =>
      requests(sb.sandbox, 'apple').filter((r) => r === 'POST /v1/appStoreVersionReleaseRequests');
    expect(releasePosts()).toHaveLength(1);
    expect(requests(sb.sandbox, 'huawei').filter((r) => MUTATING.test(r) && r.includes('/publish/'))).toEqual([]);

    const again = await sb.run(['release', '--store', 'apple', '--pkg', 'com.foo.bar']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^apple: no-op: nothing to release: version 6\.10\.0 .*is READY_FOR_DISTRIBUTION/);
    expect(releasePosts()).toHaveLength(1);

    for (const [op, state] of [
      ['pause', 'PAUSED'],
      ['resume', 'ACTIVE'],
      ['complete', 'COMPLETE'],
    ] as const) {
      const r = await sb.run(['rollout', op, '--store', 'apple', '--pkg', 'com.foo.bar']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`→ ${state}`);
      expect(applePhased()?.phasedReleaseState).toBe(state);
    }
    const patches = () =>
      requests(sb.sandbox, 'apple').filter((r) => r.startsWith('PATCH /v1/appStoreVersionPhasedReleases/'));
    expect(patches()).toHaveLength(3);

    const percent = await sb.run(['rollout', 'percent', '20', '--store', 'apple', '--pkg', 'com.foo.bar']);
    expect(percent.code).toBe(2);
    expect(percent.stderr).toMatch(/fixed 7-day schedule/);
    expect(percent.stderr).toMatch(/hint: .*pause\|resume\|complete/);
    expect(patches()).toHaveLength(3);
  });
});

describe('appstores rollout (Huawei, Honor)', () => {
  it('sets the percent of a running phased release and pauses it; OPPO is a no-op line', async () => {
    const app = sb.stores.huawei.state.apps.get('100000001')!;
    // A phased release that went live (what `publish --phased 10` and the review leave behind).
    app.releaseState = 0;
    app.phased = {
      state: 'RELEASE',
      phasedReleaseStartTime: '2026-01-01T10:00:00+0800',
      phasedReleaseEndTime: '2099-01-08T10:00:00+0800',
      phasedReleasePercent: '10.00',
      phasedReleaseDescription: '',
    };
    const percent = await sb.run([
      'rollout',
      'percent',
      '20',
      '--store',
      'huawei,oppo',
      '--pkg',
      'com.foo.bar',
      '--json',
    ]);
    expect(percent.code, percent.stderr).toBe(0);
    const results = byStore(percent.stdout);
    expect(results.huawei).toMatchObject({
      status: 'done',
      message: 'phased release: RELEASE 10.00 % → RELEASE 20.00 %',
    });
    expect(results.oppo).toMatchObject({ status: 'noop', message: expect.stringMatching(/has no rollout API/) });
    expect(app.phased).toMatchObject({
      state: 'RELEASE',
      phasedReleasePercent: '20.00',
      phasedReleaseEndTime: '2099-01-08T10:00:00+0800',
    });

    // Honor: a phased release started on the console; its call is UNCONFIRMED and says so.
    const honor = [...sb.stores.honor.state.apps.values()].find((a) => a.packageName === 'com.foo.bar')!;
    honor.phased = { state: 'RUNNING' };
    const pause = await sb.run(['rollout', 'pause', '--store', 'huawei,honor', '--pkg', 'com.foo.bar']);
    expect(pause.code, pause.stderr).toBe(0);
    expect(pause.stdout).toMatch(/^honor: phased release: pause sent \(operationType 3\)$/m);
    expect(pause.stderr).toMatch(/^warning: honor: .*UNCONFIRMED/m);
    expect(honor.phased).toEqual({ state: 'PAUSED' });
    expect(app.phased).toMatchObject({ state: 'SUSPEND', phasedReleasePercent: '20.00' });
    expect(requests(sb.sandbox, 'huawei').filter((r) => r === 'PUT /publish/v2/phased-release')).toHaveLength(2);
  });
});

describe('appstores withdraw (Huawei, UNCONFIRMED)', () => {
  it('withdraws the Huawei update in review with a warning line; OPPO says it has no API', async () => {
    const app = sb.stores.huawei.state.apps.get('100000001')!;
    Object.assign(app, { latest: { versionCode: 6100000, versionName: '6.10.0' }, releaseState: 5 });
    const r = await sb.run(['withdraw', '--store', 'huawei,oppo', '--pkg', 'com.foo.bar', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^huawei +withdrawn +version 6\.10\.0 \(6100000\) withdrawn from review/m);
    expect(r.stdout).toMatch(/^oppo +unsupported /m);
    expect(r.stderr).toMatch(/^warning: huawei: .*UNCONFIRMED/m);
    expect(app.releaseState).toBe(11);
    const again = await sb.run(['withdraw', '--store', 'huawei', '--pkg', 'com.foo.bar', '--yes', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).results).toEqual([
      expect.objectContaining({ store: 'huawei', status: 'nothing', warning: expect.stringContaining('UNCONFIRMED') }),
    ]);
    expect(requests(sb.sandbox, 'huawei').filter((x) => x === 'POST /publish/v1/app-info/withdraw')).toHaveLength(1);
  });
});

describe('publish --notes-dir', () => {
  it('three locales reach Apple, Huawei and Honor per locale, the zh-CN notes (or its store override) the others; locales the dir lacks are named', async () => {
    const dir = join(sb.dir, 'metadata');
    const files: Record<string, string> = {
      'zh-CN/changelogs/default.txt': '修复若干问题，提升稳定性',
      'zh-CN/changelogs/oppo.txt': 'OPPO 版：修复若干问题',
      'en-US/changelogs/6100000.txt': 'Bug fixes and stability improvements',
      'en-US/changelogs/6100000.honor.txt': 'Bug fixes for HONOR phones',
      'ja/changelogs/default.txt': 'バグ修正',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    // Locales the stores have beyond en-US / zh-CN: Apple's zh-Hans is the dir's zh-CN, fr-FR it lacks.
    for (const locale of ['zh-Hans', 'fr-FR']) {
      sb.stores.apple.state.localizations.push({
        id: `loc-6.9.1-${locale}`,
        versionId: 'version-6.9.1',
        locale,
        whatsNew: 'old',
        description: 'Foo Bar',
      });
    }
    const huawei = sb.stores.huawei.state.apps.get('100000001')!;
    huawei.languages.push({ ...huawei.languages[1]!, lang: 'fr-FR', newFeatures: 'ancien' });
    const args = [
      'publish',
      fixture('apk/app-universal.apk'),
      fixture('ipa/app.ipa'),
      '--store',
      'apple,huawei,honor,oppo',
      '--notes-dir',
      dir,
      '--json',
    ];
    const LACKS_FR = 'no notes in --notes-dir for fr-FR (left as it is in the store)';

    const dry = await sb.run([...args, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    const planned = byStore(dry.stdout);
    expect(planned.apple.message).toContain(LACKS_FR);
    expect(planned.huawei.message).toContain(LACKS_FR);
    expect(planned.honor.message).toContain('set the en-US, zh-CN notes');
    expect(planned.honor.message).not.toContain('no notes in --notes-dir');
    expect(planned.oppo.message).not.toContain('no notes in --notes-dir');
    const human = await sb.run(args.filter((a) => a !== '--json').concat('--dry-run'));
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^○ apple +planned .*no notes in --notes-dir for fr-FR/m);
    expect(human.stdout).toMatch(/^○ huawei +planned .*no notes in --notes-dir for fr-FR/m);

    const r = await sb.run(args);
    expect(r.code, r.stderr).toBe(0);
    const results = byStore(r.stdout);
    expect(results.huawei.message).toContain(LACKS_FR);
    expect(results.apple.message).toContain(LACKS_FR);
    expect(Object.fromEntries(huawei.languages.map((l) => [l.lang, l.newFeatures]))).toEqual({
      'zh-CN': '修复若干问题，提升稳定性',
      'en-US': 'Bug fixes and stability improvements',
      'fr-FR': 'ancien',
    });
    const whatsNew = Object.fromEntries(
      sb.stores.apple.state.localizations
        .filter((l) => l.versionId === appleVersion().id)
        .map((l) => [l.locale, l.whatsNew]),
    );
    expect(whatsNew).toEqual({
      'en-US': 'Bug fixes and stability improvements',
      'zh-Hans': '修复若干问题，提升稳定性',
      'fr-FR': null,
    });
    // Honor: both of its languages in one update-language-info, its own en-US override winning.
    const honor = sb.stores.honor.state;
    const honorRelease = honor.releases.get(results.honor.reference)!;
    expect(honorRelease.newFeatures).toEqual({
      'en-US': 'Bug fixes for HONOR phones',
      'zh-CN': '修复若干问题，提升稳定性',
    });
    expect(honor.languageUpdates).toHaveLength(1);
    expect(honor.languageUpdates[0]).toMatchObject({ setAll: 0 });
    // OPPO has one language: zh-CN, and its own override wins.
    expect(sb.stores.oppo.state.submissions.at(-1)!.fields.update_desc).toBe('OPPO 版：修复若干问题');
  });

  it('checks every store per locale before any upload, every problem in one error', async () => {
    const dir = join(sb.dir, 'bad-metadata');
    const files: Record<string, string> = {
      'zh-CN/changelogs/default.txt': '修复若干问题',
      'en-US/changelogs/default.txt': 'x'.repeat(501),
      'en-US/changelogs/apple.txt': 'Bug fixes',
      'ja/changelogs/honor.txt': 'y'.repeat(600),
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const r = await sb.run([
      'publish',
      fixture('apk/app-universal.apk'),
      fixture('ipa/app.ipa'),
      '--store',
      'apple,huawei,honor,oppo',
      '--notes-dir',
      dir,
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /^error: 3 release-notes problems: huawei en-US: .*501.*; honor en-US: .*501.*; honor ja: .*600/m,
    );
    expect(r.stderr).toContain('nothing was sent to any store');
    expect(sb.sandbox.log).toEqual([]);
  });
});
