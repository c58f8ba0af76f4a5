import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { hashFile } from './hash.js';
import { readArtifact } from './index.js';

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

  it.each([Infinity, 0])(
    'reports progress that grows to the file size (worker threshold %s)',
    async (workerThreshold) => {
      const calls: Array<[number, number]> = [];
      await hashFile(file, (done, total) => calls.push([done, total]), { workerThreshold });
      expect(calls.length).toBe(6); // 5 full chunks and the partial one
      expect(calls.at(-1)).toEqual([bytes.length, bytes.length]);
      for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
    },
  );

  it('hashes an empty file and still reports progress once', async () => {
    const empty = join(dir, 'empty.bin');
    writeFileSync(empty, '');
    const calls: Array<[number, number]> = [];
    expect(await hashFile(empty, (done, total) => calls.push([done, total]))).toEqual(reference(Buffer.alloc(0)));
    expect(calls).toEqual([[0, 0]]);
  });

  it.each([
    ['on one thread', Infinity],
    ['with the MD5 worker thread', 0],
  ])('stops %s when the signal is aborted, rejecting with its reason', async (_label, workerThreshold) => {
    const controller = new AbortController();
    const reason = new Error('interrupted');
    const calls: number[] = [];
    const result = hashFile(
      file,
      (done) => {
        calls.push(done);
        controller.abort(reason);
      },
      { workerThreshold, signal: controller.signal },
    );
    await expect(result).rejects.toBe(reason);
    expect(calls).toEqual([1024 * 1024]); // not one chunk more after the abort
  });

  it('refuses to start with a signal that is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('interrupted before'));
    const calls: number[] = [];
    await expect(hashFile(file, (done) => calls.push(done), { signal: controller.signal })).rejects.toThrow(
      'interrupted before',
    );
    expect(calls).toEqual([]);
  });

  it('readArtifact passes its signal on to the hashing pass', async () => {
    const apk = fileURLToPath(new URL('../../fixtures/apk/app-universal.apk', import.meta.url));
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(readArtifact(apk, { signal: controller.signal })).rejects.toThrow('stop');
    expect(await readArtifact(apk, {})).toMatchObject({ kind: 'apk', package: 'com.foo.bar' });
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
