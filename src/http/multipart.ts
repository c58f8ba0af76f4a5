/**
 * A streaming multipart/form-data body with an exact Content-Length. Files are read from disk in
 * 1 MiB chunks into one reused buffer (file-chunks.ts) on every attempt; nothing is buffered whole. (Our own few lines rather than the
 * form-data package: we need the exact length up front, a fresh stream per retry and byte-level
 * progress, and form-data's length calculation is callback-based and its stream is not reusable.)
 */
import { randomBytes } from 'node:crypto';
import type { StreamBody } from './client.js';
import { FileChunks } from './file-chunks.js';

export type MultipartField =
  | { name: string; value: string }
  | { name: string; file: { path: string; size: number; filename: string; contentType?: string } }
  /** A small file part already in memory (an icon extracted from an APK). */
  | { name: string; data: Buffer; filename: string; contentType?: string };

const CRLF = '\r\n';
const crlf = Buffer.from(CRLF);

export function multipartBody(fields: MultipartField[]): StreamBody {
  const boundary = `----appstores${randomBytes(12).toString('hex')}`;
  const heads = fields.map((field) => {
    const file = 'file' in field ? field.file : 'data' in field ? field : null;
    const disposition = file
      ? `form-data; name="${quote(field.name)}"; filename="${quote(file.filename)}"`
      : `form-data; name="${quote(field.name)}"`;
    const type = file ? `${CRLF}Content-Type: ${file.contentType ?? 'application/octet-stream'}` : '';
    return Buffer.from(`--${boundary}${CRLF}Content-Disposition: ${disposition}${type}${CRLF}${CRLF}`);
  });
  const values = fields.map((field) =>
    'file' in field ? null : 'data' in field ? field.data : Buffer.from(field.value, 'utf8'),
  );
  const tail = Buffer.from(`--${boundary}--${CRLF}`);
  const length =
    fields.reduce((sum, field, i) => {
      const content = 'file' in field ? field.file.size : values[i]!.length;
      return sum + heads[i]!.length + content + CRLF.length;
    }, 0) + tail.length;

  return {
    length,
    contentType: `multipart/form-data; boundary=${boundary}`,
    async *open(onSent) {
      // One reader (one reused 1 MiB buffer, one byte count) for the whole body of this attempt.
      const files = new FileChunks(onSent);
      for (const [i, field] of fields.entries()) {
        yield heads[i]!;
        files.taken(heads[i]!);
        if ('file' in field) {
          yield* files.read(field.file.path, 0, field.file.size);
        } else {
          yield values[i]!;
          files.taken(values[i]!);
        }
        yield crlf;
        files.taken(crlf);
      }
      yield tail;
      files.taken(tail);
    },
  };
}

function quote(value: string): string {
  return value.replace(/["\r\n]/g, (c) => encodeURIComponent(c));
}
