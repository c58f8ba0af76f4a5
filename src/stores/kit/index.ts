/** What several adapters share (README.md beside this file says how each piece is used). */
export {
  badResponse,
  parseAnswer,
  quoteSafely,
  readAnswer,
  readJson,
  type Answer,
  type AnswerSource,
} from './answer.js';
export { isNone, looseBool, looseInt, looseText } from './lenient.js';
export { appNotFound, refusal, UNKNOWN_REFUSAL, WRONG_STATE, type Meaning, type RefusalTable } from './refusal.js';
export { allowedUploadUrl } from './upload-url.js';
export { duration, pollsIn, pollUntil, type PollOptions, type PollOutcome, type PollState } from './poll.js';
export {
  CONFIRM_WINDOW,
  submitOnce,
  type Submitted,
  type SubmitOnceSpec,
  type Window,
} from './submit-once.js';
export { CachedToken, TOKEN_REFRESH_MARGIN_MS, type CachedTokenOptions } from './token.js';
export { fileProgress, type FileProgress, type SentFn } from './progress.js';
export { versionPresent, type Presence } from './version.js';
export { fileBody, type FileRange } from '../../http/file-body.js';
export { STORE_NAME } from './names.js';
export { matchLocales, missingLocalesSuffix, missingLocalesText, type LocaleNotes } from './locales.js';
export { firstRead, type FirstRead } from './first-read.js';
