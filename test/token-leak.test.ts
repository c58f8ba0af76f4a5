/**
 * A token endpoint that answers something broken (not JSON, cut short, the wrong shape, an error
 * quoting the token) never gets its token printed: every output of the CLI is searched for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox, type SandboxSetup } from './helpers.js';

const TOKEN = 'q7Zt4Kx9Lm2Wp8Rv5Ny3Bc6Hd1Jf0Gs';

let sb: SandboxSetup;
beforeAll(async () => {
  sb = await withSandbox(['oppo']);
});
afterAll(() => sb.close());

describe('a broken token answer never shows the token', () => {
  it.each([
    ['not JSON', `access_token=${TOKEN}&expire_in=1900000000`],
    ['cut short', `{"errno":0,"data":{"access_token":"${TOKEN}","expire_in":19000`],
    ['the wrong shape', `{"errno":0,"data":{"access_token":"${TOKEN}","expire_in":"soon"}}`],
    ['an error that quotes it', `{"errno":910002,"message":"token ${TOKEN} is not valid"}`],
    ['an HTML page', `<html><body>token: ${TOKEN}</body></html>`],
  ])('%s', async (_, body) => {
    for (const args of [
      ['doctor', '--store', 'oppo', '--verbose', '--json'],
      ['doctor', '--store', 'oppo'],
    ]) {
      sb.sandbox.inject({ store: 'oppo', match: '/developer/v1/token', fault: { kind: 'status', status: 200, body } });
      const r = await sb.run(args);
      expect(r.code).not.toBe(0);
      const output = r.stdout + r.stderr;
      expect(output).toMatch(/oppo/i);
      expect(output).not.toContain(TOKEN);
      expect(output).not.toContain(TOKEN.slice(0, 12));
      expect(output).not.toContain(TOKEN.slice(-12));
    }
  });
});
