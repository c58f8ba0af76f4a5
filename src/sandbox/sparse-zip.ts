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
    let p = 0;
    while (p < chunk.length) {
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

  private readHeader(): void {
    const h = this.header;
    if (h.length >= 4 && h.readUInt32LE(0) !== LOCAL_HEADER) {
      this.mode = 'all'; // the signing block, the central directory, or not a zip at all
      return;
    }
    if (h.length < FIXED_HEADER) return;
    if (this.headerLength === FIXED_HEADER) {
      const flags = h.readUInt16LE(6);
      const compressedSize = h.readUInt32LE(18);
      if (flags & (FLAG_DATA_DESCRIPTOR | FLAG_ENCRYPTED) || compressedSize === ZIP64_SIZE) {
        this.mode = 'all';
        return;
      }
      this.headerLength = FIXED_HEADER + h.readUInt16LE(26) + h.readUInt16LE(28);
    }
    if (h.length < this.headerLength) return;
    // Names the readers look for are ASCII: how a non-UTF-8 name decodes does not matter here.
    const name = h.toString('utf8', FIXED_HEADER, FIXED_HEADER + h.readUInt16LE(26));
    this.dataLeft = h.readUInt32LE(18);
    this.keepData = this.keep(name);
    this.header = Buffer.alloc(0);
    this.headerLength = FIXED_HEADER;
    this.mode = this.dataLeft > 0 ? 'data' : 'header';
  }
}
