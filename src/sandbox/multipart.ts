/**
 * A small streaming multipart/form-data reader for the emulators. The emulators keep their own
 * parser (not the adapters' encoder) so that an encoding mistake shows up as a store error.
 * File parts (those with a filename) go to temp files with their hashes; fields stay in memory.
 */
import { createHash } from 'node:crypto';
import type { EmulatorRequest } from './types.js';
import { Spool, type SpooledFile, type SpoolOptions, type TempArea } from './spool.js';

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  size: number;
  md5: string;
  /** Always for a field; for a file part only when the emulator declares `sha256Uploads`. */
  sha256?: string;
  /** The bytes of a field (a part without a filename). */
  data?: Buffer;
  /** The temp file of a file part (a part with a filename). */
  file?: SpooledFile;
}

/** A field larger than this is refused as malformed: fields are short texts (JSON at most). */
const MAX_FIELD_BYTES = 4 * 1024 * 1024;
const MAX_HEADER_BYTES = 16 * 1024;

export function contentTypeOf(headers: Record<string, string | string[] | undefined>): string {
  const value = headers['content-type'];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export function boundaryOf(contentType: string): string | null {
  return /^multipart\/form-data;.*boundary=("?)([^";]+)\1/i.exec(contentType)?.[2] ?? null;
}

type State = 'start' | 'after-boundary' | 'headers' | 'data' | 'done';

/**
 * Feed it the body chunk by chunk (`write`), then `end()`: the parts, or an Error saying why the
 * body is malformed. After an error it swallows the rest of the body.
 */
export class MultipartReader {
  private readonly boundary: Buffer;
  private readonly delimiter: Buffer;
  private state: State = 'start';
  private pending: Buffer = Buffer.alloc(0);
  private readonly parts: FormPart[] = [];
  private error: Error | null = null;
  private aborting: Promise<void> = Promise.resolve();
  private current: {
    part: Omit<FormPart, 'size' | 'md5' | 'sha256'>;
    spool?: Spool;
    chunks: Buffer[];
    size: number;
  } | null = null;
  constructor(
    boundary: string,
    private readonly temp: TempArea,
    /** Every temp file this reader creates is added here, for the caller to remove. */
    private readonly paths: string[] = [],
    private readonly spoolOptions: SpoolOptions = { sha256: true },
  ) {
    this.boundary = Buffer.from(`--${boundary}`);
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.error || this.state === 'done') return;
    try {
      this.pending = await this.join(chunk);
    } catch (error) {
      this.fail(error);
      return;
    }
    try {
      await this.advance(false);
    } catch (error) {
      this.fail(error);
    }
  }

  async end(): Promise<FormPart[] | Error> {
    if (!this.error) {
      try {
        await this.advance(true);
        if (this.state !== 'done') throw new Error('multipart body is truncated');
      } catch (error) {
        this.fail(error);
      }
    }
    await this.aborting;
    return this.error ?? this.parts;
  }

  /** The body stopped arriving (connection broken): closes the open temp file, if any. */
  async abort(): Promise<void> {
    this.fail(new Error('the request body was cut off'));
    await this.aborting;
  }

  /**
   * The bytes to parse next: in a part's data, `pending` is only the few bytes kept back in case a
   * delimiter straddles two chunks. Rather than copying every 64 KiB chunk onto them, look for a
   * delimiter that starts in those bytes (it reaches at most delimiter-1 bytes into the chunk);
   * when there is none they are plain data: emit them and parse the chunk as it is. Small chunks
   * (shorter than that reach) are simply joined: copying them costs nothing.
   */
  private async join(chunk: Buffer): Promise<Buffer> {
    const pending = this.pending;
    if (pending.length === 0) return chunk;
    // The fast path needs the whole of a delimiter that starts in `pending` inside the probe.
    const reach = this.delimiter.length - 1;
    if (this.state !== 'data' || pending.length > reach || chunk.length < reach) return Buffer.concat([pending, chunk]);
    const probe = Buffer.concat([pending, chunk.subarray(0, reach)]);
    const at = probe.indexOf(this.delimiter);
    if (at >= 0 && at < pending.length) return Buffer.concat([pending, chunk]);
    await this.emit(pending);
    return chunk;
  }

  private fail(error: unknown): void {
    this.error = error instanceof Error ? error : new Error(String(error));
    if (this.current?.spool) this.aborting = this.current.spool.abort();
    this.current = null;
    this.pending = Buffer.alloc(0);
  }

  private async advance(ended: boolean): Promise<void> {
    while (true) {
      const buf = this.pending;
      if (this.state === 'done') {
        this.pending = Buffer.alloc(0);
        return;
      }
      if (this.state === 'start') {
        if (buf.length < this.boundary.length) {
          if (ended || !this.boundary.subarray(0, buf.length).equals(buf)) {
            throw new Error('multipart body does not start with the boundary');
          }
          return;
        }
        if (!buf.subarray(0, this.boundary.length).equals(this.boundary)) {
          throw new Error('multipart body does not start with the boundary');
        }
        this.pending = buf.subarray(this.boundary.length);
        this.state = 'after-boundary';
      } else if (this.state === 'after-boundary') {
        if (buf.length < 2) return;
        const two = buf.subarray(0, 2).toString('latin1');
        if (two === '--') {
          this.state = 'done';
        } else if (two === '\r\n') {
          this.pending = buf.subarray(2);
          this.state = 'headers';
        } else {
          throw new Error('malformed multipart boundary line');
        }
      } else if (this.state === 'headers') {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buf.length > MAX_HEADER_BYTES || ended) throw new Error('malformed multipart part headers');
          return;
        }
        this.startPart(buf.subarray(0, end).toString('utf8'));
        this.pending = buf.subarray(end + 4);
        this.state = 'data';
      } else {
        const at = buf.indexOf(this.delimiter);
        if (at >= 0) {
          await this.emit(buf.subarray(0, at));
          await this.finishPart();
          this.pending = buf.subarray(at + this.delimiter.length);
          this.state = 'after-boundary';
          continue;
        }
        // Keep what could be the start of a delimiter split across chunks; copy it so the big
        // chunk it came from can be freed.
        const keep = Math.min(buf.length, this.delimiter.length - 1);
        await this.emit(buf.subarray(0, buf.length - keep));
        this.pending = Buffer.from(buf.subarray(buf.length - keep));
        return;
      }
    }
  }

  private startPart(headerText: string): void {
    const headers = Object.fromEntries(
      headerText.split('\r\n').map((line) => {
        const i = line.indexOf(':');
        return [line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()];
      }),
    );
    const disposition = headers['content-disposition'] ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
    if (name === undefined) throw new Error('multipart part without a name');
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
    const part = { name, filename, contentType: headers['content-type'] };
    if (filename === undefined) {
      this.current = { part, chunks: [], size: 0 };
    } else {
      const path = this.temp.newPath(filename || name);
      this.paths.push(path);
      this.current = { part, spool: new Spool(path, this.spoolOptions), chunks: [], size: 0 };
    }
  }

  private async emit(bytes: Buffer): Promise<void> {
    const current = this.current!;
    if (bytes.length === 0) return;
    current.size += bytes.length;
    if (current.spool) return current.spool.write(bytes);
    if (current.size > MAX_FIELD_BYTES) throw new Error(`multipart field ${current.part.name} is too large`);
    current.chunks.push(Buffer.from(bytes));
  }

  private async finishPart(): Promise<void> {
    const current = this.current!;
    this.current = null;
    if (current.spool) {
      const file = await current.spool.finish();
      this.parts.push({ ...current.part, size: file.size, md5: file.md5, sha256: file.sha256, file });
      return;
    }
    const data = Buffer.concat(current.chunks);
    this.parts.push({
      ...current.part,
      size: data.length,
      md5: createHash('md5').update(data).digest('hex'),
      sha256: createHash('sha256').update(data).digest('hex'),
      data,
    });
  }
}

/** The parts of a multipart/form-data request; throws when the body or boundary is malformed. */
export function multipartParts(req: EmulatorRequest): FormPart[] {
  const contentType = contentTypeOf(req.headers);
  if (!boundaryOf(contentType)) throw new Error(`not multipart/form-data: ${contentType || '(no content-type)'}`);
  if (!req.multipart) throw new Error('multipart body was not read');
  if (req.multipart instanceof Error) throw req.multipart;
  return req.multipart;
}

/** The text of a field part (a file part has none). */
export function partText(part: FormPart): string {
  return part.data?.toString('utf8') ?? '';
}

/** The text fields of a form body, urlencoded or multipart (file parts are left out). */
export function formFields(req: EmulatorRequest): Record<string, string> {
  const contentType = contentTypeOf(req.headers);
  if (/^multipart\/form-data/i.test(contentType)) {
    const fields: Record<string, string> = {};
    for (const part of multipartParts(req)) if (part.filename === undefined) fields[part.name] = partText(part);
    return fields;
  }
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
    return Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
  }
  return {};
}
