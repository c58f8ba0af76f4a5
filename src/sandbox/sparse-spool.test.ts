/**
 * The sparse spool (spool.ts + sparse-zip.ts): a zip upload is written with only the entries the
 * emulators' readers open, and those readers give the same facts as on the whole file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractLauncherIcon } from '../artifacts/apk.js';
import { multipartParts } from './multipart.js';
import { createEmulators } from './emulators.js';
import { readAndroidPackageUnhashed, readerEntry } from './read-upload.js';
import { createVivoEmulator } from './vivo.js';
import { startSandbox } from './server.js';
import { SparseSpoolError, ZipScanner } from './sparse-zip.js';
import { Spool, type SpooledFile } from './spool.js';
import type { Emulator } from './types.js';
import { inspectUploadedApk } from './uploaded-apk.js';
import { readApkUnhashed } from './read-upload.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const APKS = readdirSync(join(FIXTURES, 'apk'))
  .filter((name) => name.endsWith('.apk'))
  .map((name) => join(FIXTURES, 'apk', name));
const AAB = join(FIXTURES, 'aab/app.aab');

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'appstores-sparse-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Splits `bytes` into chunks of the sizes given, cycling through them. */
function* chunked(bytes: Buffer, sizes: number[]): Generator<Buffer> {
  for (let p = 0, i = 0; p < bytes.length; i++) {
    const n = sizes[i % sizes.length]!;
    yield bytes.subarray(p, p + n);
    p += n;
  }
}

async function spool(chunks: Iterable<Buffer>, sparse: boolean, name = 'upload'): Promise<SpooledFile> {
  const spool = new Spool(join(dir, `${++counter}-${name}`), {
    sha256: false,
    sparseZip: sparse ? readerEntry : undefined,
  });
  for (const chunk of chunks) await spool.write(chunk);
  return spool.finish();
}

/** The facts an emulator reads, without the path (the two files have different names). */
async function facts(path: string) {
  const info = await readAndroidPackageUnhashed(path);
  const { path: _, ...rest } = info as { path?: string; package?: string };
  const icon = info.kind === 'apk' ? await extractLauncherIcon(path) : null;
  return { ...rest, icon: icon && { name: icon.name, md5: md5(icon.data) } };
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');
const IRREGULAR = [1, 7, 4093, 30, 65536, 13, 29, 1000];

describe('sparse spool on the fixtures', () => {
  for (const file of [...APKS, AAB]) {
    const label = file.slice(FIXTURES.length + 1);
    for (const [how, sizes] of [
      ['1 byte', [1]],
      ['64 KiB', [65536]],
      ['irregular', IRREGULAR],
    ] as const) {
      it(`${label}, chunks of ${how}: same facts, size and MD5 as the whole file`, async () => {
        const bytes = await readFile(file);
        const sparse = await spool(chunked(bytes, [...sizes]), true);
        expect(sparse.size).toBe(bytes.length);
        expect(sparse.md5).toBe(md5(bytes));
        expect(statSync(sparse.path).size).toBe(bytes.length);
        const expected = await facts(file);
        // The whole file's facts are real ones (so the equality below compares something).
        expect(expected).toMatchObject({
          package: expect.stringMatching(/^[a-z]\w*(\.\w+)+$/),
          versionCode: expect.any(Number),
          versionName: expect.stringMatching(/^\d+(\.\d+)*$/),
        });
        expect(await facts(sparse.path)).toEqual(expected);
      });
    }
  }

  it('leaves the data of the entries the readers do not open unwritten (APK), everything else in place', async () => {
    const bytes = await readFile(join(FIXTURES, 'apk/app-universal.apk'));
    const written = readFileSync((await spool(chunked(bytes, IRREGULAR), true)).path);
    expect(written.equals(bytes)).toBe(false);
    // The native libraries (lib/…) are not read; the manifest, table and signature block are.
    const scanner = new ZipScanner(readerEntry);
    const ranges = scanner.ranges(bytes);
    expect(scanner.skipped).toBeGreaterThan(0);
    let covered = 0;
    for (const [from, to] of ranges) {
      expect(written.subarray(from, to).equals(bytes.subarray(from, to))).toBe(true);
      covered += to - from;
    }
    expect(covered + scanner.skipped).toBe(bytes.length);
  });

  it('falls back to writing everything at a data descriptor (the App Bundle has them)', async () => {
    const bytes = await readFile(AAB);
    const scanner = new ZipScanner(readerEntry);
    scanner.ranges(bytes);
    expect(scanner.writingAll).toBe(true);
    expect(scanner.skipped).toBe(0);
    expect(readFileSync((await spool(chunked(bytes, IRREGULAR), true)).path).equals(bytes)).toBe(true);
  });

  it('writes a body that is not a zip whole', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(5000, 7)]);
    expect(readFileSync((await spool(chunked(png, IRREGULAR), true)).path).equals(png)).toBe(true);
  });
});

const BLOB_NAME = 'assets/blob.bin';
const BLOB_MIB = 48;

/**
 * A fixture APK with a stored blob entry in front of its own entries (offsets in its central
 * directory moved along), streamed in pieces so the test never holds or writes the whole file.
 */
function bigApk(): { chunks: () => Generator<Buffer>; size: number; md5: string } {
  const apk = readFileSync(join(FIXTURES, 'apk/app-universal.apk'));
  const eocd = apk.lastIndexOf(Buffer.from('504b0506', 'hex'));
  const cdOffset = apk.readUInt32LE(eocd + 16);
  const cdSize = apk.readUInt32LE(eocd + 12);
  const entries = apk.readUInt16LE(eocd + 10);
  const name = Buffer.from(BLOB_NAME);
  const block = Buffer.alloc(1024 * 1024, 0x5a);
  const blobSize = BLOB_MIB * block.length;
  let crc = 0;
  for (let i = 0; i < BLOB_MIB; i++) crc = crc32(block, crc);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc >>> 0, 14);
  local.writeUInt32LE(blobSize, 18);
  local.writeUInt32LE(blobSize, 22);
  local.writeUInt16LE(name.length, 26);
  const shift = local.length + name.length + blobSize;
  const central = Buffer.from(apk.subarray(cdOffset, cdOffset + cdSize));
  for (let p = 0; p < central.length; ) {
    central.writeUInt32LE(central.readUInt32LE(p + 42) + shift, p + 42);
    p += 46 + central.readUInt16LE(p + 28) + central.readUInt16LE(p + 30) + central.readUInt16LE(p + 32);
  }
  const blobCentral = Buffer.alloc(46);
  blobCentral.writeUInt32LE(0x02014b50, 0);
  blobCentral.writeUInt16LE(10, 4);
  blobCentral.writeUInt16LE(10, 6);
  blobCentral.writeUInt32LE(crc >>> 0, 16);
  blobCentral.writeUInt32LE(blobSize, 20);
  blobCentral.writeUInt32LE(blobSize, 24);
  blobCentral.writeUInt16LE(name.length, 28);
  const end = Buffer.from(apk.subarray(eocd));
  end.writeUInt16LE(entries + 1, 8);
  end.writeUInt16LE(entries + 1, 10);
  end.writeUInt32LE(cdSize + blobCentral.length + name.length, 12);
  end.writeUInt32LE(cdOffset + shift, 16);
  const head = Buffer.concat([local, name]);
  const tail = Buffer.concat([apk.subarray(0, cdOffset), central, blobCentral, name, end]);
  const hash = createHash('md5').update(head);
  for (let i = 0; i < BLOB_MIB; i++) hash.update(block);
  hash.update(tail);
  return {
    size: head.length + blobSize + tail.length,
    md5: hash.digest('hex'),
    *chunks() {
      yield head;
      for (let i = 0; i < BLOB_MIB; i++)
        for (let p = 0; p < block.length; p += 65536) yield block.subarray(p, p + 65536);
      yield tail;
    },
  };
}

/** How many of this process's file descriptors point at `path` (0 where /proc is missing). */
function openDescriptorsOf(path: string): number {
  if (!existsSync('/proc/self/fd')) return 0;
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

/** The first `limit` bytes of a stream of chunks. */
function* cut(chunks: Iterable<Buffer>, limit: number): Generator<Buffer> {
  let left = limit;
  for (const chunk of chunks) {
    if (left <= 0) return;
    yield chunk.subarray(0, left);
    left -= chunk.length;
  }
}

describe('sparse spool on a big APK with a stored blob', () => {
  it('takes a fraction of its size on disk and reads the same facts as the fixture', async () => {
    const big = bigApk();
    const sparse = await spool(big.chunks(), true);
    expect(sparse.size).toBe(big.size);
    expect(sparse.md5).toBe(big.md5);
    const stat = statSync(sparse.path);
    expect(stat.size).toBe(big.size);
    // st_blocks counts 512-byte units actually allocated: the blob is a hole.
    expect(stat.blocks * 512).toBeLessThan(big.size / 20);
    const { icon, ...fixture } = await facts(join(FIXTURES, 'apk/app-universal.apk'));
    const { icon: sparseIcon, ...read } = await facts(sparse.path);
    expect(read).toEqual(fixture);
    expect(sparseIcon).toEqual(icon);
  });

  it('a body cut off in the blob is refused as on the whole file', async () => {
    const big = bigApk();
    const limit = Math.floor(big.size / 2);
    const full = await spool(cut(big.chunks(), limit), false, 'full.apk');
    const sparse = await spool(cut(big.chunks(), limit), true, 'full.apk');
    expect(statSync(sparse.path).size).toBe(limit);
    const onFull = await inspectUploadedApk(full.path);
    const onSparse = await inspectUploadedApk(sparse.path);
    expect(onFull).toHaveProperty('error');
    expect(onSparse).toEqual(JSON.parse(JSON.stringify(onFull).replaceAll(full.path, sparse.path)));
  });

  it('broken fixtures are refused with the same reason', async () => {
    for (const name of readdirSync(join(FIXTURES, 'broken'))) {
      const bytes = await readFile(join(FIXTURES, 'broken', name));
      const full = await spool(chunked(bytes, IRREGULAR), false, name);
      const sparse = await spool(chunked(bytes, IRREGULAR), true, name);
      const onFull = await inspectUploadedApk(full.path);
      expect(onFull, name).toHaveProperty('error');
      expect(await inspectUploadedApk(sparse.path), name).toEqual(
        JSON.parse(JSON.stringify(onFull).replaceAll(full.path, sparse.path)),
      );
    }
  });

  it('an aborted sparse spool closes its file (the harness then removes it)', async () => {
    const big = bigApk();
    for (const limit of [0, 10, Math.floor(big.size / 3)]) {
      const spool = new Spool(join(dir, `${++counter}-aborted`), { sha256: false, sparseZip: readerEntry });
      for (const chunk of cut(big.chunks(), limit)) await spool.write(chunk);
      await spool.abort();
      await spool.abort(); // twice is harmless
      expect(openDescriptorsOf(spool.path)).toBe(0);
      await rm(spool.path, { force: true });
      expect(existsSync(spool.path)).toBe(false);
    }
  });

  it('a corrupt byte in a local header stops the skipping: the rest is written whole', async () => {
    const bytes = Buffer.from(await readFile(join(FIXTURES, 'apk/app-universal.apk')));
    const lib = bytes.indexOf(Buffer.from('lib/arm64-v8a/libfoo.so')) - 30;
    bytes[lib] = 0; // that header's signature
    const written = readFileSync((await spool(chunked(bytes, IRREGULAR), true)).path);
    expect(written.subarray(lib).equals(bytes.subarray(lib))).toBe(true);
  });
});

describe('sparse uploads through the sandbox', () => {
  it('an emulator that opts in reads the facts from the sparse part; its temp files are removed', async () => {
    const big = bigApk();
    const seen: Array<{ path: string; allocated: number; package: string | null; md5: string }> = [];
    const recorder: Emulator = {
      id: 'rec',
      secretParams: [],
      sparseUploads: true,
      config: (baseUrl) => ({ baseUrl }),
      async handle(req) {
        const file = multipartParts(req).find((part) => part.file)!;
        const info = await inspectUploadedApk(file.file!.path);
        seen.push({
          path: file.file!.path,
          allocated: statSync(file.file!.path).blocks * 512,
          package: 'package' in info ? info.package : null,
          md5: file.md5,
        });
        return { body: { ok: true } };
      },
    };
    const sandbox = await startSandbox([recorder]);
    try {
      const boundary = 'sparse-test-boundary';
      const head = Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="app.apk"\r\ncontent-type: application/vnd.android.package-archive\r\n\r\n`,
      );
      const foot = Buffer.from(`\r\n--${boundary}--\r\n`);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${sandbox.baseUrl('rec')}/upload`, {
          method: 'POST',
          headers: {
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': head.length + big.size + foot.length,
          },
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        (async () => {
          req.write(head);
          for (const chunk of big.chunks()) if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
          req.end(foot);
        })().catch(reject);
      });
      expect(status).toBe(200);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.package).toBe('com.foo.bar');
      expect(seen[0]!.md5).toBe(big.md5);
      expect(seen[0]!.allocated).toBeLessThan(big.size / 20);
      expect(existsSync(seen[0]!.path)).toBe(false);
      expect(readdirSync(dirname(seen[0]!.path))).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});

describe('which emulators spool sparse', () => {
  it('the Android stores opt in; Apple (it assembles IPA parts) and a vivo with its own reader do not', () => {
    const sparse = Object.fromEntries(createEmulators().map((e) => [e.id, e.sparseUploads === true]));
    expect(sparse).toEqual({
      xiaomi: true,
      oppo: true,
      vivo: true,
      honor: true,
      yyb: true,
      huawei: true,
      apple: false,
    });
    expect(createVivoEmulator({ readApk: async () => ({}) as never }).sparseUploads).toBe(false);
  });
});

/**
 * The fixture with a copy of its manifest record hidden in the data of a stored entry placed first,
 * and the central directory pointing AndroidManifest.xml at that copy: the whole file reads fine,
 * a sparse one would read zeros there.
 */
function hiddenManifestApk(): Buffer {
  const apk = readFileSync(join(FIXTURES, 'apk/app-universal.apk'));
  const eocd = apk.lastIndexOf(Buffer.from('504b0506', 'hex'));
  const cdOffset = apk.readUInt32LE(eocd + 16);
  const cdSize = apk.readUInt32LE(eocd + 12);
  const record = apk.subarray(0, 30 + apk.readUInt16LE(26) + apk.readUInt16LE(28) + apk.readUInt32LE(18));
  const name = Buffer.from('assets/hidden.bin');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc32(record), 14);
  local.writeUInt32LE(record.length, 18);
  local.writeUInt32LE(record.length, 22);
  local.writeUInt16LE(name.length, 26);
  const shift = local.length + name.length + record.length;
  const central = Buffer.from(apk.subarray(cdOffset, cdOffset + cdSize));
  for (let p = 0; p < central.length; ) {
    const nameLength = central.readUInt16LE(p + 28);
    const entry = central.toString('utf8', p + 46, p + 46 + nameLength);
    const offset = central.readUInt32LE(p + 42);
    central.writeUInt32LE(entry === 'AndroidManifest.xml' ? local.length + name.length : offset + shift, p + 42);
    p += 46 + nameLength + central.readUInt16LE(p + 30) + central.readUInt16LE(p + 32);
  }
  const end = Buffer.from(apk.subarray(eocd));
  end.writeUInt32LE(cdOffset + shift, 16);
  return Buffer.concat([local, name, record, apk.subarray(0, cdOffset), central, end]);
}

describe('a zip the sparse spool cannot follow', () => {
  it('is refused loudly (SparseSpoolError), not read as zeros; the whole file reads', async () => {
    const bytes = hiddenManifestApk();
    const full = await spool(chunked(bytes, IRREGULAR), false, 'hidden.apk');
    expect((await readApkUnhashed(full.path)).package).toBe('com.foo.bar');
    await expect(spool(chunked(bytes, IRREGULAR), true, 'hidden.apk')).rejects.toThrow(SparseSpoolError);
  });

  it('through the sandbox: a 500 that says why, before the emulator sees it', async () => {
    let called = false;
    const recorder: Emulator = {
      id: 'rec',
      secretParams: [],
      sparseUploads: true,
      config: (baseUrl) => ({ baseUrl }),
      handle() {
        called = true;
        return { body: { ok: true } };
      },
    };
    const sandbox = await startSandbox([recorder]);
    try {
      const boundary = 'hidden-boundary';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="app.apk"\r\n\r\n`),
        hiddenManifestApk(),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const response = await fetch(`${sandbox.baseUrl('rec')}/upload`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      });
      expect(response.status).toBe(500);
      expect(await response.text()).toMatch(/places AndroidManifest\.xml .*needs a full spool/);
      expect(called).toBe(false);
    } finally {
      await sandbox.close();
    }
  });
});
