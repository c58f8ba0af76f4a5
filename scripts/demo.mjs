#!/usr/bin/env node
// `npm run demo`: a whole publish against the built-in emulated stores, with no account.
// Starts `appstores sandbox`, shows what OPPO and YYB have, publishes the fixture APK to every
// emulated store (Xiaomi, OPPO, vivo, Honor, YYB) with live progress, then shows OPPO and Honor
// again (the new version is now in review).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin', 'appstores.js');
const work = mkdtempSync(join(tmpdir(), 'appstores-demo-'));
const config = join(work, 'sandbox.json');
// The emulated stores answer at once; scaling waits keeps OPPO's 10 s task polling short.
const env = { ...process.env, APPSTORES_CACHE_DIR: join(work, 'cache'), APPSTORES_TIME_SCALE: '0.05' };

const sandbox = spawn(process.execPath, [bin, 'sandbox', '--write-config', config], {
  env,
  stdio: ['ignore', 'ignore', 'pipe'],
});
await new Promise((ready, fail) => {
  let err = '';
  sandbox.stderr.on('data', (d) => {
    err += d;
    if (err.includes('sandbox listening')) ready();
  });
  sandbox.on('exit', (code) => fail(new Error(`sandbox exited (${code}): ${err}`)));
});

const step = (title, args) =>
  new Promise((done) => {
    console.log(`\n$ appstores ${args.join(' ')}    # ${title}`);
    const child = spawn(process.execPath, [bin, ...args, '--config', config], { env, stdio: 'inherit' });
    child.on('exit', (code) => done(code ?? 1));
  });

let code = 0;
try {
  await step('what OPPO shows now', ['info', '--store', 'oppo', '--pkg', 'com.foo.bar']);
  await step('what YYB shows now (it tells version names only)', ['info', '--store', 'yyb', '--pkg', 'com.foo.bar']);
  code = await step('publish to every emulated store', [
    'publish',
    join(root, 'fixtures', 'apk', 'app-universal.apk'),
    '--notes',
    '修复了若干问题，提升了稳定性。Bug fixes and stability improvements.',
  ]);
  await step('OPPO after the publish', ['info', '--store', 'oppo', '--pkg', 'com.foo.bar']);
  await step('Honor after the publish', ['info', '--store', 'honor', '--pkg', 'com.foo.bar']);
} finally {
  sandbox.kill('SIGINT');
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = code;
