/**
 * The metadata checks /app/upd applies to the listing fields it is sent. OPPO re-validates the
 * whole listing on every version update, so an adapter must echo what /app/info returned, repaired
 * (stores/oppo.md 2.7). Messages quoted in the reference are used verbatim; others are UNCONFIRMED.
 */
import { ERRNO, OppoFailure } from './errno.js';

/** The listing fields /app/upd stores; one left out is blanked [src: U5 "只传 apk 会把商店文案清空"; apkgo#27]. */
export const LISTING_FIELDS = [
  'app_name',
  'second_category_id',
  'third_category_id',
  'summary',
  'detail_desc',
  'update_desc',
  'privacy_source_url',
  'icon_url',
  'pic_url',
  'landscape_pic_url',
  'video_url',
  'test_desc',
  'copyright_url',
  'electronic_cert_url',
  'icp_url',
  'special_url',
  'special_file_url',
  'app_subname',
  'business_username',
  'business_email',
  'business_mobile',
  'customer_contact',
  'age_level',
  'adaptive_equipment',
  'adaptive_type',
] as const;

/** Comma-joined URL lists; an empty slot ("a.jpg,,") trips the validator [src: U6 clean_urls]. */
const URL_LIST_FIELDS = ['pic_url', 'landscape_pic_url', 'copyright_url', 'electronic_cert_url', 'special_url'];

/** detail_desc is cut here without any error, and the task still succeeds [src: U5, measured 2026-09-04]. */
export const DETAIL_DESC_LIMIT = 1024;

const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

function invalid(message: string): never {
  throw new OppoFailure(ERRNO.invalidField, message);
}

function chars(text: string): number {
  return Array.from(text).length;
}

function required(fields: Record<string, string>, key: string, message: string): string {
  const value = fields[key] ?? '';
  if (value === '') invalid(message);
  return value;
}

/** Throws an OppoFailure for the first problem, in roughly the order OPPO reports them. */
export function validateListing(fields: Record<string, string>): void {
  required(fields, 'app_name', '应用名称不能为空');
  for (const key of ['second_category_id', 'third_category_id']) {
    if (!/^\d+$/.test(fields[key] ?? '')) invalid(`${key} 分类ID有误`);
  }

  // Summary: not empty, ≤13 chars, no punctuation or spaces [src: APKGO 92fc25c/cb19725; XiaoZhuan#23].
  const summary = required(fields, 'summary', '一句话简介不能为空');
  if (chars(summary) > 13) invalid('Summary只能包含至多13个字符');
  if (/[\p{P}\p{S}\s]/u.test(summary)) invalid('一句话简介不能包含标点符号和空格');

  if (chars(fields.detail_desc ?? '') < 20) invalid('软件介绍不能少于20个字');
  if (chars(fields.update_desc ?? '') < 5) invalid('版本说明不能少于5个字'); // [src: U5]
  if (chars(fields.test_desc ?? '') > 400) invalid('测试附加说明不能超过400个字符'); // UNCONFIRMED: limit not in the reference

  required(fields, 'privacy_source_url', '隐私政策网址不能为空');
  required(fields, 'icon_url', 'icon_url 不能为空');
  required(fields, 'pic_url', 'pic_url 不能为空');
  for (const key of URL_LIST_FIELDS) {
    const value = fields[key];
    if (value && value.split(',').some((item) => item.trim() === '')) invalid(`${key} 格式不正确`);
  }

  // /app/upd reads the proof only from copyright_url, even when electronic_cert_url is set
  // [src: apkgo#23, #25, PR #26; XiaoZhuan#11].
  if ((fields.copyright_url ?? '') === '') throw new OppoFailure(ERRNO.badQualification, '软件版权证明不能为空');

  required(fields, 'business_username', '商务联系人姓名不能为空');
  // No trimming on OPPO's side: " x@qq.com" from /app/info is refused [src: APKGO commit 95da4e3].
  if (!EMAIL.test(fields.business_email ?? '')) invalid('商务联系邮箱格式不正确');
  required(fields, 'business_mobile', '商务联系人电话不能为空');

  if (!/^\d+$/.test(fields.age_level ?? '')) invalid('APP年龄分级有误');
  if (!['4', '5', '6'].includes(fields.adaptive_equipment ?? '')) invalid('平板适配有误');
  // "0" (unset, as /app/info returns it) is refused [src: U5 2026-09-04]. An empty value is taken
  // as "not sent" (UNCONFIRMED).
  const adaptiveType = fields.adaptive_type ?? '';
  if (adaptiveType !== '' && adaptiveType !== '1' && adaptiveType !== '2') {
    throw new OppoFailure(ERRNO.badQualification, '适配方式有误');
  }
  const contact = fields.customer_contact ?? '';
  if (contact !== '' && !isJsonArray(contact)) invalid('客服联系方式格式不正确');
}

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

/** The listing as stored after an accepted /app/upd: what was sent, blanks for what was not. */
export function storedListing(fields: Record<string, string>): Record<string, string> {
  const listing: Record<string, string> = {};
  for (const key of LISTING_FIELDS) listing[key] = fields[key] ?? '';
  listing.detail_desc = Array.from(listing.detail_desc ?? '')
    .slice(0, DETAIL_DESC_LIMIT)
    .join('');
  if (listing.adaptive_type === '') listing.adaptive_type = '0';
  return listing;
}
