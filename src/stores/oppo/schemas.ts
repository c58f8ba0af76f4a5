/**
 * zod schemas of OPPO's answers, lenient the way the store really is [src: stores/oppo.md §2.5;
 * seed 002]: almost every value is a string, but some arrive as numbers (`type`, `transfer_state`)
 * or null; datetimes come as `2020-03-13 10:16:40`, `2020年09月23日 19:31:05` or
 * `0000-00-00 00:00:00` and are kept as text; `package_permission` is documented as string[] but
 * is a plain string in the example; "no such app" is `data: []`. Unknown fields are kept
 * (looseObject). Only the fields the adapter relies on are required.
 */
import { z } from 'zod';

/**
 * A documented string that may also arrive as a number or null: normalised to text or null.
 * Anything stranger (an object where text was documented) becomes null instead of failing the
 * whole answer: such a field is not one we rely on, and `raw` still holds what the store sent.
 */
const text = z
  .union([z.string(), z.number(), z.boolean()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : String(value)))
  .catch(null);

/** A documented int that may arrive as text: kept as a number when it is one, else null. */
const int = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((value) => {
    if (value === null || value === undefined || value === '') return null;
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  })
  .catch(null);

/** A datetime, kept exactly as the store wrote it (several formats, including all zeros). */
const datetime = text;

/** A documented list: an array, or null / "" / missing for none. Anything else is not a list. */
function list<T extends z.ZodType>(item: T) {
  return z
    .union([z.array(item), z.null(), z.string(), z.record(z.string(), z.unknown())])
    .optional()
    .transform((value): z.output<T>[] => (Array.isArray(value) ? value : []))
    .catch([]);
}

/** OfflineApplyInfo. */
export const offlineApplyInfoSchema = z.looseObject({
  app_id: text,
  version_id: text,
  online_state: text,
  online_time: datetime,
  offline_time: datetime,
});

/** PicMaterialinfo (the doc spells it PicMaterialInfo once too). */
export const picMaterialSchema = z.looseObject({
  url: text,
  width: text,
  height: text,
  md5: text,
  size: text,
});

/** VideoInfo. */
export const videoInfoSchema = z.looseObject({
  url: text,
  md5: text,
  size: int,
  width: int,
  height: int,
  fps: int,
  duration: int,
  definition: int,
});

/** A version code: required, digits, as text or number. */
const versionCode = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim())
  .pipe(z.string().regex(/^\d+$/, 'version_code must be a number'));

/** DetailBody: every field of OPPO's doc (seed 002), plus the example's extras. */
export const detailBodySchema = z.looseObject({
  app_id: text,
  pkg_name: text,
  type: int,
  sign: text,
  dev_id: text,
  app_secret: text,
  server_secret: text,
  app_key: text,
  update_time: datetime,
  app_create_time: datetime,
  app_name: text,
  is_freeze: text,
  freeze_reason: text,
  refuse_reason: text,
  tag_list: text,
  is_business: text,
  game_type: text,
  second_category_id: text,
  third_category_id: text,
  copyright_url: text,
  special_url: text,
  special_file_url: text,
  freeze_file: text,
  business_username: text,
  business_email: text,
  business_mobile: text,
  business_qq: text,
  business_position: text,
  business_address: text,
  freeze_advice: text,
  app_type: text,
  app_real_type: text,
  ad_type: text,
  dev_name: text,
  electronic_cert_url: text,
  icp_url: text,
  relation_app_id: text,
  ascription_type: text,
  authorize_type: text,
  proxy_contract_url: text,
  authorize_url: text,
  authorize_desc: text,
  operation_license_url: text,
  approval_doc_url: text,
  culture_record_url: text,
  approval_doc_number: text,
  culture_record_number: text,
  approval_doc_type: text,
  approval_doc_start_time: datetime,
  approval_doc_end_time: datetime,
  other_cetificate_url: text,
  absolve_declare_url: text,
  record_identification_code: text,
  record_identification_image: text,
  version_id: text,
  version_code: versionCode,
  version_name: text,
  apk_url: text,
  apk_size: text,
  apk_md5: text,
  header_md5: text,
  channel: text,
  /** Documented string[], a plain string in the example. */
  package_permission: z
    .union([z.array(z.string()), z.string()])
    .nullish()
    .catch(null),
  resolution: text,
  version_type: text,
  create_time: datetime,
  min_sdk_version: text,
  target_sdk_version: text,
  ver_second_category_id: text,
  ver_third_category_id: text,
  release_type: text,
  release_over_type: text,
  phone_support: text,
  phone_support_version: text,
  ios_link: text,
  apk_full_url: text,
  online_type: text,
  sche_online_time: datetime,
  test_type: text,
  test_start_time: datetime,
  test_end_time: datetime,
  is_signature: text,
  is_pre_download: text,
  lang: text,
  icon_url: text,
  icon_md5: text,
  summary: text,
  detail_desc: text,
  update_desc: text,
  app_subname: text,
  test_desc: text,
  video_url: text,
  pic_url: text,
  package_permission_desc: text,
  video_pic_url: text,
  cover_url: text,
  landscape_pic_url: text,
  privacy_source_url: text,
  release_desc: text,
  test_url: text,
  english_name: text,
  region: text,
  level: text,
  online_time: datetime,
  offline_time: datetime,
  is_first_publish: text,
  business_refuse_reason: text,
  old_audit_status: text,
  release_status: text,
  refuse_advice: text,
  state: text,
  change_state: text,
  online_info_offline_apply: list(offlineApplyInfoSchema),
  size: text,
  audit_status: text,
  audit_status_name: text,
  offline_info: text,
  transfer_state: int,
  update_info_check: int,
  level_tag: text,
  refuse_file: text,
  landscape_pic_url_material: list(picMaterialSchema),
  pic_url_material: list(picMaterialSchema),
  video_url_material: list(videoInfoSchema),
  age_level: text,
  adaptive_equipment: text,
  adaptive_type: text,
  /** A JSON string of contact entries (kept as text: it is echoed back as is, trimmed). */
  customer_contact: text,
  // In the example although removed from the doc on 2022-06-08.
  player_customer_email: text,
  player_customer_phone: text,
  player_customer_qq: text,
});
export type DetailBody = z.output<typeof detailBodySchema>;

/** The common envelope `{errno, data}`; errors carry message/msg at the top or inside data. */
export const envelopeSchema = z.looseObject({
  errno: z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number),
  data: z.unknown().optional(),
  message: z.unknown().optional(),
  msg: z.unknown().optional(),
});
export type Envelope = z.output<typeof envelopeSchema>;

/** /developer/v1/token: `expire_in` is an ABSOLUTE Unix time in seconds [src: APKGO-OP-TR; U5]. */
export const tokenDataSchema = z.looseObject({
  access_token: z.string().min(1),
  expire_in: z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number),
});

/** /resource/v1/upload/get-upload-url. */
export const uploadSlotSchema = z.looseObject({
  upload_url: z.string().min(1),
  sign: z.string().min(1),
});

/** The upload host's answer (UploadObj) [src: yimenapp 10840; MHS-OP]. */
export const uploadedFileSchema = z.looseObject({
  url: z.string().min(1),
  md5: z.string().min(1),
  uri_path: text,
  file_size: int,
  file_extension: text,
});

/** /resource/v1/app/upd: `message` may be an advisory notice [src: MHS-OP comment]. */
export const submitResultSchema = z.union([
  z.looseObject({ success: z.unknown().optional(), message: text }),
  z.array(z.unknown()).transform(() => ({ success: undefined, message: null })),
  z.null().transform(() => ({ success: undefined, message: null })),
]);

/** /resource/v1/app/task-state: "1" pending, "2" success, "3" failed [src: APKGO-OP-OLD taskBody; U5]. */
export const taskStateSchema = z.looseObject({
  task_state: z.union([z.string(), z.number()]).transform(String),
  err_msg: text,
});
