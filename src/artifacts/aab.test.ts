// The App Bundle fixture against fixtures/aab/expected.json, which fixtures/build-aab.sh wrote from
// aapt2's own dumps (`dump xmltree`, `dump resources`), keytool and md5sum/sha256sum — not from
// this parser. Then the damaged bundles: each one InputError line with a stable code.
import { create, toBinary } from '@bufbuild/protobuf';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { writeZip } from '../testing/zip-writer.js';
import { XmlNodeSchema } from './aapt2/aapt2_pb.js';
import { readAab, readApk, readArtifact } from './index.js';
import { artifactJson } from './types.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const AAB = join(FIXTURES, 'aab/app.aab');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'aab/expected.json'), 'utf8')) as Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'appstores-aab-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).message).not.toMatch(/[\r\n]/);
  expect((error as InputError).hint).toMatch(/\S/);
  return error as InputError;
}

/** A manifest XmlNode written with the same schema, for bundles the fixture does not cover. */
function manifestBytes(
  attributes: Array<{ namespaceUri?: string; name: string; value: string; resourceId?: number }>,
): Buffer {
  return Buffer.from(
    toBinary(
      XmlNodeSchema,
      create(XmlNodeSchema, {
        node: { case: 'element', value: { name: 'manifest', attribute: attributes } },
      }),
    ),
  );
}

describe('App Bundle (.aab)', () => {
  it('reads the fixture exactly as aapt2, keytool and sha256sum report it', async () => {
    const { _about: _, ...want } = expected;
    expect(artifactJson(await readArtifact(AAB))).toEqual(want);
    expect((await readAab(AAB)).kind).toBe('aab');
  });

  it('readApk refuses a bundle, saying what it is and how to get an APK', async () => {
    const error = await refusal(readApk(AAB));
    expect(error.code).toBe('NOT_AN_APP');
    expect(error.message).toMatch(
      /app\.aab: is an Android App Bundle \(\.aab\), not an APK; make a universal APK with `bundletool/,
    );
  });

  it('a truncated bundle is CORRUPT_ZIP', async () => {
    const error = await refusal(readArtifact(join(FIXTURES, 'broken/truncated.aab')));
    expect(error.code).toBe('CORRUPT_ZIP');
    expect(error.message).toMatch(/truncated\.aab: is a truncated or damaged zip archive/);
  });

  it('a zip named .aab without a bundle manifest is NOT_AN_APP', async () => {
    const error = await refusal(readArtifact(join(FIXTURES, 'broken/not-a-bundle.aab')));
    expect(error.code).toBe('NOT_AN_APP');
    expect(error.message).toMatch(
      /not-a-bundle\.aab: is a zip archive but not an APK .*an Android App Bundle \(no base\/manifest\/AndroidManifest\.xml\)/,
    );
    const direct = await refusal(readAab(join(FIXTURES, 'broken/not-a-bundle.aab')));
    expect(direct.message).toMatch(/without base\/manifest\/AndroidManifest\.xml, so not an Android App Bundle$/);
  });

  it('a manifest that is not protobuf is BAD_MANIFEST naming the entry', async () => {
    const path = writeZip(join(dir, 'garbage.aab'), [
      { name: 'base/manifest/AndroidManifest.xml', data: Buffer.from('0a ff ff ff ff 0f', 'hex') },
    ]);
    const error = await refusal(readArtifact(path));
    expect(error.code).toBe('BAD_MANIFEST');
    expect(error.message).toMatch(
      /garbage\.aab: has an unreadable base\/manifest\/AndroidManifest\.xml \(the manifest is not valid aapt2 protobuf/,
    );
  });

  it('a manifest nested past the decoder recursion limit is BAD_MANIFEST, not a stack overflow', async () => {
    // XmlNode{element{child: XmlNode{element{...}}}}, 5000 levels, built from the inside out.
    let bytes = Buffer.alloc(0);
    for (let i = 0; i < 5000; i++) {
      const element = Buffer.concat([Buffer.from([0x2a]), varint(bytes.length), bytes]); // XmlElement.child = 5
      bytes = Buffer.concat([Buffer.from([0x0a]), varint(element.length), element]); // XmlNode.element = 1
    }
    const path = writeZip(join(dir, 'deep.aab'), [{ name: 'base/manifest/AndroidManifest.xml', data: bytes }]);
    const error = await refusal(readArtifact(path));
    expect(error.code).toBe('BAD_MANIFEST');
    expect(error.message).toMatch(/recursion depth/);
  });

  it('a manifest without package or versionCode is BAD_MANIFEST with the reason', async () => {
    const noPackage = writeZip(join(dir, 'no-package.aab'), [
      { name: 'base/manifest/AndroidManifest.xml', data: manifestBytes([]) },
    ]);
    expect((await refusal(readArtifact(noPackage))).message).toMatch(/\(<manifest> has no package attribute\)$/);
    const noVersion = writeZip(join(dir, 'no-version.aab'), [
      { name: 'base/manifest/AndroidManifest.xml', data: manifestBytes([{ name: 'package', value: 'com.foo.bar' }]) },
    ]);
    expect((await refusal(readArtifact(noVersion))).message).toMatch(/\(<manifest> has no android:versionCode\)$/);
  });

  it('a bundle without resources.pb and with plain string values still reads (label falls back to the package)', async () => {
    const path = writeZip(join(dir, 'plain.aab'), [
      {
        name: 'base/manifest/AndroidManifest.xml',
        data: manifestBytes([
          { name: 'package', value: 'com.foo.plain' },
          {
            namespaceUri: 'http://schemas.android.com/apk/res/android',
            name: 'versionCode',
            value: '42',
            resourceId: 0x0101021b,
          },
          { namespaceUri: 'http://schemas.android.com/apk/res/android', name: 'versionName', value: '4.2' },
        ]),
      },
      { name: 'base/lib/arm64-v8a/libx.so', data: 'x' },
    ]);
    const info = await readArtifact(path);
    expect(info).toMatchObject({
      kind: 'aab',
      package: 'com.foo.plain',
      versionCode: 42,
      versionName: '4.2',
      label: 'com.foo.plain',
      abis: ['arm64-v8a'],
      signer: null,
    });
  });
});

function varint(n: number): Buffer {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  return Buffer.from(out);
}
