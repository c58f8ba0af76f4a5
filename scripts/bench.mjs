#!/usr/bin/env node
// Benchmark of the streamed hashing (size + MD5 + SHA-256 in one pass) against `md5sum`.
//
//   npm run bench                      # builds, then hashes a 1 GiB file
//   node scripts/bench.mjs --size 256  # MiB; --runs N takes the best of N runs (default 3)
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
  },
});

if (values.child) {
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
    if (peakRssMB >= TARGET_RSS_MB) process.exitCode = 1;
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
