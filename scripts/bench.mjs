#!/usr/bin/env node
// Benchmark of the streamed hashing (size + MD5 + SHA-256 in one pass) against `md5sum`.
//
//   npm run bench                      # builds, then hashes a 1 GiB file
//   node scripts/bench.mjs --size 256  # MiB; --runs N: N runs of each figure (default 3)
//   node scripts/bench.mjs --startup   # only the start-up rows
//
// Prints: hashing vs md5sum; curl -F uploads of a generated APK (a fixture APK plus a stored blob
// entry, built with `zip`) to a discard-only receiver, a streaming-MD5 receiver and the sandbox's
// OPPO emulator, with each receiver's peak RSS; start-up of --help / --version / info --store oppo
// vs `node -e 0`, and peak RSS of info and of a tiny publish.
//
// The file is generated in os.tmpdir() (streamed, never in memory) and deleted at the end. Peak
// RSS is measured in a child process that only hashes, so generating the file does not count.
// Targets: peak RSS < 100 MB, hashing within 1.5x of md5sum's time.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const MiB = 1024 * 1024;
const TARGET_RSS_MB = 100;
const TARGET_RATIO = 1.5;

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1024' },
    runs: { type: 'string', default: '3' },
    child: { type: 'string' },
    receiver: { type: 'string' },
    startup: { type: 'boolean' },
  },
});

if (values.receiver) {
  await receiver(values.receiver);
} else if (values.startup) {
  // `node scripts/bench.mjs --startup`: only the start-up rows (after a build).
  await startupRows(Math.max(Number(values.runs), 5));
} else if (values.child) {
  // Child mode: hash one file, report time, digests and peak RSS as JSON. Nothing else runs here.
  const { hashFile } = await import('../dist/artifacts/hash.js');
  const started = process.hrtime.bigint();
  const digest = await hashFile(values.child);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(JSON.stringify({ ...digest, seconds, maxRssKiB: process.resourceUsage().maxRSS }));
} else {
  await main();
}

async function main() {
  const sizeMiB = Number(values.size);
  const runs = Math.max(1, Number(values.runs));
  if (!Number.isInteger(sizeMiB) || sizeMiB <= 0) throw new Error('--size takes a whole number of MiB');
  const file = join(tmpdir(), `appstores-bench-${process.pid}.bin`);
  const cleanup = () => rm(file, { force: true });
  process.once('SIGINT', () => cleanup().finally(() => process.exit(130)));
  try {
    process.stderr.write(`generating ${sizeMiB} MiB in ${file} ...\n`);
    await generate(file, sizeMiB);
    const bytes = sizeMiB * MiB;

    const hashRuns = [];
    const md5sumRuns = [];
    for (let i = 0; i < runs; i++) {
      hashRuns.push(hashInChild(file));
      md5sumRuns.push(md5sum(file));
    }
    const best = (list) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const hash = best(hashRuns);
    const reference = md5sumRuns.every((r) => r !== null) ? best(md5sumRuns) : null;
    if (reference && reference.md5 !== hash.md5)
      throw new Error(`MD5 mismatch: hashFile ${hash.md5}, md5sum ${reference.md5}`);

    const mbps = (seconds) => (bytes / 1e6 / seconds).toFixed(0);
    const peakRssMB = Math.max(...hashRuns.map((r) => r.maxRssKiB)) / 1024;
    console.log(`file:        ${sizeMiB} MiB (${bytes} bytes), best of ${runs} run(s)`);
    console.log(
      `hashFile:    ${hash.seconds.toFixed(3)} s  ${mbps(hash.seconds)} MB/s  (size + md5 + sha256, one pass)`,
    );
    if (reference) {
      const ratio = hash.seconds / reference.seconds;
      console.log(`md5sum:      ${reference.seconds.toFixed(3)} s  ${mbps(reference.seconds)} MB/s`);
      console.log(`ratio:       ${ratio.toFixed(2)}x md5sum's time (target <= ${TARGET_RATIO}x)`);
      if (ratio > TARGET_RATIO) process.exitCode = 1;
    } else {
      console.log('md5sum:      not available on this machine; ratio not measured');
    }
    console.log(`peak RSS:    ${peakRssMB.toFixed(1)} MB in the hashing process (target < ${TARGET_RSS_MB} MB)`);
    console.log(
      `all runs:    hashFile ${hashRuns.map((r) => r.seconds.toFixed(2)).join(' / ')} s; ` +
        `md5sum ${md5sumRuns.map((r) => (r ? r.seconds.toFixed(2) : '-')).join(' / ')} s`,
    );
    if (reference) {
      const ratios = hashRuns.map((r, i) => r.seconds / md5sumRuns[i].seconds);
      console.log(`hash ratio:  ${stats(ratios, 2)}x md5sum (min / median / max, run by run)`);
    }
    if (peakRssMB >= TARGET_RSS_MB) process.exitCode = 1;
    await uploadRows(sizeMiB, runs);
    await startupRows(Math.max(runs, 5));
  } finally {
    await cleanup();
  }
}

/** Writes `sizeMiB` MiB of pseudo-random data, one 1 MiB block at a time. */
async function generate(file, sizeMiB) {
  const block = randomBytes(MiB);
  const handle = await open(file, 'w');
  try {
    for (let i = 0; i < sizeMiB; i++) {
      block.writeUInt32LE(i, 0); // every block differs from the others
      await handle.write(block, 0, MiB);
    }
  } finally {
    await handle.close();
  }
}

function hashInChild(file) {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, [self, '--child', file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`hashing child failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

function md5sum(file) {
  const started = process.hrtime.bigint();
  const result = spawnSync('md5sum', [file], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.error || result.status !== 0) return null;
  return { seconds, md5: result.stdout.split(/\s/)[0] };
}

// ---- Uploads: curl -F to three loopback receivers (the sandbox's OPPO emulator against two tiny
// node servers). The sandbox must cost no more than the streaming-MD5 receiver and stay < 150 MB.

function min(xs) {
  return Math.min(...xs);
}
function median(xs) {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}
function max(xs) {
  return Math.max(...xs);
}
function stats(xs, digits = 3) {
  return `${min(xs).toFixed(digits)} / ${median(xs).toFixed(digits)} / ${max(xs).toFixed(digits)}`;
}

/** A child process: `discard`, `md5` (streaming MD5 of the body) or `sandbox` (every emulator). */
async function receiver(kind) {
  const { createServer } = await import('node:http');
  const { createHash } = await import('node:crypto');
  let url;
  let stop;
  if (kind === 'sandbox') {
    const { startSandbox } = await import('../dist/sandbox/server.js');
    const { createEmulators } = await import('../dist/sandbox/emulators.js');
    const sb = await startSandbox(createEmulators());
    url = `${sb.baseUrl('oppo')}/upload`;
    stop = () => sb.close();
  } else {
    const server = createServer((req, res) => {
      const hash = kind === 'md5' ? createHash('md5') : null;
      req.on('data', (chunk) => hash?.update(chunk));
      req.on('end', () => res.end(hash ? hash.digest('hex') : 'ok'));
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${server.address().port}/upload`;
    stop = () => new Promise((r) => server.close(r));
  }
  process.stdout.write(`${url}\n`);
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await stop();
    process.stdout.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`);
    process.exit(0);
  });
}

async function startReceiver(kind) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--receiver', kind], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text) => (out += text));
  while (!out.includes('\n')) await new Promise((r) => setTimeout(r, 20));
  const url = out.split('\n')[0];
  return {
    url,
    async stop() {
      child.stdin.end();
      await new Promise((r) => child.once('exit', r));
      return JSON.parse(out.split('\n')[1]).maxRssKiB / 1024;
    },
  };
}

/** A real fixture APK plus one stored (uncompressed) blob entry, so it parses as an APK. */
async function generateApk(sizeMiB) {
  const { copyFile } = await import('node:fs/promises');
  const dir = join(tmpdir(), `appstores-bench-apk-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  await (await import('node:fs/promises')).mkdir(dir);
  const apk = join(dir, 'app.apk');
  await copyFile(fileURLToPath(new URL('../fixtures/apk/app-universal.apk', import.meta.url)), apk);
  await generate(join(dir, 'blob.bin'), sizeMiB);
  const zip = spawnSync('zip', ['-0', '-q', apk, 'blob.bin'], { cwd: dir });
  if (zip.error || zip.status !== 0) return { dir, apk: null };
  await rm(join(dir, 'blob.bin'));
  return { dir, apk };
}

function curlUpload(url, apk) {
  const result = spawnSync(
    'curl',
    ['-s', '-o', '/dev/null', '-w', '%{time_total}', '-F', 'type=apk', '-F', 'sign=bench', '-F', `file=@${apk}`, url],
    { encoding: 'utf8' },
  );
  if (result.error || result.status !== 0) throw new Error(`curl failed: ${result.stderr}`);
  return Number(result.stdout);
}

async function uploadRows(sizeMiB, runs) {
  if (spawnSync('curl', ['--version']).error) {
    console.log('uploads:     curl is not available on this machine; upload rows skipped');
    return;
  }
  const { dir, apk } = await generateApk(sizeMiB);
  try {
    if (!apk) {
      console.log('uploads:     zip is not available to build the test APK; upload rows skipped');
      return;
    }
    const times = { discard: [], md5: [], sandbox: [] };
    const rss = { discard: [], md5: [], sandbox: [] };
    for (let i = 0; i < runs; i++) {
      for (const kind of Object.keys(times)) {
        const server = await startReceiver(kind);
        times[kind].push(curlUpload(server.url, apk));
        rss[kind].push(await server.stop());
      }
    }
    const ratios = (kind, base) => times[kind].map((t, i) => t / times[base][i]);
    console.log(`upload:      curl -F of a ${sizeMiB} MiB APK, min / median / max of ${runs} run(s)`);
    for (const kind of Object.keys(times)) {
      console.log(`  ${kind.padEnd(8)}   ${stats(times[kind])} s   receiver peak RSS ${stats(rss[kind], 1)} MB`);
    }
    const vsMd5 = ratios('sandbox', 'md5');
    console.log(`  sandbox / streaming-MD5 receiver: ${stats(vsMd5, 2)}x (target <= 1.05x)`);
    console.log(`  sandbox / discard receiver:       ${stats(ratios('sandbox', 'discard'), 2)}x`);
    console.log(`  sandbox peak RSS:                 ${max(rss.sandbox).toFixed(1)} MB (target < 150 MB)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---- Start-up: wall time of quick commands against `node -e 0`, and peak RSS of info and of a
// tiny publish. info and publish run against the sandbox (every emulator, in this process) with a
// config naming all seven stores; `--store oppo` must load only OPPO's adapter (issue 12).

/** One run of `node <args>`: wall seconds and, where /usr/bin/time exists, peak RSS in MB. */
async function timedRun(args, env, withRss) {
  const { spawn } = await import('node:child_process');
  const [command, argv] = withRss
    ? ['/usr/bin/time', ['-f', '%M', process.execPath, ...args]]
    : [process.execPath, args];
  const started = process.hrtime.bigint();
  const child = spawn(command, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text) => (stderr += text));
  const status = await new Promise((r) => child.once('close', r));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (status !== 0) throw new Error(`node ${args.join(' ')} failed (${status}): ${stderr}`);
  return { seconds, rssMB: withRss ? Number(stderr.trim().split('\n').at(-1)) / 1024 : null };
}

async function startupRows(runs) {
  // Targets of issue 12 (inside the function: the top-level dispatch runs before later constants).
  const TARGET_INFO_RATIO = 2.5;
  const TARGET_QUICK_RATIO = 1.3;
  const TARGET_SMALL_RSS_MB = 70;
  const { existsSync, mkdtempSync, writeFileSync } = await import('node:fs');
  const { startSandbox } = await import('../dist/sandbox/server.js');
  const { createEmulators } = await import('../dist/sandbox/emulators.js');
  const bin = fileURLToPath(new URL('../bin/appstores.js', import.meta.url));
  const apk = fileURLToPath(new URL('../fixtures/apk/app-universal.apk', import.meta.url));
  const sandbox = await startSandbox(createEmulators());
  const dir = mkdtempSync(join(tmpdir(), 'appstores-bench-startup-'));
  const config = join(dir, 'appstores.config.json');
  writeFileSync(config, JSON.stringify(sandbox.config(), null, 2));
  const env = { ...process.env, APPSTORES_CACHE_DIR: join(dir, 'cache'), APPSTORES_TIME_SCALE: '0.01' };
  const withRss = existsSync('/usr/bin/time');
  const info = [bin, 'info', '--store', 'oppo', '--pkg', 'com.foo.bar', '--config', config];
  const rows = {
    'node -e 0': { args: ['-e', '0'] },
    '--help': { args: [bin, '--help'], target: TARGET_QUICK_RATIO },
    '--version': { args: [bin, '--version'], target: TARGET_QUICK_RATIO },
    info: { args: info, target: TARGET_INFO_RATIO, rss: true },
  };
  const publish = [bin, 'publish', apk, '--store', 'oppo', '--notes', 'Bench: a tiny publish', '--config', config];
  try {
    const times = Object.fromEntries(Object.keys(rows).map((k) => [k, []]));
    const rss = { info: [], publish: [] };
    // Interleaved, so load on the machine affects every row alike. Wall time without a wrapper;
    // peak RSS in separate runs under /usr/bin/time.
    for (let i = 0; i < runs; i++) {
      for (const [name, row] of Object.entries(rows)) times[name].push((await timedRun(row.args, env, false)).seconds);
      if (withRss) {
        rss.info.push((await timedRun(info, env, true)).rssMB);
        rss.publish.push((await timedRun(publish, env, true)).rssMB);
      }
    }
    console.log(`start-up:    wall time, min / median / max of ${runs} runs (info: --store oppo, 7-store config)`);
    for (const [name, row] of Object.entries(rows)) {
      const ratio = times[name].map((t, i) => t / times['node -e 0'][i]);
      const target = row.target ? `   (target <= ${row.target}x)` : '';
      console.log(`  ${name.padEnd(10)} ${stats(times[name])} s   ${stats(ratio, 2)}x node -e 0${target}`);
      if (row.target && median(ratio) > row.target) process.exitCode = 1;
    }
    if (withRss) {
      console.log(`peak RSS:    min / median / max of ${runs} runs (target < ${TARGET_SMALL_RSS_MB} MB)`);
      for (const [name, list] of Object.entries(rss)) {
        const what = name === 'info' ? 'info --store oppo' : 'publish of a 13 KB APK to OPPO';
        console.log(`  ${name.padEnd(10)} ${stats(list, 1)} MB   ${what}`);
        if (median(list) >= TARGET_SMALL_RSS_MB) process.exitCode = 1;
      }
    } else {
      console.log('peak RSS:    /usr/bin/time is not available on this machine; info / publish RSS not measured');
    }
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}
