// Signer certificates from real fixture signatures (checked against the certificates keytool
// exported next to the keystores) and from hand-built variants the fixtures do not cover.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FormatError } from './format-error.js';
import { firstCertificateOfPkcs7 } from './pkcs7.js';
import { firstCertificateOfScheme, readSigningBlock, SCHEME_V2_ID, SCHEME_V3_ID } from './signing-block.js';
import { centralDirectoryOffset } from './zip-eocd.js';
import { openZip, type ZipArchive } from './zip.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

function pemCertificate(name: string): Buffer {
  const pem = readFileSync(join(FIXTURES, 'keys', `${name}.pem`), 'utf8');
  return Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
}

async function withFixture<T>(relative: string, use: (zip: ZipArchive) => Promise<T>): Promise<T> {
  const zip = await openZip(join(FIXTURES, relative));
  try {
    return await use(zip);
  } finally {
    await zip.close();
  }
}

const lengthPrefixed = (...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(body.length);
  return Buffer.concat([length, body]);
};

describe('v1 (PKCS#7) signature blocks', () => {
  it.each([
    ['apk/app-universal.apk', 'META-INF/RELEASE.RSA', 'release'],
    ['apk/app-other-signer.apk', 'META-INF/OTHER.EC', 'other'],
  ])('%s: %s holds the keystore certificate', async (apk, entry, key) => {
    const block = await withFixture(apk, (zip) => zip.read(entry));
    expect(firstCertificateOfPkcs7(block)).toEqual(pemCertificate(key));
  });

  it('walks BER indefinite lengths around the certificate', () => {
    const certificate = pemCertificate('release');
    const h = (hex: string) => Buffer.from(hex, 'hex');
    const ber = Buffer.concat([
      h('3080'),
      h('06092a864886f70d010702'), // ContentInfo, signedData
      h('a080'),
      h('3080'), // [0] EXPLICIT, SignedData
      h('020101'),
      h('3100'),
      h('300b06092a864886f70d010701'), // version, digestAlgorithms, contentInfo (data)
      h('a080'),
      certificate,
      h('0000'), // certificates
      h('3100'), // signerInfos
      h('0000'),
      h('0000'),
      h('0000'),
    ]);
    expect(firstCertificateOfPkcs7(ber)).toEqual(certificate);
  });

  it('answers null for SignedData without certificates and refuses what is not PKCS#7', () => {
    // ContentInfo { signedData, [0] SignedData { version 1, {}, { OID 2.5.4.3 }, signerInfos {} } }
    const noCertificates = Buffer.from(
      '301d' + '06092a864886f70d010702' + 'a010' + '300e' + '020101' + '3100' + '30050603550403' + '3100',
      'hex',
    );
    expect(firstCertificateOfPkcs7(noCertificates)).toBeNull();
    expect(() => firstCertificateOfPkcs7(pemCertificate('release'))).toThrow(FormatError);
    expect(() => firstCertificateOfPkcs7(Buffer.from('3005020101', 'hex'))).toThrow(FormatError);
  });
});

describe('the APK Signing Block', () => {
  it('app-v2-only carries v2 and v3 signers with the release certificate', async () => {
    const block = await withFixture('apk/app-v2-only.apk', async (zip) =>
      readSigningBlock(zip.handle, await centralDirectoryOffset(zip.handle, zip.size)),
    );
    expect(block?.has(SCHEME_V2_ID)).toBe(true);
    expect(block?.has(SCHEME_V3_ID)).toBe(true);
    expect(firstCertificateOfScheme(block!.get(SCHEME_V2_ID)!)).toEqual(pemCertificate('release'));
    expect(firstCertificateOfScheme(block!.get(SCHEME_V3_ID)!)).toEqual(pemCertificate('release'));
  });

  it('app-universal (v1 + v2) has a v2 signer and no v3 one', async () => {
    const block = await withFixture('apk/app-universal.apk', async (zip) =>
      readSigningBlock(zip.handle, await centralDirectoryOffset(zip.handle, zip.size)),
    );
    expect([...block!.keys()]).toContain(SCHEME_V2_ID);
    expect(block!.has(SCHEME_V3_ID)).toBe(false);
  });

  it('is absent from a zip that was never signed', async () => {
    const block = await withFixture('ipa/app.ipa', async (zip) =>
      readSigningBlock(zip.handle, await centralDirectoryOffset(zip.handle, zip.size)),
    );
    expect(block).toBeNull();
  });

  it('reads certificates[0] of a scheme value and refuses a truncated one', () => {
    const certificate = Buffer.from('3003020105', 'hex');
    const signedData = Buffer.concat([
      lengthPrefixed(lengthPrefixed(Buffer.from('digest'))), // digests
      lengthPrefixed(lengthPrefixed(certificate), lengthPrefixed(Buffer.from('3003020106', 'hex'))), // certificates
      Buffer.from([28, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f]), // v3: minSdk, maxSdk
    ]);
    const value = lengthPrefixed(lengthPrefixed(lengthPrefixed(signedData), lengthPrefixed(), lengthPrefixed()));
    expect(firstCertificateOfScheme(value)).toEqual(certificate);
    expect(() => firstCertificateOfScheme(value.subarray(0, 20))).toThrow(FormatError);
    expect(firstCertificateOfScheme(lengthPrefixed())).toBeNull();
  });
});
