#!/usr/bin/env node
/**
 * What a user installing appstores gets: the repository's tracked files (a fresh clone, no dist/),
 * packed with `npm pack` (the `prepare` script builds dist/), installed into an empty prefix, then
 * `appstores --version` and a publish against the installed CLI's own sandbox.
 *
 * The clone borrows this checkout's node_modules for the build; the install takes the dependencies
 * from the npm cache that `npm ci` filled (--prefer-offline: the registry only for what is missing,
 * like any install). Not part of `npm test` (no network in tests): .ci/run runs it after the tests.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'appstores-pack-'));
const clone = join(work, 'clone');
const prefix = join(work, 'prefix');
const step = (text) => process.stdout.write(`pack-check: ${text}\n`);
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let sandbox;
try {
  // 1. A fresh clone: the tracked files only.
  const files = run('git', ['ls-files', '-z'], root)
    .split('\0')
    .filter((f) => f && existsSync(join(root, f)));
  for (const file of files) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    copyFileSync(join(root, file), join(clone, file));
  }
  if (existsSync(join(clone, 'dist'))) throw new Error('dist/ is tracked; a fresh clone should not have it');
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');

  // 2. npm pack: prepare builds dist/ and the bundle dist/cli/ into the tarball.
  step(`npm pack of ${files.length} tracked files`);
  const name = run('npm', ['pack', '--silent', '--pack-destination', work], clone).trim().split('\n').at(-1);
  const tarball = join(work, name);
  const listing = run('tar', ['-tzf', tarball], work);
  for (const entry of [
    'package/dist/cli/main.js',
    'package/dist/main.js',
    'package/bin/appstores.js',
    'package/LICENSE',
  ]) {
    if (!listing.split('\n').includes(entry)) throw new Error(`${name} has no ${entry}`);
  }

  // 3. Installed into an empty prefix, from the tarball alone (dependencies from the npm cache).
  step(`npm install -g --prefix <empty> ${name}`);
  run(
    'npm',
    ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball],
    work,
  );
  const bin = join(prefix, 'bin', 'appstores');
  const version = run(bin, ['--version'], work).trim();
  const expected = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  if (version !== expected) throw new Error(`appstores --version printed ${version}, expected ${expected}`);
  step(`appstores --version: ${version}`);

  // 4. The installed CLI publishes to its own sandbox.
  const config = join(work, 'sandbox.json');
  sandbox = spawn(bin, ['sandbox', '--write-config', config], { cwd: work, stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(config); i++) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(config)) throw new Error('the installed sandbox wrote no config within 10 s');
  const env = { ...process.env, CI: '1', APPSTORES_CACHE_DIR: join(work, 'cache'), APPSTORES_TIME_SCALE: '0.01' };
  const apk = join(root, 'fixtures', 'apk', 'app-universal.apk');
  const out = execFileSync(bin, ['publish', apk, '--config', config, '--notes', 'Bug fixes'], {
    cwd: work,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Every store in the sandbox config that takes an APK submits it (today six of the seven).
  const apkStores = Object.keys(JSON.parse(readFileSync(config, 'utf8')).stores).filter((id) => id !== 'apple');
  if (!new RegExp(`Result: ${apkStores.length} submitted\\.`).test(out))
    throw new Error(`the sandbox publish did not submit to all ${apkStores.length} Android stores:\n${out}`);
  step(`sandbox publish: ${apkStores.length} submitted (${apkStores.join(', ')})`);
  step('ok');
} catch (error) {
  const detail = error.stderr ? `\n${error.stderr}` : '';
  process.stderr.write(`pack-check: FAILED: ${error.message}${detail}\n`);
  process.exitCode = 1;
} finally {
  sandbox?.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
