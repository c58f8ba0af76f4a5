/**
 * The `icon` part of /dev/push. Treated as always required: a Xiaomi employee told apkgo in 2023-04
 * that apps pushed without one got the Android robot as icon [src: APKGO-OLD-XM `push`; U11 "必选"].
 * The listing wants a 512×512 PNG [src: APKGO-XM-L]. The configured icon wins; otherwise the
 * launcher icon inside the APK is sent.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
// From apk-icon.js, not the artifacts index: that one pulls the IPA parser and plist library too.
import { extractLauncherIcon } from '../../artifacts/apk-icon.js';
import type { ApkInfo, Undigested } from '../../artifacts/types.js';
import { StoreError } from '../../core/errors.js';
import type { PushFile } from './api.js';
import { md5Hex } from './sign.js';

export const LISTING_ICON_SIZE = 512;

export interface Icon {
  data: Buffer;
  filename: string;
  /** Where it came from, for the plan summary. */
  origin: string;
  /** The file on disk, when it came from one (the configured icon). */
  path: string | null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, or null when `data` is not a PNG. */
export function pngSize(data: Buffer): { width: number; height: number } | null {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (data.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** The icon to send, or a typed error before anything is uploaded. */
export async function resolveIcon(configured: string | undefined, apks: Undigested<ApkInfo>[]): Promise<Icon> {
  if (configured) return readConfiguredIcon(configured);
  for (const apk of apks) {
    const found = await extractLauncherIcon(apk);
    // extractLauncherIcon returns only PNGs (adaptive XML icons are skipped).
    if (!found) continue;
    return {
      data: found.data,
      filename: basename(found.name),
      origin: `${found.name} in ${basename(apk.path)}`,
      path: null,
    };
  }
  throw iconError(
    `Xiaomi requires an icon, and no launcher icon could be read from ${basename(apks[0]?.path ?? 'the APK')}`,
  );
}

async function readConfiguredIcon(path: string): Promise<Icon> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw iconError(`stores.xiaomi.icon ${path} cannot be read (${why})`);
  }
  const size = pngSize(data);
  if (!size) throw iconError(`stores.xiaomi.icon ${path} is not a PNG file`);
  // UNCONFIRMED whether the API itself refuses another size; the listing asks for 512×512.
  if (size.width !== LISTING_ICON_SIZE || size.height !== LISTING_ICON_SIZE) {
    throw iconError(`stores.xiaomi.icon ${path} is ${size.width}×${size.height}; Xiaomi wants 512×512`);
  }
  return { data, filename: basename(path), origin: path, path };
}

function iconError(message: string): StoreError {
  return new StoreError(message, {
    code: 'ICON_INVALID',
    category: 'config',
    store: 'xiaomi',
    hint: 'set stores.xiaomi.icon to the path of a 512×512 PNG',
  });
}

/** The icon as an in-memory file part: it is small, and its MD5 comes from the same bytes that are sent. */
export function iconPart(icon: Icon): PushFile {
  return {
    field: 'icon',
    source: { data: icon.data },
    size: icon.data.length,
    md5: md5Hex(icon.data),
    filename: icon.filename,
    contentType: 'image/png',
  };
}
