/**
 * The parts of App Store Connect's JSON:API answers the adapter relies on (asc-spec 4.4.1 via
 * stores/apple.md). Unknown fields are kept; only what we read is required.
 */
import { z } from 'zod';

const ref = z.looseObject({ type: z.string(), id: z.string() });
const relationship = z.looseObject({ data: z.union([ref, z.array(ref), z.null()]).optional() }).optional();

export const resource = z.looseObject({
  type: z.string(),
  id: z.string(),
  attributes: z.record(z.string(), z.unknown()).optional().default({}),
  relationships: z.record(z.string(), relationship).optional().default({}),
});
export type Resource = z.output<typeof resource>;

export const single = z.looseObject({ data: resource, included: z.array(resource).optional() });
export const optionalSingle = z.looseObject({ data: resource.nullable(), included: z.array(resource).optional() });
export const collection = z.looseObject({
  data: z.array(resource),
  included: z.array(resource).optional(),
  links: z.looseObject({ next: z.string().optional() }).optional(),
});
export type Collection = z.output<typeof collection>;

const apiError = z.looseObject({
  status: z.string().optional(),
  code: z.string().default('UNKNOWN'),
  title: z.string().optional(),
  detail: z.string().optional(),
  meta: z
    .looseObject({
      associatedErrors: z
        .record(
          z.string(),
          z.array(
            z.looseObject({ code: z.string().optional(), title: z.string().optional(), detail: z.string().optional() }),
          ),
        )
        .optional(),
    })
    .optional(),
});
export const errorDocument = z.looseObject({ errors: z.array(apiError).min(1) });
export type ApiErrorItem = z.output<typeof apiError>;

export const appAttributes = z.looseObject({ bundleId: z.string(), name: z.string().nullish() });
export const versionAttributes = z.looseObject({
  versionString: z.string(),
  platform: z.string().optional(),
  appVersionState: z.string().nullish(),
  appStoreState: z.string().nullish(),
  releaseType: z.string().nullish(),
  earliestReleaseDate: z.string().nullish(),
  createdDate: z.string().nullish(),
});
export const buildAttributes = z.looseObject({
  version: z.string(),
  processingState: z.string().nullish(),
  usesNonExemptEncryption: z.boolean().nullish(),
  uploadedDate: z.string().nullish(),
});
const stateDetail = z.looseObject({ code: z.string().nullish(), description: z.string().nullish() });
export const buildUploadAttributes = z.looseObject({
  cfBundleShortVersionString: z.string().nullish(),
  cfBundleVersion: z.string().nullish(),
  state: z.looseObject({ state: z.string(), errors: z.array(stateDetail).nullish() }).nullish(),
});
export const uploadFileAttributes = z.looseObject({
  assetDeliveryState: z.looseObject({ state: z.string() }).nullish(),
  uploadOperations: z
    .array(
      z.looseObject({
        method: z.string(),
        url: z.string(),
        offset: z.number().int().nonnegative(),
        length: z.number().int().positive(),
        requestHeaders: z.array(z.looseObject({ name: z.string(), value: z.string() })).nullish(),
        partNumber: z.number().int().nullish(),
      }),
    )
    .nullish(),
});
export type UploadOperation = NonNullable<z.output<typeof uploadFileAttributes>['uploadOperations']>[number];
export const localizationAttributes = z.looseObject({ locale: z.string(), whatsNew: z.string().nullish() });

/** The id of a to-one relationship, or null. */
export function relatedId(item: Resource, name: string): string | null {
  const data = item.relationships[name]?.data;
  return data && !Array.isArray(data) ? data.id : null;
}
