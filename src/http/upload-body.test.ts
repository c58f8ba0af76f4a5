/**
 * Upload bodies through real undici over loopback: the file reader reuses one 1 MiB buffer, so
 * these tests check that every byte arrives as on disk (random content: a buffer overwritten
 * before it was sent would change the hash), with slow readers that make the socket back up.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fastClock } from '../testing/context.js';
import { HttpClient } from './client.js';
import { fileBody } from './file-body.js';
import { FileChunks } from './file-chunks.js';
import { multipartBody } from './multipart.js';

// Every file handle the readers open, to check that an aborted upload closes its file (fd -1).
const opened = vi.hoisted(() => [] as FileHandle[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof real.open = async (...args) => {
    const handle = await real.open(...args);
    opened.push(handle);
    return handle;
  };
  return { ...real, open };
});

const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'appstores-upload-'));
const big = join(dir, 'big.bin');
const small = join(dir, 'small.bin');
const bigContent = randomBytes(4 * MiB + 123);
const smallContent = randomBytes(MiB + 100);
writeFileSync(big, bigContent);
writeFileSync(small, smallContent);
// For the abort test: far larger than what loopback socket buffers can hold (a few MiB), so an
// abort after 1 MiB has arrived always lands before the body is fully read.
const huge = join(dir, 'huge.bin');
const HUGE = 64 * MiB;
writeFileSync(huge, Buffer.alloc(HUGE));
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

interface Received {
  attempt: number;
  length: string | undefined;
  bytes: Buffer;
}

let server: Server;
let url = '';
let received: Received[] = [];
/** Attempts (1-based) whose connection the receiver cuts after 1.5 MiB. */
let resetAttempts = new Set<number>();
/** Set by a test: called with each request once 1 MiB has arrived. */
let onMiB: (() => void) | null = null;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const attempt = received.length + 1;
    const entry: Received = { attempt, length: req.headers['content-length'], bytes: Buffer.alloc(0) };
    received.push(entry);
    const chunks: Buffer[] = [];
    let size = 0;
    let told = false;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (!told && size >= MiB) {
        told = true;
        onMiB?.();
      }
      if (resetAttempts.has(attempt) && size >= 1.5 * MiB) {
        req.socket.destroy();
        return;
      }
      // A slow reader: the sender's socket fills up and undici has to wait for 'drain'.
      req.pause();
      setImmediate(() => req.resume());
    });
    req.on('end', () => {
      entry.bytes = Buffer.concat(chunks);
      res.end(md5(entry.bytes));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
afterEach(() => {
  received = [];
  resetAttempts = new Set();
  onMiB = null;
  vi.restoreAllMocks();
});

function client() {
  return new HttpClient({ store: 'test', dispatcher: new Agent(), clock: fastClock() });
}

describe('upload bodies over a real socket', () => {
  it('a multipart body with two files arrives byte for byte, with its exact length and progress', async () => {
    const body = multipartBody([
      { name: 'type', value: 'apk' },
      { name: 'first', file: { path: small, size: smallContent.length, filename: 'small.bin' } },
      { name: 'second', file: { path: big, size: bigContent.length, filename: 'big.bin' } },
    ]);
    const progress: Array<[number, number]> = [];
    const res = await client().send(() => ({ method: 'POST', url, body }), {
      idempotent: false,
      onUploadProgress: (sent, total) => progress.push([sent, total]),
    });
    expect(res.status).toBe(200);
    const [only] = received;
    expect(only!.length).toBe(String(body.length));
    expect(only!.bytes.length).toBe(body.length);
    // The file parts appear intact, in order, inside the framing.
    const text = only!.bytes;
    const first = text.indexOf(smallContent.subarray(0, 64));
    const second = text.indexOf(bigContent.subarray(0, 64));
    expect(first).toBeGreaterThan(0);
    expect(md5(text.subarray(first, first + smallContent.length))).toBe(md5(smallContent));
    expect(md5(text.subarray(second, second + bigContent.length))).toBe(md5(bigContent));
    // What a body yields again, read on its own, is what went over the wire.
    expect(res.text).toBe(md5(await collect(body.open())));
    // Progress: bytes of the whole body, only growing, ending at its length.
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.every(([, total]) => total === body.length)).toBe(true);
    expect(progress.every(([sent], i) => i === 0 || sent > progress[i - 1]![0])).toBe(true);
    expect(progress.at(-1)![0]).toBe(body.length);
  });

  it('a raw byte range arrives exactly, and a retry after a mid-body reset re-reads from its start offset', async () => {
    resetAttempts = new Set([1]);
    const offset = 700_001;
    const length = 3 * MiB + 5;
    const body = fileBody(big, { offset, length });
    const progress: number[] = [];
    const res = await client().send(() => ({ method: 'PUT', url, body }), {
      idempotent: true,
      onUploadProgress: (sent) => progress.push(sent),
    });
    expect(res.status).toBe(200);
    expect(received.map((r) => r.attempt)).toEqual([1, 2]);
    const expected = bigContent.subarray(offset, offset + length);
    expect(received[1]!.bytes.length).toBe(length);
    expect(md5(received[1]!.bytes)).toBe(md5(expected));
    expect(res.text).toBe(md5(expected));
    // The second attempt counts again from 0 (fileProgress keeps the best per part).
    expect(progress.at(-1)).toBe(length);
    expect(progress.some((sent, i) => i > 0 && sent < progress[i - 1]!)).toBe(true);
  });

  it('an upload aborted mid-body stops reading and closes the file', async () => {
    opened.length = 0;
    const controller = new AbortController();
    onMiB = () => controller.abort();
    const reads: number[] = [];
    const body = fileBody(huge, { length: HUGE });
    const error = await client()
      .send(() => ({ method: 'PUT', url, body }), {
        idempotent: true,
        signal: controller.signal,
        onUploadProgress: (sent) => reads.push(sent),
      })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(reads.at(-1) ?? 0).toBeLessThan(HUGE);
    expect(opened).toHaveLength(1);
    await vi.waitFor(() => expect(opened[0]!.fd).toBe(-1));
  });
});

describe('FileChunks', () => {
  it('reuses its buffer only after a full chunk, never after a short one', async () => {
    const reader = new FileChunks();
    const seen: Buffer[] = [];
    for await (const chunk of reader.read(small, 0, smallContent.length)) seen.push(chunk);
    for await (const chunk of reader.read(big, 0, 2 * MiB)) seen.push(chunk);
    // small: 1 MiB + a 100-byte tail; big: two full chunks.
    expect(seen.map((c) => c.length)).toEqual([MiB, 100, MiB, MiB]);
    // The full first chunk's buffer was reused for the tail...
    expect(seen[1]!.buffer).toBe(seen[0]!.buffer);
    // ...but the short tail may still be queued on the socket: the next file gets a fresh buffer.
    expect(seen[2]!.buffer).not.toBe(seen[1]!.buffer);
    expect(seen[3]!.buffer).toBe(seen[2]!.buffer);
  });
});

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const copies: Buffer[] = [];
  // Copies: a chunk is only valid until the next one is asked for.
  for await (const chunk of chunks) copies.push(Buffer.from(chunk));
  return Buffer.concat(copies);
}
