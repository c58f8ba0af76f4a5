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

/** An endpoint override: https, or http on loopback only. Trailing slashes are dropped. */
export const baseUrl = () =>
  z
    .string()
    .check(
      z.refine((value) => URL.canParse(value), 'must be an absolute URL such as https://example.com'),
      z.refine(
        (value) => !URL.canParse(value) || isAllowedUrl(new URL(value)),
        'plain http:// is refused except on loopback (127.0.0.1, localhost); use https://',
      ),
    )
    .transform((value) => value.replace(/\/+$/, ''));

export const requiredText = (what: string) =>
  z.string({ error: `${what} is required` }).trim().min(1, `${what} must not be empty`);

/** A boolean that may also arrive as text from the environment overlay. */
export const flag = () =>
  z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);
