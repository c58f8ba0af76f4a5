/**
 * The emulated Honor store: the IAM token URL at `/auth/token` and the publish API under
 * `/openapi/v1/publish/`, as in stores/honor.md 4.1. Implemented from the reference alone, never
 * from the adapter in src/stores/honor.
 */
import { contentTypeOf } from '../multipart.js';
import {
  type Emulator,
  type EmulatorContext,
  type EmulatorRequest,
  type EmulatorResponse,
  DEFAULT_REJECTION,
  ReviewControlError,
} from '../types.js';
import { checkBearer, issueToken } from './auth.js';
import { CODE, fail, HonorFailure, ok } from './envelope.js';
import { appDetail, appIds, auditResults, currentRelease } from './info.js';
import { updatePhased } from './phased.js';
import { submitAudit, updateLanguages } from './publish.js';
import {
  createHonorState,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  type HonorClient,
  type HonorState,
} from './state.js';
import { bindFiles, issueUploadUrls, receiveUpload } from './upload.js';

export const API_PREFIX = '/openapi/v1/publish';
export const TOKEN_PATH = '/auth/token';

export interface HonorEmulatorOptions {
  /** Replaces the sandbox clock (ms since the epoch). */
  now?: () => number;
}

export type HonorEmulator = Emulator & {
  state: HonorState;
  /** Ends the review of the app's open release: approved, and (for releaseType 1) on shelf. */
  approve(packageName: string): void;
  /** Ends the review of the app's open release with a rejection and its message. */
  reject(packageName: string, reason: string): void;
};

type JsonRoute = (client: HonorClient, req: EmulatorRequest, body: unknown, ctx: EmulatorContext) => unknown;

export function createHonorEmulator(options: HonorEmulatorOptions = {}): HonorEmulator {
  const state = createHonorState();

  const routes: Record<string, JsonRoute> = {
    'GET get-app-id': (client, req) => appIds(state, client, req),
    'GET get-app-detail': (client, req) => appDetail(state, client, req),
    'GET get-app-current-release': (client, req) => currentRelease(state, client, req),
    'POST get-audit-result': (client, _req, body) => auditResults(state, client, body),
    'POST get-file-upload-url': (client, req, body, ctx) => issueUploadUrls(state, client, req, body, ctx),
    'POST update-file-info': (client, req, body) => bindFiles(state, client, req, body),
    'POST update-language-info': (client, req, body) => updateLanguages(state, client, req, body),
    'POST submit-audit': (client, req, body, ctx) => submit(client, req, body, ctx),
    'POST update-phased-release-info': (client, req, body) => updatePhased(state, client, req, body),
  };

  /** submit-audit, recorded whatever the outcome so tests can count and inspect submits. */
  function submit(client: HonorClient, req: EmulatorRequest, body: unknown, ctx: EmulatorContext): string {
    const record = {
      time: ctx.now(),
      appId: Number(req.query.get('appId')),
      body: structuredClone((body ?? {}) as Record<string, unknown>),
      code: 0,
      msg: 'success',
      releaseId: null as string | null,
    };
    state.submissions.push(record);
    try {
      record.releaseId = submitAudit(state, client, req, body, ctx);
      return record.releaseId;
    } catch (error) {
      if (error instanceof HonorFailure) Object.assign(record, { code: error.code, msg: error.message });
      throw error;
    }
  }

  async function route(req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse> {
    const now = ctx.now();
    if (req.path === TOKEN_PATH) return issueToken(state, req, now);
    if (!req.path.startsWith(`${API_PREFIX}/`)) return { status: 404, body: '<html><body>404 Not Found</body></html>' };
    const endpoint = req.path.slice(API_PREFIX.length + 1);
    // The old Huawei-style v2 endpoints answer 404 since about 2026-04 [src: APKGO commit ab5f04e].
    const key = `${req.method} ${endpoint}`;
    if (endpoint === 'file-upload' && req.method === 'POST') {
      return receiveUpload(state, checkBearer(state, req, now), req, ctx);
    }
    const handler = routes[key];
    if (!handler) return { status: 404, body: '<html><body>404 Not Found</body></html>' };
    const client = checkBearer(state, req, now);
    return ok(handler(client, req, jsonBody(req), ctx));
  }

  const byPackage = (packageName: string) => {
    const app = [...state.apps.values()].find((a) => a.packageName === packageName);
    const release = app?.openReleaseId ? state.releases.get(app.openReleaseId) : undefined;
    if (!app || !release) throw new Error(`honor sandbox: ${packageName} has no release in review`);
    return { app, release };
  };

  return {
    id: 'honor',
    state,
    secretParams: ['client_secret', 'access_token'],
    // The upload answer checks the file's SHA-256 against the one sent with it [src: APKGO-HN].
    sha256Uploads: true,
    // Uploads are only parsed by read-upload.ts's readers (the APK in upload.ts), never kept or served back: sparse spool.
    sparseUploads: true,
    config: (baseUrl) => ({
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
      baseUrl: `${baseUrl}${API_PREFIX}`,
      authUrl: `${baseUrl}${TOKEN_PATH}`,
    }),
    async handle(req, ctx) {
      const context: EmulatorContext = options.now ? { ...ctx, now: options.now } : ctx;
      try {
        return await route(req, context);
      } catch (error) {
        if (error instanceof HonorFailure) return fail(error.code, error.message, error.status);
        throw error;
      }
    },
    approve(packageName) {
      const { app, release } = byPackage(packageName);
      release.auditResult = 1;
      app.live = { ...release.version };
      app.openReleaseId = null;
    },
    reject(packageName, reason) {
      const { app, release } = byPackage(packageName);
      release.auditResult = 2;
      release.auditMessage = reason;
      app.openReleaseId = null;
    },
    // Honor reports passed as auditResult 1 and puts it on shelf: approved and live are one step here.
    review(change) {
      const app = [...state.apps.values()].find((a) => a.packageName === change.package);
      if (!app?.openReleaseId) throw new ReviewControlError(`honor: ${change.package} has no release in review`);
      if (change.to === 'rejected') this.reject(change.package, change.reason ?? DEFAULT_REJECTION);
      else this.approve(change.package);
    },
  };
}

/** The JSON body of a POST (GETs have none); anything else is refused. */
function jsonBody(req: EmulatorRequest): unknown {
  if (req.method !== 'POST') return null;
  if (!/^application\/json/i.test(contentTypeOf(req.headers))) {
    throw new HonorFailure(CODE.badBody, 'Content-Type must be application/json');
  }
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch {
    throw new HonorFailure(CODE.badBody, 'the body is not valid JSON');
  }
}
