// Every committed fixture against fixtures/expected.json, which fixtures/build.sh wrote from what
// aapt, apksigner, md5sum/sha256sum and Python's plistlib say (not from this parser).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { extractLauncherIcon, readApk, readArtifact, readIpa } from './index.js';
import { artifactJson } from './types.js';
import { openZip } from './zip.js';

interface Expected {
  artifacts: Record<string, Record<string, unknown> & { kind: 'apk' | 'ipa' }>;
  signing: Record<string, { v1: boolean; v2: boolean; v3: boolean }>;
  plistFormat: Record<string, 'binary' | 'xml'>;
  broken: Record<string, string>;
}

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Expected;
const fixture = (relative: string) => join(FIXTURES, relative);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function failure(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('fixtures/expected.json covers the fixture set of notes/common.md', () => {
  it('lists every APK, both IPAs and the broken files', () => {
    expect(Object.keys(expected.artifacts).sort()).toEqual([
      'apk/app-arm64-v8a.apk',
      'apk/app-armeabi-v7a.apk',
      'apk/app-old.apk',
      'apk/app-other-package.apk',
      'apk/app-other-signer.apk',
      'apk/app-universal.apk',
      'apk/app-v2-only.apk',
      'apk/app-zh-label.apk',
      'ipa/app-xml.ipa',
      'ipa/app.ipa',
    ]);
    expect(expected.plistFormat).toEqual({ 'ipa/app.ipa': 'binary', 'ipa/app-xml.ipa': 'xml' });
    expect(expected.signing['apk/app-v2-only.apk']).toEqual({ v1: false, v2: true, v3: true });
  });
});

describe.each(Object.entries(expected.artifacts))('%s', (relative, want) => {
  it('readArtifact reports exactly what the tools report', async () => {
    const info = await readArtifact(fixture(relative));
    expect(artifactJson(info)).toEqual(want);
    expect(info.path).toBe(fixture(relative));
  });

  it('size, md5 and sha256 match node:crypto over the whole file', async () => {
    const bytes = readFileSync(fixture(relative));
    const info = await readArtifact(fixture(relative));
    expect(info.size).toBe(bytes.length);
    expect(info.md5).toBe(createHash('md5').update(bytes).digest('hex'));
    expect(info.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it(`the kind-specific reader agrees and the other one refuses it`, async () => {
    const [right, wrong] = want.kind === 'apk' ? [readApk, readIpa] : [readIpa, readApk];
    expect(artifactJson(await right(fixture(relative)))).toEqual(want);
    const error = await failure(wrong(fixture(relative)));
    expect(error.code).toBe('NOT_AN_APP');
    expect(error.message).toBe(
      `${fixture(relative)}: is an ${want.kind.toUpperCase()}, not an ${want.kind === 'apk' ? 'IPA' : 'APK'}`,
    );
  });
});

describe('signatures', () => {
  it('app-v2-only has no META-INF signature, so its signer comes from the APK Signing Block', async () => {
    const zip = await openZip(fixture('apk/app-v2-only.apk'));
    try {
      expect(zip.names.filter((n) => n.startsWith('META-INF/'))).toEqual([]);
    } finally {
      await zip.close();
    }
    const info = await readApk(fixture('apk/app-v2-only.apk'));
    expect(info.signer).toEqual(expected.artifacts['apk/app-universal.apk']!.signer);
  });

  it('the release key signs the v1 fixtures and the other key (EC) signs app-other-signer', async () => {
    const release = await readApk(fixture('apk/app-universal.apk'));
    const other = await readApk(fixture('apk/app-other-signer.apk'));
    expect(other.signer).not.toEqual(release.signer);
    // The certificate kept next to the keystore, hashed here independently of the APK.
    const pem = readFileSync(fixture('keys/release.pem'), 'utf8');
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    expect(release.signer?.sha256).toBe(createHash('sha256').update(der).digest('hex'));
  });
});

describe('extractLauncherIcon', () => {
  it('returns the xxxhdpi PNG of the universal fixture, skipping the adaptive (XML) icon', async () => {
    const icon = await extractLauncherIcon(fixture('apk/app-universal.apk'));
    expect(icon).not.toBeNull();
    expect(icon!.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(icon!.name).toBe('res/mipmap-xxxhdpi-v4/ic_launcher.png');
    expect(icon!.data.readUInt32BE(16)).toBe(192); // IHDR width of the 640 dpi icon
  });

  it('accepts the ApkInfo that readApk returned', async () => {
    const info = await readApk(fixture('apk/app-zh-label.apk'));
    const icon = await extractLauncherIcon(info);
    expect(icon?.name).toBe('res/mipmap-xxxhdpi-v4/ic_launcher.png');
  });
});

describe.each(Object.entries(expected.broken))('%s', (relative, code) => {
  it(`is refused as ${code} in one line naming the file`, async () => {
    for (const read of [readArtifact, readApk]) {
      const error = await failure(read(fixture(relative)));
      expect(error.code).toBe(code);
      expect(error.message.startsWith(`${fixture(relative)}: `)).toBe(true);
      expect(error.message).not.toMatch(/[\r\n]/);
      expect(error.message).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
      expect(error.hint).toMatch(/\S/);
    }
  });
});
