/**
 * The OPPO adapter (OPPO 开放平台 "API传包能力", stores/oppo.md): a cached token, HMAC-signed calls,
 * one-time-sign uploads, /app/upd with the listing echoed back from /app/info, task-state polling.
 */
import { basename } from 'node:path';
import { StoreError } from '../../core/errors.js';
import { CREDENTIAL_PROBE_PACKAGE, type AppInfo, type Plan, type StoreAdapter, type StoreSession } from '../types.js';
import { firstRead } from '../kit/index.js';
import { OppoApi } from './api.js';
import { NOTES_LENGTH } from './checks.js';
import { oppoConfigSchema, oppoFields, OPPO_BASE_URL } from './config.js';
import { normaliseInfo } from './info.js';
import { notFound, publishRelease, readApp, whenText, type OppoPlanned } from './publish.js';
import { oppoTokens } from './token.js';
import { CATALOG } from '../catalog.js';

export const oppoAdapter: StoreAdapter<typeof oppoConfigSchema> = {
  id: 'oppo',
  title: CATALOG.oppo.title,
  capabilities: {
    artifact: 'apk',
    splitApk: true,
    schedule: true,
    // Staged rollout is console-only [src: APKGO-NOTES phased].
    phasedRelease: false,
    notesPerLanguage: false,
    reviewStatus: 'api',
    withdraw: false,
    statusIntervalMs: 10 * 60_000, // no rate limit documented; review takes hours [src: stores/oppo.md]
  },
  configSchema: oppoConfigSchema,
  fields: oppoFields,
  notesLength: NOTES_LENGTH,
  defaultBaseUrl: OPPO_BASE_URL,
  connect(ctx): StoreSession<OppoPlanned> {
    ctx.addSecret(ctx.config.clientSecret);
    const api = new OppoApi(ctx, oppoTokens(ctx));
    const appRead = firstRead((pkg) => api.appInfo(pkg));

    return {
      // A cached token is reused rather than fetched (a fetch kills the token other processes
      // use [src: stores/oppo.md §2.3]), so the token alone may not prove client_secret: one
      // signed read follows: of the release's app (plan() takes the answer), or of the probe
      // package. Any answer but a credential error (data [] or 911045) shows the signature was accepted.
      async verify(pkg) {
        await appRead.read(pkg ?? CREDENTIAL_PROBE_PACKAGE).catch((error: unknown) => {
          if (error instanceof StoreError && error.code === 'APP_NOT_FOUND') return null;
          throw error;
        });
      },

      async info(pkg): Promise<AppInfo> {
        const found = await api.appInfo(pkg);
        if (!found) throw notFound(pkg);
        return normaliseInfo(pkg, found.detail, found.raw);
      },

      async plan(release): Promise<Plan<OppoPlanned>> {
        const evaluation = await readApp(appRead.take, release, ctx.clock.now());
        if ('skip' in evaluation) return { action: 'skip', summary: evaluation.skip };
        const files = release.apks
          .map((apk) => `${basename(apk.path)} (${(apk.size / 1048576).toFixed(1)} MB)`)
          .join(' + ');
        const warnings = evaluation.warnings.map((w) => `; warning: ${w}`).join('');
        return {
          action: 'submit',
          summary: `upload ${files}, submit versionCode ${release.versionCode} (${release.versionName}) over ${evaluation.current}, live ${whenText(release)}${warnings}`,
          state: { detail: evaluation.detail },
        };
      },

      publish: (release, progress, planned) =>
        publishRelease({ api, clock: ctx.clock, signal: ctx.signal }, release, progress, planned),
    };
  },
};
