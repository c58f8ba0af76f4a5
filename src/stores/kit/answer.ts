/**
 * A store's HTTP answer -> JSON -> validated data, or a typed error. The body is parsed whatever
 * its Content-Type says (vivo labels JSON `text/plain` [src: apkgo commit 38e5cac]).
 *
 * A body that is not JSON is quoted in the error only after anything token-shaped is masked, and
 * never when the endpoint hands out credentials (`secret: true`: token and upload-URL endpoints),
 * because such a body may be the credential itself.
 */
import type { z } from 'zod';
import { StoreError } from '../../core/errors.js';
import type { HttpResponse } from '../../http/client.js';
import { redactor } from '../../http/redact.js';
import type { StoreId } from '../types.js';
import { STORE_NAME } from './names.js';

export interface AnswerSource {
  store: StoreId;
  /** What was asked, for messages: "token", "app info", "submit". */
  what: string;
  /** The answer may carry a credential (token, pre-signed URL): never quote its body. */
  secret?: boolean;
}

export interface Answer {
  status: number;
  /** The parsed body; `undefined` when the body is empty (Huawei answers 403 with no body). */
  json: unknown;
}

const QUOTE_CHARS = 80;
/** Runs that may be a credential: long unbroken base64/hex/JWT-like text with letters and digits. */
const TOKEN_SHAPED = /[A-Za-z0-9._~+/=-]{20,}/g;

/** Masks what looks like a token (package names and words have no digits mixed in), then registered secrets. */
export function maskTokens(text: string): string {
  const masked = text.replace(TOKEN_SHAPED, (run) => (/\d/.test(run) && /[A-Za-z]/.test(run) ? '***' : run));
  return redactor.redact(masked);
}

/** The start of a body, on one line, safe to print. */
export function quoteSafely(text: string): string {
  // Masked before cutting, so that a token cut in half is still recognised as one.
  const flat = maskTokens(text.replace(/\s+/g, ' ').trim());
  return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS)}…` : flat;
}

/**
 * The answer's status and JSON body, for every status below 500 (4xx bodies included: Honor
 * sends OAuth errors as 4xx JSON). 429, 408 and 5xx are typed errors (RATE_LIMITED,
 * STORE_UNAVAILABLE); a non-empty body that is not JSON is BAD_RESPONSE.
 */
export function readAnswer(response: HttpResponse, source: AnswerSource): Answer {
  const { status } = response;
  const name = STORE_NAME[source.store];
  if (status === 429) {
    throw new StoreError(`${name} ${source.what}: the store is rate limiting requests (HTTP 429)`, {
      code: 'RATE_LIMITED',
      store: source.store,
      hint: 'wait a few minutes and run again',
    });
  }
  if (status >= 500 || status === 408) {
    throw new StoreError(`${name} ${source.what}: the store answered HTTP ${status}`, {
      code: 'STORE_UNAVAILABLE',
      store: source.store,
      hint: 'the store is having trouble; run again later',
    });
  }
  if (response.text.trim() === '') return { status, json: undefined };
  try {
    return { status, json: JSON.parse(response.text) as unknown };
  } catch {
    const quoted = source.secret ? '(not shown: this endpoint hands out credentials)' : quoteSafely(response.text);
    throw new StoreError(
      `${name} ${source.what}: the store answered HTTP ${status} with a body that is not JSON: ${quoted}`,
      {
        code: 'BAD_RESPONSE',
        store: source.store,
        hint: 'run again with --verbose; if it persists, the store changed its API: report it',
      },
    );
  }
}

/**
 * The JSON body of an answer that should carry one. 401 and 403 are AUTH_FAILED (use readAnswer
 * to read their bodies instead); an empty body is BAD_RESPONSE.
 */
export function readJson(response: HttpResponse, source: AnswerSource): unknown {
  const name = STORE_NAME[source.store];
  if (response.status === 401 || response.status === 403) {
    throw new StoreError(`${name} ${source.what}: the store refused the credentials (HTTP ${response.status})`, {
      code: 'AUTH_FAILED',
      store: source.store,
      hint: `check the ${source.store} credentials; \`appstores doctor --store ${source.store}\` tests them`,
    });
  }
  const { json } = readAnswer(response, source);
  if (json === undefined) throw badResponse(source, `HTTP ${response.status} with an empty body`);
  return json;
}

/** Validates `json` against `schema`; BAD_RESPONSE names the dotted path of the first problem. */
export function parseAnswer<S extends z.ZodType>(schema: S, json: unknown, source: AnswerSource): z.output<S> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  throw badResponse(source, `${path}: ${issue?.message ?? 'invalid'}`);
}

/** An answer we cannot use (missing fields, wrong shape). */
export function badResponse(source: AnswerSource, detail: string): StoreError {
  return new StoreError(`${STORE_NAME[source.store]} ${source.what}: unexpected answer (${detail})`, {
    code: 'BAD_RESPONSE',
    store: source.store,
    hint: 'run again with --verbose; if it persists, the store changed its API: report it',
  });
}
