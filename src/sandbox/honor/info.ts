/**
 * The read calls [src: stores/honor.md 4.5, 4.8]: get-app-id, get-app-detail,
 * get-app-current-release and get-audit-result.
 */
import type { EmulatorRequest } from '../types.js';
import { CODE, HonorFailure } from './envelope.js';
import type { HonorApp, HonorClient, HonorState } from './state.js';

/** The app named by `?appId=`, if it is this developer's; 20003 otherwise. */
export function ownApp(state: HonorState, client: HonorClient, appIdText: string | null): HonorApp {
  if (!appIdText) throw new HonorFailure(CODE.badAppId, 'appId is empty');
  const app = /^\d+$/.test(appIdText) ? state.apps.get(Number(appIdText)) : undefined;
  if (!app || app.developer !== client.developer)
    throw new HonorFailure(CODE.badAppId, `appId ${appIdText} is invalid`);
  return app;
}

/** GET get-app-id?pkgName=a,b (≤10): only the apps this account owns. */
export function appIds(state: HonorState, client: HonorClient, req: EmulatorRequest) {
  const names = (req.query.get('pkgName') ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) throw new HonorFailure(CODE.pkgEmpty, 'pkgName is empty');
  if (names.length > 10) throw new HonorFailure(CODE.badField, 'at most 10 package names');
  return [...state.apps.values()]
    .filter((app) => app.developer === client.developer && names.includes(app.packageName))
    .map((app) => ({ appId: app.appId, packageName: app.packageName }));
}

/** GET get-app-detail?appId=: every part nullable; releaseInfo is the version on shelf. */
export function appDetail(state: HonorState, client: HonorClient, req: EmulatorRequest) {
  const app = ownApp(state, client, req.query.get('appId'));
  return {
    basicInfo: {
      packageName: app.packageName,
      appId: app.appId,
      appClassification: 1,
      defaultLanguage: 'zh-CN',
      releaseCountry: 'CN',
      supplyName: '沙箱开发者',
      privacyPolicyUrl: 'https://sandbox.invalid/privacy.html',
      appCategoryId: 13,
    },
    languageInfo: app.languages.map((l) => ({ ...l })),
    publishInfo: null,
    fileInfo: [],
    // The quirk of an app never approved: the fields are null [src: XiaoZhuan#23].
    releaseInfo: { versionCode: app.live?.versionCode ?? null, versionName: app.live?.versionName ?? null },
  };
}

/**
 * GET get-app-current-release?appId=: the latest release and its state (0–3, plus 4 编辑中未提交
 * [src: XZ-HN]). Field names are UNCONFIRMED. With `staleCurrentRelease` set it shows the quirk
 * of apkgo #33: a stale, unrelated task reported as rejected.
 */
export function currentRelease(state: HonorState, client: HonorClient, req: EmulatorRequest) {
  const app = ownApp(state, client, req.query.get('appId'));
  const release = app.latestReleaseId ? state.releases.get(app.latestReleaseId) : undefined;
  if (!release) {
    return {
      versionCode: app.live?.versionCode ?? null,
      versionName: app.live?.versionName ?? null,
      auditResult: app.live ? 1 : 4,
      auditMessage: '',
    };
  }
  if (state.staleCurrentRelease) {
    return {
      ...release.version,
      releaseId: release.releaseId,
      auditResult: 2,
      auditMessage: '存在开发者同版本或高版本任务',
    };
  }
  return {
    ...release.version,
    releaseId: release.releaseId,
    auditResult: release.auditResult,
    auditMessage: release.auditMessage,
  };
}

/** POST get-audit-result `{appId:[{appId, releaseId}]}` (≤20 pairs). */
export function auditResults(state: HonorState, client: HonorClient, body: unknown) {
  const pairs = (body as { appId?: unknown } | null)?.appId;
  if (!Array.isArray(pairs) || pairs.length === 0 || pairs.length > 20) {
    throw new HonorFailure(CODE.badField, 'appId must be a list of 1 to 20 {appId, releaseId}');
  }
  return pairs.map((pair: unknown) => {
    const { appId, releaseId } = (pair ?? {}) as { appId?: unknown; releaseId?: unknown };
    const app = ownApp(state, client, appId === undefined ? null : String(appId));
    const release = typeof releaseId === 'string' ? state.releases.get(releaseId) : undefined;
    if (!release || release.appId !== app.appId) {
      return { appId: app.appId, releaseId, auditResult: 3, auditMessage: '', auditAttachment: [] };
    }
    return {
      appId: app.appId,
      releaseId,
      auditResult: release.auditResult,
      auditMessage: release.auditMessage,
      auditAttachment: [],
      versionCode: release.version.versionCode,
      versionName: release.version.versionName,
    };
  });
}
