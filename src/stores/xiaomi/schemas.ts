/**
 * Xiaomi's answers (stores/xiaomi.md 1.4, 1.5), as lenient as the store: numbers may come as
 * strings, absent fields as null, unknown fields are kept. Strict only on what we rely on.
 */
import { z } from 'zod';
import { looseBool as bool, looseInt as integer, looseText as text } from '../kit/index.js';

/** Every answer: `result` 0 is success; the text is in `message`, some answers use `reason` [src: APKGO-XM]. */
export const envelopeSchema = z.looseObject({
  result: integer,
  message: text,
  reason: text,
});
export type Envelope = z.output<typeof envelopeSchema>;

export const packageInfoSchema = z.looseObject({
  appName: text,
  packageName: text,
  versionCode: integer,
  versionName: text,
  onlineVersionCode: integer.nullish(),
});
export type PackageInfo = z.output<typeof packageInfoSchema>;

/**
 * `/dev/query` on success. `packageInfo` is null or absent when the account never pushed the
 * package [src: U11; APKGO-XM]. `updateVersion` is how a pending review shows [src: XZ-MI].
 */
export const queryAnswerSchema = z
  .looseObject({
    result: integer,
    message: text,
    create: bool.nullish(),
    updateVersion: bool.nullish(),
    updateInfo: bool.nullish(),
    packageInfo: packageInfoSchema.nullish().transform((v) => v ?? null),
  })
  .check(
    z.refine((answer) => answer.packageInfo === null || typeof answer.updateVersion === 'boolean', {
      message: 'updateVersion is missing from an answer that has packageInfo',
      path: ['updateVersion'],
    }),
  );
export type QueryAnswer = z.output<typeof queryAnswerSchema>;
