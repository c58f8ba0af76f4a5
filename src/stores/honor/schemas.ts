/**
 * Honor's answers as they really come [src: stores/honor.md 4.4–4.8]: `{code, msg|message, data}`
 * (an alternative `ret.code` shape is UNCONFIRMED and read too), every detail field nullable,
 * numbers possibly as strings. Unknown fields are kept.
 */
import { z } from 'zod';
import { looseInt, looseText } from '../kit/index.js';

export const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: looseInt.optional(),
});

/** An OAuth2 error body: `{error: "invalid_client", error_description}` with HTTP 4xx. */
export const oauthErrorSchema = z.looseObject({ error: z.string(), error_description: looseText });

export const envelopeSchema = z.looseObject({
  code: looseInt.optional(),
  msg: looseText,
  message: looseText,
  data: z.unknown().optional(),
  ret: z.looseObject({ code: looseInt, msg: looseText }).optional(),
});
export type Envelope = z.output<typeof envelopeSchema>;

export const appIdListSchema = z.array(z.looseObject({ appId: looseInt, packageName: looseText })).nullish();

const languageSchema = z.looseObject({
  languageId: z.string(),
  appName: looseText,
  intro: looseText,
  briefIntro: looseText,
  newFeature: looseText,
});

export const appDetailSchema = z.looseObject({
  basicInfo: z.looseObject({ packageName: looseText, appId: looseInt.nullish(), defaultLanguage: looseText }).nullish(),
  languageInfo: z.array(languageSchema).nullish(),
  // The version on shelf; for an app never approved its fields are null [src: XiaoZhuan#23].
  releaseInfo: z.looseObject({ versionCode: looseInt.nullish(), versionName: looseText }).nullish(),
});
export type AppDetail = z.output<typeof appDetailSchema>;

export const uploadUrlSchema = z
  .array(
    z.looseObject({
      fileName: looseText,
      uploadUrl: z.string().min(1),
      objectId: looseInt,
      expireTime: looseInt.nullish(),
    }),
  )
  .min(1);

/** get-app-current-release: field names UNCONFIRMED beyond auditResult 0–4 [src: XZ-HN HonorReviewState]. */
export const currentReleaseSchema = z
  .looseObject({
    versionCode: looseInt.nullish(),
    versionName: looseText,
    auditResult: looseInt.nullish(),
    auditMessage: looseText,
    releaseId: looseText,
  })
  .nullish();
export type CurrentRelease = NonNullable<z.output<typeof currentReleaseSchema>>;

export const auditResultSchema = z.array(
  z.looseObject({
    releaseId: looseText,
    auditResult: looseInt,
    auditMessage: looseText,
    versionCode: looseInt.nullish(),
    versionName: looseText,
  }),
);

/** submit-audit answers `data` = the releaseId as a bare string [src: APKGO-HN submitAudit; U10]. */
export const releaseIdSchema = z.union([z.string().min(1), z.number().transform(String)]);
