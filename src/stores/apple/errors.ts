/**
 * App Store Connect's JSON:API errors -> our typed errors. Apple's `code` is dotted and grows more
 * specific to the right (ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE), so a code is looked up
 * exactly, then by each shorter prefix [src: stores/apple.md §3.4]. Each call site may say what a
 * code means there (a STATE_ERROR when opening a review submission means another is in review).
 */
import { StoreError } from '../../core/errors.js';
import { refusal, UNKNOWN_REFUSAL, type Meaning, type RefusalTable } from '../kit/index.js';
import type { ApiErrorItem } from './schemas.js';

const ROLE_HINT =
  'the key needs the App Manager (or Admin) role: App Store Connect → Users and Access → Integrations → App Store Connect API';

export const APPLE_REFUSALS: RefusalTable = {
  NOT_AUTHORIZED: {
    code: 'AUTH_FAILED',
    meaning: 'Apple refused the API token',
    hint: "check stores.apple issuerId, keyId and the .p8 file (they must belong to one key, not revoked), and this machine's clock",
  },
  FORBIDDEN_ERROR: { code: 'NO_API_PERMISSION', meaning: "the API key's role may not do this", hint: ROLE_HINT },
  RATE_LIMIT_EXCEEDED: {
    code: 'RATE_LIMITED',
    meaning: 'the key used up its hourly request quota',
    hint: 'wait, then run again',
  },
  NOT_FOUND: { code: 'BAD_REQUEST', meaning: 'Apple has no such resource' },
  PARAMETER_ERROR: { code: 'BAD_REQUEST', meaning: 'Apple could not use a request parameter' },
  'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE': {
    code: 'VERSION_NOT_HIGHER',
    meaning: 'Apple already has this version or build number',
    hint: 'raise CFBundleVersion (the build number) and build again',
  },
  'ENTITY_ERROR.ATTRIBUTE.INVALID.CHECKSUM': {
    code: 'UPLOAD_CORRUPTED',
    meaning: 'Apple received the file damaged',
    hint: 'run again: the file is uploaded afresh',
  },
  'ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG': { code: 'NOTES_INVALID', meaning: 'a text is too long for Apple' },
  ENTITY_ERROR: { code: 'FIELD_INVALID', meaning: 'Apple refused a field value' },
  'STATE_ERROR.ENTITY_STATE_INVALID': {
    code: 'LISTING_INCOMPLETE',
    meaning: 'Apple cannot review the version yet',
    hint: 'fix each item Apple lists in App Store Connect (some, like App Privacy and pricing, only on the web), then run again',
  },
  STATE_ERROR: { code: 'IN_REVIEW', meaning: 'the app is in a state that does not allow this now' },
};

/** The table entry for `code`: exact, then each shorter dotted prefix. */
export function meaningOf(code: string, table: RefusalTable = APPLE_REFUSALS): Meaning {
  for (let key = code; key; key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '') {
    if (table[key]) return table[key]!;
  }
  return UNKNOWN_REFUSAL;
}

/**
 * One error for Apple's answer, quoting Apple's code and words. When Apple lists the blockers that
 * keep a version out of review (meta.associatedErrors), each is quoted with its code; the message
 * may be cut at its length limit, so the hint carries the whole list.
 */
export function appleRefusal(what: string, errors: ApiErrorItem[], meaning?: Meaning, cause?: unknown): StoreError {
  const first = errors[0]!;
  const known = meaning ?? meaningOf(first.code);
  const blockers = errors.flatMap((error) => Object.values(error.meta?.associatedErrors ?? {}).flat());
  if (blockers.length === 0) {
    const text = errors.map((e) => (errors.length > 1 ? `${e.code}: ` : '') + (e.detail ?? e.title ?? '')).join('; ');
    return refusal('apple', what, first.code, text, APPLE_REFUSALS, { meaning: known, cause });
  }
  const list = blockers.map((b, i) => `(${i + 1}) ${b.code ?? '?'}: ${b.detail ?? b.title ?? ''}`).join('; ');
  const error = refusal(
    'apple',
    what,
    first.code,
    `${blockers.length} blocker${blockers.length === 1 ? '' : 's'}: ${list}`,
    APPLE_REFUSALS,
    {
      meaning: known,
      cause,
    },
  );
  return new StoreError(error.message, {
    code: error.code,
    category: error.category,
    store: 'apple',
    storeCode: first.code,
    hint: `Apple lists ${list}; ${known.hint ?? 'fix each, then run again'}`,
    cause,
  });
}
