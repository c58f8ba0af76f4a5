/**
 * The app as App Store Connect shows it: found by bundle id (the filter is a prefix match, so the
 * exact bundleId is picked [src: stores/apple.md §3.5; fl spaceship App.find]), its live version
 * and its newest version that is not live, with appVersionState mapped to our review states.
 */
import { StoreError } from '../../core/errors.js';
import { parseAnswer } from '../kit/index.js';
import type { AppInfo, ReviewState, VersionRef } from '../types.js';
import type { AppleApi } from './api.js';
import { appAttributes, buildAttributes, relatedId, versionAttributes, type Resource } from './schemas.js';

export const PLATFORM = 'IOS';

export interface AppleApp {
  id: string;
  bundleId: string;
  name: string | null;
  raw: Resource;
}

export interface AppleVersion {
  id: string;
  versionString: string;
  state: string;
  releaseType: string | null;
  createdDate: string;
  /** CFBundleVersion of the attached build, when one is. */
  buildNumber: string | null;
  buildId: string | null;
}

const LIVE_STATES = new Set(['READY_FOR_DISTRIBUTION', 'PROCESSING_FOR_DISTRIBUTION']);
/** Editable = can take a new build and metadata (fl spaceship get_edit_app_store_version). */
export const EDITABLE_STATES = new Set([
  'PREPARE_FOR_SUBMISSION',
  'DEVELOPER_REJECTED',
  'REJECTED',
  'METADATA_REJECTED',
  'INVALID_BINARY',
]);
/** With Apple now: never submitted again. */
export const IN_REVIEW_STATES = new Set(['WAITING_FOR_REVIEW', 'IN_REVIEW']);

const REVIEW_STATE: Record<string, ReviewState> = {
  READY_FOR_DISTRIBUTION: 'live',
  PROCESSING_FOR_DISTRIBUTION: 'live',
  WAITING_FOR_REVIEW: 'reviewing',
  IN_REVIEW: 'reviewing',
  PENDING_DEVELOPER_RELEASE: 'approved',
  ACCEPTED: 'approved',
  PENDING_APPLE_RELEASE: 'scheduled',
  REJECTED: 'rejected',
  METADATA_REJECTED: 'rejected',
  INVALID_BINARY: 'rejected',
  DEVELOPER_REJECTED: 'withdrawn',
  PREPARE_FOR_SUBMISSION: 'draft',
  READY_FOR_REVIEW: 'draft',
  WAITING_FOR_EXPORT_COMPLIANCE: 'draft',
};

export function reviewStateOf(appVersionState: string): ReviewState {
  return REVIEW_STATE[appVersionState] ?? 'unknown';
}

/** The app whose bundleId is exactly `bundleId`, or null. */
/** `what` names the read in messages (verify(): "check the API key", as its probe says). */
export async function findApp(
  api: AppleApi,
  bundleId: string,
  what = `find the app ${bundleId}`,
): Promise<AppleApp | null> {
  const { data } = await api.list('/v1/apps', { what, query: { 'filter[bundleId]': bundleId } });
  for (const item of data) {
    const attributes = parseAnswer(appAttributes, item.attributes, { store: 'apple', what });
    if (attributes.bundleId === bundleId) return { id: item.id, bundleId, name: attributes.name ?? null, raw: item };
  }
  return null;
}

/** `find`: GET /v1/apps of a bundle id (plan() passes the answer verify() already has, kit firstRead). */
export async function requireApp(
  api: AppleApi,
  bundleId: string,
  find: (bundleId: string) => Promise<AppleApp | null> = (id) => findApp(api, id),
): Promise<AppleApp> {
  const app = await find(bundleId);
  if (app) return app;
  throw new StoreError(`App Store Connect has no app with the bundle id ${bundleId} in this team`, {
    code: 'APP_NOT_FOUND',
    store: 'apple',
    hint: 'apps cannot be created through the API: add it in App Store Connect → Apps → + New App (with this bundle id), then run again',
  });
}

/** Every iOS App Store version of the app, newest first, with its build number. */
export async function listVersions(api: AppleApi, appId: string): Promise<{ versions: AppleVersion[]; raw: unknown }> {
  const what = 'read the App Store versions';
  const { data, included } = await api.list(`/v1/apps/${appId}/appStoreVersions`, {
    what,
    query: { 'filter[platform]': PLATFORM, include: 'build' },
  });
  const builds = new Map(
    included
      .filter((r) => r.type === 'builds')
      .map((r) => [r.id, parseAnswer(buildAttributes, r.attributes, { store: 'apple', what }).version]),
  );
  const versions = data.map((item) => {
    const a = parseAnswer(versionAttributes, item.attributes, { store: 'apple', what });
    const buildId = relatedId(item, 'build');
    return {
      id: item.id,
      versionString: a.versionString,
      // appStoreState is deprecated in 4.4.1 (asc-spec): read appVersionState, the old one only as a fallback.
      state: a.appVersionState ?? a.appStoreState ?? 'UNKNOWN',
      releaseType: a.releaseType ?? null,
      createdDate: a.createdDate ?? '',
      buildNumber: buildId ? (builds.get(buildId) ?? null) : null,
      buildId,
    };
  });
  versions.sort((a, b) => b.createdDate.localeCompare(a.createdDate));
  return { versions, raw: { data, included } };
}

const ref = (v: AppleVersion): VersionRef => ({
  versionCode: Number(v.buildNumber) || 0,
  versionName: v.versionString,
});

export function liveVersion(versions: AppleVersion[]): AppleVersion | null {
  return versions.find((v) => LIVE_STATES.has(v.state)) ?? null;
}

/** The newest version that is not live and not replaced: the one being prepared, reviewed or released. */
export function pendingVersion(versions: AppleVersion[]): AppleVersion | null {
  const live = liveVersion(versions);
  const newest = versions.find((v) => v.state !== 'REPLACED_WITH_NEW_VERSION');
  return newest && newest !== live && !LIVE_STATES.has(newest.state) ? newest : null;
}

export function toAppInfo(app: AppleApp, versions: AppleVersion[], raw: unknown): AppInfo {
  const live = liveVersion(versions);
  const pending = pendingVersion(versions);
  const shown = pending ?? live;
  return {
    store: 'apple',
    package: app.bundleId,
    appId: app.id,
    appName: app.name,
    live: live ? ref(live) : null,
    pending: pending ? ref(pending) : null,
    review: {
      state: shown ? reviewStateOf(shown.state) : 'unknown',
      // Rejection reasons are not available through the public API (stores/apple.md §3.9, UNCONFIRMED).
      reason: null,
      storeState: shown ? `appVersionState=${shown.state} (${shown.versionString})` : null,
    },
    raw: { app: app.raw, appStoreVersions: raw },
  };
}
