/**
 * The one check of an upload URL a store hands out (OPPO, YYB, Honor, Huawei): it must parse and
 * be https, or http on loopback for the sandbox (config/fields.ts isAllowedUrl), before a byte of
 * the file or a credential goes there. The URL is never quoted in the error: pre-signed URLs
 * carry their signature in the query.
 */
import { StoreError } from '../../core/errors.js';
import { isAllowedUrl } from '../../config/fields.js';
import type { StoreId } from '../types.js';

/** `sent`: what would have gone there, for the message ("the APK", "the APK (and the token)"). */
export function allowedUploadUrl(store: StoreId, title: string, raw: string, sent = 'the file'): URL {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (url && isAllowedUrl(url)) return url;
  throw new StoreError(`${title} handed out an upload URL that is not https; refusing to send ${sent} there`, {
    code: 'UPLOAD_URL_REFUSED',
    store,
    hint: `only https (or http on loopback, for the sandbox) is used; check stores.${store}.baseUrl`,
  });
}
