import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEchoEmulator } from '../testing/echo-emulator.js';
import { startSandbox, type Sandbox } from './server.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox([createEchoEmulator()]);
});
afterAll(() => sb.close());

const url = (path: string) => `${sb.baseUrl('echo')}${path}`;

describe('sandbox harness', () => {
  it('routes by store prefix and answers 404 for an unknown store', async () => {
    const ok = await fetch(url('/a/b?x=1'));
    expect(await ok.json()).toMatchObject({ path: '/a/b', query: { x: '1' } });
    expect((await fetch(`${sb.url}/nostore/x`)).status).toBe(404);
  });

  it('logs requests with secret parameters hidden', async () => {
    await fetch(url('/logged?token=supersecret&keep=yes'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=bodysecret&field=value',
    });
    const entry = sb.log.find((e) => e.path === '/logged')!;
    expect(entry.query).toBe('token=***&keep=yes');
    expect(entry.fields).toEqual({ token: '***', field: 'value' });
    expect(JSON.stringify(sb.log)).not.toMatch(/supersecret|bodysecret/);
  });

  it('applies a status fault the given number of times, then lets requests through', async () => {
    sb.inject({ store: 'echo', match: '/five', fault: { kind: 'status', status: 503 }, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(url('/five'))).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('answers 429 with Retry-After', async () => {
    sb.inject({ store: 'echo', match: '/rl', fault: { kind: 'rate-limit', retryAfterSeconds: 9 } });
    const res = await fetch(url('/rl'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('9');
  });

  it('sends malformed JSON', async () => {
    sb.inject({ store: 'echo', match: '/bad', fault: { kind: 'malformed-json' } });
    const res = await fetch(url('/bad'));
    await expect(res.json()).rejects.toThrow();
  });

  it('delays an answer', async () => {
    sb.inject({ store: 'echo', match: '/slow', fault: { kind: 'delay', ms: 300 } });
    const started = Date.now();
    await fetch(url('/slow'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('resets the connection in the middle of the request body', async () => {
    sb.inject({ store: 'echo', match: '/reset', fault: { kind: 'reset', afterBytes: 1000 } });
    const body = Buffer.alloc(2 * 1024 * 1024, 1);
    await expect(fetch(url('/reset'), { method: 'POST', body })).rejects.toThrow();
    expect(sb.log.find((e) => e.path === '/reset')).toMatchObject({ fault: 'reset', status: null });
  });

  it('drops the response after the emulator handled the request', async () => {
    const echo = createEchoEmulator();
    const own = await startSandbox([echo]);
    own.inject({ store: 'echo', match: '/drop', fault: { kind: 'drop-response' } });
    await expect(fetch(`${own.baseUrl('echo')}/drop`, { method: 'POST', body: 'x' })).rejects.toThrow();
    expect(echo.calls).toBe(1);
    await own.close();
  });

  it('takes faults and serves its log over the control endpoints', async () => {
    await fetch(`${sb.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ store: 'echo', match: '/ctl', fault: { kind: 'status', status: 500 } }),
    });
    expect((await fetch(url('/ctl'))).status).toBe(500);
    const log = (await (await fetch(`${sb.url}/_sandbox/log`)).json()) as Array<{ path: string }>;
    expect(log.some((e) => e.path === '/ctl')).toBe(true);
  });
});
