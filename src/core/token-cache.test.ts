import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fastClock } from '../testing/context.js';
import type { Clock } from './clock.js';
import { TokenCache } from './token-cache.js';

const KEY = {
  store: 'oppo',
  endpoint: 'https://oop.example/developer/v1/token',
  clientId: '1234567890123456789',
} as const;
const ID = { store: 'oppo', endpoint: 'https://oop.example/developer/v1/token', clientId: 'id' } as const;

describe('TokenCache', () => {
  it('stores only the token and its expiry in a 0600 file named by a hash of store, endpoint and client id', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'appstores-cache-')), 'nested');
    const cache = new TokenCache(dir, fastClock());
    await cache.set(KEY, { token: 'tok', expiresAt: 99 });
    expect(await cache.get(KEY)).toEqual({ token: 'tok', expiresAt: 99 });
    expect(await cache.get({ ...KEY, clientId: 'another-client' })).toBeNull();
    // The same client id through another endpoint (a sandbox, a proxy) is another token.
    expect(await cache.get({ ...KEY, endpoint: 'http://127.0.0.1:9/oppo/developer/v1/token' })).toBeNull();
    const [name] = readdirSync(dir);
    expect(name).toMatch(/^oppo-[0-9a-f]{24}\.json$/);
    expect(name).not.toContain('1234567890123456789');
    expect(statSync(join(dir, name!)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dir, name!), 'utf8')).toBe('{"token":"tok","expiresAt":99}');
  });

  it('runs one critical section at a time per client id', async () => {
    const cache = new TokenCache(mkdtempSync(join(tmpdir(), 'appstores-lock-')), fastClock());
    let inside = 0;
    let most = 0;
    const section = () =>
      cache.withLock(ID, async () => {
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 20));
        inside--;
      });
    await Promise.all([section(), section(), section()]);
    expect(most).toBe(1);
  });
});

describe('TokenCache lock ownership', () => {
  it('takes over a lock whose holder stopped touching it, without letting a second waiter in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'appstores-stale-'));
    const cache = new TokenCache(dir, fastClock());
    // A lock left by a process that died 40 s ago.
    await cache.withLock(ID, async () => {
      const [lock] = readdirSync(dir).filter((f) => f.endsWith('.lock'));
      writeFileSync(join(dir, lock!), 'nonce-of-a-dead-process');
      const old = new Date(Date.now() - 40_000);
      utimesSync(join(dir, lock!), old, old);
    });
    // The owner's release did not remove a lock it no longer owned...
    expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toHaveLength(1);
    // ...and the stale lock is taken over by exactly one of several waiters at a time.
    let inside = 0;
    let most = 0;
    const section = () =>
      cache.withLock(ID, async () => {
        most = Math.max(most, ++inside);
        await new Promise((r) => setTimeout(r, 10));
        inside--;
      });
    await Promise.all([section(), section(), section()]);
    expect(most).toBe(1);
    expect(readdirSync(dir).filter((f) => f.includes('.lock'))).toEqual([]);
  });

  it('says clearly when the cache directory cannot be written', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'appstores-notdir-')), 'file');
    writeFileSync(file, 'x');
    const cache = new TokenCache(join(file, 'cache'), fastClock());
    await expect(cache.set(ID, { token: 't', expiresAt: 1 })).rejects.toMatchObject({
      code: 'CACHE_DIR_UNWRITABLE',
      hint: 'set APPSTORES_CACHE_DIR to a writable directory',
    });
    await expect(cache.withLock(ID, async () => 1)).rejects.toMatchObject({ code: 'CACHE_DIR_UNWRITABLE' });
  });
});

describe('TokenCache lock staleness and heartbeat', () => {
  /** A clock far in the future: the injected clock must not make a live lock look stale. */
  const futureClock: Clock = {
    now: () => Date.now() + 3_600_000,
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))),
  };

  it('judges staleness by the wall clock against the file mtime, not by the injected clock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'appstores-wall-'));
    const cache = new TokenCache(dir, futureClock);
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = cache.withLock(ID, async () => {
      order.push('first in');
      await held;
      order.push('first out');
    });
    await new Promise((r) => setTimeout(r, 20));
    const second = cache.withLock(ID, async () => {
      order.push('second in');
    });
    await new Promise((r) => setTimeout(r, 50));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
  });

  it('tells the holder when its lock was taken by another process (the lease is lost, not silently kept)', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'appstores-lost-'));
      const lines: string[] = [];
      const cache = new TokenCache(dir, fastClock(), (line) => lines.push(line));
      let lost: boolean | null = null;
      await cache.withLock(ID, async (lease) => {
        const [lock] = readdirSync(dir).filter((f) => f.endsWith('.lock'));
        writeFileSync(join(dir, lock!), 'nonce-of-another-process');
        await vi.advanceTimersByTimeAsync(5_000);
        // The heartbeat's file reads are real I/O: let them finish.
        for (let i = 0; i < 200 && !lease.lost; i++) await new Promise((r) => setTimeout(r, 5));
        lost = lease.lost;
      });
      expect(lost).toBe(true);
      expect(lines.join('\n')).toMatch(/lost the token lock/);
      // The other process's lock is left alone.
      expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes its lock back when the heartbeat finds it removed', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'appstores-back-'));
      const cache = new TokenCache(dir, fastClock());
      let lost: boolean | null = null;
      let relocked = false;
      await cache.withLock(ID, async (lease) => {
        const [lock] = readdirSync(dir).filter((f) => f.endsWith('.lock'));
        rmSync(join(dir, lock!));
        await vi.advanceTimersByTimeAsync(5_000);
        for (let i = 0; i < 200 && !existsSync(join(dir, lock!)); i++) await new Promise((r) => setTimeout(r, 5));
        relocked = existsSync(join(dir, lock!));
        lost = lease.lost;
      });
      expect(relocked).toBe(true);
      expect(lost).toBe(false);
      expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('cache clear removes the token files it wrote and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'appstores-clear-'));
    const cache = new TokenCache(dir, fastClock());
    await cache.set(KEY, { token: 'a', expiresAt: 1 });
    await cache.set({ ...KEY, store: 'honor' }, { token: 'b', expiresAt: 1 });
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    expect(await cache.clear()).toBe(2);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    expect(await new TokenCache(join(dir, 'missing'), fastClock()).clear()).toBe(0);
  });
});
