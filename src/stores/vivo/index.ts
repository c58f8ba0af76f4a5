/** The vivo adapter (vivo 开放平台 "API传包"): signed gateway calls, no token [src: stores/vivo.md]. */
import { StoreError } from '../../core/errors.js';
import { CREDENTIAL_PROBE_PACKAGE, type StoreAdapter, type StoreContext, type StoreSession } from '../types.js';
import { firstRead } from '../kit/index.js';
import { VivoApi } from './api.js';
import { PRODUCTION_GATEWAY, vivoConfigSchema, vivoFields, type VivoConfig } from './config.js';
import { toAppInfo } from './info.js';
import { lookupApp } from './lookup.js';
import { planRelease } from './plan.js';
import { UPDATE_DESC_LENGTH } from './checks.js';
import { publishRelease, type VivoPlanned } from './publish.js';
import { CATALOG } from '../catalog.js';

/**
 * A package nobody owns: querying it proves key and signature without touching a real app
 * (vivo answers success with empty data) [src: APKGO commit 022a2ce].
 */
export const vivoAdapter: StoreAdapter<typeof vivoConfigSchema> = {
  id: 'vivo',
  title: CATALOG.vivo.title,
  capabilities: {
    artifact: 'apk',
    splitApk: true,
    schedule: true,
    // vivo has staged-release methods [src: APKGO-NOTES; U7]; not implemented here.
    phasedRelease: false,
    notesPerLanguage: false,
    reviewStatus: 'api',
    withdraw: false,
    statusIntervalMs: 30 * 60_000, // about 100 calls/day per interface [src: stores/vivo.md]: 48 polls a day
  },
  configSchema: vivoConfigSchema,
  fields: vivoFields,
  notesLength: UPDATE_DESC_LENGTH,
  defaultBaseUrl: PRODUCTION_GATEWAY,
  connect(ctx: StoreContext<VivoConfig>): StoreSession<VivoPlanned> {
    ctx.addSecret(ctx.config.accessSecret);
    ctx.addSecret(ctx.config.accessKey);
    const api = new VivoApi(ctx);
    const appRead = firstRead((pkg) => lookupApp(api, pkg));
    return {
      async verify(pkg) {
        if (api.gateway.hasDetails && pkg) {
          // The release's app, whose answer plan() takes: "no such app" (success with empty data)
          // proves key and signature as the probe does; any other refusal is the one plan() would give.
          await appRead.read(pkg).catch((error: unknown) => {
            if (error instanceof StoreError && error.code === 'APP_NOT_FOUND') return null;
            throw error;
          });
          return;
        }
        if (api.gateway.hasDetails) return api.probeDetails(CREDENTIAL_PROBE_PACKAGE);
        // vivo's sandbox lacks app.query.details [src: U12]; the task-status read is another
        // read-only method. UNCONFIRMED that the sandbox offers it: a 404 "unknown method" says so.
        try {
          await api.probeTaskStatus(CREDENTIAL_PROBE_PACKAGE);
        } catch (error) {
          if (error instanceof StoreError && error.storeCode === 404) {
            throw new StoreError(
              "vivo's sandbox gateway offers neither app.query.details nor app.query.task.status, so the sandbox keys cannot be checked without uploading",
              {
                code: 'SANDBOX_UNSUPPORTED',
                category: 'config',
                store: 'vivo',
                storeCode: 404,
                hint: 'check the keys with a real upload on the sandbox, or use production keys',
                cause: error,
              },
            );
          }
          throw error;
        }
      },
      async info(pkg) {
        const { details, raw } = await lookupApp(api, pkg);
        return toAppInfo(details, raw);
      },
      plan: (release) => planRelease(api, ctx.clock, release, appRead.take),
      publish: (release, progress, planned) => publishRelease(api, ctx.clock, ctx.signal, release, progress, planned),
    };
  },
};
