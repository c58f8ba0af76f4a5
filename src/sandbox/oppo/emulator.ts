/**
 * The emulated OPPO store (stores/oppo.md): routes requests to the token, info, upload, publish
 * and task-state handlers, and turns each failed check into OPPO's `{errno, data:{message}}`.
 */
import { readApkUnhashed as readApk } from '../read-upload.js';
import {
  type Emulator,
  type EmulatorContext,
  type EmulatorRequest,
  type EmulatorResponse,
  DEFAULT_REJECTION,
  ReviewControlError,
} from '../types.js';
import { checkSigned, issueToken, requestParams } from './auth.js';
import { fail, ok, OppoFailure } from './errno.js';
import { appInfo } from './info.js';
import { settleTasks, submitVersion, taskState, type TaskTiming } from './publish.js';
import { createOppoState, latestVersion, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type OppoState } from './state.js';
import { issueUploadUrl, receiveUpload, type ApkReader } from './upload.js';

export interface OppoEmulatorOptions {
  /** Replaces the sandbox clock (ms since the epoch). */
  now?: () => number;
  /** How long a token stays usable after a newer one is issued (default 5 min [src: yimenapp 10823]). */
  tokenGraceMs?: number;
  /** Task-state polls until an /app/upd task reports success (default 2: "1", then "2"). */
  taskPolls?: number;
  /** Sandbox time after which a task succeeds even unpolled (default 30 s [src: APKGO commit 5f52a0a]). */
  taskDurationMs?: number;
}

export type OppoEmulator = Emulator & { state: OppoState };

export function createOppoEmulator(options: OppoEmulatorOptions = {}): OppoEmulator {
  const state = createOppoState();
  const graceMs = options.tokenGraceMs ?? 5 * 60_000;
  const timing: TaskTiming = {
    pollsToComplete: options.taskPolls ?? 2,
    durationMs: options.taskDurationMs ?? 30_000,
  };
  const apkReader: ApkReader = readApk;

  async function route(req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse> {
    const now = ctx.now();
    const key = `${req.method} ${req.path}`;
    if (key === 'GET /developer/v1/token') return ok(issueToken(state, req.query, now, graceMs));
    if (req.path === '/upload') return receiveUpload(state, req, ctx, apkReader);

    const business = BUSINESS_ROUTES[key];
    if (!business) return fail(404, `no such API: ${key}`, 404);
    const params = requestParams(req);
    const { devId } = checkSigned(state, params, now);
    settleTasks(state, now, timing);
    switch (business) {
      case 'info':
        return ok(appInfo(state, devId, params));
      case 'upload-url':
        return ok(issueUploadUrl(state, ctx));
      case 'upd':
        return submit(params, devId, ctx);
      case 'task-state':
        return ok(taskState(state, devId, params, now, timing));
    }
  }

  /** /app/upd, recorded whatever the outcome so tests can count and inspect submissions. */
  function submit(params: Record<string, string>, devId: string, ctx: EmulatorContext): EmulatorResponse {
    const record = { time: ctx.now(), path: '/resource/v1/app/upd', fields: redacted(params), errno: 0, message: '' };
    state.submissions.push(record);
    try {
      const data = submitVersion(state, devId, params, ctx);
      record.message = data.message;
      return ok(data);
    } catch (error) {
      if (error instanceof OppoFailure) Object.assign(record, { errno: error.errno, message: error.message });
      throw error;
    }
  }

  return {
    id: 'oppo',
    state,
    secretParams: ['client_secret', 'access_token', 'api_sign', 'sign'],
    // Uploads are only parsed by read-upload.ts's readers (the APK in upload.ts; a photo is no zip, so written whole), never kept or served back: sparse spool.
    sparseUploads: true,
    config: (baseUrl) => ({ clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, baseUrl }),
    async handle(req, ctx) {
      const context: EmulatorContext = options.now ? { ...ctx, now: options.now } : ctx;
      try {
        return await route(req, context);
      } catch (error) {
        if (error instanceof OppoFailure) return fail(error.errno, error.message);
        throw error;
      }
    },
    review(change) {
      const app = state.apps.get(change.package);
      const detail = app ? latestVersion(app) : undefined;
      // In review (1, 4), or approved (2, 6) and now going live.
      const open = change.to === 'live' ? ['1', '4', '2', '6'] : ['1', '4'];
      if (!detail || !open.includes(String(detail.audit_status)))
        throw new ReviewControlError(`oppo: ${change.package} has no version in review`);
      const [code, name] = REVIEW_OUTCOME[change.to];
      Object.assign(detail, { audit_status: code, audit_status_name: name });
      // refuse_reason comes PHP-serialized, its length in bytes [src: stores/oppo.md §2.8].
      if (change.to === 'rejected') {
        const reason = change.reason ?? DEFAULT_REJECTION;
        detail.refuse_reason = `a:1:{i:0;s:${Buffer.byteLength(reason)}:"${reason}";}`;
      }
    },
  };
}

/** audit_status and audit_status_name per review outcome [src: stores/oppo.md §2.8]. */
const REVIEW_OUTCOME = { approved: ['2', '审核通过'], live: ['111', '上线'], rejected: ['444', '审核不通过'] } as const;

const BUSINESS_ROUTES: Record<string, 'info' | 'upload-url' | 'upd' | 'task-state' | undefined> = {
  'GET /resource/v1/app/info': 'info',
  'GET /resource/v1/upload/get-upload-url': 'upload-url',
  'POST /resource/v1/app/upd': 'upd',
  'POST /resource/v1/app/task-state': 'task-state',
};

function redacted(params: Record<string, string>): Record<string, string> {
  const copy = { ...params };
  for (const key of ['access_token', 'api_sign']) if (key in copy) copy[key] = '***';
  return copy;
}
