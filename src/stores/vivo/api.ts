/**
 * One function per vivo method used. Every call goes to the one gateway URL, chosen by `method`
 * [src: stores/vivo.md §3.1], as a POST with every param in the body: urlencoded for normal calls,
 * multipart text fields for uploads [src: U7]. Long text (updateDesc) overflowed the request line
 * when sent in the URL [src: APKGO-VV-LT], so nothing goes in the query string.
 */
import { basename } from 'node:path';
import type { ApkInfo } from '../../artifacts/types.js';
import { formBody, type RequestSpec } from '../../http/client.js';
import { isNone, parseAnswer, readJson } from '../kit/index.js';
import { multipartBody, type MultipartField } from '../../http/multipart.js';
import type { StoreContext } from '../types.js';
import { gatewayFor, type Gateway, type VivoConfig } from './config.js';
import { vivoError } from './errors.js';
import {
  businessSubCode,
  detailsSchema,
  envelopeMessage,
  envelopeSchema,
  uploadDataSchema,
  type VivoDetails,
  type VivoUploadData,
} from './schemas.js';
import { signedParams } from './sign.js';

/** Which upload method takes an APK: the single one, or one half of a 32/64-bit pair [src: stores/vivo.md §3.6]. */
export type UploadRole = 'single' | '32' | '64';

export const UPLOAD_METHOD: Record<UploadRole, string> = {
  single: 'app.upload.apk.app',
  '32': 'app.upload.apk.app.32',
  '64': 'app.upload.apk.app.64',
};

/** vivo parses the APK before answering an upload; give it time. */
const UPLOAD_ANSWER_TIMEOUT_MS = 5 * 60_000;
/** vivo has intermittent slow answers [src: dxmwl/new_bee_upload_app#2]. */
const SUBMIT_ANSWER_TIMEOUT_MS = 2 * 60_000;

interface CallSpec {
  method: string;
  params: Record<string, string>;
  /** Short description for messages, e.g. "upload app.apk". */
  what: string;
  idempotent: boolean;
  file?: ApkInfo;
  headersTimeoutMs?: number;
  onUploadProgress?: (sent: number, total: number) => void;
}

export class VivoApi {
  readonly gateway: Gateway;

  constructor(private readonly ctx: StoreContext<VivoConfig>) {
    this.gateway = gatewayFor(ctx.config, ctx.baseUrl);
  }

  /** `app.query.details`; null when vivo answers success with empty data (no such app) [src: APKGO commit 022a2ce]. */
  async details(packageName: string): Promise<{ details: VivoDetails; raw: unknown } | null> {
    const data = await this.call({
      method: 'app.query.details',
      params: { packageName },
      what: `app.query.details ${packageName}`,
      idempotent: true,
    });
    if (isNone(data)) return null;
    return { details: parseAnswer(detailsSchema, data, { store: 'vivo', what: 'app.query.details' }), raw: data };
  }

  /**
   * `app.query.task.status` (read-only). Used only to prove credentials on vivo's sandbox gateway,
   * which lacks app.query.details [src: U12]: any business answer means the gateway accepted the key
   * and the signature. UNCONFIRMED that the sandbox offers this method.
   */
  async probeTaskStatus(packageName: string): Promise<void> {
    await this.call(
      {
        method: 'app.query.task.status',
        params: { packageName, packetType: '0' },
        what: 'app.query.task.status',
        idempotent: true,
      },
      { acceptBusinessRefusal: true },
    );
  }

  /** `app.query.details` as a credential check: any business answer proves key and signature. */
  async probeDetails(packageName: string): Promise<void> {
    await this.call(
      { method: 'app.query.details', params: { packageName }, what: 'app.query.details', idempotent: true },
      { acceptBusinessRefusal: true },
    );
  }

  /**
   * Uploads one APK, streamed from disk. `fileMd5` is the digest read once by the orchestrator,
   * never recomputed. Safe to send again: each attempt gets a new serialnumber and an unused one
   * does nothing, so a failed attempt is simply re-sent.
   */
  async uploadApk(
    role: UploadRole,
    apk: ApkInfo,
    onProgress?: (sent: number, total: number) => void,
  ): Promise<VivoUploadData> {
    const data = await this.call({
      method: UPLOAD_METHOD[role],
      params: { packageName: apk.package, fileMd5: apk.md5 },
      what: `upload ${basename(apk.path)}`,
      idempotent: true,
      file: apk,
      headersTimeoutMs: UPLOAD_ANSWER_TIMEOUT_MS,
      onUploadProgress: onProgress,
    });
    return parseAnswer(uploadDataSchema, data, { store: 'vivo', what: UPLOAD_METHOD[role] });
  }

  /** `app.sync.update.app` or `app.sync.update.subpackage.app`. NOT idempotent: never retried here. */
  async sync(method: SyncMethod, params: Record<string, string>, what: string): Promise<void> {
    await this.call({ method, params, what, idempotent: false, headersTimeoutMs: SUBMIT_ANSWER_TIMEOUT_MS });
  }

  private async call(spec: CallSpec, options: { acceptBusinessRefusal?: boolean } = {}): Promise<unknown> {
    const { ctx } = this;
    const credentials = { accessKey: ctx.config.accessKey, accessSecret: ctx.config.accessSecret };
    const response = await ctx.http.send(
      // Signed inside the builder: every attempt gets a fresh timestamp and sign [src: U7 checklist].
      (): RequestSpec => {
        const params = signedParams(spec.method, spec.params, credentials, ctx.clock.now());
        ctx.addSecret(params.sign!);
        if (spec.file) {
          const fields: MultipartField[] = Object.entries(params).map(([name, value]) => ({ name, value }));
          // The APK part is named `file` and is not signed [src: APKGO-VV uploadAPK; MHS-VV; U7].
          fields.push({
            name: 'file',
            file: {
              path: spec.file.path,
              size: spec.file.size,
              filename: basename(spec.file.path),
              contentType: 'application/vnd.android.package-archive',
            },
          });
          return { method: 'POST', url: this.gateway.url, body: multipartBody(fields) };
        }
        const form = formBody(params);
        return { method: 'POST', url: this.gateway.url, headers: form.headers, body: form.body };
      },
      {
        idempotent: spec.idempotent,
        signal: ctx.signal,
        what: spec.method,
        headersTimeoutMs: spec.headersTimeoutMs,
        onUploadProgress: spec.onUploadProgress,
      },
    );
    // vivo may label JSON text/plain [src: APKGO commit 38e5cac]; readJson ignores the label.
    const source = { store: 'vivo', what: spec.what } as const;
    const envelope = parseAnswer(envelopeSchema, readJson(response, source), source);
    const subCode = businessSubCode(envelope);
    if (envelope.code !== 0 || (subCode !== null && !options.acceptBusinessRefusal)) {
      throw vivoError(spec.what, { code: envelope.code, subCode, message: envelopeMessage(envelope) });
    }
    return envelope.data;
  }
}

export type SyncMethod = 'app.sync.update.app' | 'app.sync.update.subpackage.app';
