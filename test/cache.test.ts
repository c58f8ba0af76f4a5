/**
 * The token cache from the outside (issue 7 items 8 and 9): tokens keyed by store + endpoint +
 * client id, `appstores cache clear`, and a human line while requests are retried.
 */
import { createServer } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, withSandbox, type SandboxSetup } from './helpers.js';

let sb: SandboxSetup;
beforeAll(async () => {
  sb = await withSandbox(['oppo']);
});
afterAll(() => sb.close());

const tokenFiles = () => readdirSync(sb.env.APPSTORES_CACHE_DIR!).filter((f) => /^oppo-[0-9a-f]{24}\.json$/.test(f));

describe('token cache', () => {
  it('keeps one token per endpoint, holding only token and expiry; cache clear removes them', async () => {
    expect((await sb.run(['doctor', '--store', 'oppo'])).code).toBe(0);
    expect(tokenFiles()).toHaveLength(1);
    // The same client id through another endpoint (here: the sandbox under another host name) is another token.
    const other = sb.sandbox.baseUrl('oppo').replace('127.0.0.1', 'localhost');
    expect((await sb.run(['doctor', '--store', 'oppo'], { APPSTORES_OPPO_BASE_URL: other })).code).toBe(0);
    expect(tokenFiles()).toHaveLength(2);
    for (const file of tokenFiles()) {
      expect(Object.keys(JSON.parse(readFileSync(join(sb.env.APPSTORES_CACHE_DIR!, file), 'utf8')))).toEqual([
        'token',
        'expiresAt',
      ]);
    }
    const cleared = await runCli(['cache', 'clear', '--json'], { env: sb.env });
    expect(cleared.code).toBe(0);
    expect(JSON.parse(cleared.stdout)).toMatchObject({ ok: true, removed: 2 });
    expect(tokenFiles()).toEqual([]);
  });

  it('says in the human output what it is retrying while a store cannot be reached', async () => {
    // A port nothing listens on.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const r = await sb.run(['doctor', '--store', 'oppo'], { APPSTORES_OPPO_BASE_URL: `http://127.0.0.1:${port}` });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('retrying OPPO token (connection refused), attempt 2 of 4');
    expect(r.stderr).toContain('attempt 4 of 4');
  });
});
