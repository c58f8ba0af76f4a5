/**
 * The chunk framing shared by Android's binary XML (AndroidManifest.xml) and resource table
 * (resources.arsc): every chunk starts with { u16 type, u16 headerSize, u32 size }, little-endian.
 * Layouts follow AOSP's ResourceTypes.h.
 */
import { FormatError } from './format-error.js';

export const CHUNK = {
  STRING_POOL: 0x0001,
  TABLE: 0x0002,
  XML: 0x0003,
  XML_START_NAMESPACE: 0x0100,
  XML_END_NAMESPACE: 0x0101,
  XML_START_ELEMENT: 0x0102,
  XML_END_ELEMENT: 0x0103,
  XML_RESOURCE_MAP: 0x0180,
  TABLE_PACKAGE: 0x0200,
  TABLE_TYPE: 0x0201,
  TABLE_TYPE_SPEC: 0x0202,
} as const;

/** Res_value.dataType values we interpret. */
export const VALUE = {
  NULL: 0x00,
  REFERENCE: 0x01,
  STRING: 0x03,
  INT_DEC: 0x10,
  INT_HEX: 0x11,
  INT_BOOLEAN: 0x12,
} as const;

export interface Chunk {
  type: number;
  headerSize: number;
  /** Offset of the chunk's first byte in the buffer. */
  start: number;
  /** Offset just past the chunk. */
  end: number;
}

/** A typed value: Res_value { u16 size, u8 res0, u8 dataType, u32 data }. */
export interface ResValue {
  type: number;
  data: number;
}

export function readChunk(buf: Buffer, start: number, limit: number = buf.length): Chunk {
  limit = Math.min(limit, buf.length);
  if (!Number.isSafeInteger(start) || start < 0 || start + 8 > limit) {
    throw new FormatError(`chunk header at ${start} runs past the end`);
  }
  const type = buf.readUInt16LE(start);
  const headerSize = buf.readUInt16LE(start + 2);
  const size = buf.readUInt32LE(start + 4);
  if (headerSize < 8 || size < headerSize || start + size > limit) {
    throw new FormatError(`chunk 0x${type.toString(16)} at ${start} has a bad size`);
  }
  return { type, headerSize, start, end: start + size };
}

/** The chunks that follow one another from `start` to `end`. */
export function* chunksBetween(buf: Buffer, start: number, end: number): Generator<Chunk> {
  let offset = start;
  while (offset + 8 <= end) {
    const chunk = readChunk(buf, offset, end);
    // readChunk refuses sizes below 8, so each chunk moves the offset on; checked here all the same
    // because a loop over file-controlled sizes must never stand still.
    if (!(chunk.end > offset)) throw new FormatError(`chunk at ${offset} does not advance`);
    yield chunk;
    offset = chunk.end;
  }
}

export function readResValue(buf: Buffer, offset: number): ResValue {
  return { type: buf.readUInt8(offset + 3), data: buf.readUInt32LE(offset + 4) };
}
