/**
 * Tokens that stores hand out, cached on disk across runs (design.md): OPPO kills the previous
 * token within minutes of a new one being issued [src: stores/oppo.md §2.3], so every process of a
 * CI pipeline must reuse one token instead of each fetching its own.
 *
 * One file per store + token endpoint + client id (so a sandbox token is never sent to a real
 * store, nor the reverse), named `<store>-<hash>.json`, mode 0600 in a 0700 directory. A file holds
 * exactly `{"token": <the access token>, "expiresAt": <epoch ms>}`: no client id, no secret.
 * A lock file (`<store>-<hash>.lock`) serialises the fetch across processes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from './clock.js';
import type { CachedTokenEntry, TokenKey, TokenLease, TokenStore } from '../stores/types.js';
import { InputError } from './errors.js';
import { makeDir } from './make-dir.js';

/** A lock not touched for this long belongs to a process that died (holders touch it every beat). */
export const LOCK_STALE_MS = 30_000;
const LOCK_HEARTBEAT_MS = 5_000;
const LOCK_POLL_MS = 100;
/** A live holder that never lets go (a hung process) must not make every other run wait forever. */
const LOCK_WAIT_MAX_MS = 120_000;

/** The names of the files this cache writes, so that `cache clear` removes nothing else. */
const CACHE_FILE = /^[a-z]+-[0-9a-f]{24}\.(json|lock)$/;

export class TokenCache implements TokenStore {
  constructor(
    private readonly dir: string,
    /** Only for waiting on a lock; staleness is judged by wall-clock time against file mtimes. */
    private readonly clock: Clock,
    /** Told (verbose log) when this process waits for another one's lock, or loses its own. */
    private readonly log?: (line: string) => void,
  ) {}

  private async ensureDir(): Promise<void> {
    try {
      await makeDir(this.dir, 0o700);
    } catch (error) {
      throw unwritable(this.dir, error);
    }
  }

  private file(key: TokenKey, ext: string): string {
    const hash = createHash('sha256')
      .update(`${key.store}\0${key.endpoint}\0${key.clientId}`)
      .digest('hex')
      .slice(0, 24);
    return join(this.dir, `${key.store}-${hash}.${ext}`);
  }

  async get(key: TokenKey): Promise<CachedTokenEntry | null> {
    try {
      const parsed = JSON.parse(await readFile(this.file(key, 'json'), 'utf8')) as CachedTokenEntry;
      return typeof parsed.token === 'string' && typeof parsed.expiresAt === 'number'
        ? { token: parsed.token, expiresAt: parsed.expiresAt }
        : null;
    } catch {
      return null;
    }
  }

  async set(key: TokenKey, entry: CachedTokenEntry): Promise<void> {
    await this.ensureDir();
    const target = this.file(key, 'json');
    const temp = `${target}.${process.pid}.tmp`;
    try {
      await writeFile(temp, JSON.stringify({ token: entry.token, expiresAt: entry.expiresAt }), { mode: 0o600 });
      await rename(temp, target);
    } catch (error) {
      throw unwritable(this.dir, error);
    }
  }

  async delete(key: TokenKey): Promise<void> {
    await rm(this.file(key, 'json'), { force: true });
  }

  /** `appstores cache clear`: removes every cached token (and lock) this cache wrote; returns how many files. */
  async clear(): Promise<number> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const ours = names.filter((name) => CACHE_FILE.test(name));
    try {
      await Promise.all(ours.map((name) => rm(join(this.dir, name), { force: true })));
    } catch (error) {
      throw unwritable(this.dir, error);
    }
    return ours.length;
  }

  /**
   * Runs `fn` while holding the key's lock, so only one process fetches a token at a time. The lock
   * file holds a random nonce (only its owner removes it) and is touched every few seconds while
   * held, so a slow token request is never mistaken for a dead process. A lock is stale when its
   * mtime is older than LOCK_STALE_MS by the wall clock (never the injected clock, which tests and
   * the sandbox scale). If a heartbeat finds the lock gone or taken, it takes it back when it can;
   * when it cannot, the lease says `lost` (and the verbose log says so) instead of going on silently.
   */
  async withLock<T>(key: TokenKey, fn: (lease: TokenLease) => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.ensureDir();
    const lock = this.file(key, 'lock');
    const nonce = randomUUID();
    let waited = false;
    const giveUpAt = this.clock.now() + LOCK_WAIT_MAX_MS;
    for (;;) {
      if (await this.tryCreate(lock, nonce)) break;
      const info = await stat(lock).catch(() => null);
      if (info && Date.now() - info.mtimeMs > LOCK_STALE_MS) {
        // Rename is atomic: of several waiters, one takes the stale lock away, the others retry.
        const aside = `${lock}.${nonce}.stale`;
        if (
          await rename(lock, aside).then(
            () => true,
            () => false,
          )
        )
          await rm(aside, { force: true });
        continue;
      }
      if (this.clock.now() > giveUpAt) {
        throw new InputError(
          `another appstores process has held the ${key.store} token lock for over ${LOCK_WAIT_MAX_MS / 1000} s (${lock})`,
          {
            code: 'CACHE_LOCKED',
            hint: 'wait for the other run to finish; if none is running, delete the lock file',
          },
        );
      }
      if (!waited) {
        waited = true;
        this.log?.(`[${key.store}] waiting for another appstores process to finish fetching a token (${lock})`);
      }
      await this.clock.sleep(LOCK_POLL_MS, signal);
    }
    const lease = { lost: false };
    let beating: Promise<void> = Promise.resolve();
    const heartbeat = setInterval(() => {
      beating = this.beat(lock, nonce).then((held) => {
        if (held || lease.lost) return;
        lease.lost = true;
        this.log?.(
          `[${key.store}] lost the token lock ${lock} to another process; a token it fetches meanwhile is preferred`,
        );
      });
    }, LOCK_HEARTBEAT_MS);
    heartbeat.unref();
    try {
      return await fn(lease);
    } finally {
      clearInterval(heartbeat);
      // A beat still running could re-create the lock after it is removed: let it finish first.
      await beating;
      const owner = await readFile(lock, 'utf8').catch(() => null);
      if (owner === nonce) await rm(lock, { force: true });
    }
  }

  /** Creates the lock with our nonce; false when it exists. */
  private async tryCreate(lock: string, nonce: string): Promise<boolean> {
    try {
      await writeFile(lock, nonce, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw unwritable(this.dir, error);
      return false;
    }
  }

  /** Touches our lock; re-creates it if it vanished. False when another process holds it now. */
  private async beat(lock: string, nonce: string): Promise<boolean> {
    const owner = await readFile(lock, 'utf8').catch(() => null);
    if (owner === null) return this.tryCreate(lock, nonce).catch(() => false);
    if (owner !== nonce) return false;
    const now = new Date();
    return utimes(lock, now, now).then(
      () => true,
      () => false,
    );
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
