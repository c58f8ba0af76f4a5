import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../core/errors.js';
import { TokenCache } from '../../core/token-cache.js';
import { virtualClock } from '../../testing/clock.js';
import type { TokenKey } from '../types.js';
import { CachedToken, TOKEN_REFRESH_MARGIN_MS } from './token.js';

const KEY: TokenKey = { store: 'honor', endpoint: 'https://iam.example/auth/token', clientId: 'c1' };

function setup(dir = mkdtempSync(join(tmpdir(), 'appstores-kit-token-'))) {
  const clock = virtualClock();
  const secrets: string[] = [];
  let fetches = 0;
  const make = (key = KEY) =>
    new CachedToken({
      key,
      cache: new TokenCache(dir, clock),
      clock,
      addSecret: (s) => secrets.push(s),
      fetch: async () => ({ token: `tok-${++fetches}`, expiresAt: clock.now() + 3600_000 }),
    });
  return { clock, secrets, make, fetches: () => fetches, dir };
}

const rejected = () => new StoreError('token refused', { code: 'TOKEN_INVALID', store: 'honor' });

describe('CachedToken', () => {
  it('fetches once and shares the token through the cache across sessions (processes)', async () => {
    const t = setup();
    expect(await t.make().get()).toBe('tok-1');
    expect(await t.make().get()).toBe('tok-1');
    expect(t.fetches()).toBe(1);
    expect(t.secrets).toContain('tok-1');
  });

  it('never reuses a token across endpoints', async () => {
    const t = setup();
    await t.make().get();
    expect(await t.make({ ...KEY, endpoint: 'http://127.0.0.1:1/honor/auth/token' }).get()).toBe('tok-2');
  });

  it('refreshes a margin before expiry', async () => {
    const t = setup();
    const tokens = t.make();
    await tokens.get();
    await t.clock.sleep(3600_000 - TOKEN_REFRESH_MARGIN_MS + 1);
    expect(await tokens.get()).toBe('tok-2');
  });

  it('renews once when the store refuses the token, then gives up with the refusal', async () => {
    const t = setup();
    const used: string[] = [];
    await expect(
      t.make().use(async (token) => {
        used.push(token);
        if (token === 'tok-1') throw rejected();
        return 'answer';
      }),
    ).resolves.toBe('answer');
    expect(used).toEqual(['tok-1', 'tok-2']);
    const always: string[] = [];
    await expect(
      t.make().use(async (token) => {
        always.push(token);
        throw rejected();
      }),
    ).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(always).toHaveLength(2);
  });

  it('takes a token another process cached meanwhile instead of fetching one that would kill it', async () => {
    const t = setup();
    const a = t.make();
    const b = t.make();
    expect(await a.get()).toBe('tok-1');
    // b renews after a refused tok-1 ... (fetches tok-2); a, told tok-1 was refused too, takes tok-2.
    expect(await b.renew('tok-1')).toBe('tok-2');
    expect(await a.renew('tok-1')).toBe('tok-2');
    expect(t.fetches()).toBe(2);
  });
});
