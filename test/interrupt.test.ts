/** Ctrl-C (SIGINT) or a CI cancellation (SIGTERM) in the middle of a publish: a clean stop, exit 130. */
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, fixture, withSandbox, type SandboxSetup } from './helpers.js';

let sb: SandboxSetup;
beforeEach(async () => {
  sb = await withSandbox(['oppo']);
});
afterEach(() => sb.close());

describe.each(['SIGINT', 'SIGTERM'] as const)('%s during a publish', (signal) => {
  it('stops, says the submit may have reached the store, and exits 130', async () => {
    // OPPO's submit hangs for 20 s; the signal arrives while the CLI waits for it.
    sb.sandbox.inject({ store: 'oppo', match: '/app/upd', fault: { kind: 'delay', ms: 20_000 } });
    const child = spawn(
      process.execPath,
      [BIN, 'publish', fixture('apk/app-universal.apk'), '--notes', 'Bug fixes', '--json', '--config', sb.configPath],
      { env: { PATH: process.env.PATH ?? '', CI: '1', ...sb.env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const sent = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (sb.sandbox.log.some((e) => e.path === '/resource/v1/app/upd') || stderr.includes('submitting')) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    await sent;
    const started = Date.now();
    child.kill(signal);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    expect(code).toBe(130);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(stderr).toContain('interrupted: stopping');
    const result = JSON.parse(stdout).results[0];
    expect(result).toMatchObject({ store: 'oppo', status: 'cancelled' });
    expect(result.message).toMatch(/may have received it/);
  });
});
