/**
 * runPublish in process against the sandbox: what overlaps the hashing pass (by the order of
 * requests, never by wall time), what a file that changes or vanishes while hashed does, and how
 * many times each store reads the app in one publish.
 */
import { copyFileSync, mkdtempSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashFile } from '../artifacts/hash.js';
import type { FileDigest } from '../artifacts/types.js';
import { createEmulators } from '../sandbox/emulators.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import type { LogEntry } from '../sandbox/types.js';
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

/** A sandbox with every emulator, a config for `store` alone, and a run of `publish <file> --store <store>`. */
async function setUp(store: string) {
  sandbox = await startSandbox(createEmulators());
  const dir = mkdtempSync(join(tmpdir(), 'appstores-run-publish-'));
  const config = sandbox.config();
  for (const id of Object.keys(config.stores)) if (id !== store) delete config.stores[id];
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
  return { dir, run, events, log };
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
 * The reads of the app's state in one publish: verify()'s credential probe (a package no account
 * has) and plan()'s read, which publish() reuses (Plan.state). Submit confirmations and processing
 * polls are not reads of this kind, and a clean run has none.
 */
const READS: Record<string, { file: string; reads: Record<string, number> }> = {
  xiaomi: { file: apkFixture, reads: { 'POST /dev/query': 2 } },
  oppo: { file: apkFixture, reads: { 'GET /resource/v1/app/info': 2 } },
  vivo: { file: apkFixture, reads: { 'POST / app.query.details': 2 } },
  honor: {
    file: apkFixture,
    reads: {
      'GET /openapi/v1/publish/get-app-id': 2,
      'GET /openapi/v1/publish/get-app-detail': 1,
      'GET /openapi/v1/publish/get-app-current-release': 1,
    },
  },
  yyb: {
    file: apkFixture,
    reads: {
      'POST /open_file/developer_api/query_app_update_status': 2,
      'POST /open_file/developer_api/query_app_detail': 1,
    },
  },
  huawei: { file: apkFixture, reads: { 'GET /publish/v2/appid-list': 2, 'GET /publish/v2/app-info': 1 } },
  apple: {
    file: ipaFixture,
    reads: { 'GET /v1/apps': 2, 'GET /v1/apps/1500000001/appStoreVersions': 1, 'GET /v1/builds': 1 },
  },
};

describe('one read of the app per publish', () => {
  for (const [store, { file, reads }] of Object.entries(READS)) {
    it(`${store}: the probe and plan()'s read, none again in publish()`, async () => {
      const { run, log } = await setUp(store);
      const report = await run(file);
      expect(report.results[0]).toMatchObject({ store, status: 'submitted' });
      const seen = log().map((e) => {
        const method = new URLSearchParams(e.query).get('method') ?? e.fields.method;
        return `${line(e)}${method ? ` ${method}` : ''}`;
      });
      const counted = Object.fromEntries(Object.keys(reads).map((r) => [r, seen.filter((s) => s === r).length]));
      expect(counted).toEqual(reads);
    });
  }
});
