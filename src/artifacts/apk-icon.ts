/**
 * The launcher icon inside an APK, as a PNG. The Xiaomi store wants an icon file on every push
 * (see stores/xiaomi.md), and an app's own icon is the natural default.
 * The application's android:icon is resolved through resources.arsc to its files in every
 * density; the densest PNG wins. Adaptive icons (XML, Android 8+) are skipped: stores want a bitmap.
 */
import type { ApkInfo } from './types.js';
import { DENSITY_ANY, DENSITY_NONE, type ResEntry, type ResourceTable } from './arsc.js';
import { loadApkContents } from './apk-contents.js';
import { detectKind, notAnAppError } from './app-kind.js';
import { isFormatProblem } from './format-error.js';
import { VALUE } from './res-chunk.js';
import { withZip, type ZipArchive } from './zip.js';

export interface LauncherIcon {
  data: Buffer;
  /** The entry inside the APK, e.g. "res/mipmap-xxxhdpi-v4/ic_launcher.png". */
  name: string;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_ICON = 8 * 1024 * 1024;
const MAX_REFERENCE_DEPTH = 8;
const MDPI = 160;
const DENSITY_QUALIFIERS: Record<string, number> = {
  ldpi: 120,
  mdpi: 160,
  tvdpi: 213,
  hdpi: 240,
  xhdpi: 320,
  xxhdpi: 480,
  xxxhdpi: 640,
  nodpi: 1,
  anydpi: 0,
};

export interface Candidate {
  path: string;
  density: number;
  localized: boolean;
}

/** The densest PNG launcher icon, or null when the APK has none. */
export async function extractLauncherIcon(apk: Pick<ApkInfo, 'path'> | string): Promise<LauncherIcon | null> {
  const path = typeof apk === 'string' ? apk : apk.path;
  return withZip(path, async (zip) => {
    if (detectKind(zip) !== 'apk') throw notAnAppError(zip, 'apk');
    const { manifest, table } = await loadApkContents(zip);
    if (manifest.iconId === null || !table) return null;
    const lookup = iconLookup(table, manifest.iconId);
    if (!lookup) return null;
    const fromTable = lookup.files.filter((candidate) => isPng(candidate.path));
    return (
      (await firstPng(zip, fromTable)) ?? (lookup.key ? await firstPng(zip, sameNamePngs(zip.names, lookup.key)) : null)
    );
  });
}

/**
 * The icon's files and resource name, or null when the table entries it needs are damaged. The
 * table is read lazily, so damage may only show here, after the manifest read fine; an icon is
 * optional to every caller (Xiaomi falls back to the configured icon or says what to set), so a
 * damaged one means "no icon", never a failure of the whole command.
 */
function iconLookup(table: ResourceTable, iconId: number): { files: Candidate[]; key: string | null } | null {
  try {
    return { files: iconFiles(table, iconId), key: table.entries(iconId)[0]?.key ?? null };
  } catch (error) {
    if (isFormatProblem(error)) return null;
    throw error;
  }
}

/**
 * The file paths an icon resource stands for, following references (e.g. @mipmap/a -> @drawable/b).
 * Each resource is expanded once: every configuration of a resource may refer back to it (or to
 * each other), and expanding those again would cost configurations^depth lookups.
 */
export function iconFiles(table: ResourceTable, id: number, depth = 0, visited = new Set<number>()): Candidate[] {
  if (depth === MAX_REFERENCE_DEPTH || visited.has(id)) return [];
  visited.add(id);
  return table.entries(id).flatMap((entry: ResEntry): Candidate[] => {
    if (entry.value?.type === VALUE.REFERENCE) return iconFiles(table, entry.value.data, depth + 1, visited);
    if (entry.value?.type !== VALUE.STRING) return [];
    const path = table.strings.get(entry.value.data);
    return path ? [{ path, density: rankDensity(entry.config.density), localized: entry.config.locale !== '' }] : [];
  });
}

/** Fallback: res/<any qualifiers>/<name>.png, when the resource itself only has XML variants. */
function sameNamePngs(names: readonly string[], key: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const name of names) {
    const match = /^res\/([^/]+)\/([^/]+)\.png$/.exec(name);
    if (!match || match[2] !== key || name.endsWith('.9.png')) continue;
    const qualifiers = match[1]!.split('-').slice(1);
    const density = qualifiers
      .map((q) => DENSITY_QUALIFIERS[q] ?? (/^\d+dpi$/.test(q) ? parseInt(q, 10) : undefined))
      .find((d) => d !== undefined);
    candidates.push({ path: name, density: density ?? MDPI, localized: false });
  }
  return candidates;
}

/** Unlocalized first, then the highest density; returns the first entry that really is a PNG. */
async function firstPng(zip: ZipArchive, candidates: Candidate[]): Promise<LauncherIcon | null> {
  const ordered = [...candidates].sort((a, b) => Number(a.localized) - Number(b.localized) || b.density - a.density);
  for (const candidate of ordered) {
    if (!zip.has(candidate.path)) continue;
    const data = await zip.read(candidate.path, MAX_ICON);
    if (data.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return { data, name: candidate.path };
  }
  return null;
}

function isPng(path: string): boolean {
  return /\.png$/i.test(path) && !/\.9\.png$/i.test(path);
}

/** Density 0 means "unspecified" (treated as mdpi); anydpi and nodpi rank last. */
function rankDensity(density: number): number {
  if (density === 0) return MDPI;
  if (density === DENSITY_ANY) return 0;
  if (density === DENSITY_NONE) return 1;
  return density;
}
