/**
 * What we read from an App Bundle's base/manifest/AndroidManifest.xml, which aapt2 writes as a
 * protobuf XmlNode (not Android's binary XML), with references (@string/app_name) resolved through
 * base/resources.pb, a protobuf ResourceTable. Decoding is @bufbuild/protobuf's, from the
 * messages in aapt2/aapt2.proto; any decoding failure is a FormatError (a damaged bundle).
 */
import { fromBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import {
  ResourceTableSchema,
  XmlNodeSchema,
  type ConfigValue,
  type Item,
  type ResourceTable,
  type Value,
  type XmlAttribute,
  type XmlElement,
} from './aapt2/aapt2_pb.js';
import { ANDROID_ATTR, ANDROID_NS, MAX_REFERENCE_DEPTH } from './axml.js';
import { FormatError } from './format-error.js';

export interface BundleManifest {
  package: string;
  versionCode: number;
  versionName: string;
  label: string | null;
  minSdk: number | null;
  targetSdk: number | null;
}

/** Any error of the decoder (premature end, bad wire type, recursion limit) means damaged bytes. */
export function decodeProto<Desc extends DescMessage>(
  schema: Desc,
  bytes: Uint8Array,
  what: string,
): MessageShape<Desc> {
  try {
    return fromBinary(schema, bytes, { readUnknownFields: true });
  } catch (error) {
    throw new FormatError(
      `${what} is not valid aapt2 protobuf (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

export function readBundleManifest(manifestBytes: Uint8Array, tableBytes: Uint8Array | null): BundleManifest {
  const root = decodeProto(XmlNodeSchema, manifestBytes, 'the manifest');
  const table = tableBytes ? decodeProto(ResourceTableSchema, tableBytes, 'the resource table') : null;
  const manifest = root.node.case === 'element' ? root.node.value : null;
  if (!manifest || manifest.name !== 'manifest') {
    throw new FormatError(`the root element is ${manifest ? `<${manifest.name}>` : 'missing'}, not <manifest>`);
  }
  const packageName = manifest.attribute.find((a) => a.namespaceUri === '' && a.name === 'package')?.value;
  if (!packageName) throw new FormatError('<manifest> has no package attribute');
  const versionCode = intValue(androidAttribute(manifest, 'versionCode'), table);
  if (versionCode === null) throw new FormatError('<manifest> has no android:versionCode');

  const usesSdk = children(manifest, 'uses-sdk')[0];
  const application = children(manifest, 'application')[0];
  return {
    package: packageName,
    versionCode,
    versionName: stringValue(androidAttribute(manifest, 'versionName'), table) ?? '',
    label: application ? stringValue(androidAttribute(application, 'label'), table) : null,
    minSdk: usesSdk ? intValue(androidAttribute(usesSdk, 'minSdkVersion'), table) : null,
    targetSdk: usesSdk ? intValue(androidAttribute(usesSdk, 'targetSdkVersion'), table) : null,
  };
}

function children(element: XmlElement, name: string): XmlElement[] {
  return element.child.flatMap((node) =>
    node.node.case === 'element' && node.node.value.name === name ? [node.node.value] : [],
  );
}

/** By resource id first (what Android itself matches on), else by namespaced name. */
function androidAttribute(element: XmlElement, name: keyof typeof ANDROID_ATTR): XmlAttribute | undefined {
  return (
    element.attribute.find((a) => a.resourceId === ANDROID_ATTR[name]) ??
    element.attribute.find((a) => a.namespaceUri === ANDROID_NS && a.name === name)
  );
}

function stringValue(attribute: XmlAttribute | undefined, table: ResourceTable | null): string | null {
  if (!attribute) return null;
  const item = attribute.compiledItem;
  if (item?.value.case !== 'ref') return itemText(item) ?? attribute.value;
  return itemText(resolveReference(item, table));
}

function intValue(attribute: XmlAttribute | undefined, table: ResourceTable | null): number | null {
  if (!attribute) return null;
  const item =
    attribute.compiledItem?.value.case === 'ref'
      ? resolveReference(attribute.compiledItem, table)
      : attribute.compiledItem;
  if (item?.value.case === 'prim') {
    const prim = item.value.value.oneofValue;
    if (prim.case === 'intDecimalValue' || prim.case === 'intHexadecimalValue') return prim.value >>> 0;
  }
  // Some tools write numbers as strings ("21"); a codename ("Tiramisu") has no number.
  const text = (item ? itemText(item) : null) ?? attribute.value;
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

function itemText(item: Item | null | undefined): string | null {
  switch (item?.value.case) {
    case 'str':
    case 'rawStr':
      return item.value.value.value;
    case 'prim': {
      const prim = item.value.value.oneofValue;
      return prim.case === undefined ? null : String(prim.value);
    }
    default:
      return null;
  }
}

/** Follows a reference to a plain item, in the configuration a default device would pick. */
function resolveReference(item: Item, table: ResourceTable | null): Item | null {
  let current: Item | undefined = item;
  for (let depth = 0; current?.value.case === 'ref'; depth++) {
    if (!table || depth === MAX_REFERENCE_DEPTH) return null;
    const id: number = current.value.value.id;
    const pkg = table.package.find((p) => (p.packageId?.id ?? 0) === id >>> 24);
    const type = pkg?.type.find((t) => (t.typeId?.id ?? 0) === ((id >>> 16) & 0xff));
    const entry = type?.entry.find((e) => (e.entryId?.id ?? 0) === (id & 0xffff));
    const value: Value['value'] | undefined = entry ? preferDefault(entry.configValue)?.value?.value : undefined;
    current = value?.case === 'item' ? value.value : undefined;
  }
  return current ?? null;
}

/**
 * No locale first, then the fewest other qualifiers (each one is a field this schema leaves unknown),
 * so that values/ beats values-v21/ and values-zh-rCN/, as in apk-manifest.ts.
 */
function preferDefault(values: ConfigValue[]): ConfigValue | undefined {
  const rank = (v: ConfigValue) => (v.config?.locale ? 1000 : 0) + (v.config?.$unknown?.length ?? 0);
  let best: ConfigValue | undefined;
  for (const value of values) if (!best || rank(value) < rank(best)) best = value;
  return best;
}
