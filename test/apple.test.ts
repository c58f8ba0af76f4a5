/** Apple end to end: the built CLI against the emulated App Store Connect (scenarios: src/stores/apple/adapter.test.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, requests, runCli, withSandbox, type SandboxSetup } from './helpers.js';

let sb: SandboxSetup;
beforeEach(async () => {
  sb = await withSandbox(['apple']);
});
afterEach(() => sb.close());

const ipa = fixture('ipa/app.ipa');
const notes = 'Bug fixes and stability improvements';
const MUTATING = /^(POST|PATCH|PUT|DELETE) /;
const version = () => sb.stores.apple.state.versions.find((v) => v.versionString === '6.10.0');
const result = (stdout: string) => JSON.parse(stdout).results[0];

describe('appstores info --store apple', () => {
  it('shows the exact bundle id (not the prefix match), human, --json and --raw', async () => {
    const human = await sb.run(['info', '--store', 'apple', '--pkg', 'com.foo.bar']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/app\s+Foo Bar\s+\(id 1500000001\)/);
    expect(human.stdout).toMatch(/live\s+6\.9\.1 \(6091000\)/);
    const info = JSON.parse((await sb.run(['info', '--store', 'apple', '--pkg', 'com.foo.bar', '--json'])).stdout);
    expect(info).toMatchObject({ store: 'apple', appId: '1500000001', appName: 'Foo Bar', review: { state: 'live' } });
    const raw = JSON.parse(
      (await sb.run(['info', '--store', 'apple', '--pkg', 'com.foo.bar', '--json', '--raw'])).stdout,
    );
    expect(raw.raw.app.attributes.bundleId).toBe('com.foo.bar');
    // The filter answered both apps; only the exact one is shown.
    expect(JSON.stringify(raw)).not.toContain('1500000002');
  });
});

describe('appstores publish --store apple', () => {
  it('takes the IPA to waiting for review, every upload operation honoured, with timed progress', async () => {
    const r = await sb.run(['publish', ipa, '--store', 'apple', '--notes', notes, '--json', '--verbose']);
    expect(r.code, r.stderr).toBe(0);
    expect(result(r.stdout)).toMatchObject({ store: 'apple', status: 'submitted', category: null });
    const [file] = sb.stores.apple.state.files;
    // --verbose logged every request, yet no JWT, no key and no pre-signed upload URL token shows.
    expect(r.stderr).toMatch(/\[apple\] PATCH /);
    const pem = String(sb.sandbox.config().stores.apple!.privateKey).split('\n')[1]!;
    for (const secret of ['eyJhbGciOiJFUzI1NiIs', pem, ...file!.parts.map((p) => p.token)]) {
      expect(r.stdout + r.stderr).not.toContain(secret);
    }
    expect(file!.parts.length).toBeGreaterThanOrEqual(3);
    expect(file!.parts.every((p) => p.received?.size === p.length)).toBe(true);
    expect(version()).toMatchObject({ appVersionState: 'WAITING_FOR_REVIEW', releaseType: 'AFTER_APPROVAL' });
    expect(sb.stores.apple.state.submitCalls).toHaveLength(1);
    expect(result(r.stdout).message).toMatch(
      /uploaded in [\d.]+ s, Apple processed it in [\d.]+ s, submitted in [\d.]+ s/,
    );
    expect(r.stderr).toMatch(/apple\s+uploading app\.ipa to Apple \(\d parts\) 100%/);
    expect(r.stderr).toMatch(/apple\s+Apple is processing build 6\.10\.0 \(6100000\)/);
    expect(r.stderr).toMatch(/apple\s+submitting version 6\.10\.0 \(6100000\)/);
  });

  it('--schedule sets SCHEDULED at a whole hour; --manual-release MANUAL; --phased an INACTIVE phased release', async () => {
    const scheduled = await sb.run([
      'publish',
      ipa,
      '--store',
      'apple',
      '--notes',
      notes,
      '--schedule',
      '2030-06-01T08:20:00Z',
      '--phased',
    ]);
    expect(scheduled.code, scheduled.stderr).toBe(0);
    expect(version()).toMatchObject({ releaseType: 'SCHEDULED', earliestReleaseDate: '2030-06-01T09:00:00Z' });
    expect(sb.stores.apple.state.phasedReleases).toEqual([expect.objectContaining({ phasedReleaseState: 'INACTIVE' })]);

    sb.stores.apple.reject(version()!.id);
    const manual = await sb.run(['publish', ipa, '--store', 'apple', '--notes', notes, '--manual-release']);
    expect(manual.code, manual.stderr).toBe(0);
    expect(version()).toMatchObject({ releaseType: 'MANUAL', appVersionState: 'WAITING_FOR_REVIEW' });
    expect(manual.stdout).toContain('held for a manual release after approval');
  });

  it('sends no mutating request in a dry run', async () => {
    const r = await sb.run(['publish', ipa, '--store', 'apple', '--notes', notes, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/○ apple\s+planned\s+upload app\.ipa/);
    expect(requests(sb.sandbox, 'apple').filter((q) => MUTATING.test(q))).toEqual([]);
  });

  it('doctor checks the key with a signed read', async () => {
    const r = await sb.run(['doctor', '--store', 'apple']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(requests(sb.sandbox, 'apple')).toEqual(['GET /v1/apps']);
  });
});

describe('appstores publish --store apple under faults', () => {
  it('re-mints an expired JWT mid-run', async () => {
    sb.stores.apple.state.expireTokenOn = 'POST /v1/buildUploadFiles';
    const r = await sb.run(['publish', ipa, '--store', 'apple', '--notes', notes, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(sb.sandbox.log.filter((e) => e.path === '/v1/buildUploadFiles').map((e) => e.status)).toEqual([401, 201]);
  });

  it('retries a part upload reset mid-body alone', async () => {
    sb.sandbox.inject({ store: 'apple', match: '/upload/', method: 'PUT', fault: { kind: 'reset', afterBytes: 100 } });
    const r = await sb.run(['publish', ipa, '--store', 'apple', '--notes', notes, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const puts = sb.sandbox.log.filter((e) => e.method === 'PUT');
    expect(puts).toHaveLength(sb.stores.apple.state.files[0]!.parts.length + 1);
    expect(puts.filter((e) => e.status === null)).toHaveLength(1);
  });

  it('confirms a lost submit answer from the version state and never repeats it', async () => {
    sb.sandbox.inject({
      store: 'apple',
      match: '/v1/reviewSubmissions/',
      method: 'PATCH',
      fault: { kind: 'drop-response' },
    });
    const r = await sb.run(['publish', ipa, '--store', 'apple', '--notes', notes, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(result(r.stdout).message).toContain('its appVersionState is WAITING_FOR_REVIEW');
    expect(
      sb.sandbox.log.filter((e) => e.method === 'PATCH' && e.path.startsWith('/v1/reviewSubmissions/')),
    ).toHaveLength(1);
    expect(sb.stores.apple.state.submitCalls).toHaveLength(1);
  });

  it("shows Apple's refusal of a second submission as one line with Apple's code", async () => {
    expect((await sb.run(['publish', ipa, '--store', 'apple', '--notes', notes])).code).toBe(0);
    version()!.appVersionState = 'PREPARE_FOR_SUBMISSION';
    const r = await sb.run(['publish', ipa, '--store', 'apple', '--notes', notes]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /✖ apple\s+failed\s+\[conflict\] IN_REVIEW \(store code STATE_ERROR\): open a review submission: another review submission of this app is open at Apple \(Apple STATE_ERROR: [^\n]+\) \d+ ms\n/,
    );
  });

  it('refuses to guess export compliance: one line, exit 3, nothing sent', async () => {
    const config = JSON.parse(JSON.stringify(sb.sandbox.config()));
    delete config.stores.apple.usesNonExemptEncryption;
    for (const id of Object.keys(config.stores)) if (id !== 'apple') delete config.stores[id];
    const path = join(sb.dir, 'no-answer.json');
    writeFileSync(path, JSON.stringify(config));
    const r = await runCli(['publish', ipa, '--notes', notes, '--config', path], { env: sb.env, cwd: sb.dir });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(
      /✖ apple\s+failed\s+\[config\] EXPORT_COMPLIANCE_MISSING: app\.ipa does not say whether the app uses non-exempt encryption/,
    );
    expect(requests(sb.sandbox, 'apple').filter((q) => MUTATING.test(q))).toEqual([]);
  });
});

describe('appstores publish app.apk app.ipa', () => {
  it('sends the APK to the Android stores and the IPA to Apple in one run, with one summary', async () => {
    await sb.close();
    sb = await withSandbox(['oppo', 'vivo', 'apple']);
    const r = await sb.run(['publish', fixture('apk/app-universal.apk'), ipa, '--notes', notes, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.results.map((x: { store: string; status: string }) => [x.store, x.status])).toEqual([
      ['oppo', 'submitted'],
      ['vivo', 'submitted'],
      ['apple', 'submitted'],
    ]);
    expect(report.artifacts.map((a: { kind: string }) => a.kind)).toEqual(['apk', 'ipa']);
    expect(sb.stores.apple.state.submitCalls).toHaveLength(1);
    expect(sb.stores.vivo.state.submissions).toHaveLength(1);
  });
});
