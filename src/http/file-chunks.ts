/**
 * The bytes of a file (or a byte range of it) as 1 MiB chunks, read straight from a file handle:
 * one layer between the disk and undici, no stream in between. Each read gets its own buffer:
 * undici hands the chunk to the socket, which may still hold it after the write returns, so a
 * buffer reused for the next read could be overwritten before it is sent.
 */
import { open } from 'node:fs/promises';

const CHUNK = 1 << 20;

export async function* fileChunks(path: string, offset: number, length: number): AsyncGenerator<Buffer> {
  if (length === 0) return;
  const handle = await open(path, 'r');
  try {
    let position = offset;
    let left = length;
    while (left > 0) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, left));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      // A file that shrank since it was measured: send what is there; the client's exact
      // Content-Length makes the request fail rather than send a short body as complete.
      if (bytesRead === 0) return;
      position += bytesRead;
      left -= bytesRead;
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
