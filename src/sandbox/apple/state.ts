/**
 * What the emulated App Store Connect remembers: the team's apps, their App Store versions and
 * localizations, builds, build uploads with their files and parts, phased releases and review
 * submissions. Tests read (and may tweak) it through `createAppleEmulator().state`.
 */
import type { SpooledFile } from '../spool.js';
import { apiKey, type ApiKey } from './jwt.js';
import { SANDBOX_ISSUER_ID, SANDBOX_KEY_ID, SANDBOX_PUBLIC_KEY_PEM } from './keys.js';

export type Platform = 'IOS' | 'MAC_OS' | 'TV_OS' | 'VISION_OS';

/** stores/apple.md §3.5. */
export type AppVersionState =
  | 'ACCEPTED'
  | 'DEVELOPER_REJECTED'
  | 'IN_REVIEW'
  | 'INVALID_BINARY'
  | 'METADATA_REJECTED'
  | 'PENDING_APPLE_RELEASE'
  | 'PENDING_DEVELOPER_RELEASE'
  | 'PREPARE_FOR_SUBMISSION'
  | 'PROCESSING_FOR_DISTRIBUTION'
  | 'READY_FOR_DISTRIBUTION'
  | 'READY_FOR_REVIEW'
  | 'REJECTED'
  | 'REPLACED_WITH_NEW_VERSION'
  | 'WAITING_FOR_EXPORT_COMPLIANCE'
  | 'WAITING_FOR_REVIEW';

/** Versions that can still be edited (fl spaceship get_edit_app_store_version, stores/apple.md §3.5). */
export const EDITABLE_STATES: ReadonlySet<AppVersionState> = new Set([
  'PREPARE_FOR_SUBMISSION',
  'DEVELOPER_REJECTED',
  'REJECTED',
  'METADATA_REJECTED',
  'WAITING_FOR_REVIEW',
  'INVALID_BINARY',
]);

export interface AppleApp {
  id: string;
  bundleId: string;
  name: string;
  sku: string;
  primaryLocale: string;
  /** What Apple lists when the app cannot be submitted yet (age rating, pricing, privacy...). */
  blockers: Array<{ path: string; code: string; title: string; detail: string }>;
}

export interface AppleVersion {
  id: string;
  appId: string;
  platform: Platform;
  versionString: string;
  appVersionState: AppVersionState;
  releaseType: 'MANUAL' | 'AFTER_APPROVAL' | 'SCHEDULED';
  earliestReleaseDate: string | null;
  buildId: string | null;
  createdDate: string;
}

export interface AppleLocalization {
  id: string;
  versionId: string;
  locale: string;
  whatsNew: string | null;
  description: string | null;
}

export type ProcessingState = 'PROCESSING' | 'FAILED' | 'INVALID' | 'VALID';

export interface AppleBuild {
  id: string;
  appId: string;
  platform: Platform;
  /** CFBundleVersion. */
  version: string;
  /** CFBundleShortVersionString (the pre-release version). */
  shortVersion: string;
  processingState: ProcessingState;
  /** GETs of the build left before processing ends. */
  pollsLeft: number;
  uploadedDate: string;
  /** From Info.plist ITSAppUsesNonExemptEncryption, or set with PATCH /v1/builds; null = not answered. */
  usesNonExemptEncryption: boolean | null;
}

export type UploadState = 'AWAITING_UPLOAD' | 'PROCESSING' | 'FAILED' | 'COMPLETE';

export interface StateDetail {
  code: string;
  description: string;
}

export interface AppleBuildUpload {
  id: string;
  appId: string;
  platform: Platform;
  cfBundleShortVersionString: string;
  cfBundleVersion: string;
  state: UploadState;
  errors: StateDetail[];
  /** GETs of the upload left before it turns COMPLETE (or FAILED) once the file is committed. */
  pollsLeft: number;
  buildId: string | null;
  fileIds: string[];
  createdDate: string;
  uploadedDate: string | null;
  /** ITSAppUsesNonExemptEncryption of the received IPA (null: not declared), given to its build. */
  declaredEncryption: boolean | null;
}

export interface UploadPart {
  partNumber: number;
  offset: number;
  length: number;
  /** The pre-signed URL's token: a part PUT must carry it. */
  token: string;
  /** A header Apple asks the client to send back (requestHeaders), checked on the PUT. */
  headerValue: string;
  /** The part's temp file (kept past its request until the commit). */
  received: SpooledFile | null;
}

export interface AppleUploadFile {
  id: string;
  uploadId: string;
  fileName: string;
  fileSize: number;
  assetType: string;
  uti: string;
  parts: UploadPart[];
  deliveryState: 'AWAITING_UPLOAD' | 'UPLOAD_COMPLETE' | 'COMPLETE' | 'FAILED';
  checksum: { hash: string; algorithm: string } | null;
  /** The whole file once committed, assembled from its parts. */
  assembled: SpooledFile | null;
}

export interface ApplePhasedRelease {
  id: string;
  versionId: string;
  phasedReleaseState: 'INACTIVE' | 'ACTIVE' | 'PAUSED' | 'COMPLETE';
}

export type SubmissionState =
  | 'READY_FOR_REVIEW'
  | 'WAITING_FOR_REVIEW'
  | 'IN_REVIEW'
  | 'UNRESOLVED_ISSUES'
  | 'CANCELING'
  | 'COMPLETING'
  | 'COMPLETE';

export interface AppleReviewSubmission {
  id: string;
  appId: string;
  platform: Platform;
  state: SubmissionState;
  /** appStoreVersion ids added as items. */
  versionIds: string[];
  submittedDate: string | null;
}

export interface AppleState {
  keys: ApiKey[];
  apps: AppleApp[];
  versions: AppleVersion[];
  localizations: AppleLocalization[];
  builds: AppleBuild[];
  uploads: AppleBuildUpload[];
  files: AppleUploadFile[];
  phasedReleases: ApplePhasedRelease[];
  submissions: AppleReviewSubmission[];
  /** Every `PATCH submitted: true` that was accepted, in order (a test checks none is repeated). */
  submitCalls: Array<{ submissionId: string; time: number }>;
  /** Tokens treated as expired from now on (Apple answers 401 NOT_AUTHORIZED for them). */
  expiredTokens: Set<string>;
  /**
   * When a request matches `METHOD path-prefix` here, the token it carries expires at that moment
   * (once): how a test makes a long run cross a token's exp without waiting 20 minutes.
   */
  expireTokenOn: string | null;
  /** GETs of a build upload, then of its build, before each turns COMPLETE / VALID. */
  uploadPolls: number;
  buildPolls: number;
  /** Makes the next processed upload end FAILED (on the upload) or the build INVALID. */
  processingFailure: { on: 'upload' | 'build'; code: string; description: string } | null;
  /** Most items in one page of a collection (Apple's own limit is 200); small to exercise links.next. */
  pageSize: number;
  /** Bytes per upload operation; the last one is shorter. Default: about 40 % of the file. */
  partSize: number | null;
  /** Requests left in the key's rolling hour (X-Rate-Limit). */
  rateRemaining: number;
  nextId: number;
}

export interface AppleStateOptions {
  uploadPolls?: number;
  buildPolls?: number;
  pageSize?: number;
  partSize?: number;
}

export const SEEDED_APP_ID = '1500000001';
export const WIDGET_APP_ID = '1500000002';
export const NEW_APP_ID = '1500000003';

export function createAppleState(options: AppleStateOptions = {}): AppleState {
  const created = '2026-01-05T08:00:00.000+0000';
  const state: AppleState = {
    keys: [apiKey(SANDBOX_KEY_ID, SANDBOX_ISSUER_ID, SANDBOX_PUBLIC_KEY_PEM)],
    apps: [
      // Listed first on purpose: filter[bundleId]=com.foo.bar returns it too (a prefix match),
      // so an adapter taking data[0] picks the wrong app [src: stores/apple.md §3.5].
      app(WIDGET_APP_ID, 'com.foo.bar.widget', 'Foo Bar Widget', 'FOOBARWIDGET'),
      app(SEEDED_APP_ID, 'com.foo.bar', 'Foo Bar', 'FOOBAR'),
      {
        ...app(NEW_APP_ID, 'com.foo.new', 'Foo New', 'FOONEW'),
        // A new app's record blocks review until these are answered in the web UI (idx 66029079261).
        blockers: [
          {
            path: `/v1/apps/${NEW_APP_ID}`,
            code: 'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
            title: 'The provided entity is missing a required attribute',
            detail: 'You must provide a value for the attribute contentRightsDeclaration with this request',
          },
          {
            path: `/v1/ageRatingDeclarations/${NEW_APP_ID}`,
            code: 'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
            title: 'The provided entity is missing a required attribute',
            detail: 'You must provide a value for the attribute violenceRealistic with this request',
          },
        ],
      },
    ],
    versions: [],
    localizations: [],
    builds: [],
    uploads: [],
    files: [],
    phasedReleases: [],
    submissions: [],
    submitCalls: [],
    expiredTokens: new Set(),
    expireTokenOn: null,
    uploadPolls: options.uploadPolls ?? 2,
    buildPolls: options.buildPolls ?? 2,
    processingFailure: null,
    pageSize: options.pageSize ?? 200,
    partSize: options.partSize ?? null,
    rateRemaining: 3600,
    nextId: 100,
  };
  // The app everyone seeds live at 6.9.1 / 6091000 (notes/common.md), with its build.
  const build: AppleBuild = {
    id: 'build-6091000',
    appId: SEEDED_APP_ID,
    platform: 'IOS',
    version: '6091000',
    shortVersion: '6.9.1',
    processingState: 'VALID',
    pollsLeft: 0,
    uploadedDate: created,
    usesNonExemptEncryption: false,
  };
  state.builds.push(build);
  state.versions.push({
    id: 'version-6.9.1',
    appId: SEEDED_APP_ID,
    platform: 'IOS',
    versionString: '6.9.1',
    appVersionState: 'READY_FOR_DISTRIBUTION',
    releaseType: 'AFTER_APPROVAL',
    earliestReleaseDate: null,
    buildId: build.id,
    createdDate: created,
  });
  state.localizations.push({
    id: 'loc-6.9.1-en-US',
    versionId: 'version-6.9.1',
    locale: 'en-US',
    whatsNew: 'Bug fixes.',
    description: 'Foo Bar in the appstores sandbox.',
  });
  return state;
}

function app(id: string, bundleId: string, name: string, sku: string): AppleApp {
  return { id, bundleId, name, sku, primaryLocale: 'en-US', blockers: [] };
}

export function newId(state: AppleState, prefix: string): string {
  return `${prefix}-${state.nextId++}`;
}

/** True when the app has never had a version on this platform beyond the one being prepared. */
export function isFirstVersion(state: AppleState, version: AppleVersion): boolean {
  return !state.versions.some(
    (v) => v.appId === version.appId && v.platform === version.platform && v.id !== version.id,
  );
}
