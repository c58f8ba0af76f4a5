/**
 * One method per YYB route [src: stores/yyb.md 1.3–1.5]: signed form POSTs (a fresh timestamp
 * and sign on every attempt), the `ret` envelope read on every status below 500, and the one
 * pre-signed COS PUT of the raw file. The pre_sign_url (its query is a credential) is registered
 * as a secret the moment it arrives.
 */
import { basename } from 'node:path';
import type { ApkInfo } from '../../artifacts/types.js';
import { StoreError } from '../../core/errors.js';
import { formBody, type RequestSpec } from '../../http/client.js';
import {
  allowedUploadUrl,
  fileBody,
  parseAnswer,
  quoteSafely,
  readAnswer,
  refusal,
  type AnswerSource,
} from '../kit/index.js';
import type { StoreContext } from '../types.js';
import type { YybConfig } from './config.js';
import { CLOCK_MEANING, YYB_REFUSALS } from './refusals.js';
import {
  appDetailSchema,
  envelopeSchema,
  routeFields,
  updateStatusSchema,
  uploadSlotSchema,
  type YybDetail,
  type YybStatus,
} from './schemas.js';
import { signParams, type Params } from './sign.js';

const STORE = 'yyb';
const READ_TIMEOUT_MS = 60_000;
/** update_app: 60–120 s recommended [src: qq-ref, qq-fields]. */
const SUBMIT_TIMEOUT_MS = 120_000;
/** A 60 MB APK on a slow uplink takes > 5 min [src: apkgo commit e515f9f]: 30 min. */
const UPLOAD_TIMEOUT_MS = 1_800_000;

export interface AppRef {
  pkg: string;
  appId: string;
}

export class YybApi {
  constructor(
    private readonly ctx: StoreContext<YybConfig>,
    private readonly baseUrl: string,
  ) {}

  async appDetail(app: AppRef): Promise<{ detail: YybDetail; raw: unknown }> {
    const raw = await this.call('app detail', 'query_app_detail', this.pair(app), true);
    return { detail: parseAnswer(appDetailSchema, routeFields(raw), this.source('app detail')), raw };
  }

  async updateStatus(app: AppRef): Promise<{ status: YybStatus; raw: unknown }> {
    const raw = await this.call('update status', 'query_app_update_status', this.pair(app), true);
    return { status: parseAnswer(updateStatusSchema, routeFields(raw), this.source('update status')), raw };
  }

  /**
   * get_file_upload_info (file_type apk): a pre-signed COS URL and the serial number update_app
   * takes. Retried on 5xx/resets like any read, but each call costs one of the 100 daily slots.
   */
  async uploadSlot(app: AppRef, apk: ApkInfo): Promise<{ url: URL; serial: string }> {
    const raw = await this.call(
      'upload slot',
      'get_file_upload_info',
      { ...this.pair(app), file_type: 'apk', file_name: basename(apk.path) },
      true,
      true,
    );
    const slot = parseAnswer(uploadSlotSchema, routeFields(raw), this.source('upload slot', true));
    this.ctx.addSecret(slot.pre_sign_url);
    const url = allowedUploadUrl(STORE, 'YYB', slot.pre_sign_url, 'the APK');
    if (url.search) this.ctx.addSecret(url.search.slice(1));
    return { url, serial: slot.serial_number };
  }

  /** The whole file in one PUT: octet-stream, exact Content-Length, no auth header (the URL is pre-signed). */
  async putFile(url: URL, apk: ApkInfo, onProgress: (sent: number, total: number) => void): Promise<void> {
    const response = await this.ctx.http.send(
      (): RequestSpec => ({ method: 'PUT', url, body: fileBody(apk.path, { length: apk.size }) }),
      { idempotent: true, headersTimeoutMs: UPLOAD_TIMEOUT_MS, onUploadProgress: onProgress, signal: this.ctx.signal },
    );
    if (response.status === 200) return;
    const source = this.source(`upload of ${basename(apk.path)}`, true);
    if (response.status >= 500 || response.status === 429 || response.status === 408) readAnswer(response, source);
    // COS answers errors as XML `<Error><Code>…</Code><Message>…</Message></Error>`.
    const code = /<Code>([^<]*)<\/Code>/.exec(response.text)?.[1] ?? `HTTP ${response.status}`;
    const message = /<Message>([^<]*)<\/Message>/.exec(response.text)?.[1] ?? quoteSafely(response.text);
    throw new StoreError(
      `upload of ${basename(apk.path)}: the upload storage (COS) refused the file (YYB ${code}: ${message})`,
      {
        code: 'FILE_REJECTED',
        store: STORE,
        storeCode: code,
        hint: 'run again: a new upload slot is requested (it counts against the 100 daily slots)',
      },
    );
  }

  /** update_app: the submission itself. Never retried by the client. */
  async updateApp(params: Params): Promise<void> {
    await this.call('update_app', 'update_app', params, false, false, SUBMIT_TIMEOUT_MS);
  }

  private async call(
    what: string,
    route: string,
    business: Params,
    idempotent: boolean,
    secret = false,
    timeoutMs = READ_TIMEOUT_MS,
  ): Promise<unknown> {
    const url = `${this.baseUrl}/${route}`;
    const response = await this.ctx.http.send(
      (): RequestSpec => {
        const params = signParams(business, this.ctx.config.userId, this.ctx.config.accessSecret, this.ctx.clock.now());
        this.ctx.addSecret(params.sign!);
        const { body, headers } = formBody(params);
        return { method: 'POST', url, body, headers };
      },
      { idempotent, headersTimeoutMs: timeoutMs, signal: this.ctx.signal },
    );
    const source = this.source(what, secret);
    const { json } = readAnswer(response, source);
    const envelope = parseAnswer(envelopeSchema, json ?? {}, source);
    if (envelope.ret !== 0) {
      const text = envelope.msg ?? envelope.message ?? null;
      const clock = envelope.ret === 1000020 && /timestamp|时间戳/i.test(text ?? '');
      throw refusal(STORE, what, envelope.ret, text, YYB_REFUSALS, clock ? { meaning: CLOCK_MEANING } : {});
    }
    return json;
  }

  private pair(app: AppRef): Params {
    return { pkg_name: app.pkg, app_id: app.appId };
  }

  private source(what: string, secret = false): AnswerSource {
    return { store: STORE, what, secret };
  }
}
