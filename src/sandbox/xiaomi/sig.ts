/**
 * The store's side of Xiaomi's SIG: hex text -> RSA blocks -> PKCS#1 v1.5 plaintext -> JSON
 * `{sig:[{name,hash}], password}`, then the checks the store makes on it (stores/xiaomi.md 1.3).
 */
import type { FormPart } from '../multipart.js';
import { constants, createHash, createPrivateKey, privateDecrypt, type KeyObject } from 'node:crypto';
import { XiaomiRejection } from './rejection.js';

export interface SigEntry {
  name: string;
  hash: string;
}

export interface SigPlaintext {
  entries: SigEntry[];
  password: string;
}

export function md5Hex(data: Buffer | string): string {
  return createHash('md5').update(data).digest('hex');
}

/**
 * Decrypts SIG with the store's private key. Any malformed hex, wrong block length or block that
 * does not unpad is −20002 (bad SIG) [src: U1]; a plaintext that is not JSON is −20030 [src: U1].
 */
export function openSig(sigHex: string, key: KeyObject): SigPlaintext {
  const blockBytes = (key.asymmetricKeyDetails?.modulusLength ?? 1024) / 8;
  // The doc asks for lowercase hex ("转换为小写16进制") [src: pId=1134 excerpt step 3].
  if (!/^[0-9a-f]+$/.test(sigHex) || sigHex.length % (blockBytes * 2) !== 0) {
    throw new XiaomiRejection(-20002, 'SIG 不是小写 16 进制的 RSA 密文');
  }
  const cipher = Buffer.from(sigHex, 'hex');
  const plainBlocks: Buffer[] = [];
  for (let at = 0; at < cipher.length; at += blockBytes) {
    plainBlocks.push(decryptBlock(cipher.subarray(at, at + blockBytes), key));
  }
  const text = Buffer.concat(plainBlocks).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new XiaomiRejection(-20030, 'SIG 解密后不是合法的 JSON');
  }
  return readPlaintext(parsed);
}

/**
 * Node 20 refuses RSA_PKCS1_PADDING for private decryption (CVE-2023-46809, the Marvin attack), so
 * the emulator decrypts raw and strips the v1.5 type-2 padding itself. A timing oracle does not
 * matter for a loopback test server.
 */
function decryptBlock(block: Buffer, key: KeyObject): Buffer {
  let raw: Buffer;
  try {
    raw = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, block);
  } catch {
    throw new XiaomiRejection(-20002, 'SIG 无法解密');
  }
  const separator = raw.indexOf(0, 2);
  // 0x00 0x02, at least 8 non-zero padding bytes, 0x00, message (RFC 8017 7.2.2).
  if (raw[0] !== 0 || raw[1] !== 2 || separator < 10) {
    throw new XiaomiRejection(-20002, 'SIG 无法解密（公钥不匹配或填充错误）');
  }
  return raw.subarray(separator + 1);
}

function readPlaintext(parsed: unknown): SigPlaintext {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new XiaomiRejection(-20030, 'SIG 解密后不是 JSON 对象');
  }
  const { sig, password } = parsed as Record<string, unknown>;
  if (!Array.isArray(sig)) throw new XiaomiRejection(-20002, 'SIG 缺少 sig 列表');
  const entries = sig.map((item: unknown) => {
    const { name, hash } = (item ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || typeof hash !== 'string') {
      throw new XiaomiRejection(-20002, 'SIG 的 sig 列表项需要 name 和 hash');
    }
    return { name, hash };
  });
  if (typeof password !== 'string') throw new XiaomiRejection(-20014, 'SIG 缺少 password（私钥）');
  return { entries, password };
}

/** The store's private key object, parsed once per emulator. */
export function loadStoreKey(pem: string): KeyObject {
  return createPrivateKey(pem);
}

/**
 * The hash list must hold RequestData and every file part sent, each with the lowercase MD5 of
 * the exact bytes received, and nothing for a part that was not sent [src: pId=1134 excerpt step
 * 1–2; U3; U4]. `required` are the file parts the store reads; `optional` are parts it received but
 * ignores (such as `secondApkPath`, apkgo#46): they need no entry, but an entry must still match.
 */
export function checkHashes(
  entries: SigEntry[],
  requestData: FormPart,
  required: Map<string, FormPart>,
  optional: Map<string, FormPart>,
): void {
  const seen = new Set<string>();
  for (const { name, hash } of entries) {
    if (seen.has(name)) throw new XiaomiRejection(-20002, `SIG 中 ${name} 重复出现`);
    seen.add(name);
    // Each part's MD5 was computed while it streamed in.
    const part = name === 'RequestData' ? requestData : (required.get(name) ?? optional.get(name));
    if (!part) throw new XiaomiRejection(-20002, `SIG 中的 ${name} 没有对应的请求字段`);
    if (hash !== part.md5) throw new XiaomiRejection(-20002, `SIG 中 ${name} 的 MD5 与收到的内容不一致`);
  }
  if (!seen.has('RequestData')) throw new XiaomiRejection(-20002, 'SIG 缺少 RequestData 的 MD5');
  for (const name of required.keys()) {
    if (!seen.has(name)) throw new XiaomiRejection(-20002, `SIG 缺少文件 ${name} 的 MD5`);
  }
}
