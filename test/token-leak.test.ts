/**
 * A token endpoint that answers something broken never gets its token printed: every output of
 * the CLI (stdout JSON, stderr with the --verbose request log; and the human output) is searched
 * for it. Every kind of broken answer is checked in process in src/stores/oppo/index.test.ts;
 * here the two that quote a body (cut-short JSON, an error quoting the token), through the CLI.
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
    [
      'cut short',
      `{"errno":0,"data":{"access_token":"${TOKEN}","expire_in":19000`,
      ['doctor', '--store', 'oppo', '--verbose', '--json'],
    ],
    [
      'an error that quotes it',
      `{"errno":910002,"message":"token ${TOKEN} is not valid"}`,
      ['doctor', '--store', 'oppo'],
    ],
  ])('%s', async (_, body, args) => {
    sb.sandbox.inject({ store: 'oppo', match: '/developer/v1/token', fault: { kind: 'status', status: 200, body } });
    const r = await sb.run(args);
    expect(r.code).not.toBe(0);
    const output = r.stdout + r.stderr;
    expect(output).toMatch(/oppo/i);
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain(TOKEN.slice(0, 12));
    expect(output).not.toContain(TOKEN.slice(-12));
  });
});
