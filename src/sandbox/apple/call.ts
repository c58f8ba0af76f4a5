/** One API call as the emulator's route handlers see it. */
import type { SpooledFile } from '../spool.js';
import type { EmulatorResponse } from '../types.js';
import type { Urls } from './resources.js';
import type { AppleState } from './state.js';

export interface Call {
  state: AppleState;
  method: string;
  path: string;
  /** Path parameters matched by the route. */
  params: string[];
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** A raw (octet-stream) body, streamed to a temp file by the sandbox. */
  upload: SpooledFile | null;
  /** Keeps such a file past the request. */
  keep(file: SpooledFile): void;
  now: number;
  urls: Urls;
  /** This request's full URL, for links.self / links.next. */
  selfUrl: string;
}

export type Handler = (call: Call) => EmulatorResponse | Promise<EmulatorResponse>;

export interface Route {
  method: string;
  pattern: RegExp;
  handle: Handler;
}

export const route = (method: string, pattern: RegExp, handle: Handler): Route => ({ method, pattern, handle });

/** `filter[name]` as a list: Apple takes comma-separated values. */
export function filterValues(query: URLSearchParams, name: string): string[] | null {
  const value = query.get(`filter[${name}]`);
  return value === null
    ? null
    : value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
}

export const isoDate = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');
