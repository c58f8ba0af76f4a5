/**
 * A minimal ASN.1 DER walker: enough to step through PKCS#7 SignedData to its certificates.
 * Only single-byte tags are needed there. Indefinite lengths (BER, which some old jarsigners
 * wrote for the outer layers) are accepted on constructed values.
 */
import { FormatError } from './format-error.js';

export interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  contentStart: number;
  contentEnd: number;
  /** Offset just past the value (after the end-of-contents octets for an indefinite length). */
  end: number;
}

const CONSTRUCTED = 0x20;
/** Four length bytes already allow 4 GiB, far more than a signature block can hold. */
const MAX_LENGTH_BYTES = 4;
/** Real PKCS#7 nests a handful of indefinite lengths; a deep pile is hostile and would exhaust the stack. */
const MAX_INDEFINITE_DEPTH = 32;

export function readTlv(buf: Buffer, start: number, limit: number = buf.length): Tlv {
  return readTlvAt(buf, start, Math.min(limit, buf.length), 0);
}

function readTlvAt(buf: Buffer, start: number, limit: number, depth: number): Tlv {
  if (!Number.isSafeInteger(start) || start < 0 || start + 2 > limit)
    throw new FormatError('DER value runs past its container');
  const tag = buf[start]!;
  if ((tag & 0x1f) === 0x1f) throw new FormatError('DER multi-byte tags are not supported');
  const first = buf[start + 1]!;
  let contentStart = start + 2;
  if (first === 0x80) {
    if (!(tag & CONSTRUCTED)) throw new FormatError('DER indefinite length on a primitive value');
    if (depth === MAX_INDEFINITE_DEPTH) throw new FormatError('DER indefinite lengths nested too deeply');
    // Children follow until the end-of-contents octets 00 00, which must lie inside the container.
    let p = contentStart;
    for (;;) {
      if (p + 2 > limit) throw new FormatError('DER indefinite length without an end');
      if (buf[p] === 0 && buf[p + 1] === 0) break;
      const next = readTlvAt(buf, p, limit, depth + 1).end;
      // Every value is at least 2 bytes, so this holds; it is what guarantees the loop ends.
      if (!(next > p)) throw new FormatError('DER value does not advance');
      p = next;
    }
    return { tag, start, contentStart, contentEnd: p, end: p + 2 };
  }
  let length = first;
  if (first & 0x80) {
    const bytes = first & 0x7f;
    if (bytes > MAX_LENGTH_BYTES) throw new FormatError('DER length too large');
    // The length bytes themselves must be there: reading past the end gives undefined, and NaN
    // would slip through the bounds check below.
    if (contentStart + bytes > limit) throw new FormatError('DER length runs past its container');
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + buf[contentStart + i]!;
    contentStart += bytes;
  }
  const end = contentStart + length;
  if (!Number.isSafeInteger(end) || end > limit) throw new FormatError('DER value runs past its container');
  return { tag, start, contentStart, contentEnd: end, end };
}

export function childrenOf(buf: Buffer, parent: Tlv): Tlv[] {
  const children: Tlv[] = [];
  for (let p = parent.contentStart; p < parent.contentEnd; ) {
    const child = readTlv(buf, p, parent.contentEnd);
    if (!(child.end > p)) throw new FormatError('DER value does not advance');
    children.push(child);
    p = child.end;
  }
  return children;
}
