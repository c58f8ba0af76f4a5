/**
 * YYB's answers [src: stores/yyb.md 1.4, 1.5]: `{ret, msg|message, ...route fields}`. Route
 * fields are read at the top level, or inside `data` should an answer nest them (the full
 * response shapes are UNCONFIRMED). Unknown fields are kept.
 */
import { z } from 'zod';
import { looseInt, looseText } from '../kit/index.js';

export const envelopeSchema = z.looseObject({ ret: looseInt, msg: looseText, message: looseText });

/** The route fields: the answer itself, merged with `data` when that is an object. */
export function routeFields(json: unknown): Record<string, unknown> {
  const top = (json ?? {}) as Record<string, unknown>;
  const data = top.data;
  return data && typeof data === 'object' && !Array.isArray(data)
    ? { ...top, ...(data as Record<string, unknown>) }
    : top;
}

export const appDetailSchema = z.looseObject({
  app_name: looseText,
  pkg_name: looseText,
  version_name: looseText,
  category: looseText,
  feature: looseText,
});
export type YybDetail = z.output<typeof appDetailSchema>;

export const updateStatusSchema = z.looseObject({ audit_status: looseInt.nullish(), audit_reason: looseText });
export type YybStatus = z.output<typeof updateStatusSchema>;

export const uploadSlotSchema = z.looseObject({
  pre_sign_url: z.string().min(1),
  serial_number: z.union([z.string().min(1), z.number().transform(String)]),
});
