/**
 * The APK Signing Block (APK Signature Scheme v2/v3): ID-value pairs stored just before the
 * central directory, framed as
 *   u64 size | (u64 length, u32 id, value)... | u64 size | "APK Sig Block 42"
 * The v2 and v3 values are length-prefixed (u32 LE) sequences:
 *   signers -> signer -> signed data -> (digests, certificates -> certificate DER, ...)
 * (source.android.com/docs/security/features/apksigning/v2 and /v3).
 */
import type { FileHandle } from 'node:fs/promises';
import { readAt } from './file-access.js';
import { FormatError } from './format-error.js';

export const SCHEME_V2_ID = 0x7109871a;
export const SCHEME_V3_ID = 0xf05368c0;

const MAGIC = Buffer.from('APK Sig Block 42', 'latin1');
const FOOTER_SIZE = 24; // u64 size + 16-byte magic
// Real blocks are a few KiB (plus padding to 4 KiB); anything huge is not a signing block.
const MAX_BLOCK_SIZE = 64 * 1024 * 1024;

/** The block's values by id, or null when the APK has no signing block. */
export async function readSigningBlock(
  handle: FileHandle,
  centralDirectoryOffset: number,
): Promise<Map<number, Buffer> | null> {
  if (centralDirectoryOffset < FOOTER_SIZE + 8) return null;
  const footer = await readAt(handle, centralDirectoryOffset - FOOTER_SIZE, FOOTER_SIZE);
  if (footer.length < FOOTER_SIZE || !footer.subarray(8).equals(MAGIC)) return null;
  // Sizes are u64: compared as BigInt first, so a value past 2^53 cannot round into range.
  const size64 = footer.readBigUInt64LE(0);
  if (size64 < BigInt(FOOTER_SIZE) || size64 > BigInt(MAX_BLOCK_SIZE))
    throw new FormatError('APK Signing Block has a bad size');
  const size = Number(size64);
  const blockStart = centralDirectoryOffset - size - 8;
  // The block must fit before the central directory, which lies inside the file (zip-eocd.ts checks
  // that), so what is allocated here is bounded by the file's own size.
  if (blockStart < 0) throw new FormatError('APK Signing Block has a bad size');
  const block = await readAt(handle, blockStart, size + 8);
  if (block.length !== size + 8 || block.readBigUInt64LE(0) !== size64) {
    throw new FormatError('APK Signing Block sizes do not match');
  }
  const values = new Map<number, Buffer>();
  const pairsEnd = block.length - FOOTER_SIZE;
  for (let p = 8; p + 12 <= pairsEnd; ) {
    const length64 = block.readBigUInt64LE(p);
    // A pair holds at least its u32 id, so each step moves p forward by 12 bytes or more.
    if (length64 < 4n || length64 > BigInt(pairsEnd - p - 8))
      throw new FormatError('APK Signing Block entry runs past the block');
    const length = Number(length64);
    const id = block.readUInt32LE(p + 8);
    if (!values.has(id)) values.set(id, block.subarray(p + 12, p + 8 + length));
    p += 8 + length;
  }
  return values;
}

/** certificates[0] of signers[0] in a v2 or v3 scheme value, or null when it lists none. */
export function firstCertificateOfScheme(value: Buffer): Buffer | null {
  const signers = lengthPrefixed(value, 0);
  if (signers.body.length === 0) return null;
  const signer = lengthPrefixed(signers.body, 0).body;
  const signedData = lengthPrefixed(signer, 0).body;
  const digests = lengthPrefixed(signedData, 0);
  const certificates = lengthPrefixed(signedData, digests.next).body;
  if (certificates.length === 0) return null;
  return lengthPrefixed(certificates, 0).body;
}

function lengthPrefixed(buf: Buffer, offset: number): { body: Buffer; next: number } {
  if (offset + 4 > buf.length) throw new FormatError('APK signature value is truncated');
  const length = buf.readUInt32LE(offset);
  const end = offset + 4 + length;
  if (end > buf.length) throw new FormatError('APK signature value is truncated');
  return { body: buf.subarray(offset + 4, end), next: end };
}
