/**
 * Size, MD5 and SHA-256 of a file in one streamed read. Stores ask for both digests (Xiaomi MD5,
 * Huawei SHA-256...), and release APKs reach 1-2 GB, so the file is read once, in 1 MiB chunks,
 * and never held in memory.
 *
 * Large files hash MD5 on a worker thread while the main thread reads and hashes SHA-256: the two
 * digests cost about the same per byte, so doing them side by side keeps the whole pass close to
 * the speed of `md5sum` alone. Chunks live in a small SharedArrayBuffer ring, so nothing is copied
 * between the threads and memory stays at a few MiB whatever the file size.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { FileDigest } from './types.js';
import { openRegularFile } from './file-access.js';
import { fileAccessError } from './input-errors.js';

/** Called after each chunk with the bytes hashed so far and the file size. */
export type HashProgress = (bytes: number, total: number) => void;

export interface HashOptions {
  /** Files at least this big use the worker thread; below it, starting a worker costs more than it saves. */
  workerThreshold?: number;
  /** Stops the pass (Ctrl-C): the promise rejects with the signal's reason and the worker is ended. */
  signal?: AbortSignal;
}

const CHUNK = 1024 * 1024;
const SLOTS = 4;
const DEFAULT_WORKER_THRESHOLD = 64 * CHUNK;

export async function hashFile(
  path: string,
  onProgress?: HashProgress,
  options: HashOptions = {},
): Promise<FileDigest> {
  const { signal } = options;
  signal?.throwIfAborted();
  const { handle, size: total } = await openRegularFile(path);
  const abort = abortPromise(signal);
  try {
    signal?.throwIfAborted();
    const threshold = options.workerThreshold ?? DEFAULT_WORKER_THRESHOLD;
    const digest =
      total >= threshold
        ? await hashWithWorker(handle, total, abort, onProgress)
        : await hashInline(handle, total, abort, onProgress);
    if (digest.size === 0) onProgress?.(0, total);
    return digest;
  } catch (error) {
    throw error instanceof Error && 'errno' in error ? fileAccessError(path, error) : error;
  } finally {
    abort.dispose();
    await handle.close();
  }
}

interface AbortWatch {
  /** Rejects with the signal's reason once it is aborted; never settles without a signal. */
  promise: Promise<never>;
  /** Throws the reason when already aborted (a race would prefer an already-settled read). */
  check(): void;
  dispose(): void;
}

/** Every wait below races against the abort, so it is seen within one chunk read. */
function abortPromise(signal: AbortSignal | undefined): AbortWatch {
  let dispose = () => {};
  const promise = new Promise<never>((_, reject) => {
    if (!signal) return;
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    dispose = () => signal.removeEventListener('abort', onAbort);
  });
  promise.catch(() => {}); // observed through the races below
  return { promise, check: () => signal?.throwIfAborted(), dispose: () => dispose() };
}

/** Both digests on this thread; the next chunk is read while the current one is hashed. */
async function hashInline(
  handle: FileHandle,
  total: number,
  abort: AbortWatch,
  onProgress?: HashProgress,
): Promise<FileDigest> {
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  let turn = 0;
  let size = 0;
  let pending: Promise<{ bytesRead: number }> = handle.read(buffers[0]!, 0, CHUNK, 0);
  try {
    for (;;) {
      abort.check();
      const { bytesRead } = await Promise.race([pending, abort.promise]);
      if (bytesRead === 0) break;
      const chunk = buffers[turn]!.subarray(0, bytesRead);
      size += bytesRead;
      turn ^= 1;
      pending = handle.read(buffers[turn]!, 0, CHUNK, size);
      md5.update(chunk);
      sha256.update(chunk);
      onProgress?.(size, total);
    }
  } finally {
    pending.catch(() => {}); // a read still in flight after an abort is of no interest
  }
  return { size, md5: md5.digest('hex'), sha256: sha256.digest('hex') };
}

// Runs as CommonJS from a string (eval), so it works the same from dist/ and from the TypeScript
// sources under vitest. Protocol: {slot, length} -> hash that part of the ring, answer the slot;
// null -> answer { md5 }.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const md5 = require('node:crypto').createHash('md5');
parentPort.on('message', (job) => {
  if (job === null) { parentPort.postMessage({ md5: md5.digest('hex') }); return; }
  md5.update(new Uint8Array(workerData.ring, job.slot * workerData.chunk, job.length));
  parentPort.postMessage(job.slot);
});
`;

async function hashWithWorker(
  handle: FileHandle,
  total: number,
  abort: AbortWatch,
  onProgress?: HashProgress,
): Promise<FileDigest> {
  const ring = new SharedArrayBuffer(SLOTS * CHUNK);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ring, chunk: CHUNK } });
  const sha256 = createHash('sha256');

  // Slots the worker has finished with; a reader waiting for one parks its resolver here.
  const free: number[] = Array.from({ length: SLOTS }, (_, i) => i);
  const waiting: Array<(slot: number) => void> = [];
  let failed: ((error: Error) => void) | undefined;
  let finished: ((md5: string) => void) | undefined;
  const workerFailure = new Promise<never>((_, reject) => {
    failed = reject;
  });
  workerFailure.catch(() => {}); // observed through the races below
  worker.on('error', (error) => failed?.(error));
  worker.on('exit', (code) => failed?.(new Error(`the hashing worker stopped (exit code ${code})`)));
  worker.on('message', (message: number | { md5: string }) => {
    if (typeof message === 'number') {
      const next = waiting.shift();
      if (next) next(message);
      else free.push(message);
    } else {
      finished?.(message.md5);
    }
  });
  const acquire = (): Promise<number> => {
    const slot = free.shift();
    if (slot !== undefined) return Promise.resolve(slot);
    return Promise.race([new Promise<number>((resolve) => waiting.push(resolve)), workerFailure, abort.promise]);
  };
  const view = (slot: number, length: number) => Buffer.from(ring, slot * CHUNK, length);

  let pending: Promise<{ bytesRead: number }> | undefined;
  try {
    let size = 0;
    let slot = await acquire();
    pending = handle.read(view(slot, CHUNK), 0, CHUNK, 0);
    for (;;) {
      abort.check();
      const { bytesRead } = await Promise.race([pending, abort.promise]);
      if (bytesRead === 0) break;
      const current = slot;
      size += bytesRead;
      slot = await acquire();
      pending = handle.read(view(slot, CHUNK), 0, CHUNK, size);
      sha256.update(view(current, bytesRead));
      worker.postMessage({ slot: current, length: bytesRead });
      onProgress?.(size, total);
    }
    const md5Done = new Promise<string>((resolve) => (finished = resolve));
    worker.postMessage(null);
    abort.check();
    const md5 = await Promise.race([md5Done, workerFailure, abort.promise]);
    return { size, md5, sha256: sha256.digest('hex') };
  } finally {
    pending?.catch(() => {}); // a read still in flight when the worker failed is of no interest
    failed = undefined;
    await worker.terminate();
  }
}
