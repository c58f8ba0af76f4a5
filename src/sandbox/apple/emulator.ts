/**
 * The emulated App Store Connect API. Every /v1 call needs a valid ES256 bearer JWT (jwt.ts);
 * answers are JSON:API documents or error documents, each with an X-Rate-Limit header
 * (stores/apple.md §3.4). Part uploads go to /upload/..., outside the API and without a JWT.
 */
import {
  type Emulator,
  type EmulatorContext,
  type EmulatorRequest,
  type EmulatorResponse,
  ReviewControlError,
} from '../types.js';
import { appRoutes } from './apps.js';
import type { Call, Route } from './call.js';
import { checkBearer } from './jwt.js';
import { ApiFailure, errorResponse, fail, noPath, notAuthorized } from './jsonapi.js';
import { SANDBOX_ISSUER_ID, SANDBOX_KEY_ID, SANDBOX_PRIVATE_KEY_PEM } from './keys.js';
import { releaseRoutes, startSale } from './release.js';
import { reviewRoutes } from './review.js';
import { createAppleState, type AppleState, type AppleStateOptions } from './state.js';
import { partRoute, uploadRoutes } from './uploads.js';
import { findVersion, versionRoutes } from './versions.js';

export type AppleEmulatorOptions = AppleStateOptions;

export type AppleEmulator = Emulator & {
  state: AppleState;
  /** Ends the review of a version: approved, then live (or held for a manual release). */
  approve(versionId: string): void;
  /** Ends the review with a rejection. */
  reject(versionId: string): void;
};

const API_ROUTES: Route[] = [...appRoutes, ...versionRoutes, ...uploadRoutes, ...reviewRoutes, ...releaseRoutes];

export function createAppleEmulator(options: AppleEmulatorOptions = {}): AppleEmulator {
  const state = createAppleState(options);

  async function handle(req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse> {
    const now = ctx.now();
    const query = req.query.toString();
    const call: Call = {
      state,
      method: req.method,
      path: req.path,
      params: [],
      query: req.query,
      headers: req.headers,
      body: req.body,
      upload: req.upload,
      keep: req.keep,
      now,
      urls: { base: ctx.baseUrl },
      selfUrl: `${ctx.baseUrl}${req.path}${query ? `?${query}` : ''}`,
    };
    if (req.path.startsWith('/upload/')) {
      if (req.method !== 'PUT') return { status: 405, body: 'upload operations are PUT requests' };
      return (await dispatch([partRoute], call)) ?? { status: 404, body: 'no such upload operation' };
    }

    const rate = { 'x-rate-limit': `user-hour-lim:3600;user-hour-rem:${Math.max(0, --state.rateRemaining)};` };
    try {
      authenticate(req, call);
      if (!req.path.startsWith('/v1/')) noPath(req.method, req.path);
      if (state.rateRemaining <= 0) {
        fail(
          429,
          'RATE_LIMIT_EXCEEDED',
          'The request rate limit has been reached.',
          'We’ve received too many requests for this API. Please wait and try again or slow down your request rate.',
        );
      }
      const answer = await dispatch(API_ROUTES, call);
      if (!answer) return noPath(req.method, req.path);
      return { ...answer, headers: { ...rate, ...answer.headers } };
    } catch (error) {
      if (error instanceof ApiFailure) return { ...errorResponse(error), headers: rate };
      throw error;
    }
  }

  /** The token check, including the test hook that lets a token expire at a chosen request. */
  function authenticate(req: EmulatorRequest, call: Call): void {
    const authorization = req.headers.authorization;
    const check = checkBearer(Array.isArray(authorization) ? authorization[0] : authorization, state.keys, call.now);
    if (!check.ok || state.expiredTokens.has(check.token)) throw notAuthorized();
    if (state.expireTokenOn && `${req.method} ${req.path}`.startsWith(state.expireTokenOn)) {
      state.expireTokenOn = null;
      state.expiredTokens.add(check.token);
      throw notAuthorized();
    }
  }

  return {
    id: 'apple',
    secretParams: ['token'],
    config: (baseUrl) => ({
      issuerId: SANDBOX_ISSUER_ID,
      keyId: SANDBOX_KEY_ID,
      privateKey: SANDBOX_PRIVATE_KEY_PEM,
      baseUrl,
      // The sandbox app uses no non-exempt encryption; a real config states the app's own answer.
      usesNonExemptEncryption: false,
    }),
    handle,
    state,
    approve(versionId) {
      const version = findVersion(state, versionId);
      if (version.releaseType === 'MANUAL') version.appVersionState = 'PENDING_DEVELOPER_RELEASE';
      else startSale(state, versionId);
      for (const s of state.submissions) if (s.versionIds.includes(versionId)) s.state = 'COMPLETE';
    },
    reject(versionId) {
      findVersion(state, versionId).appVersionState = 'REJECTED';
      for (const s of state.submissions) if (s.versionIds.includes(versionId)) s.state = 'UNRESOLVED_ISSUES';
    },
    review(change) {
      const app = state.apps.find((a) => a.bundleId === change.package);
      const version = state.versions.find(
        (v) => v.appId === app?.id && (v.appVersionState === 'WAITING_FOR_REVIEW' || v.appVersionState === 'IN_REVIEW'),
      );
      if (!version) throw new ReviewControlError(`apple: ${change.package} has no version in review`);
      // Apple gives no rejection text through the public API [src: stores/apple.md 3.9]: the reason is dropped.
      if (change.to === 'rejected') return this.reject(version.id);
      this.approve(version.id);
      // On sale now, even a MANUAL one: its phased release starts with it, as on a release.
      if (change.to === 'live') startSale(state, version.id);
    },
  };
}

async function dispatch(routes: Route[], call: Call): Promise<EmulatorResponse | null> {
  for (const r of routes) {
    const match = r.pattern.exec(call.path);
    if (match && r.method === call.method) return r.handle({ ...call, params: match.slice(1) });
  }
  if (routes.some((r) => r.pattern.test(call.path))) {
    return fail(
      405,
      'METHOD_NOT_ALLOWED',
      'The request method is not valid for the resource path.',
      `${call.method} is not allowed on ${call.path}`,
    );
  }
  return null;
}
