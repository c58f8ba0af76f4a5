/**
 * Follows a zip's local file headers as its bytes stream in, to tell a sparse spool (spool.ts)
 * which bytes to write: every header, the data of the entries the emulator's readers open, and
 * everything from the first record that is not a local file header on (the APK Signing Block, the
 * central directory, the end record). The data of every other entry is left as a hole: the file
 * keeps every offset, so the unchanged zip readers work on it as long as they never open such an
 * entry (they read names, sizes and offsets from the central directory only).
 *
 * Anything it cannot follow while streaming ends the skipping for the rest of the body: a body that
 * does not start with a local file header (not a zip), a data descriptor (bit 3: the sizes come
 * after the data), encryption, zip64 sizes, or any other record.
 */

import type { FileHandle } from 'node:fs/promises';
import { readAt } from '../artifacts/file-access.js';
import { isFormatProblem } from '../artifacts/format-error.js';
import { centralDirectoryOffset } from '../artifacts/zip-eocd.js';

/** True for the entries whose data the emulator's readers read. */
export type EntryFilter = (name: string) => boolean;

const LOCAL_HEADER = 0x04034b50;
const FIXED_HEADER = 30;
const FLAG_ENCRYPTED = 0x1;
const FLAG_DATA_DESCRIPTOR = 0x8;
const ZIP64_SIZE = 0xffffffff;

/** A [start, end) range of a chunk, in the chunk's own offsets. */
export type Range = [start: number, end: number];

export class ZipScanner {
  private mode: 'header' | 'data' | 'all' = 'header';
  /** The local header read so far (a header may straddle chunks). */
  private header = Buffer.alloc(0);
  private headerLength = FIXED_HEADER;
  private dataLeft = 0;
  private keepData = false;
  /** Bytes of entry data left as holes so far. */
  skipped = 0;
  /** Where each followed entry whose data is written starts (its local header), with its data size. */
  readonly written = new Map<number, number>();
  /** Where the scanner stopped following headers (from there on every byte is written), or null. */
  allFrom: number | null = null;
  /** Bytes of the body seen so far. */
  private offset = 0;
  /** Where the header being read starts. */
  private headerAt = 0;
  /** True once the scanner gave up following headers (everything after is written). */
  get writingAll(): boolean {
    return this.mode === 'all';
  }

  constructor(private readonly keep: EntryFilter) {}

  /** The ranges of `chunk` (the next bytes of the body) to write. */
  ranges(chunk: Buffer): Range[] {
    const out: Range[] = [];
    const write = (start: number, end: number) => {
      if (end <= start) return;
      const last = out[out.length - 1];
      if (last && last[1] === start) last[1] = end;
      else out.push([start, end]);
    };
    const base = this.offset;
    this.offset += chunk.length;
    let p = 0;
    while (p < chunk.length) {
      if (this.header.length === 0 && this.mode === 'header') this.headerAt = base + p;
      if (this.mode === 'all') {
        write(p, chunk.length);
        break;
      }
      if (this.mode === 'data') {
        const n = Math.min(this.dataLeft, chunk.length - p);
        if (this.keepData) write(p, p + n);
        else this.skipped += n;
        p += n;
        this.dataLeft -= n;
        if (this.dataLeft === 0) this.mode = 'header';
        continue;
      }
      // Header bytes are always written; they are copied aside until the whole header is in.
      const take = Math.min(this.headerLength - this.header.length, chunk.length - p);
      this.header = Buffer.concat([this.header, chunk.subarray(p, p + take)]);
      write(p, p + take);
      p += take;
      this.readHeader();
    }
    return out;
  }

  private writeAll(): void {
    this.mode = 'all';
    this.allFrom = this.headerAt;
  }

  private readHeader(): void {
    const h = this.header;
    if (h.length >= 4 && h.readUInt32LE(0) !== LOCAL_HEADER) {
      this.writeAll(); // the signing block, the central directory, or not a zip at all
      return;
    }
    if (h.length < FIXED_HEADER) return;
    if (this.headerLength === FIXED_HEADER) {
      const flags = h.readUInt16LE(6);
      const compressedSize = h.readUInt32LE(18);
      if (flags & (FLAG_DATA_DESCRIPTOR | FLAG_ENCRYPTED) || compressedSize === ZIP64_SIZE) {
        this.writeAll();
        return;
      }
      this.headerLength = FIXED_HEADER + h.readUInt16LE(26) + h.readUInt16LE(28);
    }
    if (h.length < this.headerLength) return;
    // Names the readers look for are ASCII: how a non-UTF-8 name decodes does not matter here.
    const name = h.toString('utf8', FIXED_HEADER, FIXED_HEADER + h.readUInt16LE(26));
    this.dataLeft = h.readUInt32LE(18);
    this.keepData = this.keep(name);
    if (this.keepData) this.written.set(this.headerAt, this.dataLeft);
    this.header = Buffer.alloc(0);
    this.headerLength = FIXED_HEADER;
    this.mode = this.dataLeft > 0 ? 'data' : 'header';
  }
}

const CENTRAL_HEADER = 0x02014b50;
const FIXED_CENTRAL = 46;
/** A central directory is a few MiB at most, even for apps with tens of thousands of entries. */
const MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;

/** The sparse file cannot be read like the whole upload: the caller must not hand it to a reader. */
export class SparseSpoolError extends Error {}

/**
 * Checks a finished sparse file against its own central directory, the one the readers go by: each
 * entry they would open must start at a local header the scanner followed, with the same data size,
 * and the directory must lie in what was written. A zip whose directory places such an entry inside
 * a skipped one (overlapping or hidden entries) would otherwise read zeros where the whole file has
 * data; this makes it a loud sandbox error instead. A body without a readable end record is left
 * alone: the readers refuse it on the sparse file as on the whole one.
 */
export async function checkSparseFile(
  handle: FileHandle,
  size: number,
  scanner: ZipScanner,
  keep: EntryFilter,
): Promise<void> {
  if (scanner.skipped === 0 || scanner.allFrom === null) return;
  let directory: number;
  try {
    directory = await centralDirectoryOffset(handle, size);
  } catch (error) {
    if (isFormatProblem(error)) return;
    throw error;
  }
  if (directory < scanner.allFrom) {
    throw new SparseSpoolError('the zip central directory starts inside an entry the sparse spool skipped');
  }
  const bytes = await readAt(handle, directory, Math.min(size - directory, MAX_CENTRAL_DIRECTORY));
  for (let p = 0; p + FIXED_CENTRAL <= bytes.length && bytes.readUInt32LE(p) === CENTRAL_HEADER; ) {
    const nameLength = bytes.readUInt16LE(p + 28);
    const next = p + FIXED_CENTRAL + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    if (next > bytes.length) return; // damaged: the readers say so on either file
    const name = bytes.toString('utf8', p + FIXED_CENTRAL, p + FIXED_CENTRAL + nameLength);
    const local = bytes.readUInt32LE(p + 42);
    if (keep(name) && local < scanner.allFrom && scanner.written.get(local) !== bytes.readUInt32LE(p + 20)) {
      throw new SparseSpoolError(
        `the zip central directory places ${name} where the streamed local headers do not; this upload needs a full spool`,
      );
    }
    p = next;
  }
}
