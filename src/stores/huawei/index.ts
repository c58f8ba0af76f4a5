/** The Huawei AppGallery Connect adapter (Publishing API v2) [src: stores/huawei.md]. */
import { AppError } from '../../core/errors.js';
import { CATALOG } from '../catalog.js';
import { CREDENTIAL_PROBE_PACKAGE, type StoreAdapter, type StoreContext, type StoreSession } from '../types.js';
import { firstRead } from '../kit/index.js';
import { HuaweiApi } from './api.js';
import { credentialsFor } from './auth.js';
import { apiBaseUrl, DEFAULT_BASE_URL, huaweiConfigSchema, huaweiFields, type HuaweiConfig } from './config.js';
import { lookupAppId, toAppInfo } from './info.js';
import { controlRollout, releaseNow } from './lifecycle.js';
import { NOTES_MAX, planRelease, publishRelease, type HuaweiPlanned, type HuaweiRun } from './publish.js';
import { withdrawVersion } from './withdraw.js';

export const huaweiAdapter: StoreAdapter<typeof huaweiConfigSchema> = {
  id: 'huawei',
  title: CATALOG.huawei.title,
  capabilities: {
    artifact: 'apk',
    aab: true,
    // One package per version: no 32/64-bit pair through the API.
    splitApk: false,
    schedule: true,
    phasedRelease: true,
    phasedOperations: ['pause', 'resume', 'complete', 'percent'],
    // `release` puts a version waiting for its scheduled time on sale now (no manual hold).
    releaseNow: true,
    // With --notes-dir each language of the app gets its own notes (app-language-info per lang).
    notesPerLanguage: true,
    reviewStatus: 'api',
    // POST /publish/v1/app-info/withdraw: go-agc only, UNCONFIRMED; every result says so (withdraw.ts).
    withdraw: true,
    statusIntervalMs: 10 * 60_000, // no rate limit documented (UNCONFIRMED) [src: stores/huawei.md]
  },
  configSchema: huaweiConfigSchema,
  fields: huaweiFields,
  // Checked before any request; plan() checks again.
  notesLength: { min: 1, max: NOTES_MAX },
  defaultBaseUrl: DEFAULT_BASE_URL,
  connect(ctx: StoreContext<HuaweiConfig>): StoreSession<HuaweiPlanned> {
    const baseUrl = apiBaseUrl(ctx.config, ctx.baseUrl);
    const api = new HuaweiApi(ctx.http, credentialsFor(ctx, ctx.http, baseUrl), baseUrl, ctx.signal, ctx.addSecret);
    const run: HuaweiRun = { api, clock: ctx.clock, signal: ctx.signal, chineseMainland: ctx.config.chineseMainland };
    const appRead = firstRead((pkg) => api.appIds(pkg));
    return {
      async verify(pkg) {
        // A token (API client) and a signed read prove the credentials and the team-level scope (a
        // project-level client gets 403): appid-list of the release's package, whose answer plan()
        // takes, or of a package nobody has, without touching an app.
        try {
          await appRead.read(pkg ?? CREDENTIAL_PROBE_PACKAGE);
        } catch (error) {
          if (error instanceof AppError && error.code === 'APP_NOT_FOUND') return;
          throw error;
        }
      },
      async info(pkg) {
        const appId = await lookupAppId(api, pkg);
        const { parsed, raw } = await api.appInfo(appId);
        return toAppInfo(pkg, appId, parsed, raw);
      },
      plan: (release) => planRelease(run, release, appRead.take),
      publish: (release, progress, planned) => publishRelease(run, release, progress, planned),
      release: (target) => releaseNow(api, target),
      rollout: (target, action) => controlRollout(api, target, action),
      withdraw: (pkg) => withdrawVersion(api, pkg),
    };
  },
};
