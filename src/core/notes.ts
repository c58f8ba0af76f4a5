/**
 * Release notes, read and checked once before any store is contacted: line ends normalised to
 * "\n", control characters (other than "\n" and "\t") and invalid UTF-8 refused with the position
 * of the first one, and each store's length limit (StoreAdapter.notesLength) and character rule
 * (StoreAdapter.notesCharacterProblem) checked locally.
 */
import { readFile } from 'node:fs/promises';
import type { NotesLength, StoreAdapter } from '../stores/types.js';
import { InputError, StoreError, UsageError } from './errors.js';

/** Length as the stores count it: code points, so a CJK character is one. */
export const notesLength = (text: string) => Array.from(text).length;

/** C0 controls and DEL, except tab (\t) and line feed (\n). CR is gone after normalisation. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/u;

const CONTROL_NAMES: Record<number, string> = {
  0: 'NUL',
  7: 'BEL',
  8: 'BS',
  11: 'VT',
  12: 'FF',
  27: 'ESC',
  127: 'DEL',
};

/** 1-based line and column (in characters) of the character at UTF-16 index `index`. */
function position(text: string, index: number): string {
  const before = text.slice(0, index).split('\n');
  return `line ${before.length}, column ${notesLength(before.at(-1)!) + 1}`;
}

/** CRLF and lone CR become LF; then the text must hold no control character. Trimmed. */
export function normaliseNotes(raw: string, source: string, fail: (message: string, hint: string) => Error): string {
  const text = raw.replace(/\r\n?/g, '\n');
  const found = CONTROL.exec(text);
  if (found) {
    const code = found[0].codePointAt(0)!;
    const name = CONTROL_NAMES[code] ? ` (${CONTROL_NAMES[code]})` : '';
    throw fail(
      `the release notes (${source}) contain the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}${name} at ${position(text, found.index)}`,
      'remove it: release notes may hold line breaks and tabs, but no other control characters',
    );
  }
  return text.trim();
}

/** Byte offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    // The sequence length, and the range its second byte must be in (no overlongs, no surrogates, ≤ U+10FFFF).
    let length: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

export async function readNotes(notes?: string, notesFile?: string): Promise<string> {
  if (notes !== undefined && notesFile !== undefined) {
    throw new UsageError('--notes and --notes-file both given', 'use one of them');
  }
  if (notesFile === undefined) {
    return normaliseNotes(notes ?? '', '--notes', (message, hint) => new UsageError(message, hint));
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(notesFile);
  } catch {
    throw new InputError(`cannot read the release notes file ${notesFile}`, {
      code: 'NOTES_NOT_FOUND',
      hint: 'check the path given to --notes-file',
    });
  }
  // A UTF-8 byte-order mark (Windows editors write one) is not part of the text.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const before = bytes.subarray(0, bad).toString('utf8').replace(/\r\n?/g, '\n');
    throw new InputError(
      `the release notes file ${notesFile} is not valid UTF-8: byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at ${position(`${before} `, before.length)} (byte offset ${bad})`,
      { code: 'NOTES_INVALID', hint: 'save the file as UTF-8 (for example with `iconv -f GBK -t UTF-8`)' },
    );
  }
  return normaliseNotes(
    bytes.toString('utf8'),
    `--notes-file ${notesFile}`,
    (message, hint) => new InputError(message, { code: 'NOTES_INVALID', hint }),
  );
}

/**
 * Every store the release goes to needs notes: one local error for empty notes, instead of one
 * refusal per store after their checks.
 */
export function requireNotes(notes: string, targets: StoreAdapter[]): void {
  if (notes !== '') return;
  const needing = targets.filter((t) => (t.notesLength?.min ?? 0) > 0).map((t) => t.id);
  if (needing.length === 0) return;
  throw new UsageError(
    `no release notes given; ${needing.join(', ')} ${needing.length === 1 ? 'requires' : 'require'} them`,
    'pass --notes "What changed" or --notes-file CHANGELOG.md',
  );
}

/** The store's length limit, checked before any request to it. Null when the notes fit. */
export function notesLengthProblem(notes: string, store: StoreAdapter): StoreError | null {
  const limit: NotesLength | undefined = store.notesLength;
  if (!limit) return null;
  const length = notesLength(notes);
  const range = limit.max === undefined ? `at least ${limit.min}` : `${limit.min}–${limit.max}`;
  if (length >= limit.min && (limit.max === undefined || length <= limit.max)) return null;
  const tooLong = limit.max !== undefined && length > limit.max;
  return new StoreError(`the release notes have ${length} characters; ${store.title} takes ${range}`, {
    code: tooLong ? 'NOTES_TOO_LONG' : 'NOTES_TOO_SHORT',
    category: 'config',
    store: store.id,
    hint: tooLong
      ? `shorten the notes to ${limit.max} characters, or leave ${store.id} out with --store`
      : `give at least ${limit.min} characters with --notes or --notes-file`,
  });
}

/**
 * Every local rule of the store on the notes: its length, then its characters
 * (StoreAdapter.notesCharacterProblem, e.g. YYB's no emoji). Null when the notes pass.
 */
export function notesProblem(notes: string, store: StoreAdapter): StoreError | null {
  const length = notesLengthProblem(notes, store);
  if (length) return length;
  const characters = store.notesCharacterProblem?.(notes) ?? null;
  if (characters === null) return null;
  return new StoreError(characters, {
    code: 'NOTES_INVALID',
    category: 'config',
    store: store.id,
    hint: `change the notes for ${store.title}, or leave ${store.id} out with --store`,
  });
}
