import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastClock } from '../testing/context.js';
import { TokenCache } from './token-cache.js';

describe('TokenCache', () => {
  it('stores a token in a 0600 file named by a hash of the client id, without the id or secret', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'appstores-cache-')), 'nested');
    const cache = new TokenCache(dir, fastClock());
    await cache.set('oppo', '1234567890123456789', { token: 'tok', expiresAt: 99 });
    expect(await cache.get('oppo', '1234567890123456789')).toEqual({ token: 'tok', expiresAt: 99 });
    expect(await cache.get('oppo', 'another-client')).toBeNull();
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
      cache.withLock('oppo', 'id', async () => {
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
    await cache.withLock('oppo', 'id', async () => {
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
      cache.withLock('oppo', 'id', async () => {
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
    await expect(cache.set('oppo', 'id', { token: 't', expiresAt: 1 })).rejects.toMatchObject({
      code: 'CACHE_DIR_UNWRITABLE',
      hint: 'set APPSTORES_CACHE_DIR to a writable directory',
    });
    await expect(cache.withLock('oppo', 'id', async () => 1)).rejects.toMatchObject({ code: 'CACHE_DIR_UNWRITABLE' });
  });
});
