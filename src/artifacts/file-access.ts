import { open, type FileHandle } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { artifactError, fileAccessError } from './input-errors.js';

export interface OpenedFile {
  handle: FileHandle;
  size: number;
}

/** Opens a regular file for reading, or throws FILE_NOT_FOUND naming it. */
export async function openRegularFile(file: string): Promise<OpenedFile> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw fileAccessError(file, error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      throw artifactError(
        'FILE_NOT_FOUND',
        file,
        stats.isDirectory() ? 'is a directory, not a file' : 'is not a regular file',
      );
    }
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw error instanceof InputError ? error : fileAccessError(file, error);
  }
}

/** Reads exactly `length` bytes at `position` (fewer only at end of file). */
export async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? buffer : buffer.subarray(0, filled);
}
