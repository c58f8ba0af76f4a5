/**
 * Test helper: writes an IPA (Payload/<name>.app/Info.plist as an XML property list, plus an
 * executable) so tests can publish other bundle ids, versions and Info.plist keys than the
 * committed fixtures have.
 */
import { writeZip, type ZipEntry } from './zip-writer.js';

export type PlistValue = string | number | boolean;

export const TEST_INFO: Record<string, PlistValue> = {
  CFBundleIdentifier: 'com.foo.bar',
  CFBundleShortVersionString: '6.10.0',
  CFBundleVersion: '6100000',
  CFBundleExecutable: 'FooBar',
  CFBundleName: 'Foo Bar',
  CFBundlePackageType: 'APPL',
  MinimumOSVersion: '13.0',
};

/**
 * Writes `path` with `info` (over TEST_INFO; a key set to null is left out). `padding` bytes of
 * incompressible filler make the file large enough to be split into several upload parts.
 */
export function writeTestIpa(
  path: string,
  info: Record<string, PlistValue | null> = {},
  options: { executable?: boolean; padding?: number } = {},
): string {
  const merged = { ...TEST_INFO, ...info };
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = Object.entries(merged)
    .filter((entry): entry is [string, PlistValue] => entry[1] !== null)
    .map(([key, value]) => {
      const rendered =
        typeof value === 'boolean'
          ? `<${value}/>`
          : typeof value === 'number'
            ? `<integer>${value}</integer>`
            : `<string>${esc(value)}</string>`;
      return `\t<key>${esc(key)}</key>\n\t${rendered}`;
    })
    .join('\n');
  const plist = `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n${body}\n</dict>\n</plist>\n`;
  const app = 'Payload/FooBar.app/';
  const entries: ZipEntry[] = [{ name: `${app}Info.plist`, data: plist }];
  if (options.executable !== false)
    entries.push({ name: `${app}FooBar`, data: 'not a real Mach-O executable: appstores test\n' });
  if (options.padding) {
    // Deterministic but incompressible enough: a simple xorshift stream.
    const filler = Buffer.alloc(options.padding);
    let x = 2463534242;
    for (let i = 0; i < filler.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      filler[i] = x & 0xff;
    }
    entries.push({ name: `${app}Assets.car`, data: filler });
  }
  return writeZip(path, entries, { method: 'store' });
}
