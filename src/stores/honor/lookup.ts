/**
 * Package → Honor appId, and the app's state as one read: get-app-id (or the configured appId,
 * checked against the app's package), get-app-detail, get-app-current-release — and, when the
 * latter reports a rejection, get-audit-result by its releaseId, which is not subject to the
 * stale-task quirk of get-app-current-release [src: apkgo #33, commit 797d2f4].
 */
import { StoreError } from '../../core/errors.js';
import type { AppInfo } from '../types.js';
import type { HonorApi } from './api.js';
import { honorInfo } from './info.js';
import type { AppDetail, CurrentRelease } from './schemas.js';

export interface HonorApp {
  appId: string;
  detail: AppDetail;
  info: AppInfo;
}

/** The lookup's first read, either one: plan() passes the answer verify() already has (kit firstRead). */
export interface FirstReads {
  appIdOf?: HonorApi['appIdOf'];
  appDetail?: HonorApi['appDetail'];
}

export async function lookUp(
  api: HonorApi,
  pkg: string,
  configuredAppId: string | undefined,
  reads: FirstReads = {},
): Promise<HonorApp> {
  const appId = configuredAppId ?? (await (reads.appIdOf ?? ((p) => api.appIdOf(p)))(pkg));
  if (!appId) {
    throw new StoreError(`Honor has no app ${pkg} in this account`, {
      code: 'APP_NOT_FOUND',
      store: 'honor',
      hint: 'check the package name; the app must be created (and first released) on the Honor console with the main account',
    });
  }
  const { detail, raw: detailRaw } = await (reads.appDetail ?? ((id) => api.appDetail(id)))(appId);
  const listed = detail.basicInfo?.packageName;
  if (configuredAppId && listed && listed !== pkg) {
    throw new StoreError(`stores.honor.appId ${appId} is the app ${listed}, not ${pkg}`, {
      code: 'PACKAGE_MISMATCH',
      category: 'config',
      store: 'honor',
      hint: 'remove stores.honor.appId (the app is then found by its package) or set the id of this app',
    });
  }
  const { release, raw: releaseRaw } = await api.currentRelease(appId);
  const current = await confirmedRejection(api, appId, release);
  const info = honorInfo(pkg, appId, detail, current, { detail: detailRaw, currentRelease: releaseRaw });
  return { appId, detail, info };
}

/** A rejection with a releaseId is read again by that id; its own answer wins. */
async function confirmedRejection(
  api: HonorApi,
  appId: string,
  release: CurrentRelease | null,
): Promise<CurrentRelease | null> {
  if (!release || release.auditResult !== 2 || !release.releaseId) return release;
  const audit = await api.auditResult(appId, release.releaseId);
  if (!audit) return release;
  return { ...release, auditResult: audit.auditResult, auditMessage: audit.auditMessage ?? release.auditMessage };
}
