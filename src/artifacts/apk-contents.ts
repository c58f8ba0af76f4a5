/** The parsed manifest and resource table of an open APK, shared by readApk and the icon extractor. */
import { parseResourceTable, type ResourceTable } from './arsc.js';
import { parseBinaryXml } from './axml.js';
import { APK_MANIFEST } from './app-kind.js';
import { readManifest, type ManifestInfo } from './apk-manifest.js';
import { isFormatProblem } from './format-error.js';
import { artifactError } from './input-errors.js';
import type { ZipArchive } from './zip.js';

const RESOURCES = 'resources.arsc';
const MAX_MANIFEST = 16 * 1024 * 1024;

export interface ApkContents {
  manifest: ManifestInfo;
  /** null for an APK without resources.arsc. */
  table: ResourceTable | null;
}

export async function loadApkContents(zip: ZipArchive): Promise<ApkContents> {
  const manifestBytes = await zip.read(APK_MANIFEST, MAX_MANIFEST);
  let table: ResourceTable | null = null;
  if (zip.has(RESOURCES)) {
    const tableBytes = await zip.read(RESOURCES);
    table = parseOrExplain(zip, RESOURCES, () => parseResourceTable(tableBytes));
  }
  const resources = table;
  const manifest = parseOrExplain(zip, APK_MANIFEST, () => readManifest(parseBinaryXml(manifestBytes), resources));
  return { manifest, table };
}

/** Malformed bytes become BAD_MANIFEST naming the entry; anything else is a bug and goes up as is. */
function parseOrExplain<T>(zip: ZipArchive, entry: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!isFormatProblem(error)) throw error;
    const reason = error instanceof RangeError ? 'a structure runs past the end of the data' : error.message;
    throw artifactError('BAD_MANIFEST', zip.file, `has an unreadable ${entry} (${reason})`, error);
  }
}
