/**
 * App Store Connect calls: a bearer JWT on each attempt (renewed before it expires, and once after
 * Apple answers 401 NOT_AUTHORIZED: that request was refused before anything happened, so sending
 * it again is safe), JSON:API bodies, errors as one line each with Apple's code, `links.next`
 * followed when paging [src: stores/apple.md §3.3, §3.4].
 */
import type { z } from 'zod';
import { StoreError } from '../../core/errors.js';
import type { HttpResponse, SendOptions } from '../../http/client.js';
import { parseRetryAfter } from '../../http/retry.js';
import { badResponse, parseAnswer, readAnswer, type Meaning } from '../kit/index.js';
import type { StoreContext } from '../types.js';
import type { AppleConfig } from './config.js';
import { appleRefusal, meaningOf } from './errors.js';
import { readPrivateKey, TokenSource } from './jwt.js';
import { collection, errorDocument, type Collection, type Resource } from './schemas.js';

export interface CallOptions {
  /** For messages: "find com.foo.bar", "create the build upload". */
  what: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Sending it again cannot do harm (reads, PATCHes that set a value). Default: GET only. */
  idempotent?: boolean;
  /** What an Apple error code means at this call, over the general table. */
  meanings?: Record<string, Meaning>;
}

/** How often a create refused with 429 is sent again after Retry-After (at most a minute each). */
const RATE_LIMIT_RETRIES = 2;
const MAX_RETRY_AFTER_MS = 60_000;

function retryAfterMs(response: HttpResponse, now: number): number | null {
  const value = response.headers['retry-after'];
  const text = Array.isArray(value) ? value[0] : value;
  const ms = text ? parseRetryAfter(text, now) : null;
  return ms !== null && ms <= MAX_RETRY_AFTER_MS ? ms : null;
}

/** Most items Apple returns per page on most collections [src: stores/apple.md §3.4]. */
const PAGE_LIMIT = '200';

export class AppleApi {
  readonly tokens: TokenSource;

  constructor(readonly ctx: StoreContext<AppleConfig>) {
    const { config } = ctx;
    this.tokens = new TokenSource(
      { keyId: config.keyId, issuerId: config.issuerId, privateKey: readPrivateKey(config.privateKey) },
      ctx.clock,
      (token) => ctx.addSecret(token),
    );
  }

  /** One call; the parsed JSON of a 2xx answer (undefined for 204 / an empty body). */
  async call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options: CallOptions): Promise<unknown> {
    const url = new URL(`${this.ctx.baseUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    return this.send(method, url.toString(), options);
  }

  async get<S extends z.ZodType>(path: string, schema: S, options: CallOptions): Promise<z.output<S>> {
    return parseAnswer(schema, await this.call('GET', path, options), { store: 'apple', what: options.what });
  }

  /** Every item of a collection, following links.next; `included` resources of all pages too. */
  async list(path: string, options: CallOptions): Promise<{ data: Resource[]; included: Resource[] }> {
    const url = new URL(`${this.ctx.baseUrl}${path}`);
    url.searchParams.set('limit', PAGE_LIMIT);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    const data: Resource[] = [];
    const included: Resource[] = [];
    for (let next: string | undefined = url.toString(), pages = 0; next; pages++) {
      // The token goes only to Apple's own API root, never to a host a `next` link names.
      if (!next.startsWith(`${this.ctx.baseUrl}/`) || pages > 50) {
        throw badResponse(
          { store: 'apple', what: options.what },
          `links.next leads outside ${this.ctx.baseUrl} or pages without end`,
        );
      }
      const page: Collection = parseAnswer(collection, await this.send('GET', next, options), {
        store: 'apple',
        what: options.what,
      });
      data.push(...page.data);
      included.push(...(page.included ?? []));
      next = page.links?.next;
    }
    return { data, included };
  }

  private async send(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, options: CallOptions): Promise<unknown> {
    const sendOptions: SendOptions = { idempotent: options.idempotent ?? method === 'GET', signal: this.ctx.signal };
    let response: HttpResponse | null = null;
    let renewed = false;
    for (let attempt = 1; attempt <= 1 + RATE_LIMIT_RETRIES + 1; attempt++) {
      let used = '';
      response = await this.ctx.http.send(() => {
        used = this.tokens.get();
        const headers: Record<string, string> = { authorization: `Bearer ${used}`, accept: 'application/json' };
        if (options.body === undefined) return { method, url, headers };
        return {
          method,
          url,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(options.body),
        };
      }, sendOptions);
      if (response.status === 401 && !renewed) {
        // Expired or otherwise refused before anything was done: mint a new token and ask once more.
        this.tokens.renew(used);
        renewed = true;
        continue;
      }
      // 429 is a refusal before anything was done (the key's hourly quota, or too many at once
      // [src: stores/apple.md §3.4]): even a create may be sent again after Retry-After. Reads got
      // this from the HTTP client already.
      const wait =
        response.status === 429 && !sendOptions.idempotent ? retryAfterMs(response, this.ctx.clock.now()) : null;
      if (wait === null || attempt > RATE_LIMIT_RETRIES) break;
      await this.ctx.clock.sleep(wait, this.ctx.signal);
    }
    const answer = readAnswer(response!, { store: 'apple', what: options.what });
    if (answer.status < 400) return answer.json;
    const document = errorDocument.safeParse(answer.json);
    if (!document.success)
      throw badResponse(
        { store: 'apple', what: options.what },
        `HTTP ${answer.status} without a JSON:API error document`,
      );
    const errors = document.data.errors;
    const code = errors[0]!.code;
    const local =
      options.meanings && Object.keys(options.meanings).find((key) => code === key || code.startsWith(`${key}.`));
    throw appleRefusal(options.what, errors, local ? options.meanings![local] : meaningOf(code));
  }
}

export function isAppleCode(error: unknown, code: string): error is StoreError {
  return (
    error instanceof StoreError &&
    typeof error.storeCode === 'string' &&
    (error.storeCode === code || error.storeCode.startsWith(`${code}.`))
  );
}
