/** app-info → the normalised AppInfo (stores/huawei.md 2.5 (2)). */
import { StoreError } from '../../core/errors.js';
import type { AppInfo, ReviewState } from '../types.js';
import type { AppInfoAnswer, HuaweiApi } from './api.js';

/** releaseState [src: apkgo-hw mapHuaweiReleaseState, xz HWAppInfoResp]. */
const RELEASE_STATES: Record<number, { label: string; state: ReviewState }> = {
  0: { label: 'released', state: 'live' },
  1: { label: 'release rejected', state: 'rejected' },
  2: { label: 'removed', state: 'unknown' },
  3: { label: 'release scheduled', state: 'scheduled' },
  4: { label: 'in review', state: 'reviewing' },
  5: { label: 'update in review', state: 'reviewing' },
  6: { label: 'removal requested', state: 'unknown' },
  7: { label: 'draft', state: 'draft' },
  8: { label: 'update rejected', state: 'rejected' },
  9: { label: 'removal rejected', state: 'live' },
  10: { label: 'removed by the developer', state: 'unknown' },
  11: { label: 'release withdrawn', state: 'withdrawn' },
  12: { label: 'pre-review', state: 'reviewing' },
  13: { label: 'pre-review failed', state: 'rejected' },
};

/** The app id of a package, or APP_NOT_FOUND with what to do. */
/** `appIds`: appid-list of a package (plan() passes the answer verify() already has, kit firstRead). */
export async function lookupAppId(
  api: HuaweiApi,
  pkg: string,
  appIds: HuaweiApi['appIds'] = (p) => api.appIds(p),
): Promise<string> {
  const found = (await appIds(pkg)).find((entry) => entry.key === pkg)?.value;
  if (found) return found;
  throw new StoreError(`Huawei has no app ${pkg} in this account`, {
    code: 'APP_NOT_FOUND',
    store: 'huawei',
    hint: 'create the app and make its first release in AppGallery Connect, or use the API client of the team that owns it',
  });
}

export function toAppInfo(pkg: string, appId: string, answer: AppInfoAnswer, raw: unknown): AppInfo {
  const app = answer.appInfo;
  const live =
    app.onShelfVersionCode && app.onShelfVersionCode > 0
      ? { versionCode: app.onShelfVersionCode, versionName: app.onShelfVersionNumber ?? '' }
      : null;
  const pending =
    app.versionCode && app.versionCode > 0 && app.versionCode !== live?.versionCode
      ? { versionCode: app.versionCode, versionName: app.versionNumber ?? '' }
      : null;
  const known = app.releaseState === null ? undefined : RELEASE_STATES[app.releaseState];
  // releaseState describes the app; with a version on sale (0) and a newer one that is neither in
  // review nor scheduled, the newer one is a draft (bound, not submitted).
  const draft = known?.state === 'live' && pending !== null;
  const state = draft ? 'draft' : (known?.state ?? 'unknown');
  const languages = answer.languages ?? [];
  const name = (languages.find((l) => l.lang === app.defaultLang) ?? languages[0])?.appName ?? null;
  return {
    store: 'huawei',
    package: pkg,
    appId,
    appName: name,
    live,
    pending,
    review: {
      state,
      reason: state === 'rejected' ? answer.auditInfo?.auditOpinion || null : null,
      storeState:
        app.releaseState === null
          ? null
          : `${app.releaseState} ${known?.label ?? 'unknown state'}${draft ? `, ${pending.versionName} not submitted` : ''}`,
    },
    raw,
  };
}
