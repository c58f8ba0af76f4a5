/**
 * The signer certificate of a v1 (JAR) signature: META-INF/<name>.RSA|DSA|EC is a PKCS#7
 * ContentInfo whose SignedData carries the certificates (RFC 2315 §9.1):
 *   ContentInfo ::= SEQUENCE { contentType OID (signedData), content [0] EXPLICIT SignedData }
 *   SignedData  ::= SEQUENCE { version, digestAlgorithms SET, contentInfo SEQUENCE,
 *                              certificates [0] IMPLICIT SET OF Certificate OPTIONAL, ... }
 */
import { childrenOf, readTlv } from './der.js';
import { FormatError } from './format-error.js';

// OID 1.2.840.113549.1.7.2 (pkcs7-signedData), DER-encoded with its tag and length.
const SIGNED_DATA_OID = Buffer.from('06092a864886f70d010702', 'hex');
const SEQUENCE = 0x30;
const CONTEXT_0 = 0xa0;

/** The DER bytes of certificates[0], or null when the SignedData carries no certificate. */
export function firstCertificateOfPkcs7(der: Buffer): Buffer | null {
  const contentInfo = readTlv(der, 0);
  const [type, content] = childrenOf(der, contentInfo);
  if (contentInfo.tag !== SEQUENCE || !type || !der.subarray(type.start, type.end).equals(SIGNED_DATA_OID)) {
    throw new FormatError('the signature block is not PKCS#7 SignedData');
  }
  if (!content || content.tag !== CONTEXT_0) throw new FormatError('PKCS#7 SignedData has no content');
  const signedData = childrenOf(der, content)[0];
  if (!signedData || signedData.tag !== SEQUENCE) throw new FormatError('PKCS#7 SignedData is not a SEQUENCE');
  // version, digestAlgorithms and contentInfo come first; certificates is the optional [0] after them.
  const certificates = childrenOf(der, signedData)
    .slice(3)
    .find((field) => field.tag === CONTEXT_0);
  const first = certificates ? childrenOf(der, certificates)[0] : undefined;
  if (!first) return null;
  if (first.tag !== SEQUENCE) throw new FormatError('PKCS#7 certificate is not a SEQUENCE');
  return der.subarray(first.start, first.end);
}
