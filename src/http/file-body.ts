/**
 * The raw bytes of a file (or a byte range of it) as a request body, for a PUT to a pre-signed URL
 * (YYB COS, Huawei OBS, Apple upload operations): an exact Content-Length, streamed from disk in
 * 1 MiB reads into one reused buffer, and a fresh stream for every attempt (the client calls open()
 * per attempt).
 */
import type { StreamBody } from './client.js';
import { fileChunks } from './file-chunks.js';

export interface FileRange {
  /** First byte (default 0). */
  offset?: number;
  /** Bytes to send (default: the rest of the file from offset; give it: the size is not read here). */
  length: number;
}

export function fileBody(path: string, range: FileRange, contentType = 'application/octet-stream'): StreamBody {
  const offset = range.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(range.length) || range.length < 0) {
    throw new RangeError(`bad byte range ${offset}+${range.length} of ${path}`);
  }
  return {
    length: range.length,
    contentType,
    open: (onSent) => fileChunks(path, offset, range.length, onSent),
  };
}
