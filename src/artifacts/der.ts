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

export function readTlv(buf: Buffer, start: number, limit: number = buf.length): Tlv {
  if (start + 2 > limit) throw new FormatError('DER value runs past its container');
  const tag = buf[start]!;
  if ((tag & 0x1f) === 0x1f) throw new FormatError('DER multi-byte tags are not supported');
  const first = buf[start + 1]!;
  let contentStart = start + 2;
  if (first === 0x80) {
    if (!(tag & CONSTRUCTED)) throw new FormatError('DER indefinite length on a primitive value');
    // Children follow until the end-of-contents octets 00 00.
    let p = contentStart;
    while (!(buf[p] === 0 && buf[p + 1] === 0)) {
      if (p + 2 > limit) throw new FormatError('DER indefinite length without an end');
      p = readTlv(buf, p, limit).end;
    }
    return { tag, start, contentStart, contentEnd: p, end: p + 2 };
  }
  let length = first;
  if (first & 0x80) {
    const bytes = first & 0x7f;
    if (bytes > 4) throw new FormatError('DER length too large');
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + buf[contentStart + i]!;
    contentStart += bytes;
  }
  const end = contentStart + length;
  if (end > limit) throw new FormatError('DER value runs past its container');
  return { tag, start, contentStart, contentEnd: end, end };
}

export function childrenOf(buf: Buffer, parent: Tlv): Tlv[] {
  const children: Tlv[] = [];
  for (let p = parent.contentStart; p < parent.contentEnd; ) {
    const child = readTlv(buf, p, parent.contentEnd);
    children.push(child);
    p = child.end;
  }
  return children;
}
