/**
 * vivo's answers, as lenient as the store is: numbers may come as strings (`versionCode` always
 * does [src: APKGO-VV-TR]), fields may be null or missing, unknown fields are kept. Strict only on
 * what we rely on.
 */
import { z } from 'zod';
import { looseInt as numeric, looseText as text } from '../kit/index.js';

/**
 * `{"code":0,"subCode":"0","msg":"成功","data":{…},"timestamp":…}` [src: APKGO-VV-TR; U7]; the message
 * is `msg` on some methods and `message` on others [src: APKGO-VV envelope].
 */
export const envelopeSchema = z.looseObject({
  code: numeric,
  subCode: z.union([z.string(), z.number()]).nullish(),
  msg: z.unknown().optional(),
  message: z.unknown().optional(),
  data: z.unknown().optional(),
});
export type VivoEnvelope = z.output<typeof envelopeSchema>;

/** `subCode` absent, `""` or `"0"` is success; `code:0, subCode:"15042"` is a failure [src: APKGO commits f0f343f, e7599ea]. */
export function businessSubCode(envelope: VivoEnvelope): string | null {
  const sub = envelope.subCode;
  if (sub === null || sub === undefined) return null;
  const value = String(sub).trim();
  return value === '' || value === '0' ? null : value;
}

export function envelopeMessage(envelope: VivoEnvelope): string | null {
  for (const value of [envelope.msg, envelope.message]) {
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/** `app.query.details` data [src: APKGO-VV-TR field list; stores/vivo.md §3.5]. */
export const detailsSchema = z.looseObject({
  packageName: z.string().min(1),
  cnName: text,
  versionCode: numeric,
  versionName: text,
  /** 1 草稿, 2 待审核/审核中, 3 审核通过, 4 审核不通过, 5 撤销审核 [src: APKGO-VV mapVivoAuditState]. */
  status: numeric,
  /** 0 待上架, 1 已上架, 2 已下架 [src: Dart VivoManager 33202532499]. */
  saleStatus: numeric.nullish().transform((value) => value ?? null),
  onlineType: numeric.nullish().transform((value) => value ?? null),
  scheOnlineTime: text,
  /** 1 phone, 2 phone+pad, 3 pad; echoed back on update, never guessed [src: U7; stores/vivo.md §3.7]. */
  compatibleDevice: numeric.nullish().transform((value) => value ?? null),
  /** The rejection reason [src: Dart VivoManager]; UNCONFIRMED against the official doc. */
  unPassReason: text,
});
export type VivoDetails = z.output<typeof detailsSchema>;

/** Upload data: note the lower-case n in `serialnumber` [src: MHS-VV comment; APKGO-VV uploadResp]. */
export const uploadDataSchema = z.looseObject({
  serialnumber: z.string().min(1),
  packageName: z.string().nullish(),
  versionCode: numeric.nullish(),
  fileMd5: z.string().nullish(),
});
export type VivoUploadData = z.output<typeof uploadDataSchema>;
