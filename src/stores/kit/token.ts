/**
 * A store's access token, shared by every process on the machine through the token store
 * (ctx.cache): fetched under its lock with the cache read again once the lock is held, refreshed a
 * margin before it expires, and renewed once when the store refuses it. OPPO needs the sharing
 * (each new token kills the previous one within 5 minutes [src: stores/oppo.md §2.3]); Honor and
 * Huawei (OAuth client-credentials tokens) reuse the same piece.
 */
import { AppError } from '../../core/errors.js';
import type { Clock } from '../../core/clock.js';
import type { CachedTokenEntry, TokenKey, TokenStore } from '../types.js';

/** Refresh this long before expiry [src: U6 uses 10 min for OPPO]. */
export const TOKEN_REFRESH_MARGIN_MS = 10 * 60_000;

export interface CachedTokenOptions {
  /** Store + token endpoint + client id: a token is never reused across endpoints. */
  key: TokenKey;
  cache: TokenStore;
  clock: Clock;
  signal?: AbortSignal;
  /** ctx.addSecret: every token is redacted from all output. */
  addSecret(value: string): void;
  /** Asks the store for a new token (the only place the client secret is sent). */
  fetch(): Promise<CachedTokenEntry>;
  refreshMarginMs?: number;
}

export class CachedToken {
  private current: CachedTokenEntry | null = null;

  constructor(private readonly options: CachedTokenOptions) {}

  /** A usable token: this session's, else the shared cache's, else a new one. */
  async get(): Promise<string> {
    if (this.current && this.usable(this.current)) return this.current.token;
    const cached = await this.options.cache.get(this.options.key);
    if (cached && this.usable(cached)) return this.adopt(cached);
    return this.underLock(null);
  }

  /**
   * The store refused `rejected`: drop it and get another one. Under the lock, a token another
   * process cached meanwhile is taken instead of fetching (which would kill that one).
   */
  async renew(rejected: string): Promise<string> {
    if (this.current?.token === rejected) this.current = null;
    return this.underLock(rejected);
  }

  /**
   * Runs `call` with a token; when the store refuses the token (`isRejected`, by default an
   * AppError with code TOKEN_INVALID), renews it once and runs `call` once more. A refused token is
   * a definite answer (the store did nothing), so this is safe even for a submit.
   */
  async use<T>(
    call: (token: string) => Promise<T>,
    isRejected: (error: unknown) => boolean = isTokenRefusal,
  ): Promise<T> {
    const token = await this.get();
    try {
      return await call(token);
    } catch (error) {
      if (!isRejected(error)) throw error;
      return call(await this.renew(token));
    }
  }

  private async underLock(rejected: string | null): Promise<string> {
    const { cache, key, signal } = this.options;
    return cache.withLock(
      key,
      async (lease) => {
        const cached = await cache.get(key);
        if (cached && cached.token !== rejected && this.usable(cached)) return this.adopt(cached);
        if (cached) await cache.delete(key);
        const fresh = await this.options.fetch();
        this.options.addSecret(fresh.token);
        if (lease.lost) {
          // Another process held the lock meanwhile and may have fetched too (which kills ours at
          // OPPO): a token it cached is the newer one, so take that instead of overwriting it.
          const theirs = await cache.get(key);
          if (theirs && theirs.token !== rejected && this.usable(theirs)) return this.adopt(theirs);
        }
        await cache.set(key, fresh);
        return this.adopt(fresh);
      },
      signal,
    );
  }

  private usable(entry: CachedTokenEntry): boolean {
    return entry.expiresAt - (this.options.refreshMarginMs ?? TOKEN_REFRESH_MARGIN_MS) > this.options.clock.now();
  }

  private adopt(entry: CachedTokenEntry): string {
    this.options.addSecret(entry.token);
    this.current = { token: entry.token, expiresAt: entry.expiresAt };
    return entry.token;
  }
}

function isTokenRefusal(error: unknown): boolean {
  return error instanceof AppError && error.code === 'TOKEN_INVALID';
}
