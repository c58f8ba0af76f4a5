/**
 * zod pieces for store answers as the stores really send them: numbers as strings, nulls and
 * missing fields, `[]` or `""` meaning "no object" [src: stores/README.md §5.7]. Unknown fields are
 * kept by using z.looseObject for envelopes.
 */
import { z } from 'zod';

/** An integer sent as a number or a numeric string ("6091000"). */
export const looseInt = z
  .union([
    z.number().int(),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/),
  ])
  .transform(Number);

/** Text that may be absent, null, or a number; always `string | null`. */
export const looseText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : String(value)));

/** A boolean sent as `true` or `"true"`. */
export const looseBool = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

/** True for what stores send as "nothing": null, absent, "", [], {} (OPPO `data: []`, vivo empty data). */
export function isNone(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}
