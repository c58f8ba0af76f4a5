/**
 * Where the zip's central directory starts, from the End Of Central Directory record (and the
 * zip64 locator when the 32-bit field is saturated). yauzl keeps this to itself, and the APK
 * Signing Block sits immediately before that offset.
 */
import type { FileHandle } from 'node:fs/promises';
import { readAt } from './file-access.js';
import { FormatError } from './format-error.js';

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const ZIP64_EOCD_MIN_SIZE = 56;
const MAX_COMMENT = 0xffff;

export async function centralDirectoryOffset(handle: FileHandle, fileSize: number): Promise<number> {
  const tailLength = Math.min(fileSize, EOCD_SIZE + MAX_COMMENT + ZIP64_LOCATOR_SIZE);
  const tailStart = fileSize - tailLength;
  const tail = await readAt(handle, tailStart, tailLength);
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== EOCD_SIGNATURE) continue;
    // The comment must run exactly to the end of the file; otherwise this is a lookalike.
    if (tail.readUInt16LE(i + 20) !== tail.length - i - EOCD_SIZE) continue;
    const eocdOffset = tailStart + i;
    const offset = tail.readUInt32LE(i + 16);
    if (offset !== 0xffffffff) return insideFile(offset, eocdOffset);
    const locator = i - ZIP64_LOCATOR_SIZE;
    if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE) break;
    // 64-bit offsets from the file are checked before use: past 2^53 a Number is no longer exact.
    const recordOffset = tail.readBigUInt64LE(locator + 8);
    if (recordOffset > BigInt(eocdOffset - ZIP64_EOCD_MIN_SIZE)) break;
    const record = await readAt(handle, Number(recordOffset), ZIP64_EOCD_MIN_SIZE);
    if (record.length < ZIP64_EOCD_MIN_SIZE || record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) break;
    const offset64 = record.readBigUInt64LE(48);
    if (offset64 > BigInt(eocdOffset)) break;
    return Number(offset64);
  }
  throw new FormatError('no end of central directory record');
}

/** The central directory lies before its end record; an offset past it is not one (and would size reads). */
function insideFile(offset: number, eocdOffset: number): number {
  if (offset > eocdOffset) throw new FormatError('the central directory offset points past the end record');
  return offset;
}
