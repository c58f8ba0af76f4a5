import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import { createEchoEmulator } from '../testing/echo-emulator.js';
import { fastClock } from '../testing/context.js';
import { HttpClient, TransportError } from './client.js';
import { multipartBody } from './multipart.js';

let sb: Sandbox;
const echo = createEchoEmulator();
const dir = mkdtempSync(join(tmpdir(), 'appstores-http-'));
const file = join(dir, 'blob.bin');
const content = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
writeFileSync(file, content);

beforeAll(async () => {
  sb = await startSandbox([echo]);
});
afterAll(() => sb.close());

function client(log?: (line: string) => void) {
  return new HttpClient({ store: 'echo', dispatcher: new Agent(), clock: fastClock(), log });
}

describe('HttpClient', () => {
  it('builds a fresh request for every attempt and retries a 5xx on an idempotent call', async () => {
    sb.inject({ store: 'echo', match: '/flaky', fault: { kind: 'status', status: 503 }, times: 2 });
    const attempts: number[] = [];
    const res = await client().send(
      (attempt) => {
        attempts.push(attempt);
        return { method: 'GET', url: `${sb.baseUrl('echo')}/flaky?attempt=${attempt}` };
      },
      { idempotent: true },
    );
    expect(attempts).toEqual([1, 2, 3]);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).query.attempt).toBe('3');
  });

  it('never repeats a request marked not idempotent', async () => {
    sb.inject({ store: 'echo', match: '/submit', fault: { kind: 'status', status: 502 } });
    const before = echo.calls;
    const res = await client().send(() => ({ method: 'POST', url: `${sb.baseUrl('echo')}/submit`, body: 'x' }), {
      idempotent: false,
    });
    expect(res.status).toBe(502);
    expect(sb.log.filter((e) => e.path === '/submit')).toHaveLength(1);
    expect(echo.calls).toBe(before);
  });

  it('reports a dropped submit as a TransportError that may have been applied', async () => {
    sb.inject({ store: 'echo', match: '/drop', fault: { kind: 'drop-response' } });
    const error = await client()
      .send(() => ({ method: 'POST', url: `${sb.baseUrl('echo')}/drop`, body: 'x' }), { idempotent: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).maybeApplied).toBe(true);
    expect((error as TransportError).category).toBe('transient');
  });

  it('streams a multipart body from disk with an exact Content-Length, and retries a mid-body reset', async () => {
    sb.inject({ store: 'echo', match: '/upload', fault: { kind: 'reset' } });
    const progress: number[] = [];
    const res = await client().send(
      () => ({
        method: 'POST',
        url: `${sb.baseUrl('echo')}/upload`,
        body: multipartBody([
          { name: 'type', value: 'apk' },
          { name: 'note', value: '中文 "quoted"' },
          { name: 'file', file: { path: file, size: content.length, filename: 'blob.bin' } },
        ]),
      }),
      { idempotent: true, onUploadProgress: (sent) => progress.push(sent) },
    );
    const body = JSON.parse(res.text);
    expect(sb.log.filter((e) => e.path === '/upload').map((e) => e.fault)).toEqual(['reset', null]);
    expect(body.chunked).toBeNull();
    expect(Number(body.contentLength)).toBe(body.length);
    expect(body.parts).toEqual([
      { name: 'type', filename: null, md5: expect.any(String), text: 'apk' },
      { name: 'note', filename: null, md5: expect.any(String), text: '中文 "quoted"' },
      { name: 'file', filename: 'blob.bin', md5: createHash('md5').update(content).digest('hex'), text: null },
    ]);
    expect(progress.at(-1)).toBe(body.length);
  });

  it('waits for Retry-After on a 429 and logs each attempt without secrets', async () => {
    sb.inject({ store: 'echo', match: '/limited', fault: { kind: 'rate-limit', retryAfterSeconds: 1 } });
    const lines: string[] = [];
    const res = await client((l) => lines.push(l)).send(
      () => ({ method: 'GET', url: `${sb.baseUrl('echo')}/limited?access_token=tok-abcdef&pkg=a` }),
      { idempotent: true },
    );
    expect(res.status).toBe(200);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/-> 429 .*retry in 1000ms/);
    expect(lines.join('\n')).not.toContain('tok-abcdef');
  });

  it('says a name that does not resolve, or an untrusted certificate, reached nothing', async () => {
    // A mock dispatcher stands in for the resolver and TLS: no test reaches the network.
    const mock = new MockAgent();
    mock.disableNetConnect();
    const pool = mock.get('https://store.example');
    const failWith = (code: string) => Object.assign(new Error(code), { code });
    pool.intercept({ path: '/a', method: 'POST' }).replyWithError(failWith('ENOTFOUND'));
    pool.intercept({ path: '/b', method: 'POST' }).replyWithError(failWith('UNABLE_TO_VERIFY_LEAF_SIGNATURE'));
    const http = new HttpClient({ store: 'echo', dispatcher: mock, clock: fastClock() });
    const send = (path: string) =>
      http
        .send(() => ({ method: 'POST', url: `https://store.example${path}` }), { idempotent: false })
        .then(
          () => Promise.reject(new Error('expected a TransportError')),
          (e: unknown) => e as TransportError,
        );
    const dns = await send('/a');
    expect(dns.message).toBe('could not resolve store.example (ENOTFOUND) for POST /a');
    expect(dns.maybeApplied).toBe(false);
    const tls = await send('/b');
    expect(tls.message).toBe('the TLS certificate of store.example is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)');
    expect(tls.hint).toMatch(/NODE_EXTRA_CA_CERTS/);
    expect(tls.maybeApplied).toBe(false);
  });

  it('gives up with a clear error when the host refuses connections', async () => {
    const error = await client()
      .send(() => ({ method: 'GET', url: 'http://127.0.0.1:1/nothing' }), { idempotent: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toMatch(/^could not connect to 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
    expect((error as TransportError).maybeApplied).toBe(false);
    expect((error as TransportError).hint).toMatch(/^nothing reached the store: check the network/);
  });
});
