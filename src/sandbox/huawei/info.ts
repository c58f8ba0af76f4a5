/** appid-list and app-info (stores/huawei.md 2.5 (1), (2)). */
import type { EmulatorRequest } from '../types.js';
import { CODE, HuaweiFailure } from './envelope.js';
import { appById, type App, type HuaweiState } from './state.js';

/** `appids` in lower case, `key` = package, `value` = appId [src: agc-demo, cianru AppIdResponse]. */
export function appIdList(state: HuaweiState, req: EmulatorRequest): Record<string, unknown> {
  const packageName = req.query.get('packageName');
  if (!packageName) throw new HuaweiFailure(CODE.invalidInput, 'packageName is required');
  const names = packageName.split(',');
  const appids = [...state.apps.values()]
    .filter((a) => names.includes(a.packageName))
    .map((a) => ({ key: a.packageName, value: a.appId }));
  // UNCONFIRMED: what the store answers for a package the account does not have; the emulator
  // answers success with an empty list, and the adapter treats 204144644 the same way.
  return { appids };
}

export function requireApp(state: HuaweiState, req: EmulatorRequest): App {
  const appId = req.query.get('appId');
  const app = appById(state, appId);
  if (!app) throw new HuaweiFailure(CODE.queryAppFailed, `query app info failed: no app ${appId ?? '(appId missing)'}`);
  return app;
}

export function appInfo(state: HuaweiState, req: EmulatorRequest): Record<string, unknown> {
  const app = requireApp(state, req);
  const lang = req.query.get('lang');
  const languages = app.languages.filter((l) => !lang || l.lang === lang);
  return {
    appInfo: {
      releaseState: app.releaseState,
      defaultLang: app.defaultLang,
      // Huawei mixes numbers and strings; the on-shelf code comes as a string here on purpose.
      versionNumber: app.latest?.versionName ?? '',
      versionCode: app.latest?.versionCode ?? 0,
      onShelfVersionNumber: app.live?.versionName ?? '',
      onShelfVersionCode: app.live ? String(app.live.versionCode) : '',
      privacyPolicy: 'https://example.com/privacy',
      publishCountry: 'CN',
      isFree: 1,
      releaseTime: app.releaseTime ?? undefined,
    },
    auditInfo: { auditOpinion: app.auditOpinion },
    languages: languages.map((l) => ({ ...l })),
    ...(req.query.get('releaseType') === '3' && app.phased ? { phasedReleaseInfo: { ...app.phased } } : {}),
  };
}
