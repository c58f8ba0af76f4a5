/**
 * Bad input that used to be taken for good input (issue 7, items 1–7): each case runs the built
 * CLI against the emulators and must end in one clear line and a stable exit code, with nothing
 * sent to any store.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, fixture, runCli, withSandbox, type CliResult, type SandboxSetup } from './helpers.js';

const universal = fixture('apk/app-universal.apk');
const notes = 'Bug fixes and stability improvements';
const tmp = () => mkdtempSync(join(tmpdir(), 'appstores-bad-'));

let sb: SandboxSetup;
let submissionsBefore: number[];
const submissionCounts = () => Object.values(sb.stores).map((store) => store.state.submissions.length);
beforeAll(async () => {
  // The three original stores: the expectations below name them.
  sb = await withSandbox(['xiaomi', 'oppo', 'vivo']);
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.sandbox.log.length = 0;
  submissionsBefore = submissionCounts();
});

/** Nothing reached any store: no request at all (so certainly no mutating one), no new submission. */
function expectNothingSent(): void {
  expect(sb.sandbox.log.map((e) => `${e.store} ${e.method} ${e.path}`)).toEqual([]);
  expect(submissionCounts()).toEqual(submissionsBefore);
}

/** One `error:` line (plus its hint), no stack trace. */
function expectOneError(r: CliResult, pattern: RegExp): void {
  const errors = r.stderr.split('\n').filter((line) => line.startsWith('error: '));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(pattern);
  expect(r.stderr).toMatch(/\nhint: /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('1. an option that takes a value never swallows a flag', () => {
  it.each([
    [['publish', universal, '--notes', '--dry-run'], '--notes', '--dry-run'],
    [['publish', universal, '--notes', notes, '--store', '--dry-run'], '--store', '--dry-run'],
    [['publish', universal, '-n', '-s', 'oppo'], '--notes', '-s'],
    [['publish', universal, '--notes-file', '--json'], '--notes-file', '--json'],
    [['publish', universal, '--notes', '--dryrun'], '--notes', '--dryrun'],
    [['info', '--pkg', '--raw'], '--pkg', '--raw'],
  ])('%j: usage error naming both, exit 2, nothing sent', async (args, option, flag) => {
    const r = await sb.run(args);
    expect(r.code).toBe(2);
    const line = r.stderr.split('\n')[0]!;
    expect(line).toContain(option);
    expect(line).toContain(`"${flag}"`);
    expectNothingSent();
  });

  it('--config --verbose is refused the same way (the config path is the value)', async () => {
    const r = await runCli(['doctor', '--config', '--verbose'], { cwd: sb.dir, env: sb.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --config got "--verbose" as its value, which is the flag --verbose \[USAGE\]/);
    expectNothingSent();
  });

  it('a value that merely starts with one dash is still a value', async () => {
    const r = await sb.run(['publish', universal, '--notes', '- fixed a crash on start', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results.map((x: { status: string }) => x.status)).toEqual([
      'planned',
      'planned',
      'planned',
    ]);
  });
});

describe('2. an unusable cache dir ends at once', () => {
  // Node's recursive mkdir spins forever on /proc/cache (ENOENT under an existing directory).
  it.skipIf(!existsSync('/proc/self'))('APPSTORES_CACHE_DIR=/proc/cache: doctor exits 3 with one line', async () => {
    const r = await sb.run(['doctor', '--store', 'oppo'], { APPSTORES_CACHE_DIR: '/proc/cache' });
    expect(r.code).toBe(3);
    const lines = r.stdout.split('\n').filter((l) => l.includes('CACHE_DIR_UNWRITABLE'));
    expect(lines).toEqual([expect.stringMatching(/cannot write the token cache in \/proc\/cache \(ENOENT\)/)]);
  });
});

describe('3. --schedule', () => {
  it.each(['2030-02-30T10:00:00+08:00', '2030-01-01T24:00:00Z', '2030-01-01T10:00:00+25:00'])(
    'refuses the impossible time %s, exit 2',
    async (value) => {
      const r = await sb.run(['publish', universal, '--notes', notes, '--schedule', value]);
      expect(r.code).toBe(2);
      expectOneError(r, new RegExp(`--schedule ${value.replace(/[+.]/g, '\\$&')} is not a real time`));
      expectNothingSent();
    },
  );

  it('a time in the past says the earliest time accepted, with an example that is in the future', async () => {
    const r = await sb.run(['publish', universal, '--notes', notes, '--schedule', '2020-01-01T10:00:00+08:00']);
    expect(r.code).toBe(2);
    expectOneError(r, /in the past/);
    const hint = /hint: the stores take a time after now \(now is (\S+)\), e\.g\. --schedule (\S+)/.exec(r.stderr);
    expect(hint).not.toBeNull();
    expect(hint![1]).toMatch(/\+08:00$/);
    expect(new Date(hint![2]!).getTime()).toBeGreaterThan(Date.now());
    expectNothingSent();
  });

  it('the example dates in --help are in the future', async () => {
    for (const args of [['--help'], ['publish', '--help']]) {
      const r = await runCli(args);
      const dates = r.stdout.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00/g) ?? [];
      expect(dates.length).toBeGreaterThan(0);
      for (const date of dates) expect(new Date(date).getTime()).toBeGreaterThan(Date.now());
    }
  });
});

describe('4. release notes', () => {
  it('refuses a control character in --notes with its position, exit 2', async () => {
    const r = await sb.run(['publish', universal, '--notes', 'Bug fixes\nand \x1b[31mred\x1b[0m text']);
    expect(r.code).toBe(2);
    expectOneError(r, /contain the control character U\+001B \(ESC\) at line 2, column 5 \[USAGE\]/);
    expectNothingSent();
  });

  it('refuses a control character in --notes-file with its position, exit 3', async () => {
    const file = join(tmp(), 'notes.txt');
    writeFileSync(file, 'Bug fixes\r\nDing\x07 done\r\n');
    const r = await sb.run(['publish', universal, '--notes-file', file]);
    expect(r.code).toBe(3);
    expectOneError(r, /U\+0007 \(BEL\) at line 2, column 5 \[NOTES_INVALID\]/);
    expectNothingSent();
  });

  it('refuses a --notes-file that is not UTF-8 (GBK), naming the first bad byte, exit 3', async () => {
    const file = join(tmp(), 'notes.txt');
    // "Fixes " then 修复 in GBK (0xD0DE 0xB8B4): 0xD0 0xDE is not a UTF-8 sequence.
    writeFileSync(file, Buffer.from([...Buffer.from('Fixes\nok '), 0xd0, 0xde, 0xb8, 0xb4]));
    const r = await sb.run(['publish', universal, '--notes-file', file]);
    expect(r.code).toBe(3);
    expectOneError(r, /is not valid UTF-8: byte 0xd0 at line 2, column 4 \(byte offset 9\) \[NOTES_INVALID\]/);
    expectNothingSent();
  });

  it('sends CRLF and CR line ends as \\n', async () => {
    const file = join(tmp(), 'notes.txt');
    writeFileSync(file, '\ufeffBug fixes\r\nFaster start\rLess memory\r\n');
    const r = await sb.run(['publish', universal, '--store', 'vivo', '--notes-file', file]);
    expect(r.code).toBe(0);
    expect(sb.stores.vivo.state.submissions.at(-1)!.updateDesc).toBe('Bug fixes\nFaster start\nLess memory');
  });

  it('checks each store’s length limit before any request to it (vivo: 200)', async () => {
    const r = await sb.run(['publish', universal, '--store', 'vivo', '--notes', 'x'.repeat(201), '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ store: 'vivo', status: 'failed', code: 'NOTES_TOO_LONG' });
    expectNothingSent();
  });

  it('80 000-character notes stop at Xiaomi’s and OPPO’s checks too, before any request', async () => {
    const r = await sb.run(['publish', universal, '--store', 'xiaomi,oppo', '--notes', 'x'.repeat(80_000), '--json']);
    expect(r.code).toBe(3);
    const results = JSON.parse(r.stdout).results;
    expect(results.map((x: { code: string }) => x.code)).toEqual(['NOTES_TOO_LONG', 'NOTES_TOO_LONG']);
    expectNothingSent();
  });

  it.each([[[]], [['--notes', '  ']], [['--notes-file', 'EMPTY']]])(
    'empty notes %j: one local error, exit 2',
    async (extra) => {
      const file = join(tmp(), 'empty.txt');
      writeFileSync(file, '\r\n\n');
      const r = await sb.run(['publish', universal, ...extra.map((a) => (a === 'EMPTY' ? file : a))]);
      expect(r.code).toBe(2);
      expectOneError(r, /^error: no release notes given; xiaomi, oppo, vivo require them \[USAGE\]$/);
      expectNothingSent();
    },
  );
});

describe('5. an unbuilt install', () => {
  it('bin/appstores.js without dist/ prints how to build, one line, exit 70', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'bin'));
    copyFileSync(BIN, join(dir, 'bin', 'appstores.js'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'appstores.js'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(70);
    expect(r.stderr).toMatch(
      /^error: appstores is not built \(.*dist\/cli\/main\.js is missing\); run `npm ci && npm run build` in .*\n$/,
    );
  });

  it('ships the MIT LICENSE that package.json names', () => {
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(
      /^MIT License\n\nCopyright \(c\) \d{4} the appstores authors\n/,
    );
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).license).toBe('MIT');
  });
});

describe('6. colour', () => {
  const coloured = (r: CliResult) => r.stdout.includes('\x1b[');
  it.each([
    [{ FORCE_COLOR: '1' }, [], true],
    [{ FORCE_COLOR: '1' }, ['--no-color'], false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, [], false],
    [{ NO_COLOR: '1' }, ['--color'], true],
  ])('%j %j: colour %s', async (env, flags, expected) => {
    const r = await runCli(['stores', ...flags], { env });
    expect(r.code).toBe(0);
    expect(coloured(r)).toBe(expected);
  });
});

describe('7. messages that say what is wrong', () => {
  const config = (body: string, name = 'appstores.config.json') => {
    const dir = tmp();
    writeFileSync(join(dir, name), body);
    return dir;
  };

  it('a baseUrl with another scheme says which schemes are allowed', async () => {
    const dir = config(
      JSON.stringify({ stores: { oppo: { clientId: '1', clientSecret: 's', baseUrl: 'ftp://127.0.0.1' } } }),
    );
    const r = await runCli(['doctor'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      'stores.oppo.baseUrl: ftp:// is not allowed; use https:// (http:// is allowed only on loopback',
    );
  });

  it('a value of the wrong type says the type expected and the type found', async () => {
    const dir = config(
      'stores:\n  oppo:\n    clientId: "1"\n    clientSecret: [a, b]\n  vivo:\n    accessKey: true\n    accessSecret: s\n    sandbox: "yes"\n',
      'appstores.config.yaml',
    );
    const r = await runCli(['doctor'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('stores.oppo.clientSecret: clientSecret must be text, got a list');
    expect(r.stderr).toContain('stores.vivo.accessKey: accessKey must be text, got true (a boolean)');
    expect(r.stderr).toContain('stores.vivo.sandbox: must be true or false, got the text "yes"');
    expect(r.stderr).not.toMatch(/is required|Invalid input/);
  });

  it('nokia=app.apk is an unknown store, exit 2', async () => {
    const r = await sb.run(['publish', `nokia=${universal}`, '--notes', notes]);
    expect(r.code).toBe(2);
    expectOneError(r, /unknown store "nokia" in nokia=/);
    expectNothingSent();
  });

  it.each(['com.foo bar', 'com.foo&x=1', 'com.foo#x'])('--pkg %j is refused locally, exit 3', async (pkg) => {
    const r = await sb.run(['info', '--pkg', pkg]);
    expect(r.code).toBe(3);
    expectOneError(r, /is not a package name or bundle id.*\[PACKAGE_NAME_INVALID\]/);
    expectNothingSent();
  });

  it('a config file with no stores is named', async () => {
    const dir = config('{"stores":{}}');
    const r = await runCli(['doctor'], { cwd: dir });
    expect(r.code).toBe(3);
    expectOneError(
      r,
      new RegExp(`${join(dir, 'appstores.config.json').replace(/[.]/g, '\\.')} configures no store \\[NO_STORES\\]`),
    );
  });

  it('two APKs that are not one release name both files', async () => {
    const r = await sb.run(['publish', universal, fixture('apk/app-other-package.apk'), '--notes', notes]);
    expect(r.code).toBe(3);
    expectOneError(
      r,
      /the two APKs given are not one release: app-universal\.apk is com\.foo\.bar versionCode 6100000, app-other-package\.apk is /,
    );
    expectNothingSent();
  });

  it('an IPA that no configured store takes gets a hint', async () => {
    const r = await sb.run(['publish', fixture('ipa/app.ipa'), '--notes', notes]);
    expect(r.code).toBe(2);
    expectOneError(r, /none of the configured stores takes IPA files/);
    expect(r.stderr).toMatch(
      /hint: configure apple to publish IPA files; the configured stores \(xiaomi, oppo, vivo\) take APK files/,
    );
    expectNothingSent();
  });

  it('the same file twice is named as such', async () => {
    const r = await sb.run(['publish', universal, universal, '--notes', notes]);
    expect(r.code).toBe(2);
    expectOneError(r, /app-universal\.apk is given twice/);
    const copy = join(tmp(), 'copy.apk');
    copyFileSync(universal, copy);
    const same = await sb.run(['publish', universal, copy, '--notes', notes]);
    expect(same.code).toBe(3);
    expectOneError(same, /app-universal\.apk and .*copy\.apk are the same file \(same SHA-256\) \[DUPLICATE_FILE\]/);
    expectNothingSent();
  });

  it('when one store fails its checks, the others name only that one', async () => {
    const r = await sb.run(['publish', universal, '--notes', 'x'.repeat(300), '--json']);
    expect(r.code).toBe(3);
    const results = JSON.parse(r.stdout).results as Array<{ store: string; status: string; message: string }>;
    expect(results.find((x) => x.store === 'vivo')).toMatchObject({ status: 'failed' });
    // Xiaomi and OPPO take 500 characters: they passed and were not started.
    for (const other of results.filter((x) => x.store !== 'vivo')) {
      expect(other).toMatchObject({
        status: 'cancelled',
        message: 'not started: vivo failed its checks, so nothing was uploaded anywhere',
      });
    }
  });
});
