/**
 * The signing scheme OPPO and vivo share [src: stores/oppo.md §2.4; stores/vivo.md §3.3]: every
 * parameter except the signature itself, keys in ASCII order, `k=v` joined by `&` with raw (not
 * URL-encoded) values, then lowercase hex HMAC-SHA256 keyed with the UTF-8 secret. Each adapter
 * decides which parameters are sent (and so signed); the emulators verify with their own code.
 */
import { createHmac } from 'node:crypto';

/** The signed string. Keys are ASCII, so the default sort (UTF-16 code units) is ASCII order. */
export function canonicalParams(params: Record<string, string>, signatureKey: string): string {
  return Object.keys(params)
    .filter((key) => key !== signatureKey)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

export function hmacParams(params: Record<string, string>, signatureKey: string, secret: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(canonicalParams(params, signatureKey), 'utf8')
    .digest('hex');
}
