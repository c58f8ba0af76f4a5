/**
 * The emulated vivo gateway. One URL serves every operation, chosen by the `method` param
 * [src: stores/vivo.md §3.1]; the harness hands requests over at path `/`.
 */
import { readApkUnhashed as defaultReadApk } from '../read-upload.js';
import type { FormPart } from '../multipart.js';
import {
  type Emulator,
  type EmulatorContext,
  type EmulatorRequest,
  type EmulatorResponse,
  DEFAULT_REJECTION,
  ReviewControlError,
} from '../types.js';
import { queryDetails } from './details.js';
import { JSON_STYLE, gatewayReply, methodReply, type MethodResult, type ReplyStyle } from './envelope.js';
import { authenticate, businessParams, isGatewayError, readParams } from './gateway.js';
import {
  SANDBOX_ACCESS_KEY,
  SANDBOX_ACCESS_SECRET,
  createVivoState,
  type VivoState,
  type VivoStateOptions,
  type VivoUploadKind,
} from './state.js';
import { syncSubpackageUpdate, syncUpdate } from './sync.js';
import { uploadApk, type ApkReader } from './upload.js';

export interface VivoEmulatorOptions extends VivoStateOptions {
  /** Parses uploaded APKs; defaults to the project's own reader (src/artifacts). */
  readApk?: ApkReader;
}

export type VivoEmulator = Emulator & {
  state: VivoState;
  /** Ends the review of the submitted version: it goes live (status 3). */
  approve(packageName: string): void;
  /** Ends the review with a rejection (status 4) and the reason app.query.details shows. */
  reject(packageName: string, reason: string): void;
};

interface MethodContext {
  state: VivoState;
  accessKey: string;
  params: Record<string, string>;
  files: FormPart[];
  now: number;
  readApk: ApkReader;
}

interface MethodSpec {
  style: ReplyStyle;
  /** Uploads must arrive with a Content-Length (no chunked encoding). */
  upload?: boolean;
  run(ctx: MethodContext): MethodResult | Promise<MethodResult>;
}

// The upload answers are the ones labelled text/plain although JSON [src: APKGO commit 38e5cac];
// the split uploads answer subCode "0" on success [src: APKGO-VV envelope comment].
const UPLOAD_STYLE: ReplyStyle = { ...JSON_STYLE, plainText: true };
const SPLIT_UPLOAD_STYLE: ReplyStyle = { ...UPLOAD_STYLE, successSubCode: '0', messageKey: 'message' };
// The details trace: subCode "0" and no message on success [src: APKGO-VV-TR].
const DETAILS_STYLE: ReplyStyle = { ...JSON_STYLE, successSubCode: '0', successMessage: null };
// UNCONFIRMED which methods use `message` instead of `msg` [src: APKGO-VV envelope]; the split
// family does here, so a client reading only `msg` loses the reason.
const SUBPACKAGE_STYLE: ReplyStyle = { ...JSON_STYLE, messageKey: 'message' };

const upload = (kind: VivoUploadKind) => (ctx: MethodContext) =>
  uploadApk(ctx.state, { accessKey: ctx.accessKey, params: ctx.params, files: ctx.files, kind }, ctx.readApk);

const METHODS: Record<string, MethodSpec> = {
  'app.query.details': {
    style: DETAILS_STYLE,
    run: (ctx) => queryDetails(ctx.state, ctx.accessKey, ctx.params),
  },
  'app.upload.apk.app': { style: UPLOAD_STYLE, upload: true, run: upload('single') },
  'app.upload.apk.app.32': { style: SPLIT_UPLOAD_STYLE, upload: true, run: upload('32') },
  'app.upload.apk.app.64': { style: SPLIT_UPLOAD_STYLE, upload: true, run: upload('64') },
  'app.sync.update.app': {
    style: JSON_STYLE,
    run: (ctx) => syncUpdate(ctx.state, { accessKey: ctx.accessKey, params: ctx.params, now: ctx.now }),
  },
  'app.sync.update.subpackage.app': {
    style: SUBPACKAGE_STYLE,
    run: (ctx) => syncSubpackageUpdate(ctx.state, { accessKey: ctx.accessKey, params: ctx.params, now: ctx.now }),
  },
};

export function createVivoEmulator(options: VivoEmulatorOptions = {}): VivoEmulator {
  const state = createVivoState(options);
  const readApk = options.readApk ?? defaultReadApk;

  async function handle(req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse> {
    const now = ctx.now();
    if (req.method !== 'GET' && req.method !== 'POST') return gatewayReply(405, `不支持的HTTP方法: ${req.method}`, now);
    if (req.path !== '/' && req.path !== '') return gatewayReply(404, `路径不存在: ${req.path}`, now, 404);

    const read = readParams(req);
    if (isGatewayError(read)) return gatewayReply(read.code, read.msg, now, read.status);
    const method = read.params.method;
    if (!method) return gatewayReply(440, '缺少必要参数: method', now);
    const spec = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
    if (!spec) return gatewayReply(404, `方法不存在: ${method}`, now);

    if (spec.upload && !hasContentLength(req)) {
      // UNCONFIRMED how vivo refuses a chunked upload; the design asks for a known length.
      return gatewayReply(441, '上传请求必须带Content-Length', now, 411);
    }
    const auth = authenticate(read.params, state.credentials, now);
    if (isGatewayError(auth)) return gatewayReply(auth.code, auth.msg, now, auth.status);

    const result = await spec.run({
      state,
      accessKey: auth.accessKey,
      params: businessParams(read.params),
      files: read.files,
      now,
      readApk,
    });
    return methodReply(result, spec.style, now);
  }

  return {
    id: 'vivo',
    secretParams: ['sign', 'access_key'],
    // Uploads are only parsed by read-upload.ts's APK reader (upload.ts), never kept or served back:
    // sparse spool, unless a test brings its own reader (it might read more).
    sparseUploads: options.readApk === undefined,
    config: (baseUrl) => ({ accessKey: SANDBOX_ACCESS_KEY, accessSecret: SANDBOX_ACCESS_SECRET, baseUrl }),
    handle,
    state,
    approve(packageName) {
      const app = requireApp(state, packageName);
      app.status = 3;
      app.live = { ...app.latest };
      app.saleStatus = 1;
    },
    reject(packageName, reason) {
      const app = requireApp(state, packageName);
      app.status = 4;
      app.unPassReason = reason;
    },
    review(change) {
      const app = requireApp(state, change.package);
      const approvedNotOnSale = app.status === 3 && app.saleStatus === 0;
      if (app.status !== 2 && !(change.to === 'live' && approvedNotOnSale))
        throw new ReviewControlError(`vivo: ${change.package} has no version in review`);
      if (change.to === 'rejected') return this.reject(change.package, change.reason ?? DEFAULT_REJECTION);
      if (change.to === 'live') return this.approve(change.package);
      // Passed, not yet on sale (saleStatus 0 待上架).
      app.status = 3;
      app.saleStatus = 0;
    },
  };
}

function requireApp(state: VivoState, packageName: string) {
  const app = state.apps.get(packageName);
  if (!app) throw new Error(`vivo sandbox has no app ${packageName}`);
  return app;
}

function hasContentLength(req: EmulatorRequest): boolean {
  const encoding = String(req.headers['transfer-encoding'] ?? '').toLowerCase();
  return req.headers['content-length'] !== undefined && !encoding.includes('chunked');
}
