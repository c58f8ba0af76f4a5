/**
 * The APK's signer certificate, as the stores identify it: SHA-256 and MD5 of the certificate's
 * DER bytes (what `apksigner verify --print-certs` prints). Read from the v1 JAR signature block
 * when there is one, else from the APK Signing Block (v2, then v3).
 */
import { createHash } from 'node:crypto';
import { firstCertificateOfPkcs7 } from './pkcs7.js';
import { isFormatProblem } from './format-error.js';
import { firstCertificateOfScheme, readSigningBlock, SCHEME_V2_ID, SCHEME_V3_ID } from './signing-block.js';
import { centralDirectoryOffset } from './zip-eocd.js';
import type { ZipArchive } from './zip.js';

export interface SignerDigest {
  sha256: string;
  md5: string;
}

const V1_SIGNATURE_BLOCK = /^META-INF\/[^/]+\.(RSA|DSA|EC)$/i;
const MAX_SIGNATURE_BLOCK = 1024 * 1024;

/**
 * null when no signature can be read. A malformed signature is not fatal here: the store checks
 * signatures itself, and refusing to read the rest of the APK would help nobody.
 */
export async function readSigner(zip: ZipArchive): Promise<SignerDigest | null> {
  const v1 = zip.names.filter((name) => V1_SIGNATURE_BLOCK.test(name)).sort()[0];
  if (v1) {
    const certificate = await orNull(async () => firstCertificateOfPkcs7(await zip.read(v1, MAX_SIGNATURE_BLOCK)));
    if (certificate) return certificateDigest(certificate);
  }
  const certificate = await orNull(async () => {
    const block = await readSigningBlock(zip.handle, await centralDirectoryOffset(zip.handle, zip.size));
    for (const id of [SCHEME_V2_ID, SCHEME_V3_ID]) {
      const value = block?.get(id);
      const found = value ? firstCertificateOfScheme(value) : null;
      if (found) return found;
    }
    return null;
  });
  return certificate ? certificateDigest(certificate) : null;
}

export function certificateDigest(der: Buffer): SignerDigest {
  return {
    sha256: createHash('sha256').update(der).digest('hex'),
    md5: createHash('md5').update(der).digest('hex'),
  };
}

async function orNull<T>(read: () => Promise<T | null>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (isFormatProblem(error)) return null;
    throw error;
  }
}
