/**
 * runPublish in process against the sandbox: what overlaps the hashing pass (by the order of
 * requests, never by wall time), what a file that changes or vanishes while hashed does, and how
 * many times each store reads the app in one publish (once: verify()'s credential check reads the
 * release's app and plan() takes that answer; doctor still reads the probe package).
 */
import { copyFileSync, mkdtempSync, readFileSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashFile } from '../artifacts/hash.js';
import type { FileDigest } from '../artifacts/types.js';
import { createEmulators } from '../sandbox/emulators.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import type { LogEntry } from '../sandbox/types.js';
import { doctorCommand } from '../commands/doctor.js';
import { CREDENTIAL_PROBE_PACKAGE } from '../stores/types.js';
import { failure } from '../testing/release.js';
import { exitCodeFor } from './errors.js';
import { runPublish, type ProgressSink, type PublishRequest } from './run-publish.js';

const NOTES = '修复若干问题，提升稳定性';
const apkFixture = resolve('fixtures/apk/app-universal.apk');
const ipaFixture = resolve('fixtures/ipa/app.ipa');

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

type Hash = (path: string, options: { signal?: AbortSignal }) => Promise<FileDigest>;

/**
 * A sandbox with every emulator, a config for `store` alone (with `change` applied to its
 * section), a run of `publish <file> --store <store>` and one of `doctor --json`.
 */
async function setUp(store: string, change: Record<string, unknown> = {}) {
  sandbox = await startSandbox(createEmulators());
  const dir = mkdtempSync(join(tmpdir(), 'appstores-run-publish-'));
  const config = sandbox.config();
  for (const id of Object.keys(config.stores)) if (id !== store) delete config.stores[id];
  Object.assign(config.stores[store]!, change);
  const configPath = join(dir, 'appstores.config.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const events: string[] = [];
  const sink: ProgressSink = {
    update: (id, event) => events.push(`${id}:${event.phase}`),
    result: (result) => events.push(`${result.store}:result`),
    stop: () => events.push('stop'),
  };
  const run = (file: string, hash?: Hash, over: Partial<PublishRequest> = {}) =>
    runPublish(
      {
        cwd: dir,
        env: { APPSTORES_CACHE_DIR: join(dir, 'cache'), APPSTORES_TIME_SCALE: '0.01' },
        err: () => {},
        signal: new AbortController().signal,
        hash,
      },
      { files: [file], store: store, notes: NOTES, config: configPath, ...over },
      () => {
        events.push('start');
        return sink;
      },
    );
  const log = () => sandbox!.log.filter((e) => e.store === store);
  return { dir, run, events, log, doctor: () => doctor(dir, configPath) };
}

/** `doctor --json` in process, with the cache of `setUp`'s runs. */
async function doctor(dir: string, configPath: string) {
  let out = '';
  const ctx = {
    cwd: dir,
    env: { APPSTORES_CACHE_DIR: join(dir, 'cache') },
    out: (text: string) => {
      out += text;
    },
    err: () => {},
    live: false,
    columns: 80,
    signal: new AbortController().signal,
  };
  const code = await doctorCommand(ctx, { config: configPath, json: true });
  return { code, report: JSON.parse(out) as { stores: Array<{ ok: boolean; error?: Record<string, unknown> }> } };
}

/** Resolves true once `seen()` holds, false after `ms` (so a missing overlap fails instead of hanging). */
async function eventually(seen: () => boolean, ms = 10_000): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; ) {
    if (seen()) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return seen();
}

const line = (e: LogEntry) => `${e.method} ${e.path}`;
const UPLOADS = /upload|\/app\/upd/;

describe('publish hashes while the stores are checked', () => {
  it('reads the app at the store before the hash is done, and uploads only after it', async () => {
    const { run, events, log } = await setUp('oppo');
    let readsBeforeHash = -1;
    let logged = -1;
    // A hasher that finishes only once the store has answered a read of the app: without the
    // overlap, no request would come and it would give up after 10 s, failing the test.
    const slow: Hash = async (path, options) => {
      const overlapped = await eventually(() => log().some((e) => e.path === '/resource/v1/app/info'));
      readsBeforeHash = overlapped ? log().length : 0;
      logged = log().length;
      return hashFile(path, undefined, options);
    };
    const report = await run(apkFixture, slow);
    expect(report.ok).toBe(true);
    expect(readsBeforeHash).toBeGreaterThan(0);
    const before = log().slice(0, logged).map(line);
    const after = log().slice(logged).map(line);
    expect(before).toContain('GET /resource/v1/app/info');
    expect(before.filter((r) => UPLOADS.test(r))).toEqual([]);
    expect(after).toContain('POST /upload');
    expect(after).toContain('POST /resource/v1/app/upd');
    // The display starts once the digests are known; the checks' events come after it, in order.
    expect(events[0]).toBe('start');
    expect(events.slice(1, 3)).toEqual(['oppo:verify', 'oppo:plan']);
    expect(report.artifacts[0]).toMatchObject({ md5: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('fails the run with CORRUPT_ZIP, before any upload, when the file is truncated after it was parsed', async () => {
    const { dir, run, events, log } = await setUp('oppo');
    const file = join(dir, 'app.apk');
    copyFileSync(apkFixture, file);
    const truncating: Hash = async (path, options) => {
      await eventually(() => log().length > 0);
      truncateSync(path, 1000);
      return hashFile(path, undefined, options);
    };
    const error = await failure(run(file, truncating));
    expect(error.code).toBe('CORRUPT_ZIP');
    expect(error.message).toMatch(/app\.apk: changed while it was read \(\d+ bytes when parsed, 1000 hashed/);
    expect(error.message).not.toContain('\n');
    expect(
      log()
        .map(line)
        .filter((r) => UPLOADS.test(r)),
    ).toEqual([]);
    expect(events).toEqual([]);
    // The same exit code as a file found truncated when it is parsed.
    const parsed = await failure(run(resolve('fixtures/broken/truncated.apk')));
    expect(parsed.code).toBe('CORRUPT_ZIP');
    expect(exitCodeFor(error)).toBe(exitCodeFor(parsed));
  });

  it('refuses a file whose bytes change in place during the hashing pass (same size)', async () => {
    const { dir, run, log } = await setUp('oppo');
    const file = join(dir, 'app.apk');
    copyFileSync(apkFixture, file);
    const rewriting: Hash = async (path, options) => {
      const digest = await hashFile(path, undefined, options);
      // Another writer (a build, a copy) touches the file after these bytes were hashed.
      const handle = await open(path, 'r+');
      await handle.write(Buffer.from('changed'), 0, 7, 100);
      await handle.close();
      return digest;
    };
    const error = await failure(run(file, rewriting));
    expect(error.code).toBe('CORRUPT_ZIP');
    expect(
      log()
        .map(line)
        .filter((r) => UPLOADS.test(r)),
    ).toEqual([]);
  });

  it('fails with FILE_NOT_FOUND, the code of a read error, when the file goes away before it is hashed', async () => {
    const { dir, run, log } = await setUp('oppo');
    const file = join(dir, 'app.apk');
    copyFileSync(apkFixture, file);
    const removing: Hash = async (path, options) => {
      unlinkSync(path);
      return hashFile(path, undefined, options);
    };
    const error = await failure(run(file, removing));
    expect(error.code).toBe('FILE_NOT_FOUND');
    expect(error.message).toBe(`${file}: no such file`);
    expect(
      log()
        .map(line)
        .filter((r) => UPLOADS.test(r)),
    ).toEqual([]);
  });
});

/**
 * The reads of the app's state in one publish: verify()'s credential check, which reads the
 * release's own app (com.foo.bar), and whose answer plan() takes (kit firstRead); publish() reuses
 * plan()'s (Plan.state). Submit confirmations and processing polls are not reads of this kind, and
 * a clean run has none. The first key of each store is the read verify() makes.
 */
const READS: Record<string, { file: string; reads: Record<string, number> }> = {
  xiaomi: { file: apkFixture, reads: { 'POST /dev/query': 1 } },
  oppo: { file: apkFixture, reads: { 'GET /resource/v1/app/info': 1 } },
  vivo: { file: apkFixture, reads: { 'POST / app.query.details': 1 } },
  honor: {
    file: apkFixture,
    reads: {
      'GET /openapi/v1/publish/get-app-id': 1,
      'GET /openapi/v1/publish/get-app-detail': 1,
      'GET /openapi/v1/publish/get-app-current-release': 1,
    },
  },
  yyb: {
    file: apkFixture,
    reads: {
      'POST /open_file/developer_api/query_app_update_status': 1,
      'POST /open_file/developer_api/query_app_detail': 1,
    },
  },
  huawei: { file: apkFixture, reads: { 'GET /publish/v2/appid-list': 1, 'GET /publish/v2/app-info': 1 } },
  apple: {
    file: ipaFixture,
    reads: { 'GET /v1/apps': 1, 'GET /v1/apps/1500000001/appStoreVersions': 1, 'GET /v1/builds': 1 },
  },
};

const RELEASE_PACKAGE = 'com.foo.bar';

/** `METHOD /path`, and the vivo gateway's `method` (in the query or the form). */
const request = (e: LogEntry) => {
  const method = new URLSearchParams(e.query).get('method') ?? e.fields.method;
  return `${line(e)}${method ? ` ${method}` : ''}`;
};

/** Whether the request names `pkg` (in the query, or a form field: Xiaomi's RequestData JSON, YYB's pkg_name). */
const names = (e: LogEntry, pkg: string) =>
  decodeURIComponent(e.query).includes(pkg) || Object.values(e.fields).some((v) => v.includes(pkg));

const counts = (seen: string[], reads: Record<string, number>) =>
  Object.fromEntries(Object.keys(reads).map((r) => [r, seen.filter((s) => s === r).length]));

describe('one read of the app per publish', () => {
  for (const [store, { file, reads }] of Object.entries(READS)) {
    it(`${store}: verify() reads the release's app, plan() takes that answer, none again in publish()`, async () => {
      const { run, log } = await setUp(store);
      const report = await run(file);
      expect(report.results[0]).toMatchObject({ store, status: 'submitted' });
      expect(counts(log().map(request), reads)).toEqual(reads);
      // The credential check is that read: the probe package is never asked for in a publish.
      expect(log().filter((e) => names(e, CREDENTIAL_PROBE_PACKAGE))).toEqual([]);
      const [verifyRead] = Object.keys(reads);
      expect(log().find((e) => request(e) === verifyRead && names(e, RELEASE_PACKAGE))).toBeDefined();
    });
  }

  it('honor with stores.honor.appId: verify() reads get-app-detail of that id, plan() takes it, no get-app-id', async () => {
    const { run, log } = await setUp('honor', { appId: '100000001' });
    const report = await run(apkFixture);
    expect(report.results[0]).toMatchObject({ store: 'honor', status: 'submitted' });
    expect(counts(log().map(request), READS.honor!.reads)).toEqual({
      'GET /openapi/v1/publish/get-app-id': 0,
      'GET /openapi/v1/publish/get-app-detail': 1,
      'GET /openapi/v1/publish/get-app-current-release': 1,
    });
  });

  it('doctor still proves every store with the probe package, so no real app is needed', async () => {
    sandbox = await startSandbox(createEmulators());
    // Every store in one config: doctor checks them all.
    const dir = mkdtempSync(join(tmpdir(), 'appstores-doctor-'));
    const path = join(dir, 'appstores.config.json');
    writeFileSync(path, JSON.stringify(sandbox.config()));
    const checked = await doctor(dir, path);
    expect(checked.code).toBe(0);
    expect(checked.report.stores.map((s) => s.ok)).toEqual(Array(7).fill(true));
    for (const [store, { reads }] of Object.entries(READS)) {
      const mine = sandbox!.log.filter((e) => e.store === store);
      const [verifyRead] = Object.keys(reads);
      // YYB's check reads a configured app (appIds), as before; every other store reads the probe.
      const pkg = store === 'yyb' ? RELEASE_PACKAGE : CREDENTIAL_PROBE_PACKAGE;
      expect(
        mine.filter((e) => request(e) === verifyRead).map((e) => names(e, pkg)),
        store,
      ).toEqual([true]);
      if (store !== 'yyb')
        expect(
          mine.filter((e) => names(e, RELEASE_PACKAGE)),
          store,
        ).toEqual([]);
    }
  });
});

/** A wrong secret for each store (the config field the store's signature or token depends on). */
const WRONG: Record<string, Record<string, unknown>> = {
  xiaomi: { privateKey: 'not-the-xiaomi-private-key' },
  oppo: { clientSecret: 'not-the-oppo-client-secret' },
  vivo: { accessSecret: 'not-the-vivo-access-secret' },
  honor: { clientSecret: 'not-the-honor-client-secret' },
  yyb: { accessSecret: 'not-the-yyb-access-secret' },
  huawei: { clientSecret: 'not-the-huawei-client-secret' },
  apple: { privateKey: readFileSync(resolve('fixtures/apple/AuthKey_OTHERKEY99.p8'), 'utf8') },
};

describe('a wrong secret still fails at verify(), before any plan request', () => {
  for (const [store, wrong] of Object.entries(WRONG)) {
    it(`${store}: the code, category, store code and hint doctor gives; nothing planned or uploaded`, async () => {
      const { run, log, doctor, events } = await setUp(store, wrong);
      const checked = await doctor();
      expect(checked.code).toBe(3);
      const expected = checked.report.stores[0]!.error!;
      const before = log().length;

      const report = await run(READS[store]!.file);
      const result = report.results[0]!;
      expect(report.stoppedAtChecks).toBe(true);
      expect(result).toMatchObject({
        store,
        status: 'failed',
        category: 'auth',
        code: expected.code,
        hint: expected.hint ?? undefined,
        ...(expected.storeCode !== null ? { storeCode: expected.storeCode } : {}),
      });
      // The same message, but for the package the read names (the release's, where doctor's names the probe).
      const unnamed = (m: unknown) =>
        String(m).replace(new RegExp(` ?(${CREDENTIAL_PROBE_PACKAGE}|${RELEASE_PACKAGE})`, 'g'), '');
      expect(unnamed(result.message)).toBe(unnamed(expected.message));
      expect(events).not.toContain(`${store}:plan`);
      // The requests doctor's check made (a token, the read, Apple's one renewal after a 401), and
      // no read of plan()'s, no upload.
      const checkedRequests = log().slice(0, before).map(request);
      const published = log().slice(before).map(request);
      const [verifyRead, ...planReads] = Object.keys(READS[store]!.reads);
      expect(published.filter((r) => r === verifyRead)).toEqual(checkedRequests.filter((r) => r === verifyRead));
      expect(published.filter((r) => planReads.includes(r) || UPLOADS.test(r))).toEqual([]);
    });
  }
});

describe('a re-read after the first one goes to the store', () => {
  it("xiaomi: the submit's answer is lost, so its confirmation reads /dev/query again and finds it", async () => {
    const { run, log } = await setUp('xiaomi');
    sandbox!.inject({ store: 'xiaomi', match: '/dev/push', method: 'POST', fault: { kind: 'drop-response' } });
    const report = await run(apkFixture);
    expect(report.results[0]).toMatchObject({ store: 'xiaomi', status: 'submitted' });
    const queries = log().filter((e) => request(e) === 'POST /dev/query');
    // verify()'s read (taken by plan()), then the confirmation's own read after the push: fresh
    // from the store, which shows the pushed version (the kept answer did not).
    expect(queries.length).toBeGreaterThanOrEqual(2);
    const push = log().findIndex((e) => request(e) === 'POST /dev/push');
    expect(log().indexOf(queries[1]!)).toBeGreaterThan(push);
  });
});
