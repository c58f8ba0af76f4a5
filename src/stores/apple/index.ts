/**
 * The Apple adapter (App Store Connect API): an ES256 JWT per request, JSON:API, the Build Upload
 * API for the IPA (no Mac, no altool), reviewSubmissions for the submit [src: stores/apple.md].
 */
import { CATALOG } from '../catalog.js';
import { CREDENTIAL_PROBE_PACKAGE, type StoreAdapter, type StoreContext, type StoreSession } from '../types.js';
import { AppleApi } from './api.js';
import { checkRelease, planSummary, type ApplePlanned } from './checks.js';
import { APPLE_BASE_URL, appleConfigSchema, appleFields, type AppleConfig } from './config.js';
import { findApp, listVersions, requireApp, toAppInfo } from './info.js';
import { controlRollout, releaseVersion } from './lifecycle.js';
import { firstRead, missingLocalesSuffix } from '../kit/index.js';
import { publishRelease } from './publish.js';
import { missingWhatsNewLocales } from './version.js';
import { withdrawSubmission } from './withdraw.js';

export const appleAdapter: StoreAdapter<typeof appleConfigSchema> = {
  id: 'apple',
  title: CATALOG.apple.title,
  capabilities: {
    artifact: 'ipa',
    splitApk: false,
    schedule: true,
    // Apple's fixed 7-day schedule; the percent of --phased does not apply.
    phasedRelease: true,
    manualRelease: true,
    releaseNow: true,
    phasedOperations: ['pause', 'resume', 'complete'],
    notesPerLanguage: true,
    reviewStatus: 'api',
    withdraw: true,
    statusIntervalMs: 5 * 60_000, // 3600 requests/hour per key, a poll is a few [src: stores/apple.md 3.4]
  },
  configSchema: appleConfigSchema,
  fields: appleFields,
  // whatsNew: 4000 characters in App Store Connect's UI (UNCONFIRMED for the API, stores/apple.md);
  // none is fine (an app's first version takes no whatsNew).
  notesLength: { min: 0, max: 4000 },
  defaultBaseUrl: APPLE_BASE_URL,
  connect(ctx: StoreContext<AppleConfig>): StoreSession<ApplePlanned> {
    ctx.addSecret(ctx.config.privateKey);
    const api = new AppleApi(ctx);
    // Named as the probe's read was, so a refused key says "check the API key" either way.
    const appRead = firstRead((bundleId) => findApp(api, bundleId, 'check the API key'));
    return {
      async verify(pkg) {
        // A signed read proves issuer, key id and key (401 otherwise): GET /v1/apps of the release's
        // bundle id, whose answer plan() takes, or of a bundle id nobody has. No app is an answer too.
        await appRead.read(pkg ?? CREDENTIAL_PROBE_PACKAGE);
      },
      async info(pkg) {
        const app = await requireApp(api, pkg);
        const { versions, raw } = await listVersions(api, app.id);
        return toAppInfo(app, versions, raw);
      },
      async plan(release) {
        const checked = await checkRelease(api, ctx.config, release, appRead.take);
        if (checked.skip !== null) return { action: 'skip', summary: checked.skip };
        const { missing, read } = await missingWhatsNewLocales(api, checked.versions, release);
        const { ipa: _ipa, ...checks } = checked;
        return {
          action: 'submit',
          summary: `${planSummary(checked, release)}${missingLocalesSuffix(missing)}`,
          state: { ...checks, localizations: read },
        };
      },
      publish: (release, progress, planned) => publishRelease(api, ctx.config, release, progress, planned),
      withdraw: (pkg) => withdrawSubmission(api, pkg),
      release: (target) => releaseVersion(api, target),
      rollout: (target, action) => controlRollout(api, target, action),
    };
  },
};
