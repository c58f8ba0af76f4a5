/**
 * The Tencent YYB (应用宝) adapter ("API发布接口", stores/yyb.md): HMAC-SHA256-signed form posts,
 * app ids from the config (no lookup exists), one pre-signed COS PUT per binary slot, and
 * update_app — which is the submission — sent once.
 */
import { CATALOG } from '../catalog.js';
import { StoreError } from '../../core/errors.js';
import { CREDENTIAL_PROBE_PACKAGE, type StoreAdapter, type StoreSession } from '../types.js';
import { firstRead } from '../kit/index.js';
import { YybApi, type AppRef } from './api.js';
import { FEATURE_MAX, notesCharacterProblem } from './checks.js';
import { YYB_BASE_URL, yybConfigSchema, yybFields } from './config.js';
import { yybInfo } from './info.js';
import { appRef, planRelease, publishRelease, type YybDeps, type YybPlanned } from './publish.js';

export const yybAdapter: StoreAdapter<typeof yybConfigSchema> = {
  id: 'yyb',
  title: CATALOG.yyb.title,
  capabilities: {
    artifact: 'apk',
    // apk32 + apk64 slots, both flag 1 [src: stores/yyb.md 1.5 (4)].
    splitApk: true,
    schedule: true,
    // Not available through the API [src: apkgo-notes phased].
    phasedRelease: false,
    notesPerLanguage: false,
    reviewStatus: 'api',
    withdraw: false,
    statusIntervalMs: 30 * 60_000, // ≤100 calls/day/user [src: stores/yyb.md]: 48 polls a day
  },
  configSchema: yybConfigSchema,
  fields: yybFields,
  // Checked before any request; plan() checks again with the store's answer.
  notesLength: { min: 1, max: FEATURE_MAX },
  notesCharacterProblem,
  defaultBaseUrl: YYB_BASE_URL,
  connect(ctx): StoreSession<YybPlanned> {
    ctx.addSecret(ctx.config.accessSecret);
    const api = new YybApi(ctx, ctx.baseUrl);
    const deps: YybDeps = { api, ctx };
    // Keyed by package; the app pair is always the one stores.yyb.appIds gives it.
    const appRead = firstRead((pkg) => api.updateStatus(appRef(ctx.config.appIds, pkg)));
    const updateStatus = (app: AppRef) => appRead.take(app.pkg);
    return {
      // One signed read proves user_id and access_secret (the signature is checked before the app
      // pair). It is made on the release's app when appIds has it (plan() takes the answer), else
      // on a configured app; with none, on a probe pair, whose "not your app" (1000009) answer
      // shows the signature was accepted.
      async verify(pkg) {
        const [target] = pkg && Object.hasOwn(ctx.config.appIds, pkg) ? [pkg] : Object.keys(ctx.config.appIds);
        if (target) {
          await appRead.read(target);
          return;
        }
        await api.updateStatus({ pkg: CREDENTIAL_PROBE_PACKAGE, appId: '0' }).catch((error: unknown) => {
          if (error instanceof StoreError && error.code === 'NOT_YOUR_APP') return null;
          throw error;
        });
      },
      async info(pkg) {
        const app = appRef(ctx.config.appIds, pkg);
        const [{ detail, raw: detailRaw }, { status, raw: statusRaw }] = await Promise.all([
          api.appDetail(app),
          api.updateStatus(app),
        ]);
        return yybInfo(pkg, app.appId, detail, status, { detail: detailRaw, status: statusRaw });
      },
      plan: (release) => planRelease({ ...deps, updateStatus }, release),
      publish: (release, progress, planned) => publishRelease(deps, release, progress, planned),
    };
  },
};
