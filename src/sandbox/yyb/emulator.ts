/**
 * The emulated YYB (应用宝) open API: `POST /open_file/developer_api/<route>` with signed form
 * params, and the COS bucket the pre-signed URLs point at (`/cos/...`). Implemented from
 * stores/yyb.md alone, never from the adapter in src/stores/yyb.
 */
import {
  type Emulator,
  type EmulatorContext,
  type EmulatorRequest,
  type EmulatorResponse,
  DEFAULT_REJECTION,
  ReviewControlError,
} from '../types.js';
import { COS_PREFIX, createCos } from './cos.js';
import { fail, ok, YybFailure } from './envelope.js';
import { getFileUploadInfo, queryAppDetail, queryUpdateStatus, updateApp, type Call } from './routes.js';
import { checkSigned, formParams, GatewayRefusal } from './sign.js';
import { createYybState, SANDBOX_ACCESS_SECRET, SANDBOX_USER_ID, FOO_BAR_APP_ID, type YybState } from './state.js';

export const API_PREFIX = '/open_file/developer_api';
const COMMON = new Set(['user_id', 'timestamp', 'sign']);

export interface YybEmulatorOptions {
  /** Replaces the sandbox clock (ms since the epoch). */
  now?: () => number;
}

export type YybEmulator = Emulator & {
  state: YybState;
  /** Ends the review of the app's submission: approved and live. */
  approve(packageName: string): void;
  /** Ends the review with a rejection and its reason. */
  reject(packageName: string, reason: string): void;
};

export function createYybEmulator(options: YybEmulatorOptions = {}): YybEmulator {
  const state = createYybState();
  const cos = createCos();

  const routes: Record<string, (call: Call) => EmulatorResponse> = {
    query_app_detail: (call) => ok(queryAppDetail(call)),
    get_file_upload_info: (call) => ok(getFileUploadInfo(call, cos)),
    update_app: (call) => submit(call),
    // Some answers carry their text in `message` [src: apkgo-qq tencentResp.text()]; this one does here.
    query_app_update_status: (call) => ok(queryUpdateStatus(call), 'message'),
  };

  /** update_app, recorded whatever the outcome so tests can count and inspect submissions. */
  function submit(call: Call): EmulatorResponse {
    const params = Object.fromEntries(Object.entries(call.params).filter(([key]) => !COMMON.has(key)));
    const record = { time: call.ctx.now(), params, ret: 0, msg: 'success' };
    state.submissions.push(record);
    try {
      return ok(updateApp(call));
    } catch (error) {
      if (error instanceof YybFailure) Object.assign(record, { ret: error.ret, msg: error.message });
      throw error;
    }
  }

  async function route(req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse> {
    if (req.path.startsWith(COS_PREFIX)) return cos.put(state, req, ctx);
    const name = req.path.startsWith(`${API_PREFIX}/`) ? req.path.slice(API_PREFIX.length + 1) : '';
    const handler = Object.hasOwn(routes, name) ? routes[name] : undefined;
    if (!handler) throw new GatewayRefusal(404, 'Not Found');
    const params = formParams(req);
    const userId = checkSigned(state, params, ctx.now());
    return handler({ state, userId, params, ctx });
  }

  const byPackage = (pkg: string) => {
    const app = [...state.apps.values()].find((a) => a.pkgName === pkg);
    if (!app || app.auditStatus !== 1) throw new Error(`yyb sandbox: ${pkg} has no submission in review`);
    return app;
  };

  return {
    id: 'yyb',
    state,
    secretParams: ['sign', 'q-signature', 'q-ak'],
    // Uploads are only parsed by read-upload.ts's readers (the APK in cos.ts), never kept or served back: sparse spool.
    sparseUploads: true,
    config: (baseUrl) => ({
      userId: SANDBOX_USER_ID,
      accessSecret: SANDBOX_ACCESS_SECRET,
      appIds: { 'com.foo.bar': FOO_BAR_APP_ID },
      baseUrl: `${baseUrl}${API_PREFIX}`,
    }),
    async handle(req, ctx) {
      const context: EmulatorContext = options.now ? { ...ctx, now: options.now } : ctx;
      try {
        return await route(req, context);
      } catch (error) {
        if (error instanceof YybFailure) return fail(error.ret, error.message);
        // The gateway's own refusals are not JSON [src: apkgo-qq post].
        if (error instanceof GatewayRefusal) {
          return {
            status: error.status,
            headers: { 'content-type': 'text/html' },
            body: `<html><body><h1>${error.status} ${error.message}</h1></body></html>`,
          };
        }
        throw error;
      }
    },
    approve(pkg) {
      const app = byPackage(pkg);
      app.auditStatus = 3;
      if (app.submitted) app.live = { ...app.submitted };
    },
    reject(pkg, reason) {
      const app = byPackage(pkg);
      app.auditStatus = 2;
      app.auditReason = reason;
    },
    review(change) {
      const app = byPackage(change.package);
      if (app.auditStatus !== 1) throw new ReviewControlError(`yyb: ${change.package} has no version in review`);
      if (change.to === 'rejected') this.reject(change.package, change.reason ?? DEFAULT_REJECTION);
      else this.approve(change.package);
    },
  };
}
