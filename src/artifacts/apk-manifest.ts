/**
 * What we read from the compiled AndroidManifest.xml, with references (@string/app_name,
 * @integer/...) resolved through resources.arsc.
 */
import {
  ANDROID_ATTR,
  androidAttribute,
  childElements,
  MAX_REFERENCE_DEPTH,
  plainAttribute,
  type XmlAttribute,
  type XmlElement,
} from './axml.js';
import type { ResEntry, ResourceTable } from './arsc.js';
import { FormatError } from './format-error.js';
import { VALUE, type ResValue } from './res-chunk.js';

export interface ManifestInfo {
  package: string;
  versionCode: number;
  versionName: string;
  /** The application label, or null when the manifest has none (Android then shows the package name). */
  label: string | null;
  minSdk: number | null;
  targetSdk: number | null;
  /** The application icon's resource id, when it is a reference. */
  iconId: number | null;
}

export function readManifest(manifest: XmlElement, table: ResourceTable | null): ManifestInfo {
  if (manifest.name !== 'manifest') throw new FormatError(`the root element is <${manifest.name}>, not <manifest>`);
  const pkg = plainAttribute(manifest, 'package');
  const packageName = pkg ? stringValue(pkg, table) : null;
  if (!packageName) throw new FormatError('<manifest> has no package attribute');

  const versionCodeAttribute = androidAttribute(manifest, 'versionCode', ANDROID_ATTR.versionCode);
  const versionCode = versionCodeAttribute ? intValue(versionCodeAttribute, table) : null;
  if (versionCode === null) throw new FormatError('<manifest> has no android:versionCode');
  const versionNameAttribute = androidAttribute(manifest, 'versionName', ANDROID_ATTR.versionName);

  const usesSdk = childElements(manifest, 'uses-sdk')[0];
  const sdk = (name: 'minSdkVersion' | 'targetSdkVersion') => {
    const attribute = usesSdk ? androidAttribute(usesSdk, name, ANDROID_ATTR[name]) : undefined;
    return attribute ? intValue(attribute, table) : null;
  };

  const application = childElements(manifest, 'application')[0];
  const labelAttribute = application ? androidAttribute(application, 'label', ANDROID_ATTR.label) : undefined;
  const iconAttribute = application ? androidAttribute(application, 'icon', ANDROID_ATTR.icon) : undefined;

  return {
    package: packageName,
    versionCode,
    versionName: (versionNameAttribute && stringValue(versionNameAttribute, table)) ?? '',
    label: labelAttribute ? stringValue(labelAttribute, table) : null,
    minSdk: sdk('minSdkVersion'),
    targetSdk: sdk('targetSdkVersion'),
    iconId: iconAttribute?.value.type === VALUE.REFERENCE ? iconAttribute.value.data : null,
  };
}

function stringValue(attribute: XmlAttribute, table: ResourceTable | null): string | null {
  if (attribute.value.type !== VALUE.REFERENCE) {
    if (attribute.rawValue !== null) return attribute.rawValue;
    return isInt(attribute.value) ? String(attribute.value.data) : null;
  }
  const value = resolveReference(attribute.value, table);
  if (value?.type === VALUE.STRING) return table!.strings.get(value.data);
  return value && isInt(value) ? String(value.data) : null;
}

function intValue(attribute: XmlAttribute, table: ResourceTable | null): number | null {
  if (isInt(attribute.value)) return attribute.value.data >>> 0;
  const resolved = attribute.value.type === VALUE.REFERENCE ? resolveReference(attribute.value, table) : null;
  if (resolved && isInt(resolved)) return resolved.data >>> 0;
  // Some tools write numbers as strings ("21"); a codename ("Tiramisu") has no number.
  const text = resolved ? stringValue(attribute, table) : attribute.rawValue;
  return text !== null && /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

function isInt(value: ResValue): boolean {
  return value.type === VALUE.INT_DEC || value.type === VALUE.INT_HEX;
}

/** Follows a reference to a plain value, in the configuration a default device would pick. */
export function resolveReference(value: ResValue, table: ResourceTable | null): ResValue | null {
  let current: ResValue = value;
  for (let depth = 0; current.type === VALUE.REFERENCE; depth++) {
    if (!table || depth === MAX_REFERENCE_DEPTH) return null;
    const entry = preferDefault(table.entries(current.data));
    if (!entry?.value) return null;
    current = entry.value;
  }
  return current;
}

/**
 * The entry a device with no particular locale or screen would use: no locale first, then the
 * fewest qualifiers (so values/ beats values-v21/ and values-zh-rCN/).
 */
export function preferDefault(entries: ResEntry[]): ResEntry | undefined {
  let best: ResEntry | undefined;
  const rank = (e: ResEntry) => (e.config.locale ? 1000 : 0) + e.config.qualifiers;
  for (const entry of entries) {
    if (!best || rank(entry) < rank(best)) best = entry;
  }
  return best;
}
