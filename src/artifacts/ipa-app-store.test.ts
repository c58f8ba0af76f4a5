import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeTestIpa } from '../testing/ipa-writer.js';
import { checkIpaForAppStore } from './ipa-app-store.js';

const dir = mkdtempSync(join(tmpdir(), 'appstores-ipa-check-'));
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
let n = 0;
const ipa = (info: Parameters<typeof writeTestIpa>[1], options?: Parameters<typeof writeTestIpa>[2]) =>
  writeTestIpa(join(dir, `t${n++}.ipa`), info, options);

describe('checkIpaForAppStore', () => {
  it('reads bundle id, both versions and an absent export-compliance key from the fixture', async () => {
    await expect(checkIpaForAppStore(fixture('ipa/app.ipa'))).resolves.toEqual({
      bundleId: 'com.foo.bar',
      shortVersion: '6.10.0',
      bundleVersion: '6100000',
      usesNonExemptEncryption: null,
    });
  });

  it('reads ITSAppUsesNonExemptEncryption when Info.plist declares it', async () => {
    expect((await checkIpaForAppStore(ipa({ ITSAppUsesNonExemptEncryption: false }))).usesNonExemptEncryption).toBe(
      false,
    );
    expect((await checkIpaForAppStore(ipa({ ITSAppUsesNonExemptEncryption: true }))).usesNonExemptEncryption).toBe(
      true,
    );
  });

  it.each([
    [{ CFBundleShortVersionString: null }, /no CFBundleShortVersionString/],
    [{ CFBundleShortVersionString: '6.10.0-beta' }, /CFBundleShortVersionString "6\.10\.0-beta" is not like 1\.2\.3/],
    [{ CFBundleVersion: null }, /no CFBundleVersion/],
    [{ CFBundleVersion: '1.2.3.4' }, /CFBundleVersion "1\.2\.3\.4"/],
    [{ CFBundleIdentifier: 'foobar' }, /not a reverse-DNS bundle id/],
    [{ CFBundleExecutable: null }, /no CFBundleExecutable/],
  ])('refuses %j in one line with IPA_INVALID', async (info, message) => {
    const error = await checkIpaForAppStore(ipa(info)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'IPA_INVALID', message: expect.stringMatching(message) });
    expect((error as Error).message).not.toContain('\n');
  });

  it('refuses an IPA whose executable is missing', async () => {
    await expect(checkIpaForAppStore(ipa({}, { executable: false }))).rejects.toMatchObject({
      code: 'IPA_INVALID',
      message: expect.stringContaining('Payload/FooBar.app/FooBar named by CFBundleExecutable is missing'),
    });
  });

  it('refuses an APK as not an IPA', async () => {
    await expect(checkIpaForAppStore(fixture('apk/app-universal.apk'))).rejects.toMatchObject({ code: 'NOT_AN_APP' });
  });
});
