/** zod building blocks for store config schemas. Secrets are resolved before validation. */
import { isIPv4 } from 'node:net';
import { z } from 'zod';

/** True when `url` may be used: https anywhere, plain http only on loopback (the sandbox). */
export function isAllowedUrl(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:') return false;
  const host = url.hostname;
  // 127.0.0.0/8 as an address, not a name that merely starts with "127." (127.0.0.1.nip.io).
  return host === 'localhost' || host === '[::1]' || (isIPv4(host) && host.startsWith('127.'));
}

/** What a config value is, for messages: "a list", "true (a boolean)", "the text \"yes\"". */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${String(value)} (a ${typeof value})`;
}

/** Says why a URL is refused: not a URL, a scheme other than https/http, or http off loopback. */
function urlProblem(value: string): string | null {
  if (!URL.canParse(value)) return 'must be an absolute URL such as https://example.com';
  const url = new URL(value);
  if (isAllowedUrl(url)) return null;
  if (url.protocol !== 'http:') {
    return `${url.protocol}// is not allowed; use https:// (http:// is allowed only on loopback: 127.0.0.1, localhost)`;
  }
  return 'plain http:// is refused except on loopback (127.0.0.1, localhost); use https://';
}

/** An endpoint override: https, or http on loopback only. Trailing slashes are dropped. */
export const baseUrl = () =>
  z
    .string({ error: (issue) => `baseUrl must be a URL in quotes, got ${describeValue(issue.input)}` })
    .superRefine((value, ctx) => {
      const problem = urlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((value) => value.replace(/\/+$/, ''));

/** Text that must be present; a value of another type says which type it was. */
export const requiredText = (what: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined ? `${what} is required` : `${what} must be text, got ${describeValue(issue.input)}`,
    })
    .trim()
    .min(1, `${what} must not be empty`);

/** A boolean that may also arrive as text from the environment overlay. */
export const flag = () =>
  z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')], {
    error: (issue) => `must be true or false, got ${describeValue(issue.input)}`,
  });
