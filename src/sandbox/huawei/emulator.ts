/**
 * The emulated AppGallery Connect Publishing API v2 (stores/huawei.md): token, app lookup, the OBS
 * upload, binding, compile status, notes and submit, under `<baseUrl>` = the real `.../api`.
 * Every API call is authenticated first (auth.ts); a project-level client gets 403 with no body.
 */
import {
  type Emulator,
  type EmulatorContext,
  type EmulatorRequest,
  type EmulatorResponse,
  DEFAULT_REJECTION,
  ReviewControlError,
} from '../types.js';
import { authenticate, issueToken, requireTeamLevel } from './auth.js';
import {
  bindFile,
  compileStatus,
  legacyCompileStatus,
  updateLanguage,
  useReleaseType,
  type CompileTiming,
} from './draft.js';
import { failure, HuaweiFailure, ok } from './envelope.js';
import { appIdList, appInfo, requireApp } from './info.js';
import { changeOnShelfTime, updatePhased, withdrawFromReview } from './lifecycle.js';
import { issueObsUrl, receivePut } from './obs.js';
import { createHuaweiState, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type App, type HuaweiState } from './state.js';
import { submitApp } from './submit.js';

export interface HuaweiEmulatorOptions {
  now?: () => number;
  /** Compile-status answers of "compiling" before a package is ready (default APK 1, AAB 3). */
  apkPolls?: number;
  aabPolls?: number;
  /** Submits answered "being processed" once the package is ready (default 1). */
  parsingSubmits?: number;
  /** Default 150 MB; tests lower it. */
  maxAabBytes?: number;
  /**
   * An older gateway: package/compile/status is unknown (404) and only the legacy, misspelled
   * aab/complile/status answers, with aabCompileStatus [src: fl-hw; stores/huawei.md 2.5 (5)].
   */
  legacyCompileStatus?: boolean;
}

export type HuaweiEmulator = Emulator & {
  state: HuaweiState;
  /** Ends the review of an app's submitted version: it goes live (or waits for its release time). */
  approve(packageName: string): void;
  /** Ends the review with a rejection and this opinion. */
  reject(packageName: string, opinion: string): void;
};

export function createHuaweiEmulator(options: HuaweiEmulatorOptions = {}): HuaweiEmulator {
  const state = createHuaweiState();
  const timing: CompileTiming = {
    apkPolls: options.apkPolls ?? 1,
    aabPolls: options.aabPolls ?? 3,
    maxAabBytes: options.maxAabBytes ?? 150 * 1024 * 1024,
  };
  const submitTiming = { parsingSubmits: options.parsingSubmits ?? 1, left: new Map<string, number>() };

  async function route(req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse> {
    const now = ctx.now();
    if (req.path === '/oauth2/v1/token') return { body: issueToken(state, req, now) };
    if (req.path.startsWith('/obs/')) return receivePut(state, req, ctx);
    const route =
      options.legacyCompileStatus && req.path === '/publish/v2/package/compile/status'
        ? undefined
        : ROUTES[`${req.method} ${req.path}`];
    if (!route) throw new HuaweiFailure(404, `no such API: ${req.method} ${req.path}`, 404);
    const caller = authenticate(state, req, now);
    requireTeamLevel(caller);
    if (route === 'appid-list') return ok(appIdList(state, req));
    const app = requireApp(state, req);
    switch (route) {
      case 'app-info':
        return ok(appInfo(state, req));
      case 'for-obs':
        // releaseType must match the rest of the submission here too [src: shipup-hw].
        useReleaseType(app, req);
        return ok(issueObsUrl(state, app, req, ctx));
      case 'file-info':
        return ok(bindFile(state, app, req, timing));
      case 'compile':
        return ok(compileStatus(app, req));
      case 'legacy-compile':
        if (!options.legacyCompileStatus) throw new HuaweiFailure(404, `no such API: ${req.method} ${req.path}`, 404);
        return ok(legacyCompileStatus(app, req));
      case 'language':
        return ok(updateLanguage(state, app, req));
      case 'submit':
        return submit(app, req, ctx);
      case 'phased':
        return ok(updatePhased(app, req));
      case 'on-shelf':
        return ok(changeOnShelfTime(app, req));
      case 'withdraw':
        return ok(withdrawFromReview(app));
    }
  }

  /** Recorded whatever the outcome, so tests can count submits. */
  function submit(app: App, req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse {
    const record = {
      time: ctx.now(),
      appId: app.appId,
      query: req.query.toString(),
      body: safeJson(req.body),
      code: 0,
      msg: 'success',
    };
    state.submissions.push(record);
    try {
      return ok(submitApp(app, req, ctx, submitTiming));
    } catch (error) {
      if (error instanceof HuaweiFailure) Object.assign(record, { code: error.code, msg: error.message });
      throw error;
    }
  }

  const byPackage = (packageName: string) => {
    const app = [...state.apps.values()].find((a) => a.packageName === packageName);
    if (!app) throw new Error(`no app ${packageName} in the Huawei sandbox`);
    return app;
  };

  return {
    id: 'huawei',
    state,
    secretParams: ['X-Amz-Signature'],
    // OBS checks the body against x-amz-content-sha256 (obs.ts).
    sha256Uploads: true,
    // Uploads are only parsed by read-upload.ts's readers (the APK or AAB in obs.ts), never kept or served back: sparse spool.
    sparseUploads: true,
    config: (baseUrl) => ({ clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, baseUrl }),
    approve(packageName) {
      const app = byPackage(packageName);
      if (app.releaseTime) {
        app.releaseState = 3;
        return;
      }
      app.live = app.latest;
      app.releaseState = 0;
    },
    reject(packageName, opinion) {
      const app = byPackage(packageName);
      app.releaseState = app.live ? 8 : 1;
      app.auditOpinion = opinion;
    },
    review(change) {
      const app = byPackage(change.package);
      if (app.releaseState !== 4 && app.releaseState !== 5)
        throw new ReviewControlError(`huawei: ${change.package} has no version in review`);
      if (change.to === 'rejected') this.reject(change.package, change.reason ?? DEFAULT_REJECTION);
      else this.approve(change.package);
    },
    async handle(req, ctx) {
      const context: EmulatorContext = options.now ? { ...ctx, now: options.now } : ctx;
      try {
        return await route(req, context);
      } catch (error) {
        if (error instanceof HuaweiFailure) return failure(error);
        throw error;
      }
    },
  };
}

const ROUTES: Record<
  string,
  | 'appid-list'
  | 'app-info'
  | 'for-obs'
  | 'file-info'
  | 'compile'
  | 'legacy-compile'
  | 'language'
  | 'submit'
  | 'phased'
  | 'on-shelf'
  | 'withdraw'
  | undefined
> = {
  'GET /publish/v2/appid-list': 'appid-list',
  'GET /publish/v2/app-info': 'app-info',
  'GET /publish/v2/upload-url/for-obs': 'for-obs',
  'PUT /publish/v2/app-file-info': 'file-info',
  'GET /publish/v2/package/compile/status': 'compile',
  'GET /publish/v2/aab/complile/status': 'legacy-compile',
  'PUT /publish/v2/app-language-info': 'language',
  'POST /publish/v2/app-submit': 'submit',
  'PUT /publish/v2/phased-release': 'phased',
  'PUT /publish/v2/on-shelf-time': 'on-shelf',
  // A v1 call, known from go-agc only (UNCONFIRMED) [src: stores/huawei.md 2.5 (8)].
  'POST /publish/v1/app-info/withdraw': 'withdraw',
};

function safeJson(body: Buffer): unknown {
  try {
    return body.length ? JSON.parse(body.toString('utf8')) : null;
  } catch {
    return body.toString('utf8');
  }
}
