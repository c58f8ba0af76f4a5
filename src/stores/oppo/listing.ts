/**
 * The listing fields /app/upd needs echoed back from /app/info: any left out is blanked on the
 * store [src: U5 "只传 apk 会把商店文案清空"; apkgo#27]. The values are repaired the way the store
 * needs them [src: stores/oppo.md §2.7]:
 * - contact fields trimmed (/app/info returned " x@qq.com", /app/upd then refused it) [APKGO 95da4e3];
 * - empty slots dropped from comma lists ("http://a.jpg,,") [U6 clean_urls];
 * - copyright_url falls back to electronic_cert_url: /app/upd reads the proof only from copyright_url
 *   [apkgo#23, #25, PR #26; XiaoZhuan#11];
 * - adaptive_type is left out when unset ("0", "" or null): echoing "0" gives 911001 [U5 2026-09-04];
 * - category ids from second/third_category_id, else ver_second/ver_third_category_id [APKGO-OP; XZ-OP].
 * Empty values are left out of the request rather than sent as `k=`: for the store an empty field
 * and a missing one are the same, and the signer signs exactly what is sent (sign.ts).
 */
import type { Params } from './sign.js';
import type { DetailBody } from './schemas.js';

/** Echoed as they are (after trimming surrounding whitespace). */
const PLAIN_FIELDS = [
  'app_name',
  'app_subname',
  'summary',
  'detail_desc',
  'privacy_source_url',
  'icon_url',
  'test_desc',
  'icp_url',
  'age_level',
  'adaptive_equipment',
] as const;

/** Comma-joined URL lists. */
const LIST_FIELDS = [
  'pic_url',
  'landscape_pic_url',
  'video_url',
  'copyright_url',
  'electronic_cert_url',
  'special_url',
  'special_file_url',
] as const;

/** Contact fields: whitespace around them is refused. */
const CONTACT_FIELDS = ['business_username', 'business_email', 'business_mobile', 'customer_contact'] as const;

/** "a,,b, " → "a,b". */
export function cleanList(value: string | null | undefined): string {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .join(',');
}

/** copyright_url as /app/upd must receive it. */
export function copyrightProof(detail: DetailBody): string {
  return cleanList(detail.copyright_url) || cleanList(detail.electronic_cert_url);
}

function firstSet(...values: Array<string | null | undefined>): string {
  return values.map((value) => value?.trim() ?? '').find((value) => value !== '') ?? '';
}

/** The listing part of the /app/upd form. */
export function listingEcho(detail: DetailBody): Params {
  const fields: Params = {};
  const put = (key: string, value: string) => {
    if (value !== '') fields[key] = value;
  };
  for (const key of PLAIN_FIELDS) put(key, detail[key]?.trim() ?? '');
  for (const key of LIST_FIELDS) put(key, cleanList(detail[key]));
  for (const key of CONTACT_FIELDS) put(key, detail[key]?.trim() ?? '');
  put('copyright_url', copyrightProof(detail));
  put('second_category_id', firstSet(detail.second_category_id, detail.ver_second_category_id));
  put('third_category_id', firstSet(detail.third_category_id, detail.ver_third_category_id));
  const adaptiveType = detail.adaptive_type?.trim() ?? '';
  if (adaptiveType !== '0') put('adaptive_type', adaptiveType);
  return fields;
}
