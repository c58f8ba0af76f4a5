/**
 * Typed errors. Every failure the CLI reports is one of these: a stable `code`, a one-line
 * `message`, an optional `hint` that says how to fix it, a `category` and the store it came from.
 * Only src/main.ts turns them into text and an exit code.
 */

export type ErrorCategory = 'auth' | 'config' | 'rejected' | 'conflict' | 'transient' | 'internal';

export const EXIT = {
  ok: 0,
  storeFailed: 1,
  usage: 2,
  invalidInput: 3,
  internal: 70,
  interrupted: 130,
} as const;

export interface AppErrorOptions {
  code: string;
  category: ErrorCategory;
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
  readonly code: string;
  readonly category: ErrorCategory;
  readonly hint?: string;
  readonly store?: string;
  readonly storeCode?: string | number;

  constructor(message: string, options: AppErrorOptions) {
    super(oneLine(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code;
    this.category = options.category;
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
  constructor(message: string, options: Partial<AppErrorOptions> & { code: string }) {
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
  if (error instanceof AppError) {
    if (error.category === 'internal') return EXIT.internal;
    return error.category === 'auth' || error.category === 'config' ? EXIT.invalidInput : EXIT.storeFailed;
  }
  return EXIT.internal;
}

/** The exit code of a command that checked several stores: 0, 3 when only config/credentials failed, else 1. */
export function exitCodeForAll(errors: AppError[]): number {
  if (errors.length === 0) return EXIT.ok;
  return errors.every((e) => e.category === 'auth' || e.category === 'config') ? EXIT.invalidInput : EXIT.storeFailed;
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
