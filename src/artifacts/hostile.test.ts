// Hostile inputs: damaged structures that once made the parsers spin forever (truncated DER),
// blow up exponentially (self-referencing icon resources) or escape as internal errors (a damaged
// resource table on the icon path). Each must end quickly with a plain result or an InputError.
//
// The parsers are synchronous, so a runaway loop blocks the event loop and a vitest timeout could
// never fire. Each case therefore runs in a worker thread on the built modules (dist/, which
// `npm test` builds first), and the worker is terminated when it overruns DEADLINE: a regression
// fails, not hangs.
import type { FileHandle } from 'node:fs/promises';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeZip, type ZipEntry } from '../testing/zip-writer.js';
import { readManifest } from './apk-manifest.js';
import { parseResourceTable } from './arsc.js';
import { parseBinaryXml } from './axml.js';
import { VALUE } from './res-chunk.js';
import { withZip } from './zip.js';

const DEADLINE = 3000;
const TEST_TIMEOUT = { timeout: 10_000 };
const DIST = new URL('../../dist/', import.meta.url);
const UNIVERSAL = fileURLToPath(new URL('../../fixtures/apk/app-universal.apk', import.meta.url));

// What a scenario sees: the exports of these modules, merged.
const MODULES = [
  'artifacts/index.js',
  'artifacts/der.js',
  'artifacts/pkcs7.js',
  'artifacts/apk-icon.js',
  'artifacts/signing-block.js',
  'artifacts/zip-eocd.js',
  'artifacts/zip.js',
  'artifacts/string-pool.js',
  'core/errors.js',
];
type Api = typeof import('./index.js') &
  typeof import('./der.js') &
  typeof import('./pkcs7.js') &
  typeof import('./apk-icon.js') &
  typeof import('./signing-block.js') &
  typeof import('./zip-eocd.js') &
  typeof import('./zip.js') &
  typeof import('./string-pool.js') &
  typeof import('../core/errors.js') & { openFile(path: string): Promise<FileHandle> };

interface ErrorSummary {
  name: string;
  code: string | null;
  category: string | null;
  message: string;
  /** An AppError of the build under test (what main.ts renders as a user error, not an INTERNAL one). */
  appError: boolean;
}
type Outcome = { status: 'ok'; value: unknown } | { status: 'error'; error: ErrorSummary } | { status: 'timeout' };

const RUNNER = `
import { parentPort, workerData } from 'node:worker_threads';
import { open } from 'node:fs/promises';
const m = { openFile: (path) => open(path, 'r') };
for (const file of workerData.modules) Object.assign(m, await import(file));
const scenario = (0, eval)('(' + workerData.scenario + ')');
try {
  parentPort.postMessage({ status: 'ok', value: await scenario(m, workerData.input) });
} catch (error) {
  parentPort.postMessage({ status: 'error', error: {
    name: error?.name ?? typeof error, code: error?.code ?? null, category: error?.category ?? null,
    message: String(error?.message ?? error), appError: error instanceof m.AppError,
  } });
}
`;

const dir = mkdtempSync(join(tmpdir(), 'appstores-hostile-apks-'));
const RUNNER_URL = new URL(`data:text/javascript,${encodeURIComponent(RUNNER)}`);

/**
 * Runs `scenario(api, input)` in a worker; it must use nothing but its arguments (it is sent as
 * source text). `input` crosses as a structured clone: a Buffer arrives as a Uint8Array.
 */
function isolated<I>(scenario: (m: Api, input: I) => unknown, input: I): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const modules = MODULES.map((m) => new URL(m, DIST).href);
    const worker = new Worker(RUNNER_URL, { workerData: { modules, scenario: scenario.toString(), input } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ status: 'timeout' });
    }, DEADLINE);
    worker.once('message', (outcome: Outcome) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

// ---- hostile APKs, built from the fixture's own parts ----

/** A stored zip, as the fixture APKs keep resources.arsc; `beforeDirectory` holds a signing block. */
const writeApk = (file: string, parts: ZipEntry[], beforeDirectory?: Buffer) =>
  writeZip(join(dir, file), parts, { method: 'store', beforeDirectory });

const u64 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const SIG_MAGIC = Buffer.from('APK Sig Block 42', 'latin1');

/** An APK Signing Block holding `pairs` (raw bytes), with correct sizes unless `size` overrides both. */
function signingBlock(pairs: Buffer, size?: bigint): Buffer {
  const real = BigInt(pairs.length + 8 + 16);
  return Buffer.concat([u64(size ?? real), pairs, u64(size ?? real), SIG_MAGIC]);
}

let manifest: Buffer;
let arsc: Buffer;
let pngs: ZipEntry[];
let iconId: number;

/** The icon resource's entries in `table`: their offsets, found by their value (u16 8, 0, type, u32 data). */
function iconEntryOffsets(table: Buffer): number[] {
  const parsed = parseResourceTable(table);
  return parsed.entries(iconId).map((entry) => {
    const value = Buffer.concat([Buffer.from([8, 0, 0, entry.value!.type]), u32(entry.value!.data)]);
    const at = table.indexOf(value);
    expect(at).toBeGreaterThan(0);
    expect(table.indexOf(value, at + 1)).toBe(-1); // unambiguous
    return at - 8; // the entry header (u16 size, u16 flags, u32 key) comes first
  });
}

const apkParts = (overrides: Partial<{ manifest: Buffer; arsc: Buffer }>, extra: ZipEntry[] = []): ZipEntry[] => [
  { name: 'AndroidManifest.xml', data: overrides.manifest ?? manifest },
  { name: 'resources.arsc', data: overrides.arsc ?? arsc },
  ...pngs,
  ...extra,
];

beforeAll(async () => {
  if (!existsSync(new URL('artifacts/index.js', DIST)))
    throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  await withZip(UNIVERSAL, async (zip) => {
    manifest = await zip.read('AndroidManifest.xml');
    arsc = await zip.read('resources.arsc');
    pngs = await Promise.all(
      zip.names.filter((n) => n.startsWith('res/')).map(async (name) => ({ name, data: await zip.read(name) })),
    );
  });
  iconId = readManifest(parseBinaryXml(manifest), parseResourceTable(arsc)).iconId!;
  expect(iconId).toBeGreaterThan(0x7f000000);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// ---- scenarios (sent to the worker as source: arguments only) ----

const inspect = async (m: Api, path: string) => {
  const info = await m.readArtifact(path);
  return info.kind === 'apk' ? { package: info.package, label: info.label, signer: info.signer } : info.kind;
};
const icon = async (m: Api, path: string) => (await m.extractLauncherIcon(path))?.name ?? null;
const signingBlockOf = async (m: Api, path: string) => {
  const zip = await m.openZip(path);
  try {
    const block = await m.readSigningBlock(zip.handle, await m.centralDirectoryOffset(zip.handle, zip.size));
    return block ? [...block.keys()] : null;
  } catch (error) {
    return (error as Error).name;
  } finally {
    await zip.close();
  }
};
/** The error name each DER input ends with, or "parsed". */
const derOutcomes = (m: Api, inputs: Array<{ bytes: number[]; walk: 'tlv' | 'children' | 'pkcs7' }>) =>
  inputs.map(({ bytes, walk }) => {
    const buf = Buffer.from(bytes);
    try {
      if (walk === 'tlv') m.readTlv(buf, 0);
      else if (walk === 'children') m.childrenOf(buf, m.readTlv(buf, 0));
      else m.firstCertificateOfPkcs7(buf);
      return 'parsed';
    } catch (error) {
      return (error as Error).name;
    }
  });

const expectUserError = (outcome: Outcome, code: string) => {
  expect(outcome.status).toBe('error');
  const error = (outcome as Extract<Outcome, { status: 'error' }>).error;
  expect(error).toMatchObject({ name: 'InputError', code, category: 'config', appError: true });
  expect(error.message).not.toMatch(/[\r\n]/);
  return error;
};

// ---- tests ----

describe('truncated and hostile DER in a v1 signature block', () => {
  const TRUNCATED = [0x30, 0x80, 0x30, 0x84]; // indefinite SEQUENCE holding a length with 4 missing bytes
  const DEEP = Array.from({ length: 100_000 }, () => [0x30, 0x80]).flat(); // 100k nested indefinite SEQUENCEs

  it('ends every walk with a FormatError', TEST_TIMEOUT, async () => {
    const inputs = [
      { bytes: TRUNCATED, walk: 'tlv' as const },
      { bytes: TRUNCATED, walk: 'pkcs7' as const },
      { bytes: [0x30, 0x82, 0x01], walk: 'tlv' as const }, // 2 length bytes, 1 present: was a NaN length
      { bytes: [0x30, 0x85, 1, 2, 3, 4, 5, 6], walk: 'tlv' as const }, // more than 4 length bytes
      { bytes: DEEP, walk: 'tlv' as const }, // was a stack overflow
      // [0] of 4 bytes holding an indefinite SEQUENCE whose end-of-contents lies outside the [0]
      { bytes: [0xa0, 0x04, 0x30, 0x80, 0x02, 0x00, 0x00, 0x00], walk: 'children' as const },
    ];
    expect(await isolated(derOutcomes, inputs)).toEqual({ status: 'ok', value: inputs.map(() => 'FormatError') });
  });

  it.each([
    ['the 4-byte truncated block', TRUNCATED],
    ['100k nested indefinite lengths', DEEP],
  ])('inspect reports signer null for META-INF/RELEASE.RSA holding %s', TEST_TIMEOUT, async (label, rsa) => {
    const path = writeApk(
      `der-${label.split(' ')[1]}.apk`,
      apkParts({}, [{ name: 'META-INF/RELEASE.RSA', data: Buffer.from(rsa) }]),
    );
    expect(await isolated(inspect, path)).toEqual({
      status: 'ok',
      value: { package: 'com.foo.bar', label: 'Foo Bar', signer: null },
    });
  });
});

describe('self-referencing icon resources', () => {
  it('iconFiles expands each resource once, however its configurations refer to each other', TEST_TIMEOUT, async () => {
    // 24 configurations of A and B each refer to A and B: K^depth = 24^8 lookups without memory.
    const outcome = await isolated((m, k: number) => {
      const [a, b] = [0x7f030000, 0x7f030001];
      let lookups = 0;
      const table = {
        strings: { count: 2, get: (index: number) => ['res/a.png', 'res/b.png'][index] ?? null },
        entries(id: number) {
          lookups++;
          const refs = Array.from({ length: k }, (_, i) => ({
            config: { locale: '', density: 160, qualifiers: 1 },
            key: 'ic',
            value: { type: 0x01, data: i % 2 ? a : b },
          }));
          const file = {
            config: { locale: '', density: 640, qualifiers: 1 },
            key: 'ic',
            value: { type: 0x03, data: id === a ? 0 : 1 },
          };
          return [...refs, file];
        },
      };
      const paths = m
        .iconFiles(table, a)
        .map((c) => c.path)
        .sort();
      return { lookups, paths };
    }, 24);
    expect(outcome).toEqual({ status: 'ok', value: { lookups: 2, paths: ['res/a.png', 'res/b.png'] } });
  });

  it(
    'an APK whose icon entries all point at the icon itself falls back to the PNG of that name',
    TEST_TIMEOUT,
    async () => {
      const table = Buffer.from(arsc);
      const offsets = iconEntryOffsets(table);
      expect(offsets.length).toBeGreaterThanOrEqual(5); // anydpi-v26 and the five density buckets
      for (const at of offsets) {
        table[at + 11] = VALUE.REFERENCE;
        table.writeUInt32LE(iconId, at + 12);
      }
      const path = writeApk('icon-self-reference.apk', apkParts({ arsc: table }));
      expect(await isolated(icon, path)).toEqual({ status: 'ok', value: 'res/mipmap-xxxhdpi-v4/ic_launcher.png' });
      expect(await isolated(inspect, path)).toMatchObject({ status: 'ok', value: { package: 'com.foo.bar' } });
    },
  );

  it(
    'a damaged icon entry means no icon (null), not an internal error; inspect is unaffected',
    TEST_TIMEOUT,
    async () => {
      const table = Buffer.from(arsc);
      for (const at of iconEntryOffsets(table)) table.writeUInt16LE(0xfffc, at); // entry size far past the chunk
      const path = writeApk('icon-damaged-entry.apk', apkParts({ arsc: table }));
      expect(await isolated(icon, path)).toEqual({ status: 'ok', value: null });
      expect(await isolated(inspect, path)).toMatchObject({
        status: 'ok',
        value: { package: 'com.foo.bar', label: 'Foo Bar' },
      });
    },
  );
});

describe('APK Signing Blocks with absurd lengths', () => {
  const V2 = 0x7109871a;
  const pair = (length: bigint, id: number, value: Buffer) => Buffer.concat([u64(length), u32(id), value]);
  const cases: Array<[string, Buffer]> = [
    ['a block size of 2^64-1', signingBlock(pair(8n, V2, u32(0)), 0xffffffffffffffffn)],
    ['a block size larger than the file', signingBlock(pair(8n, V2, u32(0)), 60_000_000n)],
    ['a pair length of 2^64-1', signingBlock(pair(0xffffffffffffffffn, V2, u32(0)))],
    ['a pair length of 0', signingBlock(pair(0n, V2, u32(0)))],
    ['a v2 value whose signers length is 2^32-1', signingBlock(pair(8n, V2, u32(0xffffffff)))],
  ];

  it.each(cases)('%s: inspect reports signer null', TEST_TIMEOUT, async (label, block) => {
    const path = writeApk(`sig-${label.replace(/\W+/g, '-')}.apk`, apkParts({}), block);
    expect(await isolated(inspect, path)).toEqual({
      status: 'ok',
      value: { package: 'com.foo.bar', label: 'Foo Bar', signer: null },
    });
  });

  it('readSigningBlock refuses the bad frames with a FormatError', TEST_TIMEOUT, async () => {
    for (const [label, block] of cases.slice(0, 4)) {
      const path = writeApk(`sig-unit-${label.replace(/\W+/g, '-')}.apk`, apkParts({}), block);
      expect(await isolated(signingBlockOf, path), label).toEqual({ status: 'ok', value: 'FormatError' });
    }
  });

  it('a central directory offset past the end record is a FormatError, not a read size', TEST_TIMEOUT, async () => {
    const path = writeApk('cd-past-end.apk', apkParts({}));
    const bytes = readFileSync(path);
    bytes.writeUInt32LE(0x7ffffff0, bytes.length - 6); // EOCD: offset of the central directory
    writeFileSync(path, bytes);
    const outcome = await isolated(async (m, file: string) => {
      const handle = await m.openFile(file);
      try {
        return await m.centralDirectoryOffset(handle, (await handle.stat()).size);
      } catch (error) {
        return (error as Error).name;
      } finally {
        await handle.close();
      }
    }, path);
    expect(outcome).toEqual({ status: 'ok', value: 'FormatError' });
    // yauzl refuses the same file on open: one CORRUPT_ZIP line.
    expectUserError(await isolated(inspect, path), 'CORRUPT_ZIP');
  });
});

describe('string pools whose counts exceed their chunk', () => {
  // The manifest's pool is the first chunk inside the XML chunk (at 8); its stringCount is at +8.
  const withCount = (bytes: Buffer, poolAt: number, count: number) => {
    const copyOf = Buffer.from(bytes);
    expect(copyOf.readUInt16LE(poolAt)).toBe(0x0001);
    copyOf.writeUInt32LE(count, poolAt + 8);
    return copyOf;
  };

  it.each([0x7fffffff, 0xffffffff, 100_000])(
    'manifest pool count %s: BAD_MANIFEST naming the entry',
    TEST_TIMEOUT,
    async (count) => {
      const path = writeApk(`pool-manifest-${count}.apk`, apkParts({ manifest: withCount(manifest, 8, count) }));
      const error = expectUserError(await isolated(inspect, path), 'BAD_MANIFEST');
      expect(error.message).toBe(
        `${path}: has an unreadable AndroidManifest.xml (string pool offsets run past its end)`,
      );
      expectUserError(await isolated(icon, path), 'BAD_MANIFEST');
    },
  );

  it('resources.arsc global pool count 2^32-1: BAD_MANIFEST naming resources.arsc', TEST_TIMEOUT, async () => {
    // The table's global pool follows its 12-byte header.
    const path = writeApk('pool-arsc.apk', apkParts({ arsc: withCount(arsc, 12, 0xffffffff) }));
    const error = expectUserError(await isolated(inspect, path), 'BAD_MANIFEST');
    expect(error.message).toBe(`${path}: has an unreadable resources.arsc (string pool offsets run past its end)`);
  });
});
