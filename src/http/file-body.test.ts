import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileBody } from './file-body.js';

const dir = mkdtempSync(join(tmpdir(), 'appstores-filebody-'));
const file = join(dir, 'blob.bin');
const content = Buffer.from(Array.from({ length: 3 * 1024 * 1024 + 5 }, (_, i) => i % 251));
writeFileSync(file, content);

async function read(body: ReturnType<typeof fileBody>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  // Copies: a chunk is only valid until the next one is asked for (the reader reuses its buffer).
  for await (const chunk of body.open()) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('fileBody', () => {
  it('streams exactly a byte range, with its exact length, afresh on every open()', async () => {
    const body = fileBody(file, { offset: 1_048_570, length: 2_000_000 });
    expect(body.length).toBe(2_000_000);
    expect(body.contentType).toBe('application/octet-stream');
    const first = await read(body);
    const second = await read(body);
    expect(first.equals(content.subarray(1_048_570, 3_048_570))).toBe(true);
    expect(second.equals(first)).toBe(true);
  });

  it('sends the whole file, or nothing for an empty range', async () => {
    expect((await read(fileBody(file, { length: content.length }, 'application/zip'))).equals(content)).toBe(true);
    expect((await read(fileBody(file, { offset: 10, length: 0 }))).length).toBe(0);
    expect(() => fileBody(file, { offset: -1, length: 1 })).toThrow(RangeError);
  });
});
