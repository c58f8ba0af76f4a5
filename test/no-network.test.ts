import { connect } from 'node:net';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

describe('no network in tests (test/no-network.mjs)', () => {
  it('refuses a socket to a real store host before anything is sent, in process', async () => {
    expect(() => connect(443, 'connect-api.cloud.huawei.com')).toThrow(/connect-api\.cloud\.huawei\.com/);
    await expect(request('https://connect-api.cloud.huawei.com/api/oauth2/v1/token')).rejects.toThrow(
      /tests reach 127\.0\.0\.1 only/,
    );
  });

  it('lets loopback through', async () => {
    const socket = connect(1, '127.0.0.1');
    const closed = new Promise((resolve) => socket.once('error', resolve));
    await closed; // ECONNREFUSED from the kernel, not the guard
  });

  it('is loaded into every CLI run of the helpers', async () => {
    const r = await runCli(['info', '--store', 'huawei', '--pkg', 'com.foo.bar'], {
      env: { APPSTORES_HUAWEI_CLIENT_ID: 'id', APPSTORES_HUAWEI_CLIENT_SECRET: 'secret', APPSTORES_TIME_SCALE: '0.01' },
    });
    expect(r.stderr).toContain('tests reach 127.0.0.1 only');
    expect(r.code).not.toBe(0);
  });
});
