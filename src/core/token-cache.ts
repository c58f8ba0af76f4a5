/**
 * Tokens that stores hand out, cached on disk across runs (design.md): OPPO kills the previous
 * token within minutes of a new one being issued [src: stores/oppo.md §2.3], so every process of a
 * CI pipeline must reuse one token instead of each fetching its own.
 *
 * Files are mode 0600 in a 0700 directory, named by a hash of the client id, and hold only the
 * token and its expiry, never the client secret. A lock file serialises the fetch across processes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../stores/types.js';
import { InputError } from './errors.js';
import { makeDir } from './make-dir.js';

export interface CachedToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** A lock not touched for this long belongs to a process that died (holders touch it every beat). */
const LOCK_STALE_MS = 30_000;
const LOCK_HEARTBEAT_MS = 5_000;
const LOCK_POLL_MS = 100;
/** A live holder that never lets go (a hung process) must not make every other run wait forever. */
const LOCK_WAIT_MAX_MS = 120_000;

export class TokenCache {
  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
    /** Told (verbose log) when this process waits for another one's lock. */
    private readonly log?: (line: string) => void,
  ) {}

  private async ensureDir(): Promise<void> {
    try {
      await makeDir(this.dir, 0o700);
    } catch (error) {
      throw unwritable(this.dir, error);
    }
  }

  private file(store: string, clientId: string, ext: string): string {
    const key = createHash('sha256').update(`${store}\0${clientId}`).digest('hex').slice(0, 24);
    return join(this.dir, `${store}-${key}.${ext}`);
  }

  async get(store: string, clientId: string): Promise<CachedToken | null> {
    try {
      const parsed = JSON.parse(await readFile(this.file(store, clientId, 'json'), 'utf8')) as CachedToken;
      return typeof parsed.token === 'string' && typeof parsed.expiresAt === 'number' ? parsed : null;
    } catch {
      return null;
    }
  }

  async set(store: string, clientId: string, entry: CachedToken): Promise<void> {
    await this.ensureDir();
    const target = this.file(store, clientId, 'json');
    const temp = `${target}.${process.pid}.tmp`;
    try {
      await writeFile(temp, JSON.stringify(entry), { mode: 0o600 });
      await rename(temp, target);
    } catch (error) {
      throw unwritable(this.dir, error);
    }
  }

  async delete(store: string, clientId: string): Promise<void> {
    await rm(this.file(store, clientId, 'json'), { force: true });
  }

  /**
   * Runs `fn` while holding this client id's lock, so only one process fetches a token at a time.
   * The lock file holds a random nonce (only its owner removes it) and is touched every few seconds
   * while held, so a slow token request is never mistaken for a dead process.
   */
  async withLock<T>(store: string, clientId: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.ensureDir();
    const lock = this.file(store, clientId, 'lock');
    const nonce = randomUUID();
    let waited = false;
    const giveUpAt = this.clock.now() + LOCK_WAIT_MAX_MS;
    for (;;) {
      try {
        await writeFile(lock, nonce, { flag: 'wx', mode: 0o600 });
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw unwritable(this.dir, error);
        const info = await stat(lock).catch(() => null);
        if (info && this.clock.now() - info.mtimeMs > LOCK_STALE_MS) {
          // Rename is atomic: of several waiters, one takes the stale lock away, the others retry.
          const aside = `${lock}.${nonce}.stale`;
          if (await rename(lock, aside).then(() => true, () => false)) await rm(aside, { force: true });
          continue;
        }
        if (this.clock.now() > giveUpAt) {
          throw new InputError(`another appstores process has held the ${store} token lock for over ${LOCK_WAIT_MAX_MS / 1000} s (${lock})`, {
            code: 'CACHE_LOCKED',
            hint: 'wait for the other run to finish; if none is running, delete the lock file',
          });
        }
        if (!waited) {
          waited = true;
          this.log?.(`[${store}] waiting for another appstores process to finish fetching a token (${lock})`);
        }
        await this.clock.sleep(LOCK_POLL_MS, signal);
      }
    }
    const heartbeat = setInterval(() => {
      const now = new Date();
      utimes(lock, now, now).catch(() => {});
    }, LOCK_HEARTBEAT_MS);
    heartbeat.unref();
    try {
      return await fn();
    } finally {
      clearInterval(heartbeat);
      const owner = await readFile(lock, 'utf8').catch(() => null);
      if (owner === nonce) await rm(lock, { force: true });
    }
  }
}

function unwritable(dir: string, error: unknown): InputError {
  const reason = (error as NodeJS.ErrnoException).code ?? 'error';
  return new InputError(`cannot write the token cache in ${dir} (${reason})`, {
    code: 'CACHE_DIR_UNWRITABLE',
    hint: 'set APPSTORES_CACHE_DIR to a writable directory',
    cause: error,
  });
}
