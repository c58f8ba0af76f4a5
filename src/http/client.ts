/**
 * The one HTTP client every adapter uses: undici with an injected dispatcher (never a global mock),
 * per-request timeouts, the retry policy of retry.ts, a fresh request (and so a fresh signature and
 * timestamp) built for every attempt, streamed bodies with a known length, and redacted logs.
 */
import { request, type Dispatcher } from './undici.js';
import { StoreError, type ErrorCode } from '../core/errors.js';
import type { Clock } from '../core/clock.js';
import type { Readable } from 'node:stream';
import { redactor } from './redact.js';
import { decideRetry, DEFAULT_RETRY, type AttemptOutcome, type RetryPolicy } from './retry.js';

/** A body streamed from disk: recreated for every attempt, with an exact length. */
export interface StreamBody {
  length: number;
  contentType: string;
  /**
   * The bytes, afresh. A chunk is valid only until the next one is asked for (file parts are read
   * into one reused buffer, file-chunks.ts): a consumer that keeps chunks must copy them. `onSent`
   * is told the bytes taken so far, each time the consumer asks for more.
   */
  open(onSent?: (sent: number) => void): AsyncIterable<Uint8Array>;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string | URL;
  headers?: Record<string, string>;
  body?: string | Buffer | StreamBody;
}

export interface SendOptions {
  /** True when sending the same request again cannot do harm (see retry.ts). */
  idempotent: boolean;
  /** Time to receive the response headers (the store's processing time). */
  headersTimeoutMs?: number;
  /** Longest silence while receiving the response body. */
  bodyTimeoutMs?: number;
  onUploadProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
  /** What the request is, for the retry notice ("token"); default its method and path. */
  what?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request that got no HTTP answer. `maybeApplied`: the store may have acted on it anyway. */
export class TransportError extends StoreError {
  readonly maybeApplied: boolean;
  constructor(store: string, message: string, code: ErrorCode, maybeApplied: boolean, cause: unknown, hint?: string) {
    super(message, {
      code,
      category: 'transient',
      store,
      cause,
      hint:
        hint ??
        (maybeApplied
          ? 'run again: appstores asks the store what it received before submitting anything again'
          : `nothing reached the store: check the network or proxy, and stores.${store}.baseUrl if it is set`),
    });
    this.name = 'TransportError';
    this.maybeApplied = maybeApplied;
  }
}

export interface HttpClientOptions {
  store: string;
  dispatcher: Dispatcher;
  clock: Clock;
  retry?: RetryPolicy;
  /** Receives one line per attempt (already redacted) when --verbose is on. */
  log?: (line: string) => void;
  /** How people call the store in messages ("OPPO"); default its id. */
  name?: string;
  /** Told, for the human output, each time a request is about to be retried. */
  notice?: (line: string) => void;
}

export type RequestBuilder = (attempt: number) => RequestSpec | Promise<RequestSpec>;

export class HttpClient {
  readonly store: string;
  private readonly options: HttpClientOptions;

  constructor(options: HttpClientOptions) {
    this.options = options;
    this.store = options.store;
  }

  /** Sends the request `build` describes, building it anew for each attempt. */
  async send(build: RequestBuilder, options: SendOptions): Promise<HttpResponse> {
    const policy = this.options.retry ?? DEFAULT_RETRY;
    for (let attempt = 1; ; attempt++) {
      const spec = await build(attempt);
      const started = this.options.clock.now();
      let outcome: AttemptOutcome;
      let response: HttpResponse | null = null;
      let failure: unknown = null;
      try {
        response = await this.once(spec, options);
        outcome = { kind: 'response', status: response.status, retryAfter: header(response, 'retry-after') };
      } catch (error) {
        if (options.signal?.aborted) throw error;
        failure = error;
        outcome = { kind: 'network', code: networkCode(error) };
      }
      const elapsed = this.options.clock.now() - started;
      const decision = decideRetry(policy, attempt, outcome, options.idempotent, this.options.clock.now());
      this.log(
        `${spec.method} ${redactor.redact(String(spec.url))} -> ${response ? response.status : outcome.kind === 'network' ? outcome.code : ''} ${elapsed}ms` +
          (decision.retry ? ` (retry in ${decision.delayMs}ms)` : ''),
      );
      if (decision.retry) {
        const what = options.what ?? `${spec.method} ${new URL(String(spec.url)).pathname}`;
        this.options.notice?.(
          `retrying ${this.options.name ?? this.store} ${what} (${reasonText(outcome)}), attempt ${attempt + 1} of ${policy.maxAttempts}`,
        );
        await this.options.clock.sleep(decision.delayMs, options.signal);
        continue;
      }
      if (response) return response;
      throw this.transportError(spec, outcome, failure);
    }
  }

  private async once(spec: RequestSpec, options: SendOptions): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...spec.headers };
    let body: Dispatcher.DispatchOptions['body'];
    if (typeof spec.body === 'string' || Buffer.isBuffer(spec.body)) {
      body = spec.body;
    } else if (spec.body) {
      // A known Content-Length: several store upload endpoints reject chunked bodies
      // [src: stores/README.md §5.1, apkgo pkg/httpx/multipart.go].
      // A pre-signed URL may have signed its own Content-Type (Huawei OBS hands out the headers to
      // send): one given in spec.headers wins.
      if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
        headers['content-type'] = spec.body.contentType;
      }
      headers['content-length'] = String(spec.body.length);
      // undici takes an async iterable as it is (no Readable.from layer; lib/core/request.js accepts
      // iterables, its types do not list them) and fails the request if it is not exactly `length` bytes.
      // Progress comes from the body itself (no extra generator layer per chunk).
      const { length } = spec.body;
      const progress = options.onUploadProgress;
      body = spec.body.open(progress && ((sent) => progress(sent, length))) as unknown as Readable;
    }
    const res = await request(spec.url, {
      method: spec.method,
      headers,
      body,
      dispatcher: this.options.dispatcher,
      headersTimeout: options.headersTimeoutMs ?? 60_000,
      bodyTimeout: options.bodyTimeoutMs ?? 60_000,
      signal: options.signal,
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, text };
  }

  private transportError(spec: RequestSpec, outcome: AttemptOutcome, cause: unknown): TransportError {
    const code = outcome.kind === 'network' ? outcome.code : 'UNKNOWN';
    const url = new URL(String(spec.url));
    const where = `${spec.method} ${url.pathname}`;
    if (NAME_ERRORS.has(code)) {
      return new TransportError(
        this.store,
        `could not resolve ${url.hostname} (${code}) for ${where}`,
        'NETWORK',
        false,
        cause,
      );
    }
    if (TLS_ERRORS.test(code)) {
      return new TransportError(
        this.store,
        `the TLS certificate of ${url.host} is not trusted (${code})`,
        'TLS',
        false,
        cause,
        'behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at its CA certificate',
      );
    }
    if (UNREACHED.has(code)) {
      return new TransportError(
        this.store,
        `could not connect to ${url.host} (${code}) for ${where}`,
        'NETWORK',
        false,
        cause,
      );
    }
    // Once the request was written, the store may have acted on it even though no answer came.
    const timedOut = /TIMEOUT/.test(code);
    return new TransportError(
      this.store,
      `${timedOut ? 'timed out waiting for' : 'lost the connection to'} ${url.host} (${code}) on ${where}`,
      timedOut ? 'TIMEOUT' : 'NETWORK',
      true,
      cause,
    );
  }

  private log(line: string): void {
    this.options.log?.(`[${this.store}] ${line}`);
  }
}

/** Failures before the request left this machine: the store cannot have acted on it. */
const NAME_ERRORS = new Set(['ENOTFOUND', 'EAI_AGAIN']);
const UNREACHED = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const TLS_ERRORS = /^(CERT_|ERR_TLS_CERT|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/;

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection broken',
  ETIMEDOUT: 'connection timed out',
  EAI_AGAIN: 'name lookup failed',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
  UND_ERR_BODY_TIMEOUT: 'answer stalled',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CLOSED: 'connection closed',
};

function reasonText(outcome: AttemptOutcome): string {
  if (outcome.kind === 'response') return `HTTP ${outcome.status}`;
  return REASONS[outcome.code] ?? outcome.code;
}

function header(response: HttpResponse, name: string): string | null {
  const value = response.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function networkCode(error: unknown): string {
  let current: unknown = error;
  // undici puts the socket's own error in `cause`.
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return 'UNKNOWN';
}

/** `application/x-www-form-urlencoded` body. */
export function formBody(params: Record<string, string>): { body: string; headers: Record<string, string> } {
  return {
    body: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  };
}
