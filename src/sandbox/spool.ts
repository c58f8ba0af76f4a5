/**
 * Uploads reach the emulators through temp files: each body (or multipart file part) is written to
 * disk once while its MD5 and size (and SHA-256, for the emulators that check one) are computed in
 * the same pass, so a 1 GiB upload costs the sandbox a few buffers of memory, not the whole file.
 */
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

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
}

/**
 * Chunks (64 KiB each from the socket) queue up to this much before the writer waits: the queued
 * chunks go to disk in one writev, instead of one thread-pool write per chunk with the upload
 * paused in between (the default 16 KiB mark made every chunk wait for its own write).
 */
const WRITE_QUEUE = 4 * 1024 * 1024;

/** Writes one stream of chunks to a file, hashing as it goes. */
export class Spool {
  private readonly out: WriteStream;
  private readonly md5: Hash = createHash('md5');
  private readonly sha256: Hash | null;
  private size = 0;

  constructor(
    readonly path: string,
    options: SpoolOptions,
  ) {
    this.out = createWriteStream(path, { highWaterMark: WRITE_QUEUE });
    this.sha256 = options.sha256 ? createHash('sha256') : null;
  }

  /** The stream keeps `chunk` until it is written: the caller must not reuse its memory. */
  async write(chunk: Buffer): Promise<void> {
    if (chunk.length === 0) return;
    this.md5.update(chunk);
    this.sha256?.update(chunk);
    this.size += chunk.length;
    // Backpressure: wait for the disk rather than queueing the upload in memory.
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async finish(): Promise<SpooledFile> {
    this.out.end();
    await once(this.out, 'close');
    const file: SpooledFile = { path: this.path, size: this.size, md5: this.md5.digest('hex') };
    if (this.sha256) file.sha256 = this.sha256.digest('hex');
    return file;
  }

  /** Stops writing (the body was malformed or the connection broke); resolves once the file is closed. */
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
