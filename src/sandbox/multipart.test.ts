/**
 * The emulators' streaming multipart reader fed the same body in chunks of every kind of size:
 * the parts (and their hashes) must not depend on where the chunks split, including splits inside
 * a delimiter and data that looks like the start of one. Temp files go where the caller says.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MultipartReader, type FormPart } from './multipart.js';
import { TempArea } from './spool.js';

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const BOUNDARY = 'b0und4ry';
/** Random bytes with near-delimiters planted in them (a CRLF and a partial boundary). */
const file = Buffer.concat([
  randomBytes(70_000),
  Buffer.from(`\r\n--${BOUNDARY.slice(0, 5)}`),
  randomBytes(3),
  Buffer.from('\r\n-'),
  Buffer.from(`\r\n--${BOUNDARY.slice(0, 7)}X`),
  randomBytes(200_001),
]);
const body = Buffer.concat([
  Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="type"\r\n\r\napk\r\n`),
  Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.apk"\r\n\r\n`),
  file,
  Buffer.from(`\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="empty"; filename="e.bin"\r\n\r\n`),
  Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
]);

let temp: TempArea;
beforeAll(async () => {
  temp = await TempArea.create();
});
afterAll(() => temp.close());

async function parse(sizes: (i: number) => number, sha: boolean): Promise<{ parts: FormPart[]; paths: string[] }> {
  const paths: string[] = [];
  const reader = new MultipartReader(BOUNDARY, temp, paths, { sha256: sha });
  for (let at = 0, i = 0; at < body.length; i++) {
    const size = Math.max(1, sizes(i));
    // A fresh copy per chunk, as a socket delivers them.
    await reader.write(Buffer.from(body.subarray(at, at + size)));
    at += size;
  }
  const parts = await reader.end();
  if (parts instanceof Error) throw parts;
  return { parts, paths };
}

describe('MultipartReader', () => {
  const splits: Array<[string, (i: number) => number]> = [
    ['one chunk', () => body.length],
    ['64 KiB chunks', () => 65_536],
    ['1-byte chunks', () => 1],
    ['chunks shorter than the delimiter', (i) => 1 + (i % 13)],
    ['irregular chunks', (i) => [7, 65_536, 3, 11, 40_000, 1, 2][i % 7]!],
  ];
  it.each(splits)('finds the same parts in %s', async (_, sizes) => {
    const { parts, paths } = await parse(sizes, true);
    expect(parts.map((p) => [p.name, p.filename, p.size])).toEqual([
      ['type', undefined, 3],
      ['file', 'a.apk', file.length],
      ['empty', 'e.bin', 0],
    ]);
    expect(parts[0]!.data!.toString()).toBe('apk');
    const spooled = parts[1]!.file!;
    expect(spooled).toMatchObject({ size: file.length, md5: md5(file), sha256: sha256(file) });
    expect(readFileSync(spooled.path).equals(file)).toBe(true);
    expect(parts[2]!.file).toMatchObject({ size: 0, md5: md5(Buffer.alloc(0)) });
    // The caller removes the reader's temp files.
    expect(paths).toEqual([spooled.path, parts[2]!.file!.path]);
    for (const path of paths) await temp.remove(path);
    expect(paths.some((path) => existsSync(path))).toBe(false);
  });

  it('leaves SHA-256 out of file parts unless asked', async () => {
    const { parts, paths } = await parse(() => 65_536, false);
    expect(parts[1]!.file).toMatchObject({ size: file.length, md5: md5(file) });
    expect(parts[1]!.sha256).toBeUndefined();
    expect(parts[0]!.sha256).toBe(sha256(Buffer.from('apk')));
    for (const path of paths) await temp.remove(path);
  });

  it('aborting mid-part closes its temp file and reports the cut', async () => {
    const paths: string[] = [];
    const reader = new MultipartReader(BOUNDARY, temp, paths, { sha256: false });
    await reader.write(Buffer.from(body.subarray(0, 100_000)));
    await reader.abort();
    expect(await reader.end()).toEqual(new Error('the request body was cut off'));
    expect(paths).toHaveLength(1);
    await temp.remove(paths[0]!);
    expect(existsSync(paths[0]!)).toBe(false);
  });
});
