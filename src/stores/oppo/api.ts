/**
 * One function per OPPO endpoint: describe → sign on every attempt → send → parse → validate →
 * data or a typed StoreError. A token the store refuses is renewed once and the call repeated once.
 */
import { basename } from 'node:path';
import type { ApkInfo } from '../../artifacts/types.js';
import { formBody, type HttpResponse, type RequestSpec } from '../../http/client.js';
import { multipartBody } from '../../http/multipart.js';
import { allowedUploadUrl, parseAnswer, readJson, type CachedToken, isNone, type AnswerSource } from '../kit/index.js';
import type { StoreContext } from '../types.js';
import type { OppoConfig } from './config.js';
import { oppoError, storeMessage } from './errors.js';
import {
  detailBodySchema,
  envelopeSchema,
  submitResultSchema,
  taskStateSchema,
  uploadedFileSchema,
  uploadSlotSchema,
  type DetailBody,
} from './schemas.js';
import { signParams, type Params } from './sign.js';

const STORE = 'oppo';

/** Timeouts after U6: 120 s for reads, up to 600 s for /app/upd, 1800 s for an upload [src: stores/oppo.md §2.9]. */
const READ_TIMEOUT_MS = 120_000;
const SUBMIT_TIMEOUT_MS = 600_000;
const UPLOAD_TIMEOUT_MS = 1_800_000;

export interface UploadedApk {
  url: string;
  md5: string;
  size: number | null;
}

export type TaskState = { state: string; errMsg: string | null };

export class OppoApi {
  constructor(
    private readonly ctx: StoreContext<OppoConfig>,
    private readonly tokens: CachedToken,
  ) {}

  /** GET /resource/v1/app/info; null when the account has no such app (`data: []`) [src: APKGO-OP-T]. */
  async appInfo(pkg: string): Promise<{ detail: DetailBody; raw: unknown } | null> {
    const data = await this.call('app info', 'GET', '/resource/v1/app/info', { pkg_name: pkg }, true);
    if (isNone(data)) return null;
    return { detail: parseAnswer(detailBodySchema, data, source('app info')), raw: data };
  }

  /** GET /resource/v1/upload/get-upload-url: an upload URL and a SINGLE-USE sign [src: yimenapp 10840]. */
  async uploadSlot(): Promise<{ url: URL; sign: string }> {
    const data = await this.call(
      'upload URL',
      'GET',
      '/resource/v1/upload/get-upload-url',
      {},
      true,
      READ_TIMEOUT_MS,
      true,
    );
    const slot = parseAnswer(uploadSlotSchema, data, source('upload URL'));
    this.ctx.addSecret(slot.sign);
    const url = allowedUploadUrl(STORE, 'OPPO', slot.upload_url, 'the APK');
    return { url, sign: slot.sign };
  }

  /**
   * Uploads one APK as multipart/form-data with exactly `type`, `sign` and `file` [src: yimenapp
   * 10840]. Every attempt first asks get-upload-url for a new URL and sign, because the sign of a
   * failed attempt may already be consumed: the client's bounded retries therefore each use a
   * fresh slot.
   */
  async uploadApk(apk: ApkInfo, onProgress: (sent: number, total: number) => void): Promise<UploadedApk> {
    const response = await this.ctx.http.send(
      async (): Promise<RequestSpec> => {
        const slot = await this.uploadSlot();
        return {
          method: 'POST',
          url: slot.url,
          body: multipartBody([
            { name: 'type', value: 'apk' },
            { name: 'sign', value: slot.sign },
            {
              name: 'file',
              file: {
                path: apk.path,
                size: apk.size,
                filename: basename(apk.path),
                contentType: 'application/vnd.android.package-archive',
              },
            },
          ]),
        };
      },
      { idempotent: true, headersTimeoutMs: UPLOAD_TIMEOUT_MS, onUploadProgress: onProgress, signal: this.ctx.signal },
    );
    const file = parseAnswer(uploadedFileSchema, this.unwrap('upload', response), source('upload'));
    return { url: file.url, md5: file.md5, size: file.file_size };
  }

  /** POST /resource/v1/app/upd (form-urlencoded). Never retried by the client: a submit is not idempotent. */
  async submit(form: Params): Promise<{ message: string | null }> {
    const data = await this.call('submit (/app/upd)', 'POST', '/resource/v1/app/upd', form, false, SUBMIT_TIMEOUT_MS);
    const result = submitResultSchema.safeParse(data);
    return { message: result.success ? result.data.message : null };
  }

  /** POST /resource/v1/app/task-state [src: stores/oppo.md §2.8]. */
  async taskState(pkg: string, versionCode: number): Promise<TaskState> {
    const data = await this.call(
      'task state',
      'POST',
      '/resource/v1/app/task-state',
      { pkg_name: pkg, version_code: String(versionCode) },
      true,
    );
    const task = parseAnswer(taskStateSchema, data, source('task state'));
    return { state: task.task_state, errMsg: task.err_msg };
  }

  /**
   * A signed business call; returns `data` of a zero errno. A token the store refuses is renewed
   * once and the call repeated once: the refusal is definite (the store did nothing), so this is
   * safe even for /app/upd.
   */
  private async call(
    what: string,
    method: 'GET' | 'POST',
    path: string,
    business: Params,
    idempotent: boolean,
    timeoutMs = READ_TIMEOUT_MS,
    secret = false,
  ): Promise<unknown> {
    return this.tokens.use(async (token) => {
      const response = await this.ctx.http.send(() => this.signedRequest(method, path, business, token), {
        idempotent,
        headersTimeoutMs: timeoutMs,
        signal: this.ctx.signal,
        what,
      });
      return this.unwrap(what, response, secret);
    });
  }

  /** Fresh timestamp and api_sign for this attempt; params in the query (GET) or the form body (POST). */
  private signedRequest(method: 'GET' | 'POST', path: string, business: Params, token: string): RequestSpec {
    const params = signParams(business, token, this.ctx.config.clientSecret, this.ctx.clock.now());
    this.ctx.addSecret(params.api_sign!);
    const url = new URL(`${this.ctx.baseUrl}${path}`);
    if (method === 'GET') {
      for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
      return { method, url };
    }
    const { body, headers } = formBody(params);
    return { method, url, body, headers };
  }

  private unwrap(what: string, response: HttpResponse, secret = false): unknown {
    const from = { ...source(what), secret };
    const envelope = parseAnswer(envelopeSchema, readJson(response, from), from);
    if (envelope.errno !== 0) throw oppoError(what, envelope.errno, storeMessage(envelope));
    return envelope.data;
  }
}

function source(what: string): AnswerSource {
  return { store: STORE, what };
}
