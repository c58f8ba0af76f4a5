/**
 * Xiaomi's SIG (stores/xiaomi.md 1.3): the JSON `{sig: [{name, hash}], password}` listing the MD5 of
 * RequestData and of every file part, encrypted with the console certificate's RSA public key.
 * The doc calls it a signature, but it is PKCS#1 v1.5 encryption in blocks [src: U2 §3].
 */
import { constants, createHash, publicEncrypt, type KeyObject } from 'node:crypto';

export interface SigEntry {
  /** `RequestData`, or the multipart field name of a file part (`apk`, `secondApk`, `icon`). */
  name: string;
  /** Lowercase hex MD5 of the exact bytes sent. */
  hash: string;
}

/** PKCS#1 v1.5 needs 11 bytes of padding per block. */
const PKCS1_OVERHEAD = 11;

export function md5Hex(data: string | Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

/** The plaintext the store decrypts. Key order does not matter [src: apkgo vs MHS-MI, both work]. */
export function sigPlaintext(entries: SigEntry[], privateKey: string): string {
  return JSON.stringify({ sig: entries, password: privateKey });
}

/**
 * Encrypts `plaintext` (its UTF-8 bytes) in blocks of modulusBytes − 11 (117 for the current
 * 1024-bit certificate [src: U4 ENCRYPT_GROUP_SIZE 117]) and returns the concatenated ciphertext as
 * lowercase hex ("转换为小写16进制" [src: pId=1134 excerpt step 3]). Blocks split bytes, not
 * characters: the store joins the decrypted blocks before decoding.
 */
export function encryptSig(plaintext: string, publicKey: KeyObject): string {
  const modulusBits = publicKey.asymmetricKeyDetails?.modulusLength;
  if (!modulusBits) throw new Error('the Xiaomi certificate key has no RSA modulus');
  const chunkBytes = modulusBits / 8 - PKCS1_OVERHEAD;
  const bytes = Buffer.from(plaintext, 'utf8');
  const blocks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    blocks.push(
      publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, bytes.subarray(at, at + chunkBytes)),
    );
  }
  return Buffer.concat(blocks).toString('hex');
}

export function buildSig(entries: SigEntry[], privateKey: string, publicKey: KeyObject): string {
  return encryptSig(sigPlaintext(entries, privateKey), publicKey);
}
