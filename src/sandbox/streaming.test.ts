/** The harness streams uploads to temp files: emulators get paths and hashes, the log gets sizes. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartParts } from './multipart.js';
import { startSandbox, type Sandbox } from './server.js';
import type { Emulator, EmulatorRequest } from './types.js';

interface Seen {
  parts: Array<{
    name: string;
    size: number;
    md5: string;
    sha256: string | null;
    data: string | null;
    path: string | null;
    onDisk: boolean;
  }>;
  error: string | null;
  upload: EmulatorRequest['upload'];
  uploadOnDisk: boolean;
  bodyLength: number;
}

const seen: Seen[] = [];
const recorder: Emulator = {
  id: 'rec',
  secretParams: ['token'],
  config: (baseUrl) => ({ baseUrl }),
  handle(req) {
    const entry: Seen = {
      parts: [],
      error: null,
      upload: req.upload,
      uploadOnDisk: false,
      bodyLength: req.body.length,
    };
    if (req.upload) entry.uploadOnDisk = existsSync(req.upload.path);
    if (req.multipart) {
      try {
        entry.parts = multipartParts(req).map((p) => ({
          name: p.name,
          size: p.size,
          md5: p.md5,
          sha256: p.sha256 ?? null,
          data: p.data?.toString('utf8') ?? null,
          path: p.file?.path ?? null,
          onDisk: p.file ? existsSync(p.file.path) : false,
        }));
      } catch (error) {
        entry.error = (error as Error).message;
      }
    }
    if (req.upload && req.query.get('keep') === '1') req.keep(req.upload);
    seen.push(entry);
    return { body: { ok: true } };
  },
};

/** The same, for a store that checks SHA-256 (Honor, Huawei): the sandbox computes it too. */
const recorder256: Emulator = { ...recorder, id: 'rec256', sha256Uploads: true };

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox([recorder, recorder256]);
});
afterAll(() => sb.close());

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** 8 MiB of varied bytes, far more than the harness reads ahead (64 KiB). */
const big = Buffer.alloc(8 * 1024 * 1024);
for (let i = 0; i < big.length; i += 4) big.writeUInt32LE((i * 2654435761) >>> 0, i);

function multipart(fields: Record<string, string>, file: Buffer, boundary = 'XyZ-streaming-test'): Buffer {
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  chunks.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="app.apk"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return Buffer.concat(chunks);
}

async function post(path: string, body: Buffer, type: string, method = 'POST', store = 'rec') {
  const res = await fetch(`${sb.baseUrl(store)}${path}`, { method, headers: { 'content-type': type }, body });
  await res.arrayBuffer();
  return res;
}

describe('streaming uploads', () => {
  it('hands a large file part to the emulator as a temp file with its md5, and logs sizes, not bytes', async () => {
    const body = multipart({ type: 'apk', token: 'very-secret-token' }, big);
    const res = await post('/upload', body, 'multipart/form-data; boundary=XyZ-streaming-test');
    expect(res.status).toBe(200);
    const got = seen.at(-1)!;
    expect(got.error).toBeNull();
    expect(got.parts.map((p) => p.name)).toEqual(['type', 'token', 'file']);
    const file = got.parts.find((p) => p.name === 'file')!;
    expect(file).toMatchObject({ size: big.length, md5: md5(big), data: null, onDisk: true });
    expect(got.parts[0]).toMatchObject({ data: 'apk', path: null });
    // Removed once the request was answered.
    expect(existsSync(file.path!)).toBe(false);

    const entry = sb.log.find((e) => e.path === '/upload')!;
    expect(entry.fields).toEqual({ type: 'apk', token: '***', file: `<file ${big.length} bytes md5 ${md5(big)}>` });
    expect(JSON.stringify(sb.log)).not.toContain('very-secret-token');
  });

  it('finds a boundary split across chunks of any size', async () => {
    // Bytes that look like the start of the delimiter, right before it.
    const tricky = Buffer.concat([big.subarray(0, 100_000), Buffer.from('\r\n--XyZ-stream'), big.subarray(0, 65_521)]);
    expect(
      (await post('/tricky', multipart({ a: '1' }, tricky), 'multipart/form-data; boundary=XyZ-streaming-test')).status,
    ).toBe(200);
    const file = seen.at(-1)!.parts.find((p) => p.name === 'file')!;
    expect(file).toMatchObject({ size: tricky.length, md5: md5(tricky) });
  });

  it('streams a raw upload to a temp file with md5, sha256 and size, and logs only those', async () => {
    const res = await post('/put', big, 'application/octet-stream', 'PUT', 'rec256');
    expect(res.status).toBe(200);
    const got = seen.at(-1)!;
    expect(got.bodyLength).toBe(0);
    expect(got.uploadOnDisk).toBe(true);
    expect(got.upload).toMatchObject({
      size: big.length,
      md5: md5(big),
      sha256: sha256(big),
    });
    expect(existsSync(got.upload!.path)).toBe(false);
    expect(sb.log.find((e) => e.path === '/put')).toMatchObject({
      upload: { size: big.length, md5: md5(big), sha256: sha256(big) },
    });
  });

  it('computes SHA-256 only for an emulator that declares it needs one', async () => {
    const type = 'multipart/form-data; boundary=XyZ-streaming-test';
    expect((await post('/no-sha', multipart({ a: '1' }, big), type)).status).toBe(200);
    const plain = seen.at(-1)!.parts.find((p) => p.name === 'file')!;
    expect(plain).toMatchObject({ size: big.length, md5: md5(big), sha256: null });
    // Fields are small and always carry both hashes.
    expect(seen.at(-1)!.parts[0]).toMatchObject({ sha256: sha256(Buffer.from('1')) });
    expect((await post('/sha', multipart({ a: '1' }, big), type, 'POST', 'rec256')).status).toBe(200);
    const checked = seen.at(-1)!.parts.find((p) => p.name === 'file')!;
    expect(checked).toMatchObject({ size: big.length, md5: md5(big), sha256: sha256(big) });
    expect(existsSync(checked.path!)).toBe(false);
    expect((await post('/put-no-sha', big, 'application/octet-stream', 'PUT')).status).toBe(200);
    expect(seen.at(-1)!.upload).toMatchObject({ size: big.length, md5: md5(big) });
    expect(seen.at(-1)!.upload!.sha256).toBeUndefined();
    expect(sb.log.find((e) => e.path === '/put-no-sha')!.upload).toEqual({ size: big.length, md5: md5(big) });
  });

  it('keeps a file an emulator asks for until the sandbox closes', async () => {
    const own = await startSandbox([recorder]);
    const res = await fetch(`${own.baseUrl('rec')}/put?keep=1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from('kept bytes'),
    });
    expect(res.status).toBe(200);
    await res.text();
    const kept = seen.at(-1)!.upload!;
    expect(existsSync(kept.path)).toBe(true);
    await own.close();
    expect(existsSync(kept.path)).toBe(false);
    expect(existsSync(dirname(kept.path))).toBe(false);
  });

  it('reports a malformed multipart body to the emulator and leaves no temp file', async () => {
    const body = multipart({ a: '1' }, big).subarray(0, big.length / 2); // truncated
    const res = await post('/truncated', body, 'multipart/form-data; boundary=XyZ-streaming-test');
    expect(res.status).toBe(200);
    expect(seen.at(-1)!.error).toBe('multipart body is truncated');
    expect(sb.log.find((e) => e.path === '/truncated')!.fields).toEqual({});
  });

  it('survives a reset in the middle of a large upload, and the next upload goes through', async () => {
    sb.inject({ store: 'rec', match: '/reset', fault: { kind: 'reset', afterBytes: 1_000_000 } });
    const body = multipart({ a: '1' }, big);
    const type = 'multipart/form-data; boundary=XyZ-streaming-test';
    await expect(post('/reset', body, type)).rejects.toThrow();
    expect(sb.log.find((e) => e.path === '/reset')).toMatchObject({ fault: 'reset', status: null });
    expect((await post('/after-reset', body, type)).status).toBe(200);
    const file = seen.at(-1)!.parts.find((p) => p.name === 'file')!;
    expect(file).toMatchObject({ size: big.length, md5: md5(big) });
    // Nothing is left behind in the sandbox's temp area.
    expect(readdirSync(dirname(file.path!))).toEqual([]);
  });
});
