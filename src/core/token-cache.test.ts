import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
