/** The token cache never loops without end: directory creation and lock waits are bounded (issue 7 item 2). */
import { existsSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../stores/types.js';
import { makeDir } from './make-dir.js';
import { TokenCache } from './token-cache.js';

describe('makeDir', () => {
  it('creates every missing component with the mode, and accepts one that exists', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'appstores-mkdir-')), 'a', 'b', 'c');
    await Promise.all([makeDir(dir, 0o700), makeDir(dir, 0o700)]);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    await makeDir(dir, 0o700);
  });

  it('fails at once under a file (ENOTDIR)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'appstores-mkdir-')), 'file');
    writeFileSync(file, '');
    await expect(makeDir(join(file, 'x'), 0o700)).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  // Node's own recursive mkdir never returns here.
  it.skipIf(!existsSync('/proc/self'))(
    'fails at once on /proc/cache (ENOENT under a directory that exists)',
    async () => {
      await expect(makeDir('/proc/cache', 0o700)).rejects.toMatchObject({ code: 'ENOENT' });
    },
  );
});

/** Virtual time: each sleep moves the clock on, and the other process touches its lock meanwhile. */
function virtualClock(onSleep: (now: number) => void): Clock {
  let now = Date.now();
  return {
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      now += ms;
      onSleep(now);
    },
  };
}

const KEY = { store: 'oppo', endpoint: 'https://oppo.example/token', clientId: 'id' } as const;

describe('TokenCache lock wait', () => {
  async function heldLock(): Promise<{ dir: string; lock: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'appstores-held-'));
    // Learn the lock file's name, and leave it behind as another live process's lock.
    await new TokenCache(
      dir,
      virtualClock(() => {}),
    ).withLock(KEY, async () => {
      const [name] = readdirSync(dir).filter((f) => f.endsWith('.lock'));
      writeFileSync(join(dir, name!), 'nonce-of-another-process');
    });
    const [name] = readdirSync(dir).filter((f) => f.endsWith('.lock'));
    return { dir, lock: join(dir, name!) };
  }

  it('gives up after two minutes on a lock whose holder keeps it fresh, with CACHE_LOCKED', async () => {
    const { dir, lock } = await heldLock();
    let waitedUntil = 0;
    const clock = virtualClock((now) => {
      waitedUntil = now;
      utimesSync(lock, new Date(now), new Date(now));
    });
    const start = clock.now();
    await expect(new TokenCache(dir, clock).withLock(KEY, async () => 'never')).rejects.toMatchObject({
      code: 'CACHE_LOCKED',
    });
    expect(waitedUntil - start).toBeGreaterThanOrEqual(120_000);
    expect(waitedUntil - start).toBeLessThan(121_000);
  });

  it('stops waiting when the run is interrupted', async () => {
    const { dir } = await heldLock();
    const controller = new AbortController();
    const clock = virtualClock(() => controller.abort(new Error('interrupted')));
    await expect(new TokenCache(dir, clock).withLock(KEY, async () => 'never', controller.signal)).rejects.toThrow(
      'interrupted',
    );
  });
});
