/** The Xiaomi adapter (stores/xiaomi.md): devupload `/dev/query` and `/dev/push`, signed with SIG. */
import { X509Certificate } from 'node:crypto';
import { StoreError } from '../../core/errors.js';
import { CREDENTIAL_PROBE_PACKAGE, type StoreAdapter, type StoreSession } from '../types.js';
import { queryApp, type XiaomiCall } from './api.js';
import { firstRead } from '../kit/index.js';
import { XIAOMI_BASE_URL, xiaomiConfigSchema, xiaomiFields } from './config.js';
import { resolveIcon } from './icon.js';
import { toAppInfo } from './info.js';
import { planRelease } from './plan.js';
import { NOTES_LENGTH } from './checks.js';
import { publishRelease, type XiaomiPlanned } from './publish.js';
import { CATALOG } from '../catalog.js';

/** Package-level answers (−7, −32) that still prove the credentials were accepted [src: U1]. */
const PACKAGE_LEVEL_CODES = new Set<string>(['NOT_YOUR_APP', 'APP_NOT_FOUND']);

export const xiaomiAdapter: StoreAdapter<typeof xiaomiConfigSchema> = {
  id: 'xiaomi',
  title: CATALOG.xiaomi.title,
  capabilities: {
    artifact: 'apk',
    splitApk: true, // `secondApk` [src: U1; apkgo#46]
    schedule: true, // appInfo.onlineTime [src: U1]
    phasedRelease: false, // not available through the API [src: APKGO-NOTES]
    notesPerLanguage: false,
    reviewStatus: 'inferred', // no review API [src: APKGO-XM `audit`]
    withdraw: false,
    statusIntervalMs: 30 * 60_000, // no review API, inferred from /dev/query; no limit documented [src: stores/xiaomi.md 1.8]
  },
  configSchema: xiaomiConfigSchema,
  fields: xiaomiFields,
  notesLength: NOTES_LENGTH,
  defaultBaseUrl: XIAOMI_BASE_URL,
  connect(ctx): StoreSession<XiaomiPlanned> {
    const call: XiaomiCall = { ctx, publicKey: new X509Certificate(ctx.config.publicKey).publicKey };
    const appRead = firstRead((pkg) => queryApp(call, pkg));
    return {
      async verify(pkg) {
        // A package to query: the release's (plan() takes the answer) or the probe. Any name proves
        // the account, certificate and private key, because the store checks SIG before it looks
        // the package up. UNCONFIRMED for the real store.
        try {
          await appRead.read(pkg ?? CREDENTIAL_PROBE_PACKAGE);
        } catch (error) {
          if (!(error instanceof StoreError && error.storeCode !== undefined && PACKAGE_LEVEL_CODES.has(error.code))) {
            throw error;
          }
        }
        // A configured icon that cannot be sent is a config problem worth finding before any upload.
        if (ctx.config.icon) await resolveIcon(ctx.config.icon, []);
      },
      info: async (pkg) => toAppInfo(await queryApp(call, pkg), pkg),
      plan: (release) => planRelease(call, release, appRead.take),
      publish: (release, progress, planned) => publishRelease(call, release, progress, planned),
    };
  },
};
