/**
 * Random-access reading of an APK / IPA: the central directory once, then only the entries asked
 * for (yauzl), plus raw byte ranges through our own file handle (for the APK Signing Block).
 * The file is never read whole. Every failure is a one-line InputError naming the file.
 */
import type { FileHandle } from 'node:fs/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { openRegularFile, readAt } from './file-access.js';
import { artifactError, fileAccessError } from './input-errors.js';

export interface ZipArchive {
  /** The path as the user gave it, for messages. */
  readonly file: string;
  readonly size: number;
  /** Our own handle on the file, for reads outside the zip entries. */
  readonly handle: FileHandle;
  /** Entry names in central directory order. */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** The uncompressed bytes of an entry; refuses entries larger than `maxBytes`. */
  read(name: string, maxBytes?: number): Promise<Buffer>;
  close(): Promise<void>;
}

const DEFAULT_MAX_ENTRY = 64 * 1024 * 1024;
// Local file header, or the end record of an empty archive.
const ZIP_MAGICS = [Buffer.from('504b0304', 'hex'), Buffer.from('504b0506', 'hex')];

export async function openZip(file: string): Promise<ZipArchive> {
  const { handle, size } = await openRegularFile(file);
  let zip: ZipFile | undefined;
  try {
    if (size === 0) throw artifactError('NOT_A_ZIP', file, 'is empty, not an APK or IPA');
    const head = await readAt(handle, 0, 4);
    const looksLikeZip = ZIP_MAGICS.some((magic) => head.equals(magic));
    try {
      zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
    } catch (error) {
      if (isErrno(error)) throw fileAccessError(file, error);
      if (!looksLikeZip) throw artifactError('NOT_A_ZIP', file, 'is not an APK or IPA (not a zip archive)', error);
      const reason = /end of central directory/i.test(describe(error))
        ? 'the zip directory at its end is missing'
        : describe(error);
      throw artifactError('CORRUPT_ZIP', file, `is a truncated or damaged zip archive (${reason})`, error);
    }
    const entries = new Map<string, Entry>();
    try {
      for await (const entry of zip.eachEntry()) {
        if (!entries.has(entry.fileName)) entries.set(entry.fileName, entry);
      }
    } catch (error) {
      throw artifactError('CORRUPT_ZIP', file, `has a damaged zip central directory (${describe(error)})`, error);
    }
    return archive(file, size, handle, zip, entries);
  } catch (error) {
    zip?.close();
    await handle.close();
    throw error;
  }
}

/** Opens, runs `use`, and always closes. */
export async function withZip<T>(file: string, use: (zip: ZipArchive) => Promise<T>): Promise<T> {
  const zip = await openZip(file);
  try {
    return await use(zip);
  } finally {
    await zip.close();
  }
}

function archive(
  file: string,
  size: number,
  handle: FileHandle,
  zip: ZipFile,
  entries: Map<string, Entry>,
): ZipArchive {
  return {
    file,
    size,
    handle,
    names: [...entries.keys()],
    has: (name) => entries.has(name),
    async read(name, maxBytes = DEFAULT_MAX_ENTRY) {
      const entry = entries.get(name);
      if (!entry) throw artifactError('CORRUPT_ZIP', file, `has no entry ${name}`);
      if (entry.uncompressedSize > maxBytes) {
        throw artifactError('CORRUPT_ZIP', file, `has an implausibly large ${name} (${entry.uncompressedSize} bytes)`);
      }
      try {
        const stream = await zip.openReadStreamPromise(entry);
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      } catch (error) {
        throw artifactError('CORRUPT_ZIP', file, `cannot read ${name} inside it (${describe(error)})`, error);
      }
    },
    async close() {
      zip.close();
      await handle.close();
    },
  };
}

function isErrno(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).errno === 'number';
}

/** The library's reason, shortened to its first sentence. */
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split(/(?<=\.)\s/)[0]!.replace(/\.$/, '');
}
