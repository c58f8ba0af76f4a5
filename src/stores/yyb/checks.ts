/** What YYB would refuse that can be checked before an upload slot is spent (≤100 a day). Pure. */
import { StoreError } from '../../core/errors.js';

/**
 * `feature` (版本特性说明) limits. UNCONFIRMED: the reference gives none for `feature`; the listing
 * texts it documents are ≤500 characters without emoji (`introduce` 60–500, `one_word_summary`
 * 5–15 [src: qq-fields]), so the same bound and rule are applied here. Change them here only.
 */
export const FEATURE_MAX = 500;
const EMOJI = /\p{Extended_Pictographic}/u;

/** YYB's character rule on its texts, also checked by core before any store is contacted. */
export function notesCharacterProblem(notes: string): string | null {
  return EMOJI.test(notes) ? 'release notes contain emoji, which YYB refuses in its texts' : null;
}

export function checkNotes(notes: string): void {
  const n = [...notes].length;
  const problem =
    n === 0
      ? "no release notes: YYB shows them as the update's 版本特性说明 (feature)"
      : n > FEATURE_MAX
        ? `release notes are ${n} characters; YYB takes at most ${FEATURE_MAX} for feature`
        : notesCharacterProblem(notes);
  if (problem) {
    throw new StoreError(problem, {
      code: 'NOTES_INVALID',
      category: 'rejected',
      store: 'yyb',
      hint: `give --notes or --notes-file with 1 to ${FEATURE_MAX} characters, no emoji`,
    });
  }
}

/** `deploy_time` is Unix seconds and must be in the future [src: qq-fields; apkgo-qq]. */
export function deployTime(schedule: Date): string {
  return String(Math.floor(schedule.getTime() / 1000));
}
