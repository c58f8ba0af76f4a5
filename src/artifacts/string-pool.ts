/**
 * ResStringPool: the string table at the head of binary XML and of resources.arsc. Strings are
 * UTF-16LE or, when the UTF8 flag is set, UTF-8 with two length prefixes (UTF-16 units, bytes);
 * aapt writes UTF-8 pools in resources.arsc and UTF-16 ones in the manifest, so both occur.
 * Strings are decoded on first use: a large app's resource table holds tens of thousands.
 */
import { FormatError } from './format-error.js';
import { CHUNK, readChunk } from './res-chunk.js';

const UTF8_FLAG = 0x100;
/** An index that means "no string" (ResStringPool_ref of -1). */
const NO_INDEX = 0xffffffff;

export interface StringPool {
  readonly count: number;
  /** The string at `index`, or null for "no string" and indexes out of range. */
  get(index: number): string | null;
}

/** ResStringPool_header: chunk header(8) stringCount(4) styleCount(4) flags(4) stringsStart(4) stylesStart(4). */
const HEADER_SIZE = 28;

export function parseStringPool(buf: Buffer, start: number): StringPool {
  const chunk = readChunk(buf, start);
  if (chunk.type !== CHUNK.STRING_POOL) throw new FormatError(`expected a string pool at ${start}`);
  if (chunk.headerSize < HEADER_SIZE) throw new FormatError('string pool header is too short');
  const count = buf.readUInt32LE(start + 8);
  const utf8 = (buf.readUInt32LE(start + 16) & UTF8_FLAG) !== 0;
  const stringsStart = start + buf.readUInt32LE(start + 20);
  const offsetsStart = start + chunk.headerSize;
  // The count comes from the file: it must fit the chunk before it bounds any index.
  if (offsetsStart + count * 4 > chunk.end || stringsStart > chunk.end) {
    throw new FormatError('string pool offsets run past its end');
  }
  const cache = new Map<number, string>();
  const u8 = (p: number): number => {
    if (p >= chunk.end) throw new FormatError('a string length runs past the string pool');
    return buf[p]!;
  };
  const u16 = (p: number): number => u8(p) | (u8(p + 1) << 8);

  const decode = (index: number): string => {
    let p = stringsStart + buf.readUInt32LE(offsetsStart + index * 4);
    let byteLength: number;
    if (utf8) {
      // Two lengths: UTF-16 units (not needed to decode), then bytes. Each is 1 byte, or 2 bytes
      // when the first one's high bit is set.
      p += u8(p) & 0x80 ? 2 : 1;
      const first = u8(p);
      byteLength = first & 0x80 ? ((first & 0x7f) << 8) | u8(p + 1) : first;
      p += first & 0x80 ? 2 : 1;
    } else {
      // UTF-16 units: 1 u16, or 2 when the first one's high bit is set.
      const first = u16(p);
      const units = first & 0x8000 ? (first & 0x7fff) * 0x10000 + u16(p + 2) : first;
      p += first & 0x8000 ? 4 : 2;
      byteLength = units * 2;
    }
    if (p + byteLength > chunk.end) throw new FormatError(`string ${index} runs past the string pool`);
    return buf.toString(utf8 ? 'utf8' : 'utf16le', p, p + byteLength);
  };

  return {
    count,
    get(index) {
      if (index === NO_INDEX || index < 0 || index >= count) return null;
      let value = cache.get(index);
      if (value === undefined) {
        value = decode(index);
        cache.set(index, value);
      }
      return value;
    },
  };
}
