import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { hashFile } from './hash.js';

let dir: string;
let file: string;
let bytes: Buffer;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'appstores-hash-'));
  file = join(dir, 'data.bin');
  // Not a multiple of the 1 MiB chunk, so the last chunk is partial.
  bytes = randomBytes(5 * 1024 * 1024 + 12345);
  writeFileSync(file, bytes);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reference = (data: Buffer) => ({
  size: data.length,
  md5: createHash('md5').update(data).digest('hex'),
  sha256: createHash('sha256').update(data).digest('hex'),
});

describe('hashFile', () => {
  it.each([
    ['on one thread', Infinity],
    ['with the MD5 worker thread', 0],
  ])('matches node:crypto over the whole file %s', async (_label, workerThreshold) => {
    expect(await hashFile(file, undefined, { workerThreshold })).toEqual(reference(bytes));
  });

  it.each([Infinity, 0])('reports progress that grows to the file size (worker threshold %s)', async (workerThreshold) => {
    const calls: Array<[number, number]> = [];
    await hashFile(file, (done, total) => calls.push([done, total]), { workerThreshold });
    expect(calls.length).toBe(6); // 5 full chunks and the partial one
    expect(calls.at(-1)).toEqual([bytes.length, bytes.length]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
  });

  it('hashes an empty file and still reports progress once', async () => {
    const empty = join(dir, 'empty.bin');
    writeFileSync(empty, '');
    const calls: Array<[number, number]> = [];
    expect(await hashFile(empty, (done, total) => calls.push([done, total]))).toEqual(reference(Buffer.alloc(0)));
    expect(calls).toEqual([[0, 0]]);
  });

  it('refuses a missing file and a directory with FILE_NOT_FOUND naming the path', async () => {
    for (const [path, problem] of [
      [join(dir, 'missing.bin'), 'no such file'],
      [dir, 'is a directory, not a file'],
    ] as const) {
      const error = await hashFile(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).code).toBe('FILE_NOT_FOUND');
      expect((error as InputError).message).toBe(`${path}: ${problem}`);
    }
  });
});
