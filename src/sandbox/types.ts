/**
 * The contract between the sandbox harness (server.ts) and each emulated store.
 * Emulators never import adapter code (src/stores/**): they implement the store's side from
 * ../shared/stores/<id>.md on their own, so a mistake in one is caught by the other.
 */
import type { FormPart } from './multipart.js';
import type { SpooledFile } from './spool.js';

export interface EmulatorRequest {
  method: string;
  /** Path below the store's prefix, e.g. `/resource/v1/app/info` for `/oppo/resource/v1/app/info`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /**
   * The body of a JSON, form-urlencoded, text or XML request, in memory. Empty for multipart
   * bodies (see `multipart`) and for raw uploads (see `upload`): those stream to temp files.
   */
  body: Buffer;
  /** Bytes of the whole body as received. */
  size: number;
  /** A multipart/form-data body, parsed as it streamed in: its parts, or why it is malformed. */
  multipart: FormPart[] | Error | null;
  /** Any other body (an octet-stream PUT...), written to a temp file with its hashes and size. */
  upload: SpooledFile | null;
  /**
   * Keeps a temp file (an upload's, or a file part's) past the end of this request, for an emulator
   * that needs it later; it is removed when the sandbox closes.
   */
  keep(file: SpooledFile): void;
}

export interface EmulatorResponse {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON (application/json unless headers say otherwise). */
  body: unknown;
}

export interface EmulatorContext {
  /** Milliseconds since the epoch, as the sandbox sees it (tests may shift it). */
  now(): number;
  /** The store's base URL on this server, e.g. `http://127.0.0.1:4567/oppo`. */
  baseUrl: string;
}

export interface Emulator {
  /** The store id, also the path prefix on the server. */
  id: string;
  handle(req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse> | EmulatorResponse;
  /**
   * The `stores.<id>` config that points an adapter at this emulator, given its base URL.
   * Credentials here are sandbox-only values, never real ones.
   */
  config(baseUrl: string): Record<string, unknown>;
  /** Query parameter and form field names whose values the request log must hide. */
  secretParams: string[];
  /**
   * True when the store checks an upload against a SHA-256 (Honor, Huawei OBS, Apple): only then
   * does the sandbox compute it while the upload streams in. MD5 is always computed; skipping
   * SHA-256 elsewhere keeps an upload's cost to that of a streaming-MD5 receiver.
   */
  sha256Uploads?: boolean;
  /**
   * True when every upload this emulator keeps is read only through the readers in read-upload.ts
   * (no emulator keeps it, serves it back or reads another entry): a zip upload is then spooled
   * sparse, with only the data of the entries those readers open written to disk (sparse-zip.ts).
   * The other entries read back as zeros, so an emulator that reads more must not set this.
   */
  sparseUploads?: boolean;
  /**
   * The reviewer's side, for tests and demos (`POST /_sandbox/review`): ends the review of the
   * package's version in review. Throws a ReviewControlError when there is none.
   */
  review?(change: ReviewChange): void;
}

/** `POST /_sandbox/review` body: what the reviewer decides about the package's version in review. */
export interface ReviewChange {
  store: string;
  package: string;
  /** `approved`: passed, held where the store can hold it (otherwise live); `live`: on sale. */
  to: 'approved' | 'live' | 'rejected';
  reason?: string;
}

/** The control was asked for something the emulator's state does not allow (answered 409). */
export class ReviewControlError extends Error {}

export const DEFAULT_REJECTION = 'sandbox reviewer: the app crashes on launch';

/** A fault the harness applies to the next matching request(s) instead of, or around, the emulator. */
export type Fault =
  /** Close the connection after reading `afterBytes` of the request body (default: half of it). */
  | { kind: 'reset'; afterBytes?: number }
  /** Answer with this HTTP status and a short body, without calling the emulator. */
  | { kind: 'status'; status: number; body?: string }
  /** Answer 429 with a Retry-After header (seconds). */
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  /** Wait before handing the request to the emulator. */
  | { kind: 'delay'; ms: number }
  /** Answer 200 with a body that is not valid JSON. */
  | { kind: 'malformed-json' }
  /** Let the emulator handle the request (state changes), then drop the connection unanswered. */
  | { kind: 'drop-response' };

export interface FaultRule {
  store: string;
  /** Matches when the path below the store prefix contains this text (or equals it, for a method name). */
  match: string;
  /** Matches only this HTTP method when given. */
  method?: string;
  fault: Fault;
  /** How many matching requests it applies to (default 1). */
  times?: number;
}

export interface LogEntry {
  time: number;
  store: string;
  method: string;
  path: string;
  /** Query string with secret parameters replaced by `***`. */
  query: string;
  /**
   * For form bodies: field names and (redacted) values; for multipart: field values, and for file
   * parts `<file N bytes md5 …>`. Never the bytes of an upload.
   */
  fields: Record<string, string>;
  /** For a raw upload (octet-stream PUT...): what arrived, never the bytes. */
  upload?: { size: number; md5: string; sha256?: string };
  status: number | null;
  fault: Fault['kind'] | null;
}
