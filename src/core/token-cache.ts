/**
 * Tokens that stores hand out, cached on disk across runs (design.md): OPPO kills the previous
 * token within minutes of a new one being issued [src: stores/oppo.md §2.3], so every process of a
 * CI pipeline must reuse one token instead of each fetching its own.
 *
 * Files are mode 0600 in a 0700 directory, named by a hash of the client id, and hold only the
 * token and its expiry, never the client secret. A lock file serialises the fetch across processes.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../stores/types.js';

export interface CachedToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const LOCK_STALE_MS = 60_000;
const LOCK_POLL_MS = 100;

export class TokenCache {
  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
  ) {}

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
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const target = this.file(store, clientId, 'json');
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(entry), { mode: 0o600 });
    await rename(temp, target);
  }

  async delete(store: string, clientId: string): Promise<void> {
    await rm(this.file(store, clientId, 'json'), { force: true });
  }

  /** Runs `fn` while holding this client id's lock, so only one process fetches a token at a time. */
  async withLock<T>(store: string, clientId: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const lock = this.file(store, clientId, 'lock');
    for (;;) {
      try {
        const handle = await open(lock, 'wx', 0o600);
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        // A process that died while holding the lock must not block everyone forever.
        const info = await stat(lock).catch(() => null);
        if (info && this.clock.now() - info.mtimeMs > LOCK_STALE_MS) await rm(lock, { force: true });
        await this.clock.sleep(LOCK_POLL_MS, signal);
      }
    }
    try {
      return await fn();
    } finally {
      await rm(lock, { force: true });
    }
  }
}
