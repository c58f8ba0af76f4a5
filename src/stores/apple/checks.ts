/**
 * The read-only checks plan() shows and publish() repeats before it uploads: the IPA as Apple
 * wants it, the export-compliance answer, the app, and what its versions allow now.
 */
import { basename } from 'node:path';
import { checkIpaForAppStore } from '../../artifacts/ipa-app-store.js';
import { InputError, StoreError, UsageError } from '../../core/errors.js';
import type { IpaInfo, Undigested } from '../../artifacts/types.js';
import { DEFAULT_WAIT_MS } from '../../core/release-flags.js';
import { formatBytes } from '../../output/format.js';
import { duration, versionPresent } from '../kit/index.js';
import type { PlanRelease } from '../types.js';
import type { AppleApi } from './api.js';
import type { AppleConfig } from './config.js';
import {
  IN_REVIEW_STATES,
  listVersions,
  liveVersion,
  pendingVersion,
  requireApp,
  toAppInfo,
  type AppleApp,
  type AppleVersion,
} from './info.js';
import { findBuild, type Build } from './upload.js';
import { isFirstVersion, releaseAttributes, type VersionLocalizations } from './version.js';

/** Approved or on its way to release: a new version cannot go to review beside it. */
const HELD_STATES = new Set([...IN_REVIEW_STATES, 'PENDING_DEVELOPER_RELEASE', 'PENDING_APPLE_RELEASE', 'ACCEPTED']);

/** What the checks read: plan() hands it to publish() (Plan.state), so the app is read once per publish. */
export interface ApplePlanned {
  skip: null;
  app: AppleApp;
  versions: AppleVersion[];
  encryption: boolean;
  build: Build | null;
  /**
   * With --notes-dir: the localizations plan() read to name the locales the directory lacks. When
   * they are the editable version's, publish() sets What's New on them without reading them again
   * (a new version gets its own localizations, which publish() reads).
   */
  localizations?: VersionLocalizations | null;
}

export type Checked = { skip: string } | (ApplePlanned & { ipa: Undigested<IpaInfo> });

/** `find`: GET /v1/apps of a bundle id (the session passes the answer verify() already has, kit firstRead). */
export async function checkRelease(
  api: AppleApi,
  config: AppleConfig,
  release: PlanRelease,
  find?: (bundleId: string) => Promise<AppleApp | null>,
): Promise<Checked> {
  const ipa = release.ipa;
  if (!ipa) throw new UsageError('no IPA given for apple', 'pass the .ipa your Xcode archive export produced');
  if (release.manualRelease && release.schedule) {
    throw new UsageError(
      '--manual-release and --schedule both given for apple',
      'use one: Apple releases either by hand or at the scheduled time',
    );
  }
  const facts = await checkIpaForAppStore(ipa.path);
  const encryption = facts.usesNonExemptEncryption ?? config.usesNonExemptEncryption;
  if (encryption === undefined) {
    throw new InputError(
      `${basename(ipa.path)} does not say whether the app uses non-exempt encryption (ITSAppUsesNonExemptEncryption), and stores.apple.usesNonExemptEncryption is not set`,
      {
        code: 'EXPORT_COMPLIANCE_MISSING',
        store: 'apple',
        hint: 'answer it once: add ITSAppUsesNonExemptEncryption to Info.plist, or set stores.apple.usesNonExemptEncryption (false when the app only uses HTTPS and the OS encryption)',
      },
    );
  }

  const app = await requireApp(api, release.package, find);
  const { versions } = await listVersions(api, app.id);
  const label = `${ipa.versionName} (${ipa.buildNumber})`;
  const live = liveVersion(versions);
  const pending = pendingVersion(versions);

  // The kit's one policy for "already there" (live, or pending on its way or in a state we cannot
  // read), with Apple's identity of a build: the version string and the build number as text.
  const presence = versionPresent(toAppInfo(app, versions, null), release.versionCode);
  const same = (v: AppleVersion | null) =>
    v !== null && v.versionString === ipa.versionName && v.buildNumber === ipa.buildNumber;
  if (presence.present && (same(pending) || same(live))) {
    return { skip: `Apple already has ${label}: ${presence.how} (${(same(pending) ? pending : live)!.state})` };
  }
  if (pending && HELD_STATES.has(pending.state)) {
    throw new StoreError(
      `version ${pending.versionString}${pending.buildNumber ? ` (${pending.buildNumber})` : ''} is ${pending.state} at Apple; a new version can go to review only after it`,
      {
        code: 'IN_REVIEW',
        store: 'apple',
        storeCode: pending.state,
        hint: 'wait for that review (or release) to end, or remove it from review in App Store Connect, then run again',
      },
    );
  }
  if (live && !isHigher(ipa.versionName, live.versionString)) {
    throw new StoreError(`version ${ipa.versionName} is not above the live version ${live.versionString}`, {
      code: 'VERSION_NOT_HIGHER',
      store: 'apple',
      hint: 'raise CFBundleShortVersionString (and CFBundleVersion) and build the IPA again',
    });
  }
  if (release.phased && isFirstVersion(versions)) {
    throw new StoreError("Apple has no phased release for an app's first version", {
      code: 'FIELD_INVALID',
      store: 'apple',
      hint: 'leave out --phased for the first release; use it from the second version on',
    });
  }
  const build = await findBuild(api, app.id, ipa);
  if (build && (build.processingState === 'FAILED' || build.processingState === 'INVALID')) {
    throw new StoreError(`Apple has build ${label} already, and it is ${build.processingState}`, {
      code: 'FILE_REJECTED',
      store: 'apple',
      storeCode: build.processingState,
      hint: 'raise CFBundleVersion (the build number) and build the IPA again',
    });
  }
  return { skip: null, ipa, app, versions, encryption, build };
}

/** One line: what publish will do. */
export function planSummary(checked: Exclude<Checked, { skip: string }>, release: PlanRelease): string {
  const { ipa, build, versions, encryption } = checked;
  const label = `${ipa.versionName} (${ipa.buildNumber})`;
  const wait = duration(release.waitMs ?? DEFAULT_WAIT_MS);
  const upload = build
    ? `use build ${label} that Apple already has (${build.processingState})`
    : `upload ${basename(ipa.path)} (${formatBytes(ipa.size)}) as build ${label} through the Build Upload API, wait up to ${wait} for Apple's processing`;
  const editable = versions.find(
    (v) => v.state !== 'READY_FOR_DISTRIBUTION' && !HELD_STATES.has(v.state) && v.state !== 'REPLACED_WITH_NEW_VERSION',
  );
  const version = editable
    ? `set editable version ${editable.versionString} to ${ipa.versionName}`
    : `create version ${ipa.versionName}`;
  const { releaseType, earliestReleaseDate } = releaseAttributes(release);
  const when =
    releaseType === 'MANUAL'
      ? 'released by hand after approval (MANUAL)'
      : releaseType === 'SCHEDULED'
        ? `released at ${earliestReleaseDate} (SCHEDULED, whole hours)`
        : 'released right after approval';
  const extras = [
    release.notes && isFirstVersion(versions) ? "What's New left out (first version)" : null,
    release.phased
      ? `phased release over Apple's fixed 7 days${release.phased.percent !== null ? ` (--phased ${release.phased.percent} ignored: Apple sets the percentages)` : ''}`
      : null,
    `export compliance: usesNonExemptEncryption=${encryption}`,
  ].filter(Boolean);
  return `${upload}, then ${version} and submit it for review, ${when}; ${extras.join('; ')}`;
}

function isHigher(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return false;
}
