/**
 * Test helper: writes a minimal zip (local headers, central directory, end record), so tests can
 * build damaged or surprising APKs and IPAs byte by byte instead of keeping binary fixtures for each.
 * No data descriptors, no zip64, no timestamps: only what the readers under test look at.
 */
import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer | string;
  /** Stored as the deflated body instead of deflating `data` (to make a corrupt entry); always method 8. */
  rawDeflated?: Buffer;
}

export interface ZipOptions {
  /** How entries without `rawDeflated` are written: 'deflate' (method 8, default) or 'store' (method 0). */
  method?: 'deflate' | 'store';
  /** Bytes between the last entry and the central directory: where an APK Signing Block lives. */
  beforeDirectory?: Buffer;
}

const STORED = 0;
const DEFLATED = 8;

/** Writes the zip to `path` and returns `path`. */
export function writeZip(path: string, entries: ZipEntry[], options: ZipOptions = {}): string {
  const beforeDirectory = options.beforeDirectory ?? Buffer.alloc(0);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.from(entry.data);
    const method = entry.rawDeflated || options.method !== 'store' ? DEFLATED : STORED;
    const body = entry.rawDeflated ?? (method === DEFLATED ? deflateRawSync(data) : data);
    const name = Buffer.from(entry.name);
    // The fields shared by the local header (from +4) and the central header (from +6).
    const fields = (b: Buffer, at: number) => {
      b.writeUInt16LE(20, at); // version needed
      b.writeUInt16LE(0x0800, at + 2); // flags: UTF-8 names
      b.writeUInt16LE(method, at + 4);
      b.writeUInt32LE(crc32(data), at + 10); // time and date (+6, +8) stay 0
      b.writeUInt32LE(body.length, at + 14);
      b.writeUInt32LE(data.length, at + 18);
      b.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    fields(central, 6);
    central.writeUInt32LE(offset, 42); // offset of the local header
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8); // entries on this disk
  end.writeUInt16LE(entries.length, 10); // entries in total
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset + beforeDirectory.length, 16); // where the central directory starts
  writeFileSync(path, Buffer.concat([...locals, beforeDirectory, directory, end]));
  return path;
}
