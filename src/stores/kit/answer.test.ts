import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../http/client.js';
import { parseAnswer, quoteSafely, readAnswer, readJson } from './answer.js';
import { isNone, looseBool, looseInt, looseText } from './lenient.js';

const answer = (status: number, text: string): HttpResponse => ({ status, headers: {}, text });
const SOURCE = { store: 'oppo', what: 'app info' } as const;

describe('readAnswer / readJson', () => {
  it('parses JSON whatever the status below 500, and gives an empty body as undefined', () => {
    expect(readAnswer(answer(200, '{"a":1}'), SOURCE)).toEqual({ status: 200, json: { a: 1 } });
    expect(readAnswer(answer(400, '{"error":"invalid_client"}'), SOURCE)).toEqual({
      status: 400,
      json: { error: 'invalid_client' },
    });
    expect(readAnswer(answer(403, ''), SOURCE)).toEqual({ status: 403, json: undefined });
  });

  it('types 429, 408 and 5xx', () => {
    expect(() => readAnswer(answer(429, ''), SOURCE)).toThrow(
      expect.objectContaining({ code: 'RATE_LIMITED', category: 'transient' }),
    );
    expect(() => readAnswer(answer(503, '<html>'), SOURCE)).toThrow(
      expect.objectContaining({ code: 'STORE_UNAVAILABLE' }),
    );
    expect(() => readAnswer(answer(408, ''), SOURCE)).toThrow(expect.objectContaining({ code: 'STORE_UNAVAILABLE' }));
  });

  it('readJson refuses 401/403 as AUTH_FAILED and an empty body as BAD_RESPONSE', () => {
    expect(() => readJson(answer(401, '{}'), SOURCE)).toThrow(
      expect.objectContaining({ code: 'AUTH_FAILED', category: 'auth' }),
    );
    expect(() => readJson(answer(200, ''), SOURCE)).toThrow(
      expect.objectContaining({ code: 'BAD_RESPONSE', category: 'internal' }),
    );
  });

  it('quotes a non-JSON body with token-shaped runs masked, and never the body of a secret endpoint', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9x7f3a9c2b4d6e8f0a1b3c5d7e9';
    const body = `access_token=${token}&expire_in=172800 <oops`;
    let message = '';
    try {
      readAnswer(answer(200, body), SOURCE);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^OPPO app info: the store answered HTTP 200 with a body that is not JSON: /);
    expect(message).not.toContain(token);
    expect(message).not.toContain(token.slice(0, 20));
    expect(() => readAnswer(answer(200, `{"access_token":"${token}"`), { ...SOURCE, secret: true })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(token.slice(0, 8)) }),
    );
    // Words and package names are not token-shaped.
    expect(quoteSafely('bad gateway for com.example.myapplication')).toBe('bad gateway for com.example.myapplication');
  });
});

describe('parseAnswer and the lenient primitives', () => {
  const schema = z.looseObject({
    data: z.looseObject({ version_code: looseInt, name: looseText, live: looseBool.optional() }),
  });

  it('accepts what stores send: numeric strings, nulls, "true"', () => {
    expect(
      parseAnswer(schema, { data: { version_code: '6091000', name: null, live: 'true', extra: 1 } }, SOURCE),
    ).toEqual({
      data: { version_code: 6091000, name: null, live: true, extra: 1 },
    });
    expect(looseText.parse(12)).toBe('12');
  });

  it('names the dotted path of the first problem', () => {
    expect(() => parseAnswer(schema, { data: { version_code: 'abc' } }, SOURCE)).toThrow(
      expect.objectContaining({ code: 'BAD_RESPONSE', message: expect.stringContaining('data.version_code') }),
    );
  });

  it('reads [], "", {} and null as "none"', () => {
    for (const none of [[], '', {}, null, undefined]) expect(isNone(none)).toBe(true);
    expect(isNone({ a: 1 })).toBe(false);
  });
});
