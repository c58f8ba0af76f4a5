/**
 * Android binary XML (the compiled AndroidManifest.xml) to a small element tree.
 * Layout: an XML chunk holding a string pool, a resource map (attribute name string index ->
 * attribute resource id), then namespace / element start / element end chunks (AOSP ResourceTypes.h).
 */
import { FormatError } from './format-error.js';
import { CHUNK, chunksBetween, readChunk, readResValue, type ResValue } from './res-chunk.js';
import { parseStringPool, type StringPool } from './string-pool.js';

export const ANDROID_NS = 'http://schemas.android.com/apk/res/android';

/**
 * Framework attribute ids (android.R.attr), stable across platform versions: an APK's binary XML
 * manifest and an App Bundle's protobuf one (aab-manifest.ts) name attributes by the same ids.
 */
export const ANDROID_ATTR = {
  label: 0x01010001,
  icon: 0x01010002,
  minSdkVersion: 0x0101020c,
  versionCode: 0x0101021b,
  versionName: 0x0101021c,
  targetSdkVersion: 0x01010270,
} as const;

/** References may point at references; real chains are one or two long. */
export const MAX_REFERENCE_DEPTH = 8;

export interface XmlAttribute {
  namespace: string | null;
  name: string;
  /** The framework attribute id (e.g. 0x0101021b for android:versionCode), when the resource map has one. */
  resourceId: number | null;
  /** The attribute's original string, when the compiler kept it. */
  rawValue: string | null;
  value: ResValue;
}

export interface XmlElement {
  name: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
}

export function parseBinaryXml(buf: Buffer): XmlElement {
  if (buf.length < 8 || buf.readUInt16LE(0) !== CHUNK.XML) throw new FormatError('not an Android binary XML file');
  const document = readChunk(buf, 0);

  let strings: StringPool | null = null;
  let resourceIds: number[] = [];
  const root: XmlElement = { name: '', attributes: [], children: [] };
  const open: XmlElement[] = [root];

  for (const chunk of chunksBetween(buf, document.headerSize, document.end)) {
    switch (chunk.type) {
      case CHUNK.STRING_POOL:
        strings = parseStringPool(buf, chunk.start);
        break;
      case CHUNK.XML_RESOURCE_MAP:
        resourceIds = [];
        for (let p = chunk.start + chunk.headerSize; p + 4 <= chunk.end; p += 4) resourceIds.push(buf.readUInt32LE(p));
        break;
      case CHUNK.XML_START_ELEMENT: {
        if (!strings) throw new FormatError('an element comes before the string pool');
        const element = readElement(buf, chunk.start + chunk.headerSize, chunk.end, strings, resourceIds);
        open[open.length - 1]!.children.push(element);
        open.push(element);
        break;
      }
      case CHUNK.XML_END_ELEMENT:
        if (open.length > 1) open.pop();
        break;
      default:
        // Namespaces, CDATA and unknown chunks carry nothing we read.
        break;
    }
  }
  const top = root.children[0];
  if (!top) throw new FormatError('the binary XML has no element');
  return top;
}

/** ResXMLTree_attrExt followed by its attributes. */
function readElement(buf: Buffer, ext: number, end: number, strings: StringPool, resourceIds: number[]): XmlElement {
  // ResXMLTree_attrExt: ns(4) name(4) attributeStart(2) attributeSize(2) attributeCount(2) + 3 indexes(2 each).
  if (ext + 20 > end) throw new FormatError('an element chunk is too short');
  const name = strings.get(buf.readUInt32LE(ext + 4)) ?? '';
  const attributeStart = buf.readUInt16LE(ext + 8);
  const attributeSize = buf.readUInt16LE(ext + 10);
  const attributeCount = buf.readUInt16LE(ext + 12);
  if (attributeSize < 20 || ext + attributeStart + attributeCount * attributeSize > end) {
    throw new FormatError(`element <${name}> has a bad attribute table`);
  }
  const attributes: XmlAttribute[] = [];
  for (let i = 0; i < attributeCount; i++) {
    const a = ext + attributeStart + i * attributeSize;
    const nameIndex = buf.readUInt32LE(a + 4);
    attributes.push({
      namespace: strings.get(buf.readUInt32LE(a)),
      name: strings.get(nameIndex) ?? '',
      resourceId: resourceIds[nameIndex] ?? null,
      rawValue: strings.get(buf.readUInt32LE(a + 8)),
      value: readResValue(buf, a + 12),
    });
  }
  return { name, attributes, children: [] };
}

/**
 * An android: attribute. Matched by its framework resource id first: shrinkers and packers may
 * rename or blank the name strings, but the platform itself only looks at the id.
 */
export function androidAttribute(element: XmlElement, name: string, resourceId: number): XmlAttribute | undefined {
  return (
    element.attributes.find((a) => a.resourceId === resourceId) ??
    element.attributes.find(
      (a) => a.name === name && (a.namespace === ANDROID_NS || a.namespace === null) && a.resourceId === null,
    )
  );
}

/** A plain (no namespace) attribute such as the manifest's `package`. */
export function plainAttribute(element: XmlElement, name: string): XmlAttribute | undefined {
  return element.attributes.find((a) => a.name === name && !a.namespace);
}

export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}
