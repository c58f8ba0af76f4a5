/**
 * `--notes-dir <dir>`: release notes per locale in the layout fastlane and F-Droid users keep in
 * git: `<dir>/<locale>/changelogs/<versionCode>.txt`, else `default.txt`; for one store,
 * `<versionCode>.<store>.txt` or `<store>.txt` wins. Read and checked (characters, every store's
 * length and character rules per locale) before any store is contacted, every problem at once.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlanRelease, StoreAdapter, StoreId } from '../stores/types.js';
import { InputError } from './errors.js';
import { firstInvalidUtf8, normaliseNotes, notesProblem } from './notes.js';

/** The locale single-language stores get when the config sets no `defaultLocale`. */
export const DEFAULT_LOCALE = 'zh-CN';

/** Locale names as the stores spell them, mapped to the directory's (fastlane) names. */
const ALIASES: Record<string, string> = { 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW', en: 'en-US' };

/** The directory's name for a store's locale: `zh-Hans` → `zh-CN`, `en_US` → `en-US`. */
export function canonicalLocale(locale: string): string {
  const dashed = locale.replace('_', '-');
  return ALIASES[dashed] ?? dashed;
}

/** Per locale (as the directory names it): the changelog files found there, by file name. */
export type NotesDir = Map<string, Map<string, string>>;

export async function readNotesDir(dir: string): Promise<NotesDir> {
  let locales: string[];
  try {
    locales = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    throw new InputError(`cannot read the notes directory ${dir}`, {
      code: 'NOTES_NOT_FOUND',
      hint: 'give --notes-dir the folder that holds <locale>/changelogs/<versionCode>.txt',
    });
  }
  const found: NotesDir = new Map();
  const problems: string[] = [];
  for (const locale of locales.sort()) {
    const folder = join(dir, locale, 'changelogs');
    let names: string[];
    try {
      names = (await readdir(folder)).filter((n) => n.endsWith('.txt'));
    } catch {
      continue; // a locale folder without changelogs (fastlane keeps other metadata there too)
    }
    const files = new Map<string, string>();
    for (const name of names.sort()) {
      const path = join(folder, name);
      let bytes = await readFile(path);
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      if (firstInvalidUtf8(bytes) >= 0) {
        problems.push(`${path} is not valid UTF-8`);
        continue;
      }
      try {
        files.set(
          name,
          normaliseNotes(bytes.toString('utf8'), path, (message) => new Error(message)),
        );
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    if (files.size > 0) found.set(canonicalLocale(locale), files);
  }
  if (problems.length > 0) throw notesProblems(problems);
  if (found.size === 0) {
    throw new InputError(`the notes directory ${dir} has no <locale>/changelogs/*.txt`, {
      code: 'NOTES_NOT_FOUND',
      hint: 'e.g. zh-CN/changelogs/default.txt and en-US/changelogs/6100000.txt',
    });
  }
  return found;
}

/** The notes of one locale for one store and version, or null when the directory has none. */
export function notesFor(dir: NotesDir, locale: string, store: StoreId, versionCode: number): string | null {
  const files = dir.get(canonicalLocale(locale));
  if (!files) return null;
  for (const name of [`${versionCode}.${store}.txt`, `${store}.txt`, `${versionCode}.txt`, 'default.txt']) {
    const text = files.get(name);
    if (text !== undefined) return text;
  }
  return null;
}

/** What one store gets: the default locale's notes, and every locale's for stores with languages. */
export interface StoreNotes {
  notes: string;
  notesByLocale?: Record<string, string>;
}

export function notesForStore(
  dir: NotesDir,
  adapter: StoreAdapter,
  versionCode: number,
  defaultLocale: string,
): StoreNotes {
  const notes = notesFor(dir, defaultLocale, adapter.id, versionCode) ?? '';
  if (!adapter.capabilities.notesPerLanguage) return { notes };
  const notesByLocale: Record<string, string> = {};
  for (const locale of dir.keys()) {
    const text = notesFor(dir, locale, adapter.id, versionCode);
    if (text !== null) notesByLocale[locale] = text;
  }
  return { notes, notesByLocale };
}

/** Every store's length and character rules, per locale it gets; all problems in one error, or null. */
export function checkStoreNotes(entries: Array<{ adapter: StoreAdapter; notes: StoreNotes }>): InputError | null {
  const problems: string[] = [];
  for (const { adapter, notes } of entries) {
    const texts = notes.notesByLocale ?? {};
    const checked = Object.keys(texts).length > 0 ? Object.entries(texts) : [['default locale', notes.notes] as const];
    for (const [locale, text] of checked) {
      const problem = notesProblem(text, adapter);
      if (problem) problems.push(`${adapter.id} ${locale}: ${problem.message}`);
    }
  }
  return problems.length > 0 ? notesProblems(problems) : null;
}

function notesProblems(problems: string[]): InputError {
  return new InputError(
    `${problems.length} release-notes problem${problems.length === 1 ? '' : 's'}: ${problems.join('; ')}`,
    { code: 'NOTES_INVALID', hint: 'fix the files under --notes-dir; nothing was sent to any store' },
  );
}

/** Sets each store's release notes from the directory, after every store's rules passed. */
export function applyNotesDir(
  dir: NotesDir,
  releases: Map<StoreId, PlanRelease>,
  adapters: StoreAdapter[],
  defaultLocale: string,
): void {
  const entries = adapters.flatMap((adapter) => {
    const release = releases.get(adapter.id);
    return release
      ? [{ adapter, release, notes: notesForStore(dir, adapter, release.versionCode, defaultLocale) }]
      : [];
  });
  const problem = checkStoreNotes(entries);
  if (problem) throw problem;
  for (const { release, notes } of entries) {
    release.notes = notes.notes;
    if (notes.notesByLocale) release.notesByLocale = notes.notesByLocale;
  }
}
