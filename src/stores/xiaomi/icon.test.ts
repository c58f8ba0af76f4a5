import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readApk } from '../../artifacts/index.js';
import { md5Hex } from './sign.js';
import { iconPart, pngSize, resolveIcon } from './icon.js';

const apkPath = fileURLToPath(new URL('../../../fixtures/apk/app-universal.apk', import.meta.url));

describe('xiaomi icon', () => {
  it('pngSize reads IHDR and refuses what is not a PNG', () => {
    const header = Buffer.alloc(24);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header);
    header.write('IHDR', 12, 'latin1');
    header.writeUInt32BE(512, 16);
    header.writeUInt32BE(256, 20);
    expect(pngSize(header)).toEqual({ width: 512, height: 256 });
    expect(pngSize(Buffer.from('GIF89a and more bytes here...'))).toBeNull();
  });

  it('takes the densest launcher PNG from the APK when none is configured', async () => {
    const icon = await resolveIcon(undefined, [await readApk(apkPath)]);
    expect(pngSize(icon.data)).toEqual({ width: 192, height: 192 });
    expect(icon.origin).toMatch(/xxxhdpi.* in app-universal\.apk$/);
    expect(icon.path).toBeNull();
  });

  it('is a clear config error when there is no icon at all, or the configured one is not a PNG', async () => {
    await expect(resolveIcon(undefined, [])).rejects.toMatchObject({
      code: 'ICON_INVALID',
      category: 'config',
      hint: expect.stringContaining('stores.xiaomi.icon'),
    });
    const notPng = join(mkdtempSync(join(tmpdir(), 'xiaomi-icon-')), 'icon.png');
    writeFileSync(notPng, 'not an image');
    await expect(resolveIcon(notPng, [])).rejects.toMatchObject({
      message: expect.stringContaining('is not a PNG file'),
    });
  });

  it('sends an icon from the APK as an in-memory part with the MD5 of those bytes', async () => {
    const icon = await resolveIcon(undefined, [await readApk(apkPath)]);
    const part = iconPart(icon);
    expect(part).toMatchObject({
      field: 'icon',
      size: icon.data.length,
      md5: md5Hex(icon.data),
      contentType: 'image/png',
    });
    expect(part.source).toEqual({ data: icon.data });
  });
});
