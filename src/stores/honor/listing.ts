/**
 * The language entry Honor's release notes go into, and the checks that can be made on it before
 * anything is uploaded [src: stores/honor.md 4.7]: update-language-info blanks every field sent
 * empty, so appName, intro and briefIntro are echoed verbatim from get-app-detail and only
 * newFeature changes; an empty intro fails with 20076, so it is refused here first.
 */
import { StoreError } from '../../core/errors.js';
import { matchLocales } from '../kit/index.js';
import type { Release } from '../types.js';

export interface LanguageEntry {
  languageId: string;
  appName: string | null;
  intro: string | null;
  briefIntro: string | null;
  newFeature: string | null;
}

/** Text limits in characters [src: stores/honor.md 4.7]. */
export const HONOR_LIMITS = { appNameCjk: 15, appNameOther: 30, intro: 8000, briefIntro: 80, newFeature: 500 } as const;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Notes go into zh-CN (apkgo's choice; XiaoZhuan took the first entry [src: APKGO-HN vs XZ-HN]), else the default language. */
export function notesLanguage(entries: LanguageEntry[], defaultLanguage: string | null): LanguageEntry | null {
  return (
    entries.find((e) => e.languageId === 'zh-CN') ??
    entries.find((e) => e.languageId === defaultLanguage) ??
    entries[0] ??
    null
  );
}

const length = (text: string) => [...text].length;

function listingProblem(message: string, hint: string): StoreError {
  return new StoreError(message, { code: 'LISTING_INCOMPLETE', category: 'rejected', store: 'honor', hint });
}

/** The checks update-language-info would otherwise fail, made before any upload. */
export function checkLanguageEntry(entry: LanguageEntry | null): asserts entry is LanguageEntry {
  const fix = 'fix it on the Honor console (应用信息), then run again';
  if (!entry) throw listingProblem('the Honor listing has no language entry to put the release notes in', fix);
  const where = `the ${entry.languageId} listing on Honor`;
  if (!entry.appName) throw listingProblem(`${where} has no app name, which update-language-info requires`, fix);
  const nameLimit = CJK.test(entry.appName) ? HONOR_LIMITS.appNameCjk : HONOR_LIMITS.appNameOther;
  if (length(entry.appName) > nameLimit) {
    throw listingProblem(
      `${where}: the app name is ${length(entry.appName)} characters, Honor takes ${nameLimit}`,
      fix,
    );
  }
  // 20076 "app introduction empty" [src: APKGO commit c261a62].
  if (!entry.intro)
    throw listingProblem(`${where} has an empty introduction (Honor refuses the notes update with 20076)`, fix);
  if (length(entry.intro) > HONOR_LIMITS.intro) {
    throw listingProblem(
      `${where}: the introduction is ${length(entry.intro)} characters, Honor takes ${HONOR_LIMITS.intro}`,
      fix,
    );
  }
  if (entry.briefIntro && length(entry.briefIntro) > HONOR_LIMITS.briefIntro) {
    throw listingProblem(
      `${where}: the brief introduction is ${length(entry.briefIntro)} characters, Honor takes ${HONOR_LIMITS.briefIntro}`,
      fix,
    );
  }
}

/** newFeature: required here (an empty one would blank the version's notes), ≤500 characters. */
export function checkNotes(notes: string, locale?: string): void {
  const n = length(notes);
  const of = locale ? ` (${locale})` : '';
  if (n === 0 || n > HONOR_LIMITS.newFeature) {
    throw new StoreError(
      n === 0
        ? `no release notes${of}: Honor shows them as the new version's 新版本特性 (newFeature)`
        : `release notes${of} are ${n} characters; Honor takes at most ${HONOR_LIMITS.newFeature} for newFeature`,
      {
        code: 'NOTES_INVALID',
        category: 'rejected',
        store: 'honor',
        hint: `give --notes or --notes-file with 1 to ${HONOR_LIMITS.newFeature} characters`,
      },
    );
  }
}

/** One language entry and the notes it gets. */
export interface NotesTarget {
  entry: LanguageEntry;
  notes: string;
}

/**
 * The language entries the release notes go into, checked: with --notes-dir every language the
 * app has on Honor that the directory has (`missing`: the others, which keep their notes), else
 * the one entry notesLanguage() picks.
 */
export function notesTargets(
  entries: LanguageEntry[],
  defaultLanguage: string | null,
  release: Pick<Release, 'notes' | 'notesByLocale'>,
): { targets: NotesTarget[]; missing: string[] } {
  if (!release.notesByLocale) {
    checkNotes(release.notes);
    const entry = notesLanguage(entries, defaultLanguage);
    checkLanguageEntry(entry);
    return { targets: [{ entry, notes: release.notes }], missing: [] };
  }
  const { covered, missing } = matchLocales(entries, (e) => e.languageId, release.notesByLocale);
  if (covered.length === 0) {
    const has = entries.map((e) => e.languageId).join(', ') || 'none';
    throw new StoreError(`--notes-dir has notes for none of the app's languages on Honor (${has})`, {
      code: 'NOTES_INVALID',
      category: 'config',
      store: 'honor',
      hint: `add <dir>/<locale>/changelogs/default.txt for one of them (${has})`,
    });
  }
  for (const { entry, locale, notes } of covered) {
    checkNotes(notes, locale);
    checkLanguageEntry(entry);
  }
  return { targets: covered.map(({ entry, notes }) => ({ entry, notes })), missing };
}
