import {
  constants,
  generateKeyPairSync,
  privateDecrypt,
  X509Certificate,
  createPrivateKey,
  type KeyObject,
} from 'node:crypto';
import { describe, expect, it } from 'vitest';
// The emulator's key pair, in this test only: PKCS#1 v1.5 encryption is randomized, so SIG is
// checked by decrypting it, the way the store does.
import { SANDBOX_XIAOMI_CERT_PEM, SANDBOX_XIAOMI_RSA_PRIVATE_KEY_PEM } from '../../sandbox/xiaomi-keys.js';
import { buildSig, encryptSig, md5Hex, sigPlaintext } from './sign.js';

const publicKey = new X509Certificate(SANDBOX_XIAOMI_CERT_PEM).publicKey;
const privateKey = createPrivateKey(SANDBOX_XIAOMI_RSA_PRIVATE_KEY_PEM);

/** Decrypts each block and strips PKCS#1 v1.5 type-2 padding by hand (Node 20 refuses RSA_PKCS1_PADDING for private decryption). */
function decryptBlocks(hex: string, key: KeyObject): Buffer[] {
  const blockBytes = key.asymmetricKeyDetails!.modulusLength! / 8;
  const cipher = Buffer.from(hex, 'hex');
  const blocks: Buffer[] = [];
  for (let at = 0; at < cipher.length; at += blockBytes) {
    const raw = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, cipher.subarray(at, at + blockBytes));
    expect(raw[0]).toBe(0);
    expect(raw[1]).toBe(2);
    const separator = raw.indexOf(0, 2);
    expect(separator).toBeGreaterThanOrEqual(10);
    blocks.push(raw.subarray(separator + 1));
  }
  return blocks;
}

describe('Xiaomi SIG', () => {
  it('md5Hex is lowercase hex of the exact bytes', () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex('{"packageName":"com.foo.bar"}')).toMatch(/^[0-9a-f]{32}$/);
    expect(md5Hex(Buffer.from('测试', 'utf8'))).toBe(md5Hex('测试'));
  });

  it('the plaintext is {sig, password}', () => {
    const entries = [{ name: 'RequestData', hash: md5Hex('x') }];
    expect(JSON.parse(sigPlaintext(entries, 'secret-key'))).toEqual({ sig: entries, password: 'secret-key' });
  });

  it('round-trips: decrypting with the certificate key gives the plaintext JSON back', () => {
    const entries = [
      { name: 'RequestData', hash: md5Hex('{"packageName":"com.foo.bar","userName":"a@b.c"}') },
      { name: 'apk', hash: '0123456789abcdef0123456789abcdef' },
      { name: 'icon', hash: 'fedcba9876543210fedcba9876543210' },
    ];
    const sig = buildSig(entries, 'sandbox-xiaomi-private-key', publicKey);
    expect(sig).toMatch(/^[0-9a-f]+$/);
    const plain = Buffer.concat(decryptBlocks(sig, privateKey)).toString('utf8');
    expect(JSON.parse(plain)).toEqual({ sig: entries, password: 'sandbox-xiaomi-private-key' });
  });

  it('splits into 117-byte blocks for a 1024-bit key: 250 bytes -> 3 blocks -> 768 hex chars', () => {
    const plaintext = 'a'.repeat(250);
    const sig = encryptSig(plaintext, publicKey);
    expect(sig).toHaveLength(768);
    const blocks = decryptBlocks(sig, privateKey);
    expect(blocks.map((b) => b.length)).toEqual([117, 117, 16]);
    expect(Buffer.concat(blocks).toString('utf8')).toBe(plaintext);
  });

  it('uses one block up to 117 bytes and two from 118', () => {
    expect(encryptSig('b'.repeat(117), publicKey)).toHaveLength(256);
    expect(encryptSig('b'.repeat(118), publicKey)).toHaveLength(512);
    expect(encryptSig('b'.repeat(234), publicKey)).toHaveLength(512);
  });

  it('splits bytes, not characters: a UTF-8 character may straddle two blocks', () => {
    // 116 ASCII bytes, then a 3-byte character that crosses the 117-byte boundary.
    const plaintext = `${'c'.repeat(116)}测试${'d'.repeat(10)}`;
    const blocks = decryptBlocks(encryptSig(plaintext, publicKey), privateKey);
    expect(blocks[0]).toHaveLength(117);
    expect(Buffer.concat(blocks).toString('utf8')).toBe(plaintext);
  });

  it('generalises the block size to modulusBytes - 11 (245 for a 2048-bit key)', () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const sig = encryptSig('e'.repeat(246), pair.publicKey);
    expect(sig).toHaveLength(2 * 2 * 256);
    expect(decryptBlocks(sig, pair.privateKey).map((b) => b.length)).toEqual([245, 1]);
  });

  it('is randomized (PKCS#1 v1.5), so each attempt gets a fresh SIG', () => {
    const entries = [{ name: 'RequestData', hash: md5Hex('x') }];
    expect(buildSig(entries, 'k-123456', publicKey)).not.toBe(buildSig(entries, 'k-123456', publicKey));
  });
});
