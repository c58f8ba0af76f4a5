/**
 * A store's error table -> our typed error, with one message format for every store:
 *
 *     <what>: <our meaning> (<Store> <storeCode>: <the store's own text>)
 *
 * e.g. `query com.foo.bar: the package belongs to another developer account (Xiaomi -7: 包名被其他开发者占用)`.
 * A code the table does not know is STORE_REFUSED, category `rejected` (exit 1), in every store.
 */
import { StoreError, ERROR_CODES, type ErrorCategory, type StableCode } from '../../core/errors.js';
import type { StoreId } from '../types.js';
import { maskTokens } from './answer.js';
import { STORE_NAME } from './names.js';

export interface Meaning {
  code: StableCode;
  /** What went wrong, in our words. */
  meaning: string;
  /** How to fix it. */
  hint?: string;
  /** Only when this store's case differs from the code's category in ERROR_CODES. */
  category?: ErrorCategory;
}

export type RefusalTable = Readonly<Record<string | number, Meaning>>;

export const UNKNOWN_REFUSAL: Meaning = {
  code: 'STORE_REFUSED',
  meaning: 'the store refused the request',
  hint: "read the store's message; run again with --verbose to see the request, and report it if the message does not say what to fix",
};

/**
 * A lifecycle call (release, rollout) that the store refused because the version or its phased
 * release is not in a state that takes it: the one meaning every store's such refusal gets.
 */
export const WRONG_STATE: Meaning = {
  code: 'WRONG_STATE',
  meaning: 'the version or its phased release is not in a state that takes this now',
  hint: 'see its state with `appstores status` (or the store console); nothing was changed',
};

/**
 * A package lookup found no app in this account: one wording in every store, the store's own
 * hint (where its apps are created).
 */
export function appNotFound(store: StoreId, pkg: string, hint: string): StoreError {
  return new StoreError(`${STORE_NAME[store]} has no app ${pkg} in this developer account`, {
    code: 'APP_NOT_FOUND',
    store,
    hint,
  });
}

/** The error for `storeCode` (and the store's own text) answered to `what` ("submit versionCode 7"). */
export function refusal(
  store: StoreId,
  what: string,
  storeCode: string | number,
  storeText: string | null | undefined,
  table: RefusalTable,
  options: { cause?: unknown; meaning?: Meaning } = {},
): StoreError {
  const known = options.meaning ?? table[storeCode] ?? UNKNOWN_REFUSAL;
  const text = storeText?.trim() ? `: ${maskTokens(storeText.replace(/\s+/g, ' ').trim())}` : '';
  return new StoreError(`${what}: ${known.meaning} (${STORE_NAME[store]} ${storeCode}${text})`, {
    code: known.code,
    category: known.category ?? ERROR_CODES[known.code].category,
    store,
    storeCode,
    hint: known.hint,
    cause: options.cause,
  });
}
