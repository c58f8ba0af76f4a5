// Damaged and surprising inputs, made here as small zips: each bad one must be one InputError line
// with the right code, naming the file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { writeZip } from '../testing/zip-writer.js';
import { fileURLToPath } from 'node:url';
import { extractLauncherIcon, readApk, readArtifact, readIpa } from './index.js';
import { withZip } from './zip.js';

const dir = mkdtempSync(join(tmpdir(), 'appstores-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const input = error as InputError;
  expect(input.message).not.toMatch(/[\r\n]/);
  expect(input.hint).toMatch(/\S/);
  return input;
}

const XML_PLIST = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n${body}\n</dict>\n</plist>\n`;

describe('bad input files', () => {
  it('an Android App Bundle given where an APK is wanted is NOT_AN_APP, and the message says what it is', async () => {
    const path = writeZip(join(dir, 'app.aab'), [
      { name: 'BundleConfig.pb', data: 'x' },
      { name: 'base/manifest/AndroidManifest.xml', data: 'x' },
    ]);
    const error = await refusal(readApk(path));
    expect(error.code).toBe('NOT_AN_APP');
    expect(error.message).toMatch(new RegExp(`^${path}: is an Android App Bundle \\(\\.aab\\), not an APK`));
  });

  it('a text AndroidManifest.xml is BAD_MANIFEST', async () => {
    const path = writeZip(join(dir, 'text-manifest.apk'), [
      { name: 'AndroidManifest.xml', data: '<manifest package="com.foo.bar"/>' },
    ]);
    const error = await refusal(readApk(path));
    expect(error.code).toBe('BAD_MANIFEST');
    expect(error.message).toBe(`${path}: has an unreadable AndroidManifest.xml (not an Android binary XML file)`);
  });

  it('an entry whose compressed data is damaged is CORRUPT_ZIP', async () => {
    const path = writeZip(join(dir, 'bad-deflate.apk'), [
      { name: 'AndroidManifest.xml', data: Buffer.alloc(64, 1), rawDeflated: Buffer.from('ffffffffffffffff', 'hex') },
    ]);
    const error = await refusal(readArtifact(path));
    expect(error.code).toBe('CORRUPT_ZIP');
    expect(error.message).toMatch(new RegExp(`^${path}: cannot read AndroidManifest.xml inside it \\(`));
  });

  it('an unparsable Info.plist is BAD_MANIFEST', async () => {
    const path = writeZip(join(dir, 'bad-plist.ipa'), [
      { name: 'Payload/Foo.app/Info.plist', data: 'bplist00 this is not a plist' },
    ]);
    const error = await refusal(readIpa(path));
    expect(error.code).toBe('BAD_MANIFEST');
    expect(error.message).toMatch(new RegExp(`^${path}: has an unreadable Payload/Foo\\.app/Info\\.plist \\(`));
  });

  it('an Info.plist without CFBundleIdentifier is BAD_MANIFEST', async () => {
    const path = writeZip(join(dir, 'no-bundle-id.ipa'), [
      { name: 'Payload/Foo.app/Info.plist', data: XML_PLIST('<key>CFBundleName</key><string>Foo</string>') },
    ]);
    const error = await refusal(readArtifact(path));
    expect(error.code).toBe('BAD_MANIFEST');
    expect(error.message).toBe(`${path}: has no CFBundleIdentifier in Payload/Foo.app/Info.plist`);
  });

  it('an IPA without display name or bundle name is labelled with its .app name', async () => {
    const path = writeZip(join(dir, 'minimal.ipa'), [
      {
        name: 'Payload/Minimal App.app/Info.plist',
        data: XML_PLIST(
          '<key>CFBundleIdentifier</key><string>com.foo.min</string><key>CFBundleVersion</key><string>7</string>',
        ),
      },
    ]);
    const info = await readArtifact(path);
    expect(info).toMatchObject({
      kind: 'ipa',
      package: 'com.foo.min',
      label: 'Minimal App',
      versionName: '7',
      buildNumber: '7',
      minOS: null,
    });
  });

  it('an empty file is NOT_A_ZIP; a missing path or a directory is FILE_NOT_FOUND', async () => {
    const empty = join(dir, 'empty.apk');
    writeFileSync(empty, '');
    expect(await refusal(readArtifact(empty))).toMatchObject({
      code: 'NOT_A_ZIP',
      message: `${empty}: is empty, not an APK or IPA`,
    });
    const missing = join(dir, 'missing.apk');
    expect(await refusal(readArtifact(missing))).toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: `${missing}: no such file`,
    });
    expect(await refusal(readApk(dir))).toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: `${dir}: is a directory, not a file`,
    });
  });
});

describe('extractLauncherIcon when the resource table points at no PNG', () => {
  const universal = fileURLToPath(new URL('../../fixtures/apk/app-universal.apk', import.meta.url));
  // The fixture's manifest and resources.arsc, with the PNGs the table names left out.
  const rebuilt = (file: string, copies: Array<{ name: string; from: string }>) =>
    withZip(universal, async (zip) =>
      writeZip(join(dir, file), [
        { name: 'AndroidManifest.xml', data: await zip.read('AndroidManifest.xml') },
        { name: 'resources.arsc', data: await zip.read('resources.arsc') },
        {
          name: 'res/mipmap-anydpi-v26/ic_launcher.xml',
          data: await zip.read('res/mipmap-anydpi-v26/ic_launcher.xml'),
        },
        ...(await Promise.all(copies.map(async (c) => ({ name: c.name, data: await zip.read(c.from) })))),
      ]),
    );

  it('falls back to the densest PNG with the resource name', async () => {
    const path = await rebuilt('renamed-icons.apk', [
      { name: 'res/drawable-mdpi/ic_launcher.png', from: 'res/mipmap-mdpi-v4/ic_launcher.png' },
      { name: 'res/drawable-xhdpi/ic_launcher.png', from: 'res/mipmap-xhdpi-v4/ic_launcher.png' },
      {
        name: 'res/mipmap-xxxhdpi-v4/ic_launcher_foreground.png',
        from: 'res/mipmap-xxxhdpi-v4/ic_launcher_foreground.png',
      },
    ]);
    const icon = await extractLauncherIcon(path);
    expect(icon?.name).toBe('res/drawable-xhdpi/ic_launcher.png');
    expect(icon?.data.readUInt32BE(16)).toBe(96); // the xhdpi icon's IHDR width
  });

  it('answers null when there is no PNG of that name at all', async () => {
    const path = await rebuilt('xml-icon-only.apk', []);
    expect(await extractLauncherIcon(path)).toBeNull();
  });
});
