/**
 * `--notes-dir` and the languages a store keeps (Apple, Huawei, Honor): which of the store's
 * locales get notes, and which the directory lacks — those keep their old notes, and plan() and
 * the outcome say so instead of leaving them stale silently.
 */
import { canonicalLocale } from '../../core/notes-dir.js';

export interface LocaleNotes<T> {
  /** The store's entries that the directory has notes for, with those notes. */
  covered: Array<{ entry: T; locale: string; notes: string }>;
  /** The store's locale names (as the store spells them) that the directory lacks. */
  missing: string[];
}

/** Splits the store's localized entries by whether `notesByLocale` (the directory's names) has them. */
export function matchLocales<T>(
  entries: readonly T[],
  localeOf: (entry: T) => string,
  notesByLocale: Record<string, string>,
): LocaleNotes<T> {
  const covered: LocaleNotes<T>['covered'] = [];
  const missing: string[] = [];
  for (const entry of entries) {
    const locale = localeOf(entry);
    const notes = notesByLocale[canonicalLocale(locale)];
    if (notes === undefined) missing.push(locale);
    else covered.push({ entry, locale, notes });
  }
  return { covered, missing };
}

/** The words plan() and the outcome add for the locales the directory lacks ('' when none). */
export function missingLocalesText(missing: readonly string[]): string {
  if (missing.length === 0) return '';
  return `no notes in --notes-dir for ${missing.join(', ')} (left as ${missing.length === 1 ? 'it is' : 'they are'} in the store)`;
}

/** `; <missingLocalesText>` to end a plan summary or an outcome message with ('' when none). */
export function missingLocalesSuffix(missing: readonly string[]): string {
  return missing.length > 0 ? `; ${missingLocalesText(missing)}` : '';
}
