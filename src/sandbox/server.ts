/**
 * The sandbox harness: one HTTP server on 127.0.0.1 (random port) that routes `/<store>/...` to
 * that store's emulator, logs every request with secrets hidden, and applies injected faults.
 *
 * Control endpoints (for tests that drive the CLI as a subprocess, and for curious users):
 *   GET  /_sandbox/log     the request log as JSON
 *   POST /_sandbox/faults  a FaultRule as JSON
 *   POST /_sandbox/review  a ReviewChange as JSON: the reviewer approves, releases or rejects (review-control.ts)
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { boundaryOf, contentTypeOf, type FormPart, MultipartReader } from './multipart.js';
import { SparseSpoolError } from './sparse-zip.js';
import { Spool, type SpooledFile, type SpoolOptions, TempArea } from './spool.js';
import { readerEntry } from './read-upload.js';
import { reviewControl } from './review-control.js';
import type { Emulator, EmulatorResponse, Fault, FaultRule, LogEntry } from './types.js';

export interface Sandbox {
  /** `http://127.0.0.1:<port>` */
  url: string;
  baseUrl(store: string): string;
  /** A config `{ stores: {...} }` that points every emulator's adapter at this server. */
  config(): { stores: Record<string, Record<string, unknown>> };
  readonly log: LogEntry[];
  inject(rule: FaultRule): void;
  /** Moves the sandbox's clock (token expiry, timestamp windows) by `ms`. */
  shiftClock(ms: number): void;
  close(): Promise<void>;
}

export interface SandboxOptions {
  port?: number;
  /** Called for each request once it has been answered (or dropped). */
  onRequest?: (entry: LogEntry) => void;
}

export async function startSandbox(emulators: Emulator[], options: SandboxOptions = {}): Promise<Sandbox> {
  const byId = new Map(emulators.map((e) => [e.id, e]));
  const log: LogEntry[] = [];
  const rules: Array<FaultRule & { left: number }> = [];
  let clockShift = 0;
  const temp = await TempArea.create();
  let url = '';
  const baseUrl = (store: string) => `${url}/${store}`;

  const takeFault = (store: string, path: string, method: string): Fault | null => {
    const index = rules.findIndex(
      (r) => r.store === store && path.includes(r.match) && (!r.method || r.method.toUpperCase() === method),
    );
    if (index < 0) return null;
    const rule = rules[index]!;
    if (--rule.left <= 0) rules.splice(index, 1);
    return rule.fault;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`sandbox error: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? '/', 'http://sandbox');
    const method = (req.method ?? 'GET').toUpperCase();
    if (requestUrl.pathname.startsWith('/_sandbox/')) return control(req, res, requestUrl.pathname, method);

    const [, storeId = '', ...rest] = requestUrl.pathname.split('/');
    const emulator = byId.get(storeId);
    const path = `/${rest.join('/')}`;
    if (!emulator) return sendJson(res, 404, { error: `no emulated store at /${storeId}` });

    // vivo picks the operation by a `method` parameter that may travel in the body: read the start
    // of the body before choosing a fault, so that a rule can match `method=app.upload.apk.app`.
    const head = await readHead(req, HEAD_BYTES);
    const bodyMethod = methodField(Buffer.concat(head.chunks), contentTypeOf(req.headers));
    const key = `${path}?${requestUrl.searchParams.toString()}${bodyMethod ? `&method=${bodyMethod}` : ''}`;
    const fault = takeFault(storeId, key, method);
    const entry: LogEntry = {
      time: Date.now(),
      store: storeId,
      method,
      path,
      query: redactParams(requestUrl.searchParams, emulator.secretParams),
      fields: {},
      status: null,
      fault: fault?.kind ?? null,
    };
    const finish = (status: number | null) => {
      entry.status = status;
      log.push(entry);
      options.onRequest?.(entry);
    };

    if (fault?.kind === 'reset') {
      // Mid-body: after `afterBytes`, or after the first chunk of a body larger than that.
      if (fault.afterBytes !== undefined && !head.ended) await readHead(req, fault.afterBytes - head.size);
      finish(null);
      req.socket.destroy();
      return;
    }
    // The body streams once: a multipart body into its parts (file parts to temp files), a raw
    // upload to a temp file, each hashed on the way; only small form/JSON/text bodies stay in memory.
    const spoolOptions: SpoolOptions = {
      sha256: emulator.sha256Uploads === true,
      sparseZip: emulator.sparseUploads ? readerEntry : undefined,
    };
    const received = await receiveBody(req, head, contentTypeOf(req.headers), temp, spoolOptions);
    // Removes the request's temp files (but those an emulator keeps) before the answer goes out.
    const release = async () => {
      for (const file of received.paths.splice(0)) if (!received.kept.has(file)) await temp.remove(file);
    };
    try {
      entry.fields = loggedFields(received, contentTypeOf(req.headers), emulator.secretParams);
      if (received.upload) {
        const { size, md5, sha256 } = received.upload;
        entry.upload = sha256 === undefined ? { size, md5 } : { size, md5, sha256 };
      }
      await answer(req, res, fault, finish, emulator, storeId, method, path, requestUrl, received, release);
    } finally {
      await release();
    }
  }

  async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    fault: Fault | null,
    finish: (status: number | null) => void,
    emulator: Emulator,
    storeId: string,
    method: string,
    path: string,
    requestUrl: URL,
    received: ReceivedBody,
    release: () => Promise<void>,
  ): Promise<void> {
    if (fault?.kind === 'status' || fault?.kind === 'rate-limit' || fault?.kind === 'malformed-json') await release();
    if (fault?.kind === 'status') {
      finish(fault.status);
      return sendText(res, fault.status, fault.body ?? `injected ${fault.status}`);
    }
    if (fault?.kind === 'rate-limit') {
      finish(429);
      res.writeHead(429, { 'retry-after': String(fault.retryAfterSeconds), 'content-type': 'text/plain' });
      res.end('too many requests');
      return;
    }
    if (fault?.kind === 'malformed-json') {
      finish(200);
      return sendText(res, 200, '{"errno":0,"data":{', 'application/json');
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));

    const answer: EmulatorResponse = await emulator.handle(
      {
        method,
        path,
        query: requestUrl.searchParams,
        headers: req.headers,
        body: received.body,
        size: received.size,
        multipart: received.multipart,
        upload: received.upload,
        keep: (file: SpooledFile) => received.kept.add(file.path),
      },
      { now: () => Date.now() + clockShift, baseUrl: baseUrl(storeId) },
    );
    await release();
    const status = answer.status ?? 200;
    if (fault?.kind === 'drop-response') {
      finish(null);
      req.socket.destroy();
      return;
    }
    finish(status);
    if (Buffer.isBuffer(answer.body) || typeof answer.body === 'string') {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...answer.headers });
      res.end(answer.body);
    } else {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    }
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string, method: string) {
    if (path === '/_sandbox/log' && method === 'GET') return sendJson(res, 200, log);
    if (path === '/_sandbox/faults' && method === 'POST') {
      const rule = JSON.parse((await readBody(req)).toString('utf8')) as FaultRule;
      sandbox.inject(rule);
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/_sandbox/review' && method === 'POST') {
      const answer = reviewControl(byId, (await readBody(req)).toString('utf8'));
      return sendJson(res, answer.status, answer.body);
    }
    return sendJson(res, 404, { error: 'unknown sandbox control endpoint' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sandbox: Sandbox = {
    url,
    baseUrl,
    config: () => ({
      stores: Object.fromEntries(emulators.map((e) => [e.id, e.config(baseUrl(e.id))])),
    }),
    log,
    inject(rule) {
      rules.push({ ...rule, left: rule.times ?? 1 });
    },
    shiftClock(ms) {
      clockShift += ms;
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await temp.close();
    },
  };
  return sandbox;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.resume();
  });
}

const HEAD_BYTES = 64 * 1024;

/** Reads at least `limit` bytes of the body (or all of it, if shorter), then pauses the stream. */
function readHead(req: IncomingMessage, limit: number): Promise<{ chunks: Buffer[]; size: number; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (ended: boolean) => {
      req.off('data', onData).off('end', onEnd).off('error', reject);
      if (!ended) req.pause();
      resolve({ chunks, size, ended });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) done(false);
    };
    const onEnd = () => done(true);
    if (req.readableEnded) return resolve({ chunks, size, ended: true });
    req.on('data', onData).on('end', onEnd).on('error', reject);
    req.resume();
  });
}

/** The `method` parameter of a form or multipart body, from its first bytes. */
function methodField(head: Buffer, contentType: string): string | null {
  const text = head.toString('latin1');
  if (/^multipart\/form-data/i.test(contentType)) {
    return /name="method"\r\n(?:[^\r\n]+\r\n)*\r\n([^\r\n]*)/.exec(text)?.[1] ?? null;
  }
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) return new URLSearchParams(text).get('method');
  return null;
}

function redactParams(params: URLSearchParams, secret: string[]): string {
  const copy = new URLSearchParams(params);
  for (const key of secret) if (copy.has(key)) copy.set(key, '***');
  return copy.toString();
}

function loggedFields(received: ReceivedBody, contentType: string, secret: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  if (Array.isArray(received.multipart)) {
    for (const part of received.multipart) {
      fields[part.name] = part.file
        ? `<file ${part.size} bytes md5 ${part.md5}>`
        : part.size > MAX_LOGGED_FIELD
          ? `<field ${part.size} bytes md5 ${part.md5}>`
          : (part.data?.toString('utf8') ?? '');
    }
  } else if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
    Object.assign(fields, Object.fromEntries(new URLSearchParams(received.body.toString('utf8'))));
  }
  // A malformed multipart body is the emulator's to reject; the log just shows no fields.
  for (const key of secret) if (key in fields) fields[key] = '***';
  return fields;
}

/** Longer field values are logged by size and hash (a field is usually a short text or JSON). */
const MAX_LOGGED_FIELD = 4096;

interface ReceivedBody {
  body: Buffer;
  size: number;
  multipart: FormPart[] | Error | null;
  upload: SpooledFile | null;
  /** Temp files written for this request. */
  paths: string[];
  /** The ones an emulator keeps past the request. */
  kept: Set<string>;
}

/** Bodies kept in memory: forms, JSON, text and XML (API calls, never uploads). */
const IN_MEMORY_TYPES = /^(application\/(x-www-form-urlencoded|json|xml|[\w.+-]+\+json)|text\/)/i;

async function receiveBody(
  req: IncomingMessage,
  head: { chunks: Buffer[]; size: number; ended: boolean },
  contentType: string,
  temp: TempArea,
  spoolOptions: SpoolOptions,
): Promise<ReceivedBody> {
  const paths: string[] = [];
  try {
    return await streamBody(req, head, contentType, temp, paths, spoolOptions);
  } catch (error) {
    // The connection broke mid-body: nothing of it is kept.
    for (const path of paths) await temp.remove(path);
    throw error;
  }
}

async function streamBody(
  req: IncomingMessage,
  head: { chunks: Buffer[]; size: number; ended: boolean },
  contentType: string,
  temp: TempArea,
  paths: string[],
  spoolOptions: SpoolOptions,
): Promise<ReceivedBody> {
  const received: ReceivedBody = { body: EMPTY, size: 0, multipart: null, upload: null, paths: [], kept: new Set() };
  async function* chunks(): AsyncGenerator<Buffer> {
    for (const chunk of head.chunks) {
      received.size += chunk.length;
      yield chunk;
    }
    if (head.ended) return;
    for await (const chunk of req) {
      received.size += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  if (/^multipart\/form-data/i.test(contentType)) {
    const boundary = boundaryOf(contentType);
    if (!boundary) {
      for await (const _ of chunks()); // discard: the emulator refuses it
      received.multipart = new Error(`not multipart/form-data: ${contentType}`);
      return received;
    }
    const reader = new MultipartReader(boundary, temp, paths, spoolOptions);
    received.paths = paths;
    try {
      for await (const chunk of chunks()) await reader.write(chunk);
    } catch (error) {
      await reader.abort();
      throw error;
    }
    received.multipart = await reader.end();
    // Not a malformed body: the sandbox cannot emulate this upload sparse (a 500 that says so).
    if (received.multipart instanceof SparseSpoolError) throw received.multipart;
    return received;
  }
  const noBody = head.ended && head.size === 0;
  if (IN_MEMORY_TYPES.test(contentType) || (noBody && contentType === '')) {
    const all: Buffer[] = [];
    for await (const chunk of chunks()) all.push(chunk);
    received.body = Buffer.concat(all);
    return received;
  }
  const path = temp.newPath('upload');
  received.paths = paths;
  paths.push(path);
  const spool = new Spool(path, spoolOptions);
  try {
    for await (const chunk of chunks()) await spool.write(chunk);
  } catch (error) {
    await spool.abort();
    throw error;
  }
  received.upload = await spool.finish();
  return received;
}

const EMPTY = Buffer.alloc(0);

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain') {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
  res.end(text);
}
