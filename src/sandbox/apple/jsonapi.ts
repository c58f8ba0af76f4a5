/**
 * JSON:API documents and error documents as App Store Connect answers them (stores/apple.md §3.1,
 * §3.4): `{data, included, links, meta.paging}` and `{errors: [{id, status, code, title, detail,
 * source, meta.associatedErrors}]}` with `status` as a string.
 */
import { randomUUID } from 'node:crypto';
import type { EmulatorResponse } from '../types.js';

export interface Ref {
  type: string;
  id: string;
}

export interface Resource {
  type: string;
  id: string;
  attributes?: Record<string, unknown>;
  relationships?: Record<string, { data?: Ref | Ref[] | null; links?: Record<string, string> }>;
  links?: { self: string };
}

export interface ApiError {
  id?: string;
  status: string;
  code: string;
  title: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string };
  meta?: { associatedErrors?: Record<string, ApiError[]> };
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly errors: ApiError[],
  ) {
    super(errors.map((e) => `${e.code}: ${e.detail ?? e.title}`).join('; '));
  }
}

export function apiError(
  status: number,
  code: string,
  title: string,
  detail?: string,
  extra: Partial<ApiError> = {},
): ApiError {
  return { id: randomUUID(), status: String(status), code, title, ...(detail ? { detail } : {}), ...extra };
}

export function fail(
  status: number,
  code: string,
  title: string,
  detail?: string,
  extra: Partial<ApiError> = {},
): never {
  throw new ApiFailure(status, [apiError(status, code, title, detail, extra)]);
}

export const notAuthorized = (): ApiFailure =>
  new ApiFailure(401, [
    apiError(
      401,
      'NOT_AUTHORIZED',
      'Authentication credentials are missing or invalid.',
      'Provide a properly configured and signed bearer token, and make sure that it has not expired. Learn more about Generating Tokens for API Requests https://developer.apple.com/go/?id=api-generating-tokens',
    ),
  ]);

export const notFound = (type: string, id: string): never =>
  fail(
    404,
    'NOT_FOUND',
    'The specified resource does not exist',
    `There is no resource of type '${type}' with id '${id}'`,
  );

export const noPath = (method: string, path: string): never =>
  fail(
    404,
    'NOT_FOUND',
    'The specified resource does not exist',
    `The path provided does not match a defined resource type. (${method} ${path})`,
  );

export const invalidParameter = (parameter: string, detail: string): never =>
  fail(400, 'PARAMETER_ERROR.INVALID', 'A parameter has an invalid value', detail, { source: { parameter } });

export const invalidAttribute = (pointer: string, detail: string, code = 'ENTITY_ERROR.ATTRIBUTE.INVALID'): never =>
  fail(409, code, 'An attribute value is invalid.', detail, { source: { pointer } });

export const stateError = (title: string, detail: string, code = 'STATE_ERROR'): never =>
  fail(409, code, title, detail);

export function errorResponse(failure: ApiFailure): EmulatorResponse {
  return { status: failure.status, body: { errors: failure.errors } };
}

export function document(
  data: Resource | Resource[] | null,
  extra: { included?: Resource[]; links?: Record<string, string>; meta?: unknown } = {},
) {
  return {
    data,
    ...(extra.included ? { included: extra.included } : {}),
    links: extra.links ?? {},
    ...(extra.meta ? { meta: extra.meta } : {}),
  };
}

/** A request body's `data`, checked to be a JSON:API resource object of the expected type. */
export function readData(body: Buffer, type: string, id?: string): Resource {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return fail(
      400,
      'PARAMETER_ERROR.INVALID',
      'The request entity is not valid JSON',
      'The request body could not be parsed as JSON.',
    );
  }
  const data = (parsed as { data?: unknown } | null)?.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return invalidAttribute(
      '/data',
      'The request body must be a JSON:API document with a data object.',
      'ENTITY_ERROR',
    );
  }
  const resource = data as Resource;
  if (resource.type !== type) {
    return invalidAttribute(
      '/data/type',
      `The type '${String(resource.type)}' is not '${type}' as this endpoint requires.`,
      'ENTITY_ERROR.INCLUDED.INVALID',
    );
  }
  if (id !== undefined && resource.id !== id) {
    return invalidAttribute(
      '/data/id',
      `The id '${String(resource.id)}' does not match the id in the URL '${id}'.`,
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
    );
  }
  return resource;
}

/** A relationship's id from a request resource, or a 409 naming the missing relationship. */
export function relationshipId(resource: Resource, name: string, type: string): string {
  const data = resource.relationships?.[name]?.data;
  if (!data || Array.isArray(data) || data.type !== type || typeof data.id !== 'string') {
    return fail(
      409,
      'ENTITY_ERROR.RELATIONSHIP.REQUIRED',
      'A relationship is required',
      `You must provide a value for the relationship '${name}' with this request`,
      {
        source: { pointer: `/data/relationships/${name}` },
      },
    );
  }
  return data.id;
}

/**
 * One page of a collection. `limit` (≤200, stores/apple.md §3.4) and the emulator's own page size
 * decide how many; `links.next` carries a cursor for the rest.
 */
export function page<T>(
  items: T[],
  query: URLSearchParams,
  selfUrl: string,
  pageSize: number,
): { slice: T[]; links: Record<string, string>; meta: unknown } {
  const limitText = query.get('limit');
  const limit = limitText === null ? 50 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    invalidParameter('limit', `limit must be an integer from 1 to 200, got '${limitText}'`);
  const size = Math.min(limit, pageSize);
  const cursorText = query.get('cursor');
  const start = cursorText === null ? 0 : Number(Buffer.from(cursorText, 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 0) invalidParameter('cursor', 'the cursor is not one this API handed out');
  const slice = items.slice(start, start + size);
  const links: Record<string, string> = { self: selfUrl };
  let nextCursor: string | undefined;
  if (start + size < items.length) {
    nextCursor = Buffer.from(String(start + size)).toString('base64url');
    const next = new URL(selfUrl);
    next.searchParams.set('cursor', nextCursor);
    links.next = next.toString();
  }
  return { slice, links, meta: { paging: { total: items.length, limit, ...(nextCursor ? { nextCursor } : {}) } } };
}
