// String pools, resource tables and binary XML built byte by byte here (layouts from AOSP
// ResourceTypes.h), for the encodings the fixture APKs (built by aapt 1) do not contain:
// UTF-16 table pools, sparse / 16-bit-offset type chunks, compact entries, obfuscated names.
import { describe, expect, it } from 'vitest';
import { parseResourceTable } from './arsc.js';
import { parseBinaryXml } from './axml.js';
import { preferDefault, readManifest } from './apk-manifest.js';
import { FormatError } from './format-error.js';
import { VALUE } from './res-chunk.js';
import { parseStringPool } from './string-pool.js';

// ---- builders ----

const u16 = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const pad4 = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);

/** A chunk: type, headerSize, size, then the rest of the header and the body. */
function chunk(type: number, headerRest: Buffer, body: Buffer): Buffer {
  const headerSize = 8 + headerRest.length;
  return Buffer.concat([u16(type), u16(headerSize), u32(headerSize + body.length), headerRest, body]);
}

function stringPool(strings: string[], utf8: boolean): Buffer {
  const entries = strings.map((s) => {
    if (utf8) {
      const bytes = Buffer.from(s, 'utf8');
      const len = (n: number) => (n > 0x7f ? Buffer.from([0x80 | (n >> 8), n & 0xff]) : Buffer.from([n]));
      return Buffer.concat([len(s.length), len(bytes.length), bytes, Buffer.from([0])]);
    }
    const units = s.length;
    const len = units > 0x7fff ? Buffer.concat([u16(0x8000 | (units >> 16)), u16(units & 0xffff)]) : u16(units);
    return Buffer.concat([len, Buffer.from(s, 'utf16le'), u16(0)]);
  });
  const offsets: Buffer[] = [];
  let position = 0;
  for (const e of entries) {
    offsets.push(u32(position));
    position += e.length;
  }
  const headerRest = Buffer.concat([
    u32(strings.length),
    u32(0),
    u32(utf8 ? 0x100 : 0),
    u32(28 + 4 * strings.length),
    u32(0),
  ]);
  return chunk(0x0001, headerRest, pad4(Buffer.concat([...offsets, ...entries])));
}

interface TypeSpec {
  typeId: number;
  locale?: string; // "zh-CN", or a packed 3-letter language such as "fil"
  density?: number;
  encoding: 'dense' | 'offset16' | 'sparse';
  entryCount: number;
  entries: Array<{ index: number; key: number; type: number; data: number; compact?: boolean }>;
}

function config(locale = '', density = 0): Buffer {
  const c = Buffer.alloc(64);
  c.writeUInt32LE(64, 0);
  const [language = '', country = ''] = locale.split('-');
  if (language.length === 3) {
    const [a, b, d] = [...language].map((ch) => ch.charCodeAt(0) - 0x61) as [number, number, number];
    c[8] = 0x80 | (d << 2) | (b >> 3);
    c[9] = ((b & 0x07) << 5) | a;
  } else if (language) c.write(language, 8, 'latin1');
  if (country) c.write(country, 10, 'latin1');
  c.writeUInt16LE(density, 14);
  return c;
}

function typeChunk(spec: TypeSpec): Buffer {
  const bodies: Buffer[] = [];
  const offsetOf = new Map<number, number>();
  let position = 0;
  for (const e of spec.entries) {
    offsetOf.set(e.index, position);
    const body = e.compact
      ? Buffer.concat([u16(e.key), u16(0x0008 | (e.type << 8)), u32(e.data)])
      : Buffer.concat([u16(8), u16(0), u32(e.key), u16(8), Buffer.from([0, e.type]), u32(e.data)]);
    bodies.push(body);
    position += body.length;
  }
  let offsets: Buffer;
  let flags = 0;
  let entryCount = spec.entryCount;
  if (spec.encoding === 'sparse') {
    flags = 0x01;
    entryCount = spec.entries.length;
    offsets = Buffer.concat(spec.entries.map((e) => Buffer.concat([u16(e.index), u16(offsetOf.get(e.index)! / 4)])));
  } else if (spec.encoding === 'offset16') {
    flags = 0x02;
    offsets = pad4(
      Buffer.concat(Array.from({ length: entryCount }, (_, i) => u16(offsetOf.has(i) ? offsetOf.get(i)! / 4 : 0xffff))),
    );
  } else {
    offsets = Buffer.concat(Array.from({ length: entryCount }, (_, i) => u32(offsetOf.get(i) ?? 0xffffffff)));
  }
  const headerSize = 8 + 12 + 64;
  const headerRest = Buffer.concat([
    Buffer.from([spec.typeId, flags]),
    u16(0),
    u32(entryCount),
    u32(headerSize + offsets.length),
    config(spec.locale, spec.density),
  ]);
  return chunk(0x0201, headerRest, Buffer.concat([offsets, ...bodies]));
}

function resourceTable(globals: string[], utf8: boolean, keys: string[], types: TypeSpec[], packageId = 0x7f): Buffer {
  const typeNames = stringPool(['attr', 'string', 'mipmap', 'integer'], true);
  const keyPool = stringPool(keys, true);
  const packageHeaderRest = Buffer.concat([
    u32(packageId),
    Buffer.alloc(256), // name
    u32(288), // typeStrings, right after this header
    u32(0),
    u32(288 + typeNames.length), // keyStrings
    u32(0),
    u32(0),
  ]);
  const pkg = chunk(0x0200, packageHeaderRest, Buffer.concat([typeNames, keyPool, ...types.map(typeChunk)]));
  return chunk(0x0002, u32(1), Buffer.concat([stringPool(globals, utf8), pkg]));
}

interface Attr {
  ns?: number; // string index
  name: number; // string index (and resource map index)
  raw?: number; // string index
  type: number;
  data: number;
}

function binaryXml(
  strings: string[],
  resourceIds: number[],
  elements: Array<{ name: number; attrs: Attr[]; close: boolean }>,
): Buffer {
  const NONE = 0xffffffff;
  const node = (type: number, ext: Buffer) => chunk(type, Buffer.concat([u32(1), u32(NONE)]), ext);
  const parts: Buffer[] = [
    stringPool(strings, false),
    chunk(0x0180, Buffer.alloc(0), Buffer.concat(resourceIds.map(u32))),
  ];
  const open: number[] = [];
  for (const element of elements) {
    const attrs = element.attrs.map((a) =>
      Buffer.concat([
        u32(a.ns ?? NONE),
        u32(a.name),
        u32(a.raw ?? NONE),
        u16(8),
        Buffer.from([0, a.type]),
        u32(a.data),
      ]),
    );
    const ext = Buffer.concat([
      u32(NONE),
      u32(element.name),
      u16(20),
      u16(20),
      u16(attrs.length),
      u16(0),
      u16(0),
      u16(0),
      ...attrs,
    ]);
    parts.push(node(0x0102, ext));
    open.push(element.name);
    if (element.close) parts.push(node(0x0103, Buffer.concat([u32(NONE), u32(open.pop()!)])));
  }
  while (open.length) parts.push(node(0x0103, Buffer.concat([u32(NONE), u32(open.pop()!)])));
  return chunk(0x0003, Buffer.alloc(0), Buffer.concat(parts));
}

// ---- tests ----

describe('string pools', () => {
  const strings = ['Foo Bar', '测试应用', '', 'x'.repeat(200), '富吧'.repeat(100)];

  it.each([
    ['UTF-8', true],
    ['UTF-16', false],
  ])('decode %s strings, including 2-byte lengths and Chinese', (_label, utf8) => {
    const pool = parseStringPool(stringPool(strings, utf8), 0);
    expect(pool.count).toBe(strings.length);
    expect(strings.map((_, i) => pool.get(i))).toEqual(strings);
    expect(pool.get(strings.length)).toBeNull();
    expect(pool.get(0xffffffff)).toBeNull();
  });

  it('refuses a header too short to hold the pool fields', () => {
    // A chunk of type 1 with an 8-byte header and nothing else: count and offsets would be read from what follows.
    const bytes = Buffer.concat([Buffer.from([0x01, 0x00, 0x08, 0x00]), u32(8), stringPool(['x'], true)]);
    expect(() => parseStringPool(bytes, 0)).toThrow('string pool header is too short');
  });

  it('refuses a string that runs past the pool', () => {
    const bytes = stringPool(['hello'], false);
    bytes.writeUInt16LE(500, 32); // the string's length prefix
    expect(() => parseStringPool(bytes, 0).get(0)).toThrow(FormatError);
  });
});

describe('resource tables', () => {
  const STRING = 0x7f020000;
  const keys = ['app_name', 'ic_launcher'];

  it.each([
    ['UTF-8', true],
    ['UTF-16', false],
  ])('resolve a label to the default configuration with a %s pool', (_label, utf8) => {
    const buf = resourceTable(['Foo Bar', '富吧', 'Foo Bar EN', 'Filipino'], utf8, keys, [
      {
        typeId: 2,
        locale: 'zh-CN',
        encoding: 'dense',
        entryCount: 1,
        entries: [{ index: 0, key: 0, type: VALUE.STRING, data: 1 }],
      },
      { typeId: 2, encoding: 'dense', entryCount: 1, entries: [{ index: 0, key: 0, type: VALUE.STRING, data: 0 }] },
      {
        typeId: 2,
        locale: 'en',
        encoding: 'dense',
        entryCount: 1,
        entries: [{ index: 0, key: 0, type: VALUE.STRING, data: 2 }],
      },
      {
        typeId: 2,
        locale: 'fil',
        encoding: 'dense',
        entryCount: 1,
        entries: [{ index: 0, key: 0, type: VALUE.STRING, data: 3 }],
      },
    ]);
    const table = parseResourceTable(buf);
    const entries = table.entries(STRING);
    expect(entries.map((e) => e.config.locale)).toEqual(['zh-CN', '', 'en', 'fil']);
    expect(entries.every((e) => e.key === 'app_name')).toBe(true);
    const best = preferDefault(entries);
    expect(best?.config.qualifiers).toBe(0);
    expect(table.strings.get(best!.value!.data)).toBe('Foo Bar');
  });

  it.each(['dense', 'offset16', 'sparse'] as const)('read %s type chunks, plain and compact entries', (encoding) => {
    const buf = resourceTable(
      ['a', 'b', 'c'],
      true,
      ['k0', 'k1', 'k2', 'k3'],
      [
        {
          typeId: 2,
          encoding,
          entryCount: 4,
          entries: [
            { index: 1, key: 1, type: VALUE.STRING, data: 2 },
            { index: 3, key: 3, type: VALUE.INT_DEC, data: 6100000, compact: true },
          ],
        },
      ],
    );
    const table = parseResourceTable(buf);
    expect(table.entries(0x7f020001)).toEqual([
      { config: { locale: '', density: 0, qualifiers: 0 }, key: 'k1', value: { type: VALUE.STRING, data: 2 } },
    ]);
    expect(table.entries(0x7f020003)[0]).toMatchObject({ key: 'k3', value: { type: VALUE.INT_DEC, data: 6100000 } });
    expect(table.entries(0x7f020000)).toEqual([]);
    expect(table.entries(0x7f020002)).toEqual([]);
    expect(table.entries(0x7f050000)).toEqual([]); // a type the table does not have
  });

  it('keeps the density of each configuration', () => {
    const buf = resourceTable(['res/a.png', 'res/b.png'], true, keys, [
      {
        typeId: 3,
        density: 160,
        encoding: 'dense',
        entryCount: 2,
        entries: [{ index: 1, key: 1, type: VALUE.STRING, data: 0 }],
      },
      {
        typeId: 3,
        density: 640,
        encoding: 'dense',
        entryCount: 2,
        entries: [{ index: 1, key: 1, type: VALUE.STRING, data: 1 }],
      },
    ]);
    const entries = parseResourceTable(buf).entries(0x7f030001);
    expect(entries.map((e) => [e.config.density, e.config.qualifiers])).toEqual([
      [160, 1],
      [640, 1],
    ]);
  });

  it('refuses a type chunk whose entry count runs past the chunk, instead of reading beyond it', () => {
    const buf = resourceTable(
      ['a'],
      true,
      ['k0'],
      [{ typeId: 2, encoding: 'dense', entryCount: 1, entries: [{ index: 0, key: 0, type: VALUE.STRING, data: 0 }] }],
    );
    const table = parseResourceTable(buf);
    expect(table.entries(0x7f020000)).toHaveLength(1);
    // The type chunk is the last one; its entryCount sits 12 bytes into it.
    const typeAt = buf.lastIndexOf(Buffer.from([0x01, 0x02, 84, 0x00]));
    expect(buf.readUInt32LE(typeAt + 12)).toBe(1);
    buf.writeUInt32LE(0x40000000, typeAt + 12);
    expect(() => parseResourceTable(buf).entries(0x7f020000)).toThrow(FormatError);
  });

  it('refuses an entry whose value lies past its type chunk', () => {
    const buf = resourceTable(
      ['a'],
      true,
      ['k0'],
      [{ typeId: 2, encoding: 'dense', entryCount: 1, entries: [{ index: 0, key: 0, type: VALUE.STRING, data: 0 }] }],
    );
    // The only entry is the last 16 bytes: u16 size (8) comes first.
    const entryAt = buf.length - 16;
    expect(buf.readUInt16LE(entryAt)).toBe(8);
    buf.writeUInt16LE(0x0400, entryAt); // the value would start 1 KiB on, past the chunk but not the buffer
    const padded = Buffer.concat([buf, Buffer.alloc(2048)]);
    expect(() => parseResourceTable(padded).entries(0x7f020000)).toThrow(FormatError);
  });

  it('refuses a file that is not a resource table', () => {
    expect(() => parseResourceTable(stringPool(['x'], true))).toThrow(FormatError);
  });
});

describe('binary XML manifests', () => {
  const strings = [
    'http://schemas.android.com/apk/res/android', // 0
    '', // 1: a name an obfuscator blanked (versionCode)
    '', // 2: blanked (versionName)
    '', // 3: blanked (label)
    'minSdkVersion', // 4
    'targetSdkVersion', // 5
    'manifest', // 6
    'package', // 7
    'com.foo.bar', // 8
    'uses-sdk', // 9
    'application', // 10
    '21', // 11
  ];
  // Resource map: string index -> framework attribute id.
  const ids = [0, 0x0101021b, 0x0101021c, 0x01010001, 0x0101020c, 0x01010270];
  const table = parseResourceTable(
    resourceTable(
      ['6.10.0', '测试应用'],
      false,
      ['version_name', 'app_name', 'target'],
      [
        {
          typeId: 2,
          encoding: 'dense',
          entryCount: 2,
          entries: [
            { index: 0, key: 0, type: VALUE.STRING, data: 0 },
            { index: 1, key: 1, type: VALUE.STRING, data: 1 },
          ],
        },
        { typeId: 4, encoding: 'dense', entryCount: 1, entries: [{ index: 0, key: 2, type: VALUE.INT_DEC, data: 34 }] },
      ],
    ),
  );
  const xml = binaryXml(strings, ids, [
    {
      name: 6,
      close: false,
      attrs: [
        { name: 7, raw: 8, type: VALUE.STRING, data: 8 },
        { ns: 0, name: 1, type: VALUE.INT_DEC, data: 6100000 },
        { ns: 0, name: 2, type: VALUE.REFERENCE, data: 0x7f020000 },
      ],
    },
    {
      name: 9,
      close: true,
      attrs: [
        { ns: 0, name: 4, raw: 11, type: VALUE.STRING, data: 11 },
        { ns: 0, name: 5, type: VALUE.REFERENCE, data: 0x7f040000 },
      ],
    },
    { name: 10, close: true, attrs: [{ ns: 0, name: 3, type: VALUE.REFERENCE, data: 0x7f020001 }] },
  ]);

  it('builds the element tree', () => {
    const root = parseBinaryXml(xml);
    expect(root.name).toBe('manifest');
    expect(root.children.map((c) => c.name)).toEqual(['uses-sdk', 'application']);
    expect(root.attributes[1]).toMatchObject({
      namespace: strings[0],
      resourceId: 0x0101021b,
      value: { data: 6100000 },
    });
  });

  it('finds attributes by resource id when their names were blanked, and resolves references', () => {
    expect(readManifest(parseBinaryXml(xml), table)).toEqual({
      package: 'com.foo.bar',
      versionCode: 6100000,
      versionName: '6.10.0',
      label: '测试应用',
      minSdk: 21, // written as the string "21"
      targetSdk: 34, // a reference to an integer resource
      iconId: null,
    });
  });

  it('refuses a manifest without a package, and bytes that are not binary XML', () => {
    const noPackage = binaryXml(strings, ids, [
      { name: 6, close: true, attrs: [{ ns: 0, name: 1, type: VALUE.INT_DEC, data: 1 }] },
    ]);
    expect(() => readManifest(parseBinaryXml(noPackage), null)).toThrow('<manifest> has no package attribute');
    expect(() => parseBinaryXml(Buffer.from('<manifest package="x"/>'))).toThrow();
  });
});
