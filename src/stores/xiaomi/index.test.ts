/** The Xiaomi adapter against the Xiaomi emulator, in process (real HTTP on 127.0.0.1). */
import { generateKeyPairSync, createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { createXiaomiEmulator, type XiaomiEmulator } from '../../sandbox/xiaomi.js';
import { fastClock, testContext } from '../../testing/context.js';
import { shortAnswerTimeout } from '../../testing/late-answer.js';
import { failure, testRelease } from '../../testing/release.js';
import { CONFIRM_WINDOW, pollsIn } from '../kit/index.js';
import type { ProgressEvent, Release } from '../types.js';
import { queryApp } from './api.js';
import { xiaomiAdapter } from './index.js';

let sb: Sandbox;
let emulator: XiaomiEmulator;

beforeEach(async () => {
  emulator = createXiaomiEmulator();
  sb = await startSandbox([emulator]);
});
afterEach(async () => {
  await sb.close();
});

function context(overrides: Record<string, unknown> = {}) {
  const config = xiaomiAdapter.configSchema.parse({ ...sb.config().stores.xiaomi, ...overrides });
  const ctx = testContext(xiaomiAdapter, config);
  const secrets: string[] = [];
  ctx.addSecret = (value) => secrets.push(value);
  return { ctx, secrets };
}

function session(overrides: Record<string, unknown> = {}) {
  return xiaomiAdapter.connect(context(overrides).ctx);
}

/** A session whose token cache and submit journal live in `cacheDir`: one machine across runs. */
function sessionIn(cacheDir: string) {
  const config = xiaomiAdapter.configSchema.parse(sb.config().stores.xiaomi);
  return xiaomiAdapter.connect(testContext(xiaomiAdapter, config, { cacheDir }));
}

const release = (files: string[], extra: Partial<Release> = {}) =>
  testRelease(files, { notes: '修复了一些问题', ...extra });

const pushes = () => sb.log.filter((entry) => entry.path === '/dev/push');
const queries = () => sb.log.filter((entry) => entry.path === '/dev/query');

/** A real square PNG of `size` pixels (8-bit grey). */
function pngFile(size: number): string {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size + 1), 0x80);
  for (let y = 0; y < size; y++) rows[y * (size + 1)] = 0;
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  const path = join(mkdtempSync(join(tmpdir(), 'xiaomi-icon-test-')), `icon-${size}.png`);
  writeFileSync(path, png);
  return path;
}

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

describe('verify and info', () => {
  it('verify proves the credentials with one signed query, and registers its SIG as a secret', async () => {
    const { ctx, secrets } = context();
    await xiaomiAdapter.connect(ctx).verify();
    expect(queries()).toHaveLength(1);
    expect(queries()[0]!.status).toBe(200);
    expect(emulator.state.refusals).toEqual([]);
    // {"sig":[RequestData],"password":"sandbox-xiaomi-private-key"} is 114 bytes: one 128-byte
    // block (a real, longer private key makes two [src: APKGO-XM-TR `[REDACTED 512]`]).
    expect(secrets).toHaveLength(1);
    expect(secrets[0]).toMatch(/^[0-9a-f]{256}$/);
  });

  it('verify fails with −20014 and a reset hint for another private key', async () => {
    const error = await session({ privateKey: 'another-private-key' })
      .verify()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTH_FAILED', category: 'auth', storeCode: -20014 });
    expect((error as Error & { hint: string }).hint).toMatch(/reset on the console/);
    expect((error as Error).message).not.toContain('another-private-key');
  });

  it("a SIG made with a key other than the store's is −20002, with a hint about the certificate", async () => {
    const { ctx } = context();
    const stranger = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const error = await queryApp({ ctx, publicKey: stranger }, 'com.foo.bar').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_SIGNATURE', category: 'auth', storeCode: -20002 });
    expect((error as Error & { hint: string }).hint).toMatch(/publicKey is the certificate/);
  });

  it('info of com.foo.bar: live at 6091000, inferred', async () => {
    const info = await session().info('com.foo.bar');
    expect(info).toMatchObject({
      store: 'xiaomi',
      package: 'com.foo.bar',
      appName: '测试应用',
      live: { versionCode: 6091000, versionName: '6.9.1' },
      pending: null,
      review: { state: 'live', storeState: 'inferred: updateVersion=true' },
    });
    expect(info.raw).toMatchObject({ result: 0, updateVersion: true });
  });

  it('info after a push: reviewing, inferred from updateVersion=false', async () => {
    const s = session();
    await s.publish(await release(['app-universal.apk']), () => {});
    const info = await s.info('com.foo.bar');
    expect(info.review).toEqual({ state: 'reviewing', reason: null, storeState: 'inferred: updateVersion=false' });
    expect(info.live?.versionCode).toBe(6091000);
    expect(info.pending).toBeNull();
  });

  it('info of an unknown package is APP_NOT_FOUND; of a foreign one, the ownership error (−7)', async () => {
    const s = session();
    await expect(s.info('com.never.pushed')).rejects.toMatchObject({ code: 'APP_NOT_FOUND', category: 'config' });
    await expect(s.info('com.other.app')).rejects.toMatchObject({
      code: 'NOT_YOUR_APP',
      storeCode: -7,
      message: expect.stringContaining('another developer'),
    });
  });
});

describe('plan', () => {
  it('says what would be pushed, and never calls /dev/push', async () => {
    const plan = await session().plan(await release(['app-armeabi-v7a.apk', 'app-arm64-v8a.apk']));
    expect(plan.action).toBe('submit');
    expect(plan.summary).toContain('apk app-armeabi-v7a.apk, secondApk app-arm64-v8a.apk');
    expect(plan.summary).toMatch(/icon .+ in app-armeabi-v7a\.apk/);
    expect(pushes()).toHaveLength(0);
    expect(queries()).toHaveLength(1);
  });

  it('skips the live version, and a version in review that this machine pushed; another machine gets IN_REVIEW', async () => {
    const s = session();
    await s.publish(await release(['app-universal.apk']), () => {});
    expect(await s.plan(await release(['app-universal.apk']))).toMatchObject({
      action: 'skip',
      summary: expect.stringMatching(
        /^6\.10\.0 \(6100000\) is in review on Xiaomi \(updateVersion=false; pushed by appstores on /,
      ),
    });
    // Another machine, without the journal:
    await expect(session().plan(await release(['app-universal.apk']))).rejects.toMatchObject({
      code: 'IN_REVIEW',
      category: 'conflict',
      hint: expect.stringContaining('APPSTORES_XIAOMI_IN_REVIEW=6100000'),
    });
    // ...unless told which version is in review.
    expect(await session({ inReview: '6100000' }).plan(await release(['app-universal.apk']))).toMatchObject({
      action: 'skip',
    });
    emulator.approve('com.foo.bar');
    expect(await s.plan(await release(['app-universal.apk']))).toEqual({
      action: 'skip',
      summary: '6.10.0 (6100000) is already live on Xiaomi',
    });
    expect(pushes()).toHaveLength(1);
  });

  it('rejects a versionCode below the live one before any upload', async () => {
    await expect(session().plan(await release(['app-old.apk']))).rejects.toMatchObject({
      code: 'VERSION_NOT_HIGHER',
      category: 'rejected',
    });
    expect(pushes()).toHaveLength(0);
  });

  it('checks the configured icon: a PNG of the wrong size is a config error', async () => {
    await expect(session({ icon: pngFile(100) }).plan(await release(['app-universal.apk']))).rejects.toMatchObject({
      code: 'ICON_INVALID',
      category: 'config',
      message: expect.stringContaining('100×100'),
    });
    await expect(session({ icon: '/nonexistent/icon.png' }).verify()).rejects.toMatchObject({ code: 'ICON_INVALID' });
    expect((await session({ icon: pngFile(512) }).plan(await release(['app-universal.apk']))).summary).toMatch(
      /icon .*icon-512\.png/,
    );
  });
});

describe('publish', () => {
  it('pushes a single APK with the icon from the APK, and reports progress', async () => {
    const r = await release(['app-universal.apk']);
    const events: ProgressEvent[] = [];
    const outcome = await session().publish(r, (event) => events.push(event));
    expect(outcome).toMatchObject({ status: 'submitted', reference: null });
    expect(outcome.message).toMatch(/^Xiaomi accepted versionCode 6100000 \(6\.10\.0\) for review/);
    expect(pushes()).toHaveLength(1);

    const [submission] = emulator.state.submissions;
    expect(submission).toMatchObject({
      synchroType: 1,
      packageName: 'com.foo.bar',
      appInfo: { appName: '测试应用', packageName: 'com.foo.bar', versionName: '6.10.0', updateDesc: '修复了一些问题' },
      onlineTime: null,
      ignoredParts: [],
    });
    expect(submission!.appInfo).not.toHaveProperty('onlineTime');
    expect(Object.keys(submission!.parts).sort()).toEqual(['apk', 'icon']);
    expect(submission!.parts.apk).toMatchObject({
      md5: r.apks[0]!.md5,
      size: r.apks[0]!.size,
      filename: 'app-universal.apk',
    });
    expect(submission!.parts.icon!.size).toBeGreaterThan(0);

    const upload = events.filter((e) => e.phase === 'upload');
    expect(upload.length).toBeGreaterThan(0);
    expect(upload.at(-1)!.bytes).toBe(upload.at(-1)!.total);
    expect(events.map((e) => e.phase)).toContain('submit');
  });

  it('pushes a split pair as `apk` and `secondApk`', async () => {
    const r = await release(['app-armeabi-v7a.apk', 'app-arm64-v8a.apk']);
    await session().publish(r, () => {});
    const [submission] = emulator.state.submissions;
    expect(submission!.apks.map((apk) => [apk.field, apk.abis])).toEqual([
      ['apk', ['armeabi-v7a']],
      ['secondApk', ['arm64-v8a']],
    ]);
    expect(submission!.parts.secondApk!.md5).toBe(r.apks[1]!.md5);
    expect(submission!.ignoredParts).toEqual([]);
    expect(pushes()).toHaveLength(1);
  });

  it('sends the configured icon when there is one', async () => {
    const icon = pngFile(512);
    await session({ icon }).publish(await release(['app-universal.apk']), () => {});
    const { readFileSync } = await import('node:fs');
    const md5 = createHash('md5').update(readFileSync(icon)).digest('hex');
    expect(emulator.state.submissions[0]!.parts.icon).toMatchObject({ md5, filename: 'icon-512.png' });
  });

  it('sends a schedule as onlineTime in epoch milliseconds', async () => {
    const schedule = new Date(Date.now() + 3 * 24 * 3600_000);
    schedule.setUTCMilliseconds(0);
    const outcome = await session().publish(await release(['app-universal.apk'], { schedule }), () => {});
    expect(emulator.state.submissions[0]!.appInfo.onlineTime).toBe(schedule.getTime());
    expect(emulator.state.submissions[0]!.onlineTime).toBe(schedule.getTime());
    expect(outcome.message).toContain(schedule.toISOString());
  });

  it('skips a version that is already live without pushing', async () => {
    const s = session();
    await s.publish(await release(['app-universal.apk']), () => {});
    emulator.approve('com.foo.bar');
    expect(await s.publish(await release(['app-universal.apk']), () => {})).toMatchObject({ status: 'skipped' });
    expect(pushes()).toHaveLength(1);
  });
});

describe('publish faults', () => {
  it('a dropped answer on /dev/push: one push, then a query confirms it was submitted', async () => {
    sb.inject({ store: 'xiaomi', match: '/dev/push', fault: { kind: 'drop-response' } });
    const events: ProgressEvent[] = [];
    const outcome = await session().publish(await release(['app-universal.apk']), (e) => events.push(e));
    expect(outcome.status).toBe('submitted');
    expect(outcome.message).toMatch(
      /^Xiaomi has versionCode 6100000 \(6\.10\.0\) \(query: updateVersion=false, a version is in review\), after the submit got no clear answer/,
    );
    expect(pushes()).toHaveLength(1);
    expect(pushes()[0]!.fault).toBe('drop-response');
    // One query before the push, at least one after it.
    const pushAt = sb.log.indexOf(pushes()[0]!);
    expect(sb.log.slice(pushAt + 1).filter((e) => e.path === '/dev/query').length).toBeGreaterThanOrEqual(1);
    expect(events.some((e) => e.phase === 'wait')).toBe(true);
    expect(emulator.state.submissions).toHaveLength(1);
  });

  it.each([
    ['a reset during the upload', { kind: 'reset' }],
    ['a gateway 502', { kind: 'status', status: 502 }],
  ] as const)(
    '%s on /dev/push: unconfirmed after minutes of queries, one push; a re-run pushes once',
    async (_, fault) => {
      sb.inject({ store: 'xiaomi', match: '/dev/push', fault });
      const cacheDir = mkdtempSync(join(tmpdir(), 'appstores-xiaomi-rerun-'));
      const r = await release(['app-universal.apk']);
      const error = await failure(sessionIn(cacheDir).publish(r, () => {}));
      expect(error).toMatchObject({ code: 'SUBMIT_UNCONFIRMED', category: 'transient', store: 'xiaomi' });
      expect(error.message).toMatch(/Xiaomi may or may not have versionCode 6100000/);
      expect(error.hint).toMatch(/do not resubmit blindly: check the app on the Xiaomi console/);
      expect(pushes()).toHaveLength(1);
      expect(queries().length).toBe(1 + pollsIn(CONFIRM_WINDOW));
      expect(emulator.state.submissions).toHaveLength(0);
      // The re-run (same machine) finds nothing in review and pushes exactly once; the next one skips.
      expect(await sessionIn(cacheDir).publish(r, () => {})).toMatchObject({ status: 'submitted' });
      expect(await sessionIn(cacheDir).publish(r, () => {})).toMatchObject({ status: 'skipped' });
      expect(emulator.state.submissions).toHaveLength(1);
    },
  );

  it('an answer to /dev/push after the CLI stopped waiting: one push, found by the queries, submitted', async () => {
    // Xiaomi takes the push 2 s late; the CLI waits 500 ms for it (its own wait is 15 min).
    sb.inject({ store: 'xiaomi', match: '/dev/push', fault: { kind: 'delay', ms: 2_000 } });
    const config = xiaomiAdapter.configSchema.parse(sb.config().stores.xiaomi);
    const ctx = testContext(xiaomiAdapter, config, {
      dispatcher: shortAnswerTimeout((request) => request.path.includes('/dev/push'), 500),
      // Checks 200 ms apart: the window's 20 checks span the store's late answer.
      clock: fastClock(200),
    });
    const outcome = await xiaomiAdapter.connect(ctx).publish(await release(['app-universal.apk']), () => {});
    expect(outcome.status).toBe('submitted');
    expect(outcome.message).toMatch(
      /^Xiaomi has versionCode 6100000 \(6\.10\.0\) \(query: updateVersion=false, a version is in review\), after the submit got no clear answer \(timed out waiting for/,
    );
    expect(pushes()).toHaveLength(1);
    expect(emulator.state.submissions).toHaveLength(1);
  });

  it('a re-run after a successful push skips the version in review (the submit journal), exit 0 not IN_REVIEW', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'appstores-xiaomi-journal-'));
    const r = await release(['app-universal.apk']);
    expect(await sessionIn(cacheDir).publish(r, () => {})).toMatchObject({ status: 'submitted' });
    const again = await sessionIn(cacheDir).publish(r, () => {});
    expect(again).toMatchObject({ status: 'skipped', message: expect.stringContaining('is in review on Xiaomi') });
    expect(pushes()).toHaveLength(1);
  });

  it('when every follow-up query fails too, it does not claim the push is safe to repeat', async () => {
    sb.inject({ store: 'xiaomi', match: '/dev/push', fault: { kind: 'drop-response' } });
    const error = await failure(
      session().publish(await release(['app-universal.apk']), (event) => {
        // The upload is complete: from now on every query fails.
        if (event.phase === 'submit') {
          sb.inject({ store: 'xiaomi', match: '/dev/query', fault: { kind: 'status', status: 503 }, times: 1000 });
        }
      }),
    );
    expect(error).toMatchObject({ code: 'SUBMIT_UNCONFIRMED', category: 'transient' });
    expect(error.message).toMatch(/all 20 checks over/);
    expect(error.hint).toMatch(/do not resubmit blindly/);
    expect(pushes()).toHaveLength(1);
    // It did reach the store: exactly why the error must not say "safe to run again".
    expect(emulator.state.submissions).toHaveLength(1);
  });
});

describe('store refusals surface with the store code', () => {
  it('−92 for a version below the live one (publish leaves that to the store)', async () => {
    const error = await session()
      .publish(await release(['app-old.apk']), () => {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FILE_REJECTED', category: 'rejected', storeCode: -92 });
    expect((error as Error).message).toMatch(/\(Xiaomi -92: .+\)$/);
    expect(pushes()).toHaveLength(1);
  });

  it('−2 for an APK of another package', async () => {
    const r = await release(['app-other-package.apk'], { package: 'com.foo.bar' });
    await expect(session().publish(r, () => {})).rejects.toMatchObject({
      code: 'PACKAGE_MISMATCH',
      category: 'rejected',
      storeCode: -2,
    });
  });

  it('−20014 for a wrong private key', async () => {
    await expect(
      session({ privateKey: 'reset-since-then' }).publish(await release(['app-universal.apk']), () => {}),
    ).rejects.toMatchObject({ code: 'AUTH_FAILED', category: 'auth', storeCode: -20014 });
    expect(pushes()).toHaveLength(0);
  });

  it('a different APK signer is APK_SIGNER_CHANGED', async () => {
    const s = session();
    await s.publish(await release(['app-universal.apk']), () => {});
    emulator.reject('com.foo.bar');
    const error = await s.publish(await release(['app-other-signer.apk']), () => {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'APK_SIGNER_CHANGED', category: 'rejected' });
  });
});
