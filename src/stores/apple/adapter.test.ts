/** The Apple adapter against the emulated App Store Connect, in-process over real HTTP on 127.0.0.1. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readIpa } from '../../artifacts/index.js';
import { createAppleEmulator, NEW_APP_ID, SEEDED_APP_ID, type AppleEmulator } from '../../sandbox/apple.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import type { FaultRule, LogEntry } from '../../sandbox/types.js';
import { testContext } from '../../testing/context.js';
import { holdSubmit } from '../../testing/held-submit.js';
import { writeTestIpa } from '../../testing/ipa-writer.js';
import { virtualClock } from '../../testing/clock.js';
import type { Clock, ProgressEvent, Release, StoreSession } from '../types.js';
import { appleAdapter } from './index.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'appstores-apple-adapter-'));
let files = 0;

let apple: AppleEmulator;
let sb: Sandbox;
beforeEach(async () => {
  apple = createAppleEmulator();
  sb = await startSandbox([apple]);
});
afterEach(() => sb.close());

/**
 * A virtual clock shared by the adapter and the emulator: every sleep of the adapter moves the
 * sandbox's clock too, so polling and token lifetimes run as they would over real minutes.
 */
function sharedClock(): Clock & { sleeps: number[] } {
  const clock = virtualClock();
  return {
    sleeps: clock.sleeps,
    now: clock.now,
    sleep: async (ms, signal) => {
      await clock.sleep(ms, signal);
      sb.shiftClock(ms);
    },
  };
}

function connect(overrides: Record<string, unknown> = {}, clock: Clock = sharedClock()): StoreSession {
  const config = appleAdapter.configSchema.parse({ ...sb.config().stores.apple, ...overrides });
  return appleAdapter.connect(testContext(appleAdapter, config, { clock }));
}

async function release(path = fixture('ipa/app.ipa'), over: Partial<Release> = {}): Promise<Release> {
  const ipa = await readIpa(path);
  return {
    package: ipa.package,
    versionCode: Number(ipa.buildNumber),
    versionName: ipa.versionName,
    apks: [],
    ipa,
    notes: 'Bug fixes',
    ...over,
  };
}

/** A test IPA with these Info.plist values (over com.foo.bar 6.10.0 / 6100000), padded to several parts. */
async function ipaRelease(
  info: Parameters<typeof writeTestIpa>[1] = {},
  over: Partial<Release> = {},
): Promise<Release> {
  return release(writeTestIpa(join(dir, `t${files++}.ipa`), info, { padding: 20_000 }), over);
}

const calls = (log: LogEntry[]) => log.map((e) => `${e.method} ${e.path}`);
const mutating = (log: LogEntry[]) => calls(log).filter((c) => !c.startsWith('GET '));
const inject = (match: string, method: string, fault: FaultRule['fault'], times = 1) =>
  sb.inject({ store: 'apple', match, method, fault, times });

async function publish(session: StoreSession, r: Release) {
  const events: ProgressEvent[] = [];
  const outcome = await session.publish(r, (e) => events.push(e));
  return { outcome, events };
}

describe('apple adapter: verify and info', () => {
  it('verifies the key with one signed read', async () => {
    await expect(connect().verify()).resolves.toBeUndefined();
    expect(calls(sb.log)).toEqual(['GET /v1/apps']);
  });

  it('picks the exact bundle id out of the prefix match and maps the live version', async () => {
    const info = await connect().info('com.foo.bar');
    expect(info).toMatchObject({
      store: 'apple',
      appId: SEEDED_APP_ID,
      appName: 'Foo Bar',
      live: { versionCode: 6091000, versionName: '6.9.1' },
      pending: null,
      review: { state: 'live', storeState: 'appVersionState=READY_FOR_DISTRIBUTION (6.9.1)' },
    });
  });

  it('follows links.next to find the app on a later page', async () => {
    apple.state.pageSize = 1;
    expect((await connect().info('com.foo.bar')).appId).toBe(SEEDED_APP_ID);
    expect(calls(sb.log).filter((c) => c === 'GET /v1/apps')).toHaveLength(2);
  });

  it('says an unknown bundle id is not in the team, and how to add it', async () => {
    await expect(connect().info('com.nobody.here')).rejects.toMatchObject({
      code: 'APP_NOT_FOUND',
      hint: expect.stringContaining('New App'),
    });
  });

  it('reports a key Apple refuses as AUTH_FAILED with Apple’s code, exit category auth', async () => {
    const other = (await import('node:fs')).readFileSync(fixture('apple/AuthKey_OTHERKEY99.p8'), 'utf8');
    const error = await connect({ privateKey: other })
      .verify()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTH_FAILED', category: 'auth', storeCode: 'NOT_AUTHORIZED' });
    expect((error as Error).message).toMatch(
      /^check the API key: Apple refused the API token \(Apple NOT_AUTHORIZED: /,
    );
  });
});

describe('apple adapter: publish', () => {
  it('uploads every part, waits for processing, prepares the version and submits once', async () => {
    const r = await ipaRelease({ ITSAppUsesNonExemptEncryption: false });
    const { outcome, events } = await publish(connect(), r);
    expect(outcome).toMatchObject({ status: 'submitted' });
    expect(outcome.message).toMatch(
      /^6\.10\.0 \(6100000\) is waiting for review: uploaded in [\d.]+ s, Apple processed it in [\d.]+ (s|min), submitted in [\d.]+ s; released right after approval \(Apple accepted version 6\.10\.0 \(6100000\)\)$/,
    );

    const file = apple.state.files[0]!;
    expect(file.parts.length).toBeGreaterThanOrEqual(3);
    expect(file.parts.every((p) => p.received !== null)).toBe(true);
    expect(file.checksum).toEqual({ hash: r.ipa!.sha256, algorithm: 'SHA_256' });
    const version = apple.state.versions.find((v) => v.versionString === '6.10.0')!;
    expect(version).toMatchObject({ appVersionState: 'WAITING_FOR_REVIEW', releaseType: 'AFTER_APPROVAL' });
    expect(apple.state.localizations.find((l) => l.versionId === version.id)!.whatsNew).toBe('Bug fixes');
    expect(apple.state.submitCalls).toHaveLength(1);
    // No JWT went to the upload URLs (the emulator refuses one), and every part was PUT exactly once.
    expect(calls(sb.log).filter((c) => c.startsWith('PUT /upload/'))).toHaveLength(file.parts.length);

    const phases = events.map((e) => e.phase);
    expect(phases).toContain('upload');
    expect(
      events.some((e) => e.phase === 'wait' && /Apple is processing build 6\.10\.0 \(6100000\)/.test(e.detail ?? '')),
    ).toBe(true);
    const uploads = events.filter((e) => e.phase === 'upload' && e.total !== undefined);
    expect(uploads.at(-1)).toMatchObject({ bytes: r.ipa!.size, total: r.ipa!.size });
  });

  it("moves the one editable version to the IPA's version string instead of creating another", async () => {
    apple.state.versions.push({
      id: 'version-draft',
      appId: SEEDED_APP_ID,
      platform: 'IOS',
      versionString: '6.9.5',
      appVersionState: 'PREPARE_FOR_SUBMISSION',
      releaseType: 'AFTER_APPROVAL',
      earliestReleaseDate: null,
      buildId: null,
      createdDate: '2026-02-01T00:00:00.000+0000',
    });
    apple.state.localizations.push({
      id: 'loc-draft',
      versionId: 'version-draft',
      locale: 'en-US',
      whatsNew: null,
      description: null,
    });
    await publish(connect(), await ipaRelease({ ITSAppUsesNonExemptEncryption: false }));
    expect(calls(sb.log)).not.toContain('POST /v1/appStoreVersions');
    expect(apple.state.versions.find((v) => v.id === 'version-draft')).toMatchObject({
      versionString: '6.10.0',
      appVersionState: 'WAITING_FOR_REVIEW',
    });
    expect(apple.state.localizations.find((l) => l.id === 'loc-draft')!.whatsNew).toBe('Bug fixes');
  });

  it("with --notes-dir, sets each locale its own notes, names the ones the directory lacks, and reads the editable version's localizations once (plan() hands them on)", async () => {
    apple.state.versions.push({
      id: 'version-draft',
      appId: SEEDED_APP_ID,
      platform: 'IOS',
      versionString: '6.9.5',
      appVersionState: 'PREPARE_FOR_SUBMISSION',
      releaseType: 'AFTER_APPROVAL',
      earliestReleaseDate: null,
      buildId: null,
      createdDate: '2026-02-01T00:00:00.000+0000',
    });
    for (const locale of ['en-US', 'ja']) {
      apple.state.localizations.push({
        id: `loc-draft-${locale}`,
        versionId: 'version-draft',
        locale,
        whatsNew: 'old',
        description: null,
      });
    }
    const r = await ipaRelease({ ITSAppUsesNonExemptEncryption: false }, { notesByLocale: { 'en-US': 'Fixes' } });
    const session = connect();
    const plan = await session.plan(r);
    expect(plan.summary).toContain('no notes in --notes-dir for ja (left as it is in the store)');
    const outcome = await session.publish(r, () => {}, plan.state);
    expect(outcome.status).toBe('submitted');
    expect(outcome.message).toContain('no notes in --notes-dir for ja');
    const byId = (id: string) => apple.state.localizations.find((l) => l.id === id)!.whatsNew;
    expect([byId('loc-draft-en-US'), byId('loc-draft-ja')]).toEqual(['Fixes', 'old']);
    expect(
      calls(sb.log).filter((c) => c === 'GET /v1/appStoreVersions/version-draft/appStoreVersionLocalizations'),
    ).toHaveLength(1);
  });

  it('answers export compliance on the build from the config when Info.plist does not', async () => {
    await publish(connect({ usesNonExemptEncryption: false }), await release());
    expect(calls(sb.log)).toContain(`PATCH /v1/builds/${apple.state.builds.at(-1)!.id}`);
    expect(apple.state.builds.at(-1)!.usesNonExemptEncryption).toBe(false);
  });

  it('schedules at the next whole hour, holds a --manual-release, creates the phased release INACTIVE', async () => {
    const at = new Date(Date.now() + 3 * 86_400_000 + 17 * 60_000);
    await publish(
      connect(),
      await ipaRelease({ ITSAppUsesNonExemptEncryption: false }, { schedule: at, phased: { percent: null } }),
    );
    const version = apple.state.versions.find((v) => v.versionString === '6.10.0')!;
    expect(version.releaseType).toBe('SCHEDULED');
    expect(Date.parse(version.earliestReleaseDate!) % 3_600_000).toBe(0);
    expect(Date.parse(version.earliestReleaseDate!)).toBeGreaterThanOrEqual(at.getTime());
    expect(apple.state.phasedReleases).toEqual([
      expect.objectContaining({ versionId: version.id, phasedReleaseState: 'INACTIVE' }),
    ]);

    const fresh = createAppleEmulator();
    await sb.close();
    apple = fresh;
    sb = await startSandbox([apple]);
    await publish(connect(), await ipaRelease({ ITSAppUsesNonExemptEncryption: false }, { manualRelease: true }));
    expect(apple.state.versions.find((v) => v.versionString === '6.10.0')!.releaseType).toBe('MANUAL');
  });

  it("skips What's New on an app's first version, with a note", async () => {
    // The new app's record also lacks answers Apple requires: the submit lists them, one each.
    const r = await ipaRelease({
      CFBundleIdentifier: 'com.foo.new',
      CFBundleShortVersionString: '1.0',
      CFBundleVersion: '1',
      ITSAppUsesNonExemptEncryption: false,
    });
    apple.state.apps.find((a) => a.id === NEW_APP_ID)!.blockers = [];
    const { outcome } = await publish(connect(), r);
    expect(outcome.message).toContain("What's New left out: Apple takes none on an app's first version");
    expect(mutating(sb.log).filter((c) => c.startsWith('PATCH /v1/appStoreVersionLocalizations'))).toEqual([]);
  });

  it('finds a build Apple already has on a re-run instead of uploading again', async () => {
    const r = await ipaRelease({ ITSAppUsesNonExemptEncryption: false });
    const session = connect();
    await publish(session, r);
    // The review ended with a rejection: the same build goes back to review without a new upload.
    const version = apple.state.versions.find((v) => v.versionString === '6.10.0')!;
    apple.reject(version.id);
    sb.log.length = 0;
    const { outcome } = await publish(session, r);
    expect(outcome.status).toBe('submitted');
    expect(outcome.message).toContain('build 6.10.0 (6100000) was already at Apple');
    expect(calls(sb.log).filter((c) => c.includes('buildUpload') || c.startsWith('PUT'))).toEqual([]);
  });

  it('skips a version already waiting for review in plan() and in publish()', async () => {
    const r = await ipaRelease({ ITSAppUsesNonExemptEncryption: false });
    await publish(connect(), r);
    const session = connect();
    await expect(session.plan(r)).resolves.toEqual({
      action: 'skip',
      summary: 'Apple already has 6.10.0 (6100000): in review (WAITING_FOR_REVIEW)',
    });
    expect((await publish(session, r)).outcome.status).toBe('skipped');
    expect(apple.state.submitCalls).toHaveLength(1);
  });

  it('does not resubmit a version in a state it cannot read', async () => {
    const r = await ipaRelease({ ITSAppUsesNonExemptEncryption: false });
    await publish(connect(), r);
    apple.state.versions.find((v) => v.versionString === '6.10.0')!.appVersionState = 'SOMETHING_NEW' as never;
    const plan = await connect().plan(r);
    expect(plan).toEqual({ action: 'skip', summary: expect.stringContaining('in a state appstores cannot read') });
  });

  it('plans with reads only', async () => {
    const plan = await connect().plan(await ipaRelease({ ITSAppUsesNonExemptEncryption: false }));
    expect(plan.action).toBe('submit');
    expect(plan.summary).toMatch(
      /^upload t\d+\.ipa \([\d.]+ KB\) as build 6\.10\.0 \(6100000\) through the Build Upload API, wait up to 30 min/,
    );
    expect(mutating(sb.log)).toEqual([]);
  });
});

describe('apple adapter: long runs and faults', () => {
  it('mints a new token when processing outlasts the first one, without a 401', async () => {
    apple.state.uploadPolls = 40; // 40 polls of 20 s: about 13 minutes, then the build's own polls
    apple.state.buildPolls = 30; // ... and 10 more: past the 19-minute token
    await publish(connect(), await ipaRelease({ ITSAppUsesNonExemptEncryption: false }));
    expect(sb.log.filter((e) => e.status === 401)).toEqual([]);
    expect(apple.state.submitCalls).toHaveLength(1);
  });

  it('re-mints once after Apple answers 401 for an expired token mid-run', async () => {
    apple.state.expireTokenOn = 'PATCH /v1/buildUploadFiles';
    const { outcome } = await publish(connect(), await ipaRelease({ ITSAppUsesNonExemptEncryption: false }));
    expect(outcome.status).toBe('submitted');
    const commits = sb.log.filter((e) => e.method === 'PATCH' && e.path.startsWith('/v1/buildUploadFiles/'));
    expect(commits.map((e) => e.status)).toEqual([401, 200]);
  });

  it('sends a create refused with 429 again after its Retry-After, and a read too', async () => {
    inject('/v1/buildUploads', 'POST', { kind: 'rate-limit', retryAfterSeconds: 30 });
    inject('/v1/apps', 'GET', { kind: 'rate-limit', retryAfterSeconds: 5 });
    const clock = sharedClock();
    const { outcome } = await publish(connect({}, clock), await ipaRelease({ ITSAppUsesNonExemptEncryption: false }));
    expect(outcome.status).toBe('submitted');
    expect(sb.log.filter((e) => e.path === '/v1/buildUploads' && e.method === 'POST').map((e) => e.status)).toEqual([
      429, 201,
    ]);
    expect(clock.sleeps).toContain(30_000);
  });

  it('retries only the part whose upload was reset mid-body', async () => {
    inject('/upload/', 'PUT', { kind: 'reset', afterBytes: 2000 });
    await publish(connect(), await ipaRelease({ ITSAppUsesNonExemptEncryption: false }));
    const puts = sb.log.filter((e) => e.method === 'PUT');
    const parts = apple.state.files[0]!.parts.length;
    expect(puts).toHaveLength(parts + 1);
    expect(puts.filter((e) => e.status === null)).toHaveLength(1);
    const resetPath = puts.find((e) => e.status === null)!.path;
    expect(puts.filter((e) => e.path === resetPath).map((e) => e.status)).toEqual([null, 200]);
  });

  it('retries a commit whose answer was lost, and takes Apple\'s "already committed" from the file state', async () => {
    inject('/v1/buildUploadFiles/', 'PATCH', { kind: 'drop-response' });
    const { outcome } = await publish(connect(), await ipaRelease({ ITSAppUsesNonExemptEncryption: false }));
    expect(outcome.status).toBe('submitted');
    const commits = sb.log.filter((e) => e.method === 'PATCH' && e.path.startsWith('/v1/buildUploadFiles/'));
    expect(commits.map((e) => e.status)).toEqual([null, 409]);
  });

  it('confirms a submit whose answer was lost from the version state, and never sends it twice', async () => {
    inject('/v1/reviewSubmissions/', 'PATCH', { kind: 'drop-response' });
    const { outcome } = await publish(connect(), await ipaRelease({ ITSAppUsesNonExemptEncryption: false }));
    expect(outcome.status).toBe('submitted');
    expect(outcome.message).toMatch(
      /Apple has version 6\.10\.0 \(6100000\) \(its appVersionState is WAITING_FOR_REVIEW\), after the submit got no clear answer/,
    );
    expect(sb.log.filter((e) => e.method === 'PATCH' && e.path.startsWith('/v1/reviewSubmissions/'))).toHaveLength(1);
    expect(apple.state.submitCalls).toHaveLength(1);
  });

  const submits = () => sb.log.filter((e) => e.method === 'PATCH' && e.path.startsWith('/v1/reviewSubmissions/'));

  it.each([
    ['the connection is reset before Apple reads it', { kind: 'reset', afterBytes: 0 }],
    ['a proxy answers 502 for it', { kind: 'status', status: 502 }],
  ] as const)(
    'a submit that never reached Apple (%s): unconfirmed, never resent; a re-run submits once',
    async (_, fault) => {
      inject('/v1/reviewSubmissions/', 'PATCH', fault);
      const r = await ipaRelease({ ITSAppUsesNonExemptEncryption: false });
      const error = (await publish(connect(), r).catch((e: unknown) => e)) as { message: string; hint: string };
      expect(error).toMatchObject({ code: 'SUBMIT_UNCONFIRMED', category: 'transient', store: 'apple' });
      expect(error.message).toMatch(/^Apple may or may not have version 6\.10\.0 \(6100000\)/);
      expect(error.hint).toContain('`appstores info --store apple --pkg com.foo.bar`');
      expect(submits()).toHaveLength(1);
      expect(apple.state.submitCalls).toHaveLength(0);
      expect((await publish(connect(), r)).outcome.status).toBe('submitted');
      expect((await publish(connect(), r)).outcome.status).toBe('skipped');
      expect(apple.state.submitCalls).toHaveLength(1);
      expect(submits()).toHaveLength(2);
    },
  );

  it('a submit Apple answers after the timeout and applies later is found: submitted, never sent twice', async () => {
    await sb.close();
    apple = createAppleEmulator();
    const held = holdSubmit(
      apple,
      {
        isSubmit: (req) => req.method === 'PATCH' && req.path.startsWith('/v1/reviewSubmissions/'),
        isRead: (req) => req.method === 'GET' && /^\/v1\/appStoreVersions\/[^/]+$/.test(req.path),
      },
      3,
    );
    sb = await startSandbox([held.emulator]);
    const r = await ipaRelease({ ITSAppUsesNonExemptEncryption: false });
    const { outcome } = await publish(connect(), r);
    expect(outcome.status).toBe('submitted');
    expect(outcome.message).toMatch(
      /Apple has version 6\.10\.0 \(6100000\) \(its appVersionState is WAITING_FOR_REVIEW\)/,
    );
    expect(held.reads()).toBe(3);
    expect(apple.state.submitCalls).toHaveLength(1);
    expect(submits()).toHaveLength(1);
    expect((await publish(connect(), r)).outcome.status).toBe('skipped');
    expect(apple.state.submitCalls).toHaveLength(1);
  });

  it('gives up waiting within --wait as STILL_PROCESSING, having submitted nothing', async () => {
    apple.state.uploadPolls = 1000;
    const error = await publish(
      connect(),
      await ipaRelease({ ITSAppUsesNonExemptEncryption: false }, { waitMs: 60_000 }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'STILL_PROCESSING',
      hint: expect.stringContaining('does not send the IPA again'),
    });
    expect(calls(sb.log).filter((c) => c.includes('reviewSubmission'))).toEqual([]);
  });
});

describe('apple adapter: refusals, each one line with Apple’s code', () => {
  const oneLine = (error: unknown) => {
    expect((error as Error).message).not.toContain('\n');
    return error;
  };

  it('refuses to guess export compliance, before anything is sent', async () => {
    const error = oneLine(
      await connect({ usesNonExemptEncryption: undefined })
        .plan(await release())
        .catch((e: unknown) => e),
    );
    expect(error).toMatchObject({ code: 'EXPORT_COMPLIANCE_MISSING', category: 'config' });
    expect(sb.log).toEqual([]);
  });

  it('lists every blocker Apple names when the version cannot be reviewed', async () => {
    const r = await ipaRelease({
      CFBundleIdentifier: 'com.foo.new',
      CFBundleShortVersionString: '1.0',
      CFBundleVersion: '1',
      ITSAppUsesNonExemptEncryption: false,
    });
    const error = oneLine(await publish(connect(), r).catch((e: unknown) => e));
    expect(error).toMatchObject({ code: 'LISTING_INCOMPLETE', storeCode: 'STATE_ERROR.ENTITY_STATE_INVALID' });
    expect((error as Error).message).toMatch(
      /^add version 1\.0 \(1\) to the review submission: Apple cannot review the version yet \(Apple STATE_ERROR\.ENTITY_STATE_INVALID: 2 blockers: \(1\) ENTITY_ERROR\.ATTRIBUTE\.REQUIRED: .*contentRightsDeclaration/,
    );
    // The hint carries every blocker whole, whatever the message's length limit cuts.
    expect((error as { hint: string }).hint).toMatch(
      /^Apple lists \(1\) ENTITY_ERROR\.ATTRIBUTE\.REQUIRED: You must provide a value for the attribute contentRightsDeclaration with this request; \(2\) ENTITY_ERROR\.ATTRIBUTE\.REQUIRED: You must provide a value for the attribute violenceRealistic with this request; fix each item/,
    );
    expect(apple.state.submitCalls).toEqual([]);
  });

  it('refuses a second submission while another version is waiting for review (409 STATE_ERROR)', async () => {
    const r = await ipaRelease({ ITSAppUsesNonExemptEncryption: false });
    await publish(connect(), r);
    // Another client opens a submission and adds a version behind our back; our submit then meets Apple's refusal.
    const version = apple.state.versions.find((v) => v.versionString === '6.10.0')!;
    version.appVersionState = 'PREPARE_FOR_SUBMISSION';
    const error = oneLine(await publish(connect(), r).catch((e: unknown) => e));
    expect(error).toMatchObject({ code: 'IN_REVIEW', storeCode: 'STATE_ERROR' });
    expect((error as Error).message).toContain('(Apple STATE_ERROR: ');
    expect(apple.state.submitCalls).toHaveLength(1);
  });

  it('refuses --phased on a first version at the checks', async () => {
    const r = await ipaRelease(
      {
        CFBundleIdentifier: 'com.foo.new',
        CFBundleShortVersionString: '1.0',
        CFBundleVersion: '1',
        ITSAppUsesNonExemptEncryption: false,
      },
      { phased: { percent: null } },
    );
    const error = oneLine(
      await connect()
        .plan(r)
        .catch((e: unknown) => e),
    );
    expect(error).toMatchObject({
      code: 'FIELD_INVALID',
      message: "Apple has no phased release for an app's first version",
    });
  });

  it('stops at a build Apple failed to process, with Apple’s code', async () => {
    apple.state.processingFailure = { on: 'upload', code: 'ITMS-90161', description: 'Invalid Provisioning Profile.' };
    const error = oneLine(
      await publish(connect(), await ipaRelease({ ITSAppUsesNonExemptEncryption: false })).catch((e: unknown) => e),
    );
    expect(error).toMatchObject({ code: 'FILE_REJECTED', storeCode: 'ITMS-90161' });
    expect((error as Error).message).toContain('ITMS-90161: Invalid Provisioning Profile.');
  });

  it('refuses a version not above the live one', async () => {
    const error = oneLine(
      await connect()
        .plan(await ipaRelease({ CFBundleShortVersionString: '6.9.1', ITSAppUsesNonExemptEncryption: false }))
        .catch((e: unknown) => e),
    );
    expect(error).toMatchObject({ code: 'VERSION_NOT_HIGHER' });
  });

  it('refuses a malformed IPA locally, before anything is sent', async () => {
    const error = oneLine(
      await connect()
        .plan(await ipaRelease({ CFBundleShortVersionString: '6.10.0-beta' }))
        .catch((e: unknown) => e),
    );
    expect(error).toMatchObject({ code: 'IPA_INVALID' });
    expect(sb.log).toEqual([]);
  });
});
