/**
 * resources.arsc: resolves a resource id (0xPPTTEEEE) to its values in every configuration.
 * The table is indexed once (where each type chunk is); entries are read only when asked for,
 * because a large app's table holds hundreds of thousands of them. Layouts: AOSP ResourceTypes.h.
 */
import { FormatError } from './format-error.js';
import { CHUNK, chunksBetween, readChunk, readResValue, type ResValue } from './res-chunk.js';
import { parseStringPool, type StringPool } from './string-pool.js';

/** The qualifiers of one configuration that matter to us. */
export interface ResConfig {
  /** e.g. "zh-CN", "en", "" for no locale. */
  locale: string;
  /** dpi: 0 default, 160 mdpi ... 640 xxxhdpi, 0xfffe anydpi, 0xffff nodpi. */
  density: number;
  /** How many qualifiers are set at all; 0 is the default configuration. */
  qualifiers: number;
}

export interface ResEntry {
  config: ResConfig;
  /** The entry's name (e.g. "app_name"). */
  key: string | null;
  /** null for a complex (bag) entry such as a style or an array. */
  value: ResValue | null;
}

export interface ResourceTable {
  /** The global string pool that TYPE_STRING values index. */
  readonly strings: StringPool;
  /** The values of `id` in every configuration that defines it, in table order. */
  entries(id: number): ResEntry[];
}

export const DENSITY_ANY = 0xfffe;
export const DENSITY_NONE = 0xffff;

const TYPE_FLAG_SPARSE = 0x01;
const TYPE_FLAG_OFFSET16 = 0x02;
const ENTRY_FLAG_COMPLEX = 0x0001;
const ENTRY_FLAG_COMPACT = 0x0008;
const NO_ENTRY32 = 0xffffffff;
const NO_ENTRY16 = 0xffff;
/** Up to and including keyStrings, the last field read here. */
const PACKAGE_HEADER_MIN = 280;
/** Up to and including the config's own u32 size. */
const TYPE_HEADER_MIN = 24;
const ENTRY_HEADER = 8;
const RES_VALUE_SIZE = 8;

interface TypeChunk {
  start: number;
  end: number;
  headerSize: number;
  flags: number;
  entryCount: number;
  entriesStart: number;
  config: ResConfig;
  keys: StringPool;
}

export function parseResourceTable(buf: Buffer): ResourceTable {
  if (buf.length < 8 || buf.readUInt16LE(0) !== CHUNK.TABLE) throw new FormatError('not a resource table');
  const table = readChunk(buf, 0);
  let strings: StringPool | null = null;
  // (package id << 8 | type id) -> that type's chunks, one per configuration.
  const types = new Map<number, TypeChunk[]>();
  const packageIds: number[] = [];

  for (const chunk of chunksBetween(buf, table.headerSize, table.end)) {
    if (chunk.type === CHUNK.STRING_POOL) strings = parseStringPool(buf, chunk.start);
    if (chunk.type !== CHUNK.TABLE_PACKAGE) continue;
    // ResTable_package: header(8) id(4) name(256) typeStrings(4) lastPublicType(4) keyStrings(4)...
    if (chunk.headerSize < PACKAGE_HEADER_MIN) throw new FormatError('a resource package header is too short');
    const packageId = buf.readUInt32LE(chunk.start + 8);
    packageIds.push(packageId);
    const keys = parseStringPool(buf, chunk.start + buf.readUInt32LE(chunk.start + 276));
    for (const inner of chunksBetween(buf, chunk.start + chunk.headerSize, chunk.end)) {
      if (inner.type !== CHUNK.TABLE_TYPE) continue;
      // ResTable_type: header(8) id(1) flags(1) reserved(2) entryCount(4) entriesStart(4) config(size first).
      if (inner.headerSize < TYPE_HEADER_MIN) throw new FormatError('a resource type header is too short');
      const typeId = buf.readUInt8(inner.start + 8);
      const list = types.get((packageId << 8) | typeId) ?? [];
      list.push({
        start: inner.start,
        end: inner.end,
        headerSize: inner.headerSize,
        flags: buf.readUInt8(inner.start + 9),
        entryCount: buf.readUInt32LE(inner.start + 12),
        entriesStart: buf.readUInt32LE(inner.start + 16),
        config: parseConfig(buf.subarray(inner.start + 20, inner.start + inner.headerSize)),
        keys,
      });
      types.set((packageId << 8) | typeId, list);
    }
  }
  if (!strings) throw new FormatError('resources.arsc has no string pool');
  const pool = strings;

  return {
    strings: pool,
    entries(id) {
      let packageId = id >>> 24;
      // An app's own resources are package 0x7f; a table with a single package answers for it
      // whatever id it was built with (shared libraries, feature splits).
      if (!packageIds.includes(packageId) && packageIds.length === 1) packageId = packageIds[0]!;
      const chunks = types.get((packageId << 8) | ((id >>> 16) & 0xff)) ?? [];
      const index = id & 0xffff;
      const found: ResEntry[] = [];
      for (const type of chunks) {
        const offset = entryOffset(buf, type, index);
        if (offset !== null) found.push(readEntry(buf, type.start + type.entriesStart + offset, type));
      }
      return found;
    },
  };
}

/**
 * The entry's offset from entriesStart, or null when this configuration does not define it.
 * entryCount and entriesStart come from the file: the offset table must fit before the entries,
 * and the entries inside the chunk, before either bounds a read (AOSP checks the same).
 */
function entryOffset(buf: Buffer, type: TypeChunk, index: number): number | null {
  const offsets = type.start + type.headerSize;
  const width = !(type.flags & TYPE_FLAG_SPARSE) && type.flags & TYPE_FLAG_OFFSET16 ? 2 : 4;
  const entriesStart = type.start + type.entriesStart;
  if (offsets + type.entryCount * width > entriesStart || entriesStart > type.end) {
    throw new FormatError("a resource type's entry table runs past its chunk");
  }
  if (type.flags & TYPE_FLAG_SPARSE) {
    // Sorted (u16 entry index, u16 offset / 4) pairs.
    for (let i = 0; i < type.entryCount; i++) {
      const p = offsets + i * 4;
      if (buf.readUInt16LE(p) === index) return buf.readUInt16LE(p + 2) * 4;
    }
    return null;
  }
  if (index >= type.entryCount) return null;
  if (type.flags & TYPE_FLAG_OFFSET16) {
    const value = buf.readUInt16LE(offsets + index * 2);
    return value === NO_ENTRY16 ? null : value * 4;
  }
  const value = buf.readUInt32LE(offsets + index * 4);
  return value === NO_ENTRY32 ? null : value;
}

function readEntry(buf: Buffer, p: number, type: TypeChunk): ResEntry {
  const runsPast = () => new FormatError('a resource entry runs past its chunk');
  if (p + ENTRY_HEADER > type.end) throw runsPast();
  const size = buf.readUInt16LE(p);
  const flags = buf.readUInt16LE(p + 2);
  if (flags & ENTRY_FLAG_COMPACT) {
    // Compact entry: u16 key, u16 flags (data type in the high byte), u32 data.
    return {
      config: type.config,
      key: type.keys.get(size),
      value: { type: flags >>> 8, data: buf.readUInt32LE(p + 4) },
    };
  }
  const key = type.keys.get(buf.readUInt32LE(p + 4));
  if (flags & ENTRY_FLAG_COMPLEX) return { config: type.config, key, value: null };
  if (size < ENTRY_HEADER || p + size + RES_VALUE_SIZE > type.end) throw runsPast();
  return { config: type.config, key, value: readResValue(buf, p + size) };
}

// ResTable_config fields as (offset, width) after its u32 size; a config written by an older
// aapt is shorter, and the missing fields are zero.
const CONFIG_FIELDS: Array<[number, number]> = [
  [4, 2],
  [6, 2], // mcc, mnc
  [8, 2],
  [10, 2], // language, country
  [12, 1],
  [13, 1],
  [14, 2], // orientation, touchscreen, density
  [16, 1],
  [17, 1],
  [18, 1], // keyboard, navigation, inputFlags
  [20, 2],
  [22, 2],
  [24, 2],
  [26, 2], // screen width/height, sdkVersion, minorVersion
  [28, 1],
  [29, 1],
  [30, 2],
  [32, 2],
  [34, 2], // screenLayout, uiMode, smallest/width/height dp
  [36, 4],
  [40, 8],
  [48, 1],
  [49, 1], // locale script/variant, screenLayout2, colorMode
];

/** `bytes` is the config as stored in the type header, which may be cut short by an older aapt. */
function parseConfig(bytes: Buffer): ResConfig {
  const size = bytes.readUInt32LE(0);
  const length = Math.min(size, 64, bytes.length);
  const at = (offset: number) => (offset < length ? bytes[offset]! : 0);
  const u16 = (offset: number) => at(offset) | (at(offset + 1) << 8);
  let qualifiers = 0;
  for (const [offset, width] of CONFIG_FIELDS) {
    for (let i = 0; i < width; i++) {
      if (at(offset + i) !== 0) {
        qualifiers++;
        break;
      }
    }
  }
  const language = unpackLocalePart(at(8), at(9), 0x61);
  const country = unpackLocalePart(at(10), at(11), 0x30);
  return { locale: country ? `${language}-${country}` : language, density: u16(14), qualifiers };
}

/** Two ASCII letters, or three 5-bit letters packed into two bytes when the high bit is set. */
function unpackLocalePart(a: number, b: number, base: number): string {
  if (a === 0 && b === 0) return '';
  if (!(a & 0x80)) return String.fromCharCode(a, b);
  const first = b & 0x1f;
  const second = ((b & 0xe0) >> 5) | ((a & 0x03) << 3);
  const third = (a & 0x7c) >> 2;
  return String.fromCharCode(base + first, base + second, base + third);
}
