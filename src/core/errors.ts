/**
 * Typed errors. Every failure the CLI reports is one of these: a stable `code` from the one
 * vocabulary below (the same failure has the same code in every store; the store's own code is
 * `storeCode`), a one-line `message`, an optional `hint` that says how to fix it, a `category` and
 * the store it came from. Only src/main.ts turns them into text and an exit code.
 */

export type ErrorCategory = 'auth' | 'config' | 'rejected' | 'conflict' | 'transient' | 'internal';

export const EXIT = {
  ok: 0,
  storeFailed: 1,
  usage: 2,
  invalidInput: 3,
  internal: 70,
  /** `status --watch --timeout` ran out before every store reached the target state. */
  timedOut: 75,
  interrupted: 130,
} as const;

interface CodeInfo {
  /** The category an error of this code has unless its maker says otherwise. */
  category: ErrorCategory;
  /** One line for the README's error-code table. */
  meaning: string;
}

/**
 * The error vocabulary. README.md's error-code table lists exactly these (a test compares them).
 * Publish logic matches `error.code` against these, never a store's raw code.
 */
export const ERROR_CODES = {
  // What a store answered about the app or the release.
  APP_NOT_FOUND: { category: 'config', meaning: 'the store has no app with this package in this account' },
  NOT_YOUR_APP: { category: 'config', meaning: 'the package belongs to another developer account' },
  IN_REVIEW: {
    category: 'conflict',
    meaning: 'another version is in review (or approved, not yet on sale): the store takes no update now',
  },
  STILL_PROCESSING: {
    category: 'conflict',
    meaning: 'the store is still processing an earlier request for this app: nothing was submitted again',
  },
  VERSION_NOT_HIGHER: { category: 'rejected', meaning: 'the versionCode is not above the one the store has' },
  APK_SIGNER_CHANGED: {
    category: 'rejected',
    meaning: "the APK is signed with another certificate than the store's versions",
  },
  PACKAGE_MISMATCH: { category: 'rejected', meaning: "the file's package differs from the app's" },
  TARGET_SDK_LOWER: { category: 'rejected', meaning: 'the targetSdkVersion is lower than the live version' },
  FILE_REJECTED: { category: 'rejected', meaning: 'the store refused the file (unreadable, same file again, ...)' },
  FIELD_INVALID: { category: 'rejected', meaning: 'the store refused a field value (listing, notes, schedule)' },
  LISTING_INCOMPLETE: {
    category: 'rejected',
    meaning: "the store's listing lacks or breaks something an update requires: fix it on the console",
  },
  NOTES_INVALID: { category: 'rejected', meaning: "the release notes are missing or outside the store's limits" },
  SCHEDULE_IN_PAST: { category: 'rejected', meaning: 'the scheduled release time is not in the future' },
  NO_LIVE_VERSION: { category: 'conflict', meaning: 'a phased release needs a version already on sale in the store' },
  WRONG_STATE: {
    category: 'conflict',
    meaning: 'the version or its phased release is not in a state that takes this (release, rollout) now',
  },
  STORE_REFUSED: {
    category: 'rejected',
    meaning: 'the store refused the request with a code appstores does not know; its message is quoted',
  },
  // Credentials and requests.
  AUTH_FAILED: { category: 'auth', meaning: 'the store refused the credentials' },
  BAD_SIGNATURE: { category: 'auth', meaning: 'the store refused the request signature (wrong secret or key)' },
  TOKEN_INVALID: { category: 'auth', meaning: 'the store refused the access token, also after one renewal' },
  NO_API_PERMISSION: { category: 'auth', meaning: "the account has not enabled the store's publishing API" },
  CLOCK_SKEW: { category: 'config', meaning: "the store refused the request timestamp: check this machine's clock" },
  SANDBOX_UNSUPPORTED: { category: 'config', meaning: "the store's test environment lacks a call this needs" },
  BAD_REQUEST: { category: 'internal', meaning: 'the store could not read the request appstores sent (a bug)' },
  BAD_RESPONSE: { category: 'internal', meaning: 'the store answered something appstores cannot read' },
  // Transport and load.
  RATE_LIMITED: { category: 'transient', meaning: 'the store is rate limiting requests' },
  QUOTA_EXCEEDED: { category: 'transient', meaning: 'the daily call quota is used up' },
  STORE_UNAVAILABLE: { category: 'transient', meaning: 'the store answered HTTP 5xx or 408' },
  NETWORK: { category: 'transient', meaning: 'no connection to the store, or the connection was lost' },
  TIMEOUT: { category: 'transient', meaning: 'the store did not answer in time' },
  TLS: { category: 'transient', meaning: "the store's TLS certificate is not trusted" },
  UPLOAD_CORRUPTED: { category: 'transient', meaning: 'the store received the file damaged' },
  UPLOAD_URL_REFUSED: {
    category: 'internal',
    meaning: 'the store handed out an upload URL appstores will not send a file to',
  },
  // The three submit verdicts besides "submitted".
  NOT_SUBMITTED: {
    category: 'transient',
    meaning: 'certainly not submitted (the request never reached the store): run again',
  },
  SUBMIT_UNCONFIRMED: {
    category: 'transient',
    meaning: 'the submit got no clear answer and the store does not show it yet: check before running again',
  },
  // Local input, found before anything is sent (exit 3), and usage (exit 2).
  USAGE: { category: 'config', meaning: 'bad flags or arguments' },
  CONFIG_INVALID: { category: 'config', meaning: 'the configuration has problems (each listed with its path)' },
  CONFIG_NOT_FOUND: { category: 'config', meaning: 'the config file given with --config does not exist' },
  CONFIG_UNREADABLE: { category: 'config', meaning: 'the config file cannot be read or parsed' },
  CONFIG_EXISTS: { category: 'config', meaning: '`init` would overwrite an existing config' },
  STORE_NOT_CONFIGURED: { category: 'config', meaning: 'a store named with --store has no config' },
  NO_STORES: { category: 'config', meaning: 'no store is configured' },
  CACHE_DIR_UNWRITABLE: { category: 'config', meaning: 'the token cache directory cannot be written' },
  CANNOT_WRITE: { category: 'config', meaning: 'a file appstores was asked to write cannot be written' },
  ICON_INVALID: { category: 'config', meaning: 'the icon to send is missing or not a usable PNG' },
  FILE_NOT_FOUND: { category: 'config', meaning: 'an input file does not exist or cannot be read' },
  NOT_A_ZIP: { category: 'config', meaning: 'an input file is not an APK or IPA (not a zip)' },
  CORRUPT_ZIP: { category: 'config', meaning: 'an input file is damaged or incomplete' },
  NOT_AN_APP: { category: 'config', meaning: 'a zip that is neither an APK, an App Bundle nor an IPA' },
  BAD_MANIFEST: {
    category: 'config',
    meaning: "an APK's or App Bundle's manifest or an IPA's Info.plist cannot be read",
  },
  IPA_INVALID: {
    category: 'config',
    meaning: "an IPA's Info.plist lacks or breaks what App Store Connect needs (bundle id, versions, executable)",
  },
  EXPORT_COMPLIANCE_MISSING: {
    category: 'config',
    meaning:
      'neither the IPA (ITSAppUsesNonExemptEncryption) nor stores.apple.usesNonExemptEncryption answers the export-compliance question',
  },
  TOO_MANY_APKS: { category: 'config', meaning: 'more APKs for one store than one or a 32/64-bit pair' },
  APK_MISMATCH: { category: 'config', meaning: 'two APKs of one release differ in package or versionCode' },
  NOT_A_SPLIT_PAIR: { category: 'config', meaning: 'two APKs are not a 32-bit + 64-bit pair' },
  SPLIT_NOT_SUPPORTED: { category: 'config', meaning: 'the store does not take a 32/64-bit pair' },
  AAB_NOT_SUPPORTED: { category: 'config', meaning: 'the store takes only APKs, and an App Bundle was given for it' },
  PHASED_NOT_SUPPORTED: { category: 'config', meaning: 'the store has no phased release through its API (--phased)' },
  FILE_TOO_LARGE: { category: 'config', meaning: 'the file is larger than the store takes' },
  NOTES_NOT_FOUND: { category: 'config', meaning: 'the --notes-file cannot be read' },
  NOTES_TOO_LONG: { category: 'config', meaning: "the release notes are longer than the store's limit" },
  NOTES_TOO_SHORT: { category: 'config', meaning: "the release notes are shorter than the store's minimum" },
  PACKAGE_NAME_INVALID: { category: 'config', meaning: 'the --pkg value is not a package name or bundle id' },
  DUPLICATE_FILE: { category: 'config', meaning: 'the same file (same SHA-256) is given twice' },
  CACHE_LOCKED: {
    category: 'config',
    meaning: "another appstores process has held the token cache's lock for minutes",
  },
  // The run itself.
  INTERRUPTED: { category: 'transient', meaning: 'interrupted (Ctrl-C or SIGTERM)' },
  INTERNAL: { category: 'internal', meaning: 'a bug in appstores' },
} as const satisfies Record<string, CodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;
/** The same type (kept as a name the kit README uses). */
export type StableCode = ErrorCode;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}

/** Invalid config, credentials or input (exit 3), as opposed to what a store refused or failed at. */
export function isInputCategory(category: ErrorCategory | null): boolean {
  return category === 'auth' || category === 'config';
}

/** The exit code a command ends with when this one error is its result (design.md). */
export function exitCodeOfCode(code: ErrorCode, category: ErrorCategory): number {
  if (code === 'USAGE') return EXIT.usage;
  if (code === 'INTERRUPTED') return EXIT.interrupted;
  if (category === 'internal') return EXIT.internal;
  return isInputCategory(category) ? EXIT.invalidInput : EXIT.storeFailed;
}

export interface AppErrorOptions {
  code: ErrorCode;
  /** Defaults to the code's category in ERROR_CODES. */
  category?: ErrorCategory;
  hint?: string;
  store?: string;
  /** The store's own error code or errno, shown next to the message. */
  storeCode?: string | number;
  cause?: unknown;
}

/** Longest message kept: a store's quoted text can run to pages. */
const MAX_MESSAGE = 400;

/** Messages are one line, whatever a store or a library put in the text they quote. */
export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 1)}…` : flat;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly hint?: string;
  readonly store?: string;
  readonly storeCode?: string | number;

  constructor(message: string, options: AppErrorOptions) {
    super(oneLine(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code;
    this.category = options.category ?? (isErrorCode(options.code) ? ERROR_CODES[options.code].category : 'internal');
    this.hint = options.hint;
    this.store = options.store;
    this.storeCode = options.storeCode;
  }
}

/** Bad flags or arguments: exit 2. */
export class UsageError extends AppError {
  constructor(message: string, hint?: string) {
    super(message, { code: 'USAGE', category: 'config', hint });
    this.name = 'UsageError';
  }
}

/** Invalid config, credentials or input file, found before anything was sent: exit 3. */
export class InputError extends AppError {
  constructor(message: string, options: Partial<AppErrorOptions> & { code: ErrorCode }) {
    super(message, { category: 'config', ...options });
    this.name = 'InputError';
  }
}

/** Several config problems at once, each with its dotted path. */
export class ConfigError extends InputError {
  readonly problems: string[];
  constructor(problems: string[], source?: string) {
    const where = source ? ` in ${source}` : '';
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the configuration${where}`, {
      code: 'CONFIG_INVALID',
      hint: 'fix the fields listed above; `appstores stores` lists the fields each store needs',
    });
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** What a store answered, or failed to answer. */
export class StoreError extends AppError {
  constructor(message: string, options: AppErrorOptions & { store: string }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** The user pressed Ctrl-C (or the run was aborted): exit 130. */
export class InterruptedError extends AppError {
  constructor() {
    super('interrupted', { code: 'INTERRUPTED', category: 'transient' });
    this.name = 'InterruptedError';
  }
}

/**
 * design.md's exit codes. Invalid config, credentials or input (category `auth` or `config`: a
 * refused key, an app the account does not have) is 3, whether found locally or by the store's
 * answer to a read; what a store refused or failed at is 1.
 */
export function exitCodeFor(error: unknown): number {
  if (error instanceof InterruptedError) return EXIT.interrupted;
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof InputError) return EXIT.invalidInput;
  if (error instanceof AppError) return exitCodeOfCode(error.code, error.category);
  return EXIT.internal;
}

/** The exit code of a command that checked several stores: 0, 3 when only config/credentials failed, else 1. */
export function exitCodeForAll(errors: AppError[]): number {
  if (errors.length === 0) return EXIT.ok;
  return errors.every((e) => isInputCategory(e.category)) ? EXIT.invalidInput : EXIT.storeFailed;
}

/** Wraps anything thrown into an AppError, keeping AppErrors as they are. */
export function toAppError(error: unknown, store?: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof Error && error.name === 'AbortError') return new InterruptedError();
  const message = error instanceof Error ? error.message : String(error);
  return new AppError(`unexpected error: ${message}`, {
    code: 'INTERNAL',
    category: 'internal',
    store,
    hint: 'this is a bug in appstores; run again with APPSTORES_DEBUG=1 to see where, and report it',
    cause: error,
  });
}
