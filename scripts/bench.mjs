#!/usr/bin/env node
// Benchmark of hashing, uploads, publish memory, parallel stores and start-up.
//
//   npm run bench                      # builds, then runs every row with 1 GiB files
//   node scripts/bench.mjs --size 256  # MiB; --runs N: N runs of each figure (default 3)
//   node scripts/bench.mjs --startup   # only the start-up rows
//
// Prints, each figure as min / median / max of the runs (ratios taken run by run, side by side):
// - hashing (size + MD5 + SHA-256, one pass) vs md5sum;
// - curl -F uploads of a generated APK (a fixture APK plus a stored blob entry, built with `zip`)
//   to a discard-only receiver, a streaming-MD5 receiver and the sandbox's OPPO emulator, with each
//   receiver's peak RSS;
// - our upload vs curl -F to the same receiver (discard-only and streaming-MD5): a driver process
//   sends the same three fields (type, sign, file) through the code path OPPO's adapter uses
//   (HttpClient.send + multipartBody + fileProgress, from dist/); timed from the call to send() to
//   its answer, like curl's time_total (process start-up excluded from both). A minimal undici-only
//   uploader (the same bytes, one reused buffer, no project code) shows what Node + undici cost;
// - peak RSS of `appstores publish` of the APK to the sandbox's OPPO (a fresh `appstores sandbox`
//   per run), at 256 MiB and at --size, to show it is flat in the file size;
// - one `publish` to xiaomi, oppo and vivo together vs the slowest of the three alone (256 MiB);
// - start-up of --help / --version / info --store oppo vs `node -e 0`, and peak RSS of info and of
//   a tiny publish (`--startup` runs only these).
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
const BIN = fileURLToPath(new URL('../bin/appstores.js', import.meta.url));
const TARGET_RSS_MB = 100;
const TARGET_RATIO = 1.5;

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1024' },
    runs: { type: 'string', default: '3' },
    child: { type: 'string' },
    receiver: { type: 'string' },
    upload: { type: 'string' },
    via: { type: 'string' },
    file: { type: 'string' },
    startup: { type: 'boolean' },
  },
});

if (values.receiver) {
  await receiver(values.receiver);
} else if (values.upload) {
  await uploadDriver(values.upload, values.file, values.via);
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
    await cleanup();
    await appRows(sizeMiB, runs);
    await startupRows(Math.max(runs, 5));
  } finally {
    await cleanup();
  }
}

/** The rows that need a generated APK (and so `zip`): uploads, publish RSS, parallel stores. */
async function appRows(sizeMiB, runs) {
  const hasCurl = !spawnSync('curl', ['--version']).error;
  const small = Math.min(256, sizeMiB);
  const big = await generateApk(sizeMiB);
  const quarter = small === sizeMiB ? big : await generateApk(small);
  try {
    if (!big.apk || !quarter.apk) {
      console.log('uploads:     zip is not available to build the test APK; upload, publish and parallel rows skipped');
      return;
    }
    if (hasCurl) {
      await uploadRows(sizeMiB, runs, big.apk);
      await compareRows(sizeMiB, runs, big.apk);
    } else {
      console.log('uploads:     curl is not available on this machine; upload rows skipped');
    }
    await publishRssRows(
      runs,
      small === sizeMiB
        ? [[sizeMiB, big.apk]]
        : [
            [small, quarter.apk],
            [sizeMiB, big.apk],
          ],
    );
    await parallelRows(runs, small, quarter.apk);
  } finally {
    await rm(big.dir, { recursive: true, force: true });
    await rm(quarter.dir, { recursive: true, force: true });
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
  } else if (kind === 'md5-disk') {
    // What any receiver that keeps the file pays on top of hashing: streaming MD5 plus writing the
    // body to a temp file (4 MiB write queue, like the sandbox's spool) and removing it before
    // answering (as the sandbox does). The sandbox's sparse spool writes only the entries its
    // readers open (src/sandbox/sparse-zip.ts), so for this APK it can cost less than this.
    const { createWriteStream } = await import('node:fs');
    const { once } = await import('node:events');
    let n = 0;
    const server = createServer(async (req, res) => {
      const hash = createHash('md5');
      const path = join(tmpdir(), `appstores-bench-recv-${process.pid}-${n++}`);
      const out = createWriteStream(path, { highWaterMark: 4 * MiB });
      for await (const chunk of req) {
        hash.update(chunk);
        if (!out.write(chunk)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'close');
      await rm(path, { force: true });
      res.end(hash.digest('hex'));
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${server.address().port}/upload`;
    stop = () => new Promise((r) => server.close(r));
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
  const dir = join(tmpdir(), `appstores-bench-apk-${process.pid}-${sizeMiB}`);
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

async function uploadRows(sizeMiB, runs, apk) {
  {
    const times = { discard: [], md5: [], 'md5-disk': [], sandbox: [] };
    const rss = { discard: [], md5: [], 'md5-disk': [], sandbox: [] };
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
    console.log(
      `  sandbox / MD5 + temp-file writer: ${stats(ratios('sandbox', 'md5-disk'), 2)}x (below 1: the sparse spool skips the blob)`,
    );
    console.log(
      `  MD5 + temp file / MD5 alone:      ${stats(ratios('md5-disk', 'md5'), 2)}x (what keeping the file costs)`,
    );
    console.log(`  sandbox peak RSS:                 ${max(rss.sandbox).toFixed(1)} MB (target < 150 MB)`);
  }
}

// ---- Our upload vs curl -F, to the same receiver process, interleaved run by run.

/** Child mode: one upload of `file` to `url`, timed around the send; prints seconds and peak RSS. */
async function uploadDriver(url, file, via) {
  const { stat } = await import('node:fs/promises');
  const { basename } = await import('node:path');
  const { Agent } = await import('undici');
  const size = (await stat(file)).size;
  const dispatcher = new Agent();
  let send;
  if (via === 'ours') {
    // What OPPO's adapter does (src/stores/oppo/api.ts uploadApk), minus the upload-slot request.
    const { HttpClient } = await import('../dist/http/client.js');
    const { multipartBody } = await import('../dist/http/multipart.js');
    const { fileProgress } = await import('../dist/stores/kit/progress.js');
    const { systemClock } = await import('../dist/core/clock.js');
    const http = new HttpClient({ store: 'oppo', dispatcher, clock: systemClock });
    let events = 0;
    const progress = fileProgress(() => events++, basename(file), size);
    send = async () => {
      const body = multipartBody([
        { name: 'type', value: 'apk' },
        { name: 'sign', value: 'bench' },
        { name: 'file', file: { path: file, size, filename: basename(file), contentType: 'application/octet-stream' } },
      ]);
      const res = await http.send(() => ({ method: 'POST', url, body }), {
        idempotent: true,
        onUploadProgress: progress.whole(),
      });
      return res.status;
    };
  } else {
    // undici alone: the same multipart bytes from one reused 1 MiB buffer, no project code.
    const { request } = await import('undici');
    const { open } = await import('node:fs/promises');
    const boundary = '----benchboundary0123456789';
    const field = (name, value) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const head = Buffer.from(
      `${field('type', 'apk')}${field('sign', 'bench')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${basename(file)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    async function* chunks() {
      yield head;
      const handle = await open(file);
      const buffer = Buffer.allocUnsafe(1 << 20);
      for (let at = 0; at < size; ) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - at), at);
        at += bytesRead;
        yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
      }
      await handle.close();
      yield tail;
    }
    send = async () => {
      const res = await request(url, {
        method: 'POST',
        dispatcher,
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + size + tail.length),
        },
        body: chunks(),
      });
      await res.body.text();
      return res.statusCode;
    };
  }
  const started = process.hrtime.bigint();
  const status = await send();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await dispatcher.close();
  if (status !== 200) throw new Error(`upload answered ${status}`);
  process.stdout.write(JSON.stringify({ seconds, maxRssKiB: process.resourceUsage().maxRSS }));
}

function driverUpload(url, apk, via) {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, [self, '--upload', url, '--file', apk, '--via', via], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`upload driver (${via}) failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

async function compareRows(sizeMiB, runs, apk) {
  const senders = {
    curl: (url) => ({ seconds: curlUpload(url, apk) }),
    ours: (url) => driverUpload(url, apk, 'ours'),
    undici: (url) => driverUpload(url, apk, 'undici'),
  };
  console.log(
    `upload:      our upload vs curl -F, ${sizeMiB} MiB APK, same receiver, min / median / max of ${runs} run(s)`,
  );
  for (const kind of ['discard', 'md5']) {
    const times = { curl: [], ours: [], undici: [] };
    const rss = [];
    const server = await startReceiver(kind);
    try {
      for (let i = 0; i < runs; i++) {
        // Alternate the order so that neither side always runs first (warm caches, CPU bursts).
        const order = i % 2 === 0 ? ['curl', 'ours', 'undici'] : ['undici', 'ours', 'curl'];
        for (const name of order) {
          const result = senders[name](server.url);
          times[name].push(result.seconds);
          if (name === 'ours') rss.push(result.maxRssKiB / 1024);
        }
      }
    } finally {
      await server.stop();
    }
    const ratio = (name) => times[name].map((t, i) => t / times.curl[i]);
    const label = kind === 'md5' ? 'streaming-MD5' : 'discard-only';
    console.log(
      `  ${label} receiver: curl ${stats(times.curl)} s, ours ${stats(times.ours)} s, undici alone ${stats(times.undici)} s`,
    );
    console.log(`    ours / curl:         ${stats(ratio('ours'), 2)}x (target <= 1.05x)`);
    console.log(`    undici alone / curl: ${stats(ratio('undici'), 2)}x (the floor for a Node + undici sender)`);
    console.log(
      `    ours / undici alone: ${stats(
        times.ours.map((t, i) => t / times.undici[i]),
        2,
      )}x   our sender's peak RSS ${stats(rss, 1)} MB`,
    );
  }
}

// ---- publish to the sandbox: peak RSS, and three stores in parallel.

/** `appstores sandbox` in a child process, with its config written to a temp file. */
async function startCliSandbox(work, name = 'sandbox') {
  const { spawn } = await import('node:child_process');
  const config = join(work, `${name}.json`);
  const child = spawn(process.execPath, [BIN, 'sandbox', '--write-config', config], {
    env: cliEnv(work),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text) => (err += text));
  await new Promise((ready, fail) => {
    const check = () => (err.includes('sandbox listening') ? ready() : setTimeout(check, 20));
    child.once('exit', (code) => fail(new Error(`sandbox exited (${code}): ${err}`)));
    check();
  });
  return {
    config,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    },
  };
}

function cliEnv(work) {
  // OPPO's task polling waits 10 s between checks; the emulators answer at once.
  return { ...process.env, APPSTORES_CACHE_DIR: join(work, 'cache'), APPSTORES_TIME_SCALE: '0.01' };
}

/**
 * One `appstores publish`, in a fresh sandbox: wall seconds and the CLI's peak RSS (MB). With
 * `separate`, each store's emulator runs in a sandbox process of its own (as real stores are
 * separate servers) and one merged config points at them.
 */
async function publishOnce(apk, stores, separate = false) {
  const { mkdtemp, readFile, writeFile } = await import('node:fs/promises');
  const work = await mkdtemp(join(tmpdir(), 'appstores-bench-publish-'));
  const sandboxes = [];
  try {
    const sandbox = { config: join(work, 'sandbox.json') };
    if (separate) {
      const merged = { stores: {} };
      for (const store of stores.split(',')) {
        const own = await startCliSandbox(work, store);
        sandboxes.push(own);
        merged.stores[store] = JSON.parse(await readFile(own.config, 'utf8')).stores[store];
      }
      await writeFile(sandbox.config, JSON.stringify(merged));
    } else {
      sandboxes.push(await startCliSandbox(work));
    }
    const rssFile = join(work, 'rss');
    // A preload that writes the process's peak RSS on exit: no /usr/bin/time needed.
    const preload = `data:text/javascript,${encodeURIComponent(
      `import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));`,
    )}`;
    const args = ['--import', preload, BIN, 'publish', apk, '--store', stores, '--config', sandbox.config];
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [...args, '--notes', 'bench', '--progress', 'none'], {
      env: cliEnv(work),
      encoding: 'utf8',
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0)
      throw new Error(`publish --store ${stores} failed (${result.status}): ${result.stdout}${result.stderr}`);
    return { seconds, rssMB: Number(await readFile(rssFile, 'utf8')) / 1024 };
  } finally {
    for (const sandbox of sandboxes) await sandbox.stop();
    await rm(work, { recursive: true, force: true });
  }
}

async function publishRssRows(runs, apks) {
  console.log(
    `publish:     peak RSS of \`appstores publish --store oppo\` to the sandbox, min / median / max of ${runs} run(s)`,
  );
  const peaks = [];
  for (const [sizeMiB, apk] of apks) {
    const rss = [];
    const times = [];
    for (let i = 0; i < runs; i++) {
      const { seconds, rssMB } = await publishOnce(apk, 'oppo');
      rss.push(rssMB);
      times.push(seconds);
    }
    peaks.push(max(rss));
    console.log(`  ${`${sizeMiB} MiB`.padEnd(9)} ${stats(rss, 1)} MB (target < 100 MB)   wall ${stats(times, 2)} s`);
  }
  if (peaks.length > 1)
    console.log(`  growth with the file size: ${(peaks.at(-1) - peaks[0]).toFixed(1)} MB (max vs max)`);
}

async function parallelRows(runs, sizeMiB, apk) {
  const stores = ['xiaomi', 'oppo', 'vivo'];
  const together = [];
  const apart = [];
  const slowest = [];
  for (let i = 0; i < runs; i++) {
    const alone = [];
    for (const store of stores) alone.push((await publishOnce(apk, store)).seconds);
    together.push((await publishOnce(apk, stores.join(','))).seconds);
    apart.push((await publishOnce(apk, stores.join(','), true)).seconds);
    slowest.push(max(alone));
  }
  const ratio = (times) =>
    stats(
      times.map((t, i) => t / slowest[i]),
      2,
    );
  console.log(
    `parallel:    one publish to ${stores.join(' + ')} vs the slowest alone, ${sizeMiB} MiB, min / median / max of ${runs} run(s)`,
  );
  console.log(`  slowest alone ${stats(slowest, 2)} s`);
  console.log(`  together, one sandbox:            ${stats(together, 2)} s: ${ratio(together)}x (target <= 1.2x)`);
  console.log(`  together, one sandbox per store:  ${stats(apart, 2)} s: ${ratio(apart)}x (target <= 1.2x)`);
  if (spawnSync('curl', ['--version']).error) return;
  // The same question asked of curl: three curl -F uploads at once to one sandbox vs one alone.
  // Where curl slows down as much, the limit is the receiver and the machine's cores, not our CLI.
  const curlRatios = [];
  for (let i = 0; i < runs; i++) {
    const server = await startReceiver('sandbox');
    try {
      const alone = curlUpload(server.url, apk);
      const together = await Promise.all([0, 1, 2].map(() => curlUploadAsync(server.url, apk)));
      curlRatios.push(max(together) / alone);
    } finally {
      await server.stop();
    }
  }
  console.log(`  reference: 3 curl -F uploads at once to one sandbox vs one alone: ${stats(curlRatios, 2)}x`);
}

async function curlUploadAsync(url, apk) {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) =>
    execFile(
      'curl',
      ['-s', '-o', '/dev/null', '-w', '%{time_total}', '-F', 'type=apk', '-F', 'sign=bench', '-F', `file=@${apk}`, url],
      (error, stdout) => (error ? reject(error) : resolve(Number(stdout))),
    ),
  );
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
