/**
 * Uploads reach the emulators through temp files: each body (or multipart file part) is written to
 * disk once while its MD5 and size (and SHA-256, for the emulators that check one) are computed in
 * the same pass, so a 1 GiB upload costs the sandbox a few buffers of memory, not the whole file.
 * For an emulator that only reads a few entries of a zip upload, the spool can be sparse: the data
 * of the other entries is not written (sparse-zip.ts), which is most of an upload's cost.
 */
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { type FileHandle, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { checkSparseFile, type EntryFilter, ZipScanner } from './sparse-zip.js';

/** A received upload on disk, with what was computed while it streamed in. */
export interface SpooledFile {
  path: string;
  size: number;
  md5: string;
  /** Only for an emulator that declares `sha256Uploads` (the store checks a SHA-256). */
  sha256?: string;
}

export interface SpoolOptions {
  /** Also compute SHA-256 (MD5 always: every store's answer or check uses it). */
  sha256: boolean;
  /**
   * Sparse spool: for a zip body, write only the data of the entries this accepts (plus every
   * header and the tail from the signing block / central directory on). Hashes and size still
   * cover every byte. Only for emulators whose readers never open another entry (Emulator.sparseUploads).
   */
  sparseZip?: EntryFilter;
}

/**
 * Chunks (64 KiB each from the socket) queue up to this much before the writer waits: the queued
 * chunks go to disk in one writev, instead of one thread-pool write per chunk with the upload
 * paused in between (the default 16 KiB mark made every chunk wait for its own write).
 */
const WRITE_QUEUE = 4 * 1024 * 1024;

/** Writes one stream of chunks to a file, hashing as it goes. */
export class Spool {
  private readonly out: FileSink;
  private readonly md5: Hash = createHash('md5');
  private readonly sha256: Hash | null;
  private size = 0;

  constructor(
    readonly path: string,
    options: SpoolOptions,
  ) {
    this.out = options.sparseZip ? new SparseZipSink(path, options.sparseZip) : new StreamSink(path);
    this.sha256 = options.sha256 ? createHash('sha256') : null;
  }

  /** The stream keeps `chunk` until it is written: the caller must not reuse its memory. */
  async write(chunk: Buffer): Promise<void> {
    if (chunk.length === 0) return;
    this.md5.update(chunk);
    this.sha256?.update(chunk);
    this.size += chunk.length;
    await this.out.write(chunk);
  }

  async finish(): Promise<SpooledFile> {
    await this.out.finish(this.size);
    const file: SpooledFile = { path: this.path, size: this.size, md5: this.md5.digest('hex') };
    if (this.sha256) file.sha256 = this.sha256.digest('hex');
    return file;
  }

  /** Stops writing (the body was malformed or the connection broke); resolves once the file is closed. */
  async abort(): Promise<void> {
    await this.out.abort();
  }
}

interface FileSink {
  write(chunk: Buffer): Promise<void>;
  /** `size`: the body's length, which the file must have (a sparse file may end in a hole). */
  finish(size: number): Promise<void>;
  abort(): Promise<void>;
}

/** Every byte, in order, through a write stream. */
class StreamSink implements FileSink {
  private readonly out: WriteStream;

  constructor(path: string) {
    this.out = createWriteStream(path, { highWaterMark: WRITE_QUEUE });
  }

  async write(chunk: Buffer): Promise<void> {
    // Backpressure: wait for the disk rather than queueing the upload in memory.
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async finish(): Promise<void> {
    this.out.end();
    await once(this.out, 'close');
  }

  async abort(): Promise<void> {
    if (this.out.closed) return;
    // Writes still queued fail with ERR_STREAM_DESTROYED: expected here, the file is going away.
    this.out.on('error', () => {});
    await new Promise<void>((resolve) => {
      this.out.once('close', () => resolve());
      this.out.destroy();
    });
  }
}

/** writev takes at most IOV_MAX (1024 on Linux) buffers at once. */
const MAX_QUEUED_BUFFERS = 1024;

/**
 * The ranges ZipScanner picks, each at its own offset (positioned writes, so skipped data leaves a
 * hole). Like the write stream: one write in flight while the next run of chunks queues up to
 * WRITE_QUEUE; a run ends where a hole starts.
 */
class SparseZipSink implements FileSink {
  private readonly scanner: ZipScanner;
  private handle: FileHandle | null = null;
  private closed = false;
  private offset = 0;
  private queue: Buffer[] = [];
  private queueStart = 0;
  private queued = 0;
  private inflight: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(
    private readonly path: string,
    private readonly keep: EntryFilter,
  ) {
    this.scanner = new ZipScanner(keep);
  }

  async write(chunk: Buffer): Promise<void> {
    const start = this.offset;
    this.offset += chunk.length;
    for (const [from, to] of this.scanner.ranges(chunk)) {
      const position = start + from;
      if (this.queued > 0 && position !== this.queueStart + this.queued) await this.flush();
      if (this.queued === 0) this.queueStart = position;
      this.queue.push(from === 0 && to === chunk.length ? chunk : chunk.subarray(from, to));
      this.queued += to - from;
      if (this.queued >= WRITE_QUEUE || this.queue.length >= MAX_QUEUED_BUFFERS) await this.flush();
    }
  }

  async finish(size: number): Promise<void> {
    await this.flush();
    await this.inflight;
    this.rethrow();
    const handle = await this.open();
    // A body cut off in a skipped entry ends in a hole: the file still has the body's length.
    await handle.truncate(size);
    try {
      await checkSparseFile(handle, size, this.scanner, this.keep);
    } finally {
      await this.close();
    }
  }

  async abort(): Promise<void> {
    this.queue = [];
    this.queued = 0;
    await this.inflight;
    await this.close();
  }

  /** Starts writing the queued run once the write before it is done (backpressure: waits for it). */
  private async flush(): Promise<void> {
    if (this.queued === 0) return;
    const buffers = this.queue;
    const position = this.queueStart;
    this.queue = [];
    this.queued = 0;
    await this.inflight;
    this.rethrow();
    const handle = await this.open();
    this.inflight = writeAll(handle, buffers, position).catch((error: unknown) => {
      this.failure = error;
    });
  }

  private rethrow(): void {
    if (this.failure) throw this.failure;
  }

  private async open(): Promise<FileHandle> {
    this.handle ??= await open(this.path, 'w+'); // read too: finish() checks the central directory
    return this.handle;
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle?.close();
  }
}

/** writev, again for what a short write left over. */
async function writeAll(handle: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  let left = buffers;
  let at = position;
  while (left.length > 0) {
    const { bytesWritten } = await handle.writev(left, at);
    if (bytesWritten === 0) throw new Error('the temp file takes no more bytes');
    at += bytesWritten;
    let done = bytesWritten;
    let i = 0;
    while (i < left.length && done >= left[i]!.length) done -= left[i++]!.length;
    left = left.slice(i);
    if (done > 0) left[0] = left[0]!.subarray(done);
  }
}

/**
 * One private temp directory per sandbox. Files of a request are removed once it is answered, unless
 * an emulator keeps one (an upload it needs later); whatever is left goes when the sandbox closes.
 */
export class TempArea {
  private counter = 0;
  private constructor(readonly dir: string) {}

  static async create(): Promise<TempArea> {
    return new TempArea(await mkdtemp(join(tmpdir(), 'appstores-sandbox-')));
  }

  newPath(label: string): string {
    return join(this.dir, `${++this.counter}-${label.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40)}`);
  }

  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
