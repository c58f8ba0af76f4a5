/** What the emulated AppGallery Connect keeps: clients, tokens, apps with their draft, uploads. */
export const SANDBOX_CLIENT_ID = 'sandbox-huawei-client-0001';
export const SANDBOX_CLIENT_SECRET = 'sandbox-huawei-secret-not-real';
/**
 * A second API client that exists but is project-level (not "Project = N/A"): the store answers
 * every app call with HTTP 403 and an empty body (stores/huawei.md 2.2, 2.4).
 */
export const SANDBOX_PROJECT_CLIENT_ID = 'sandbox-huawei-project-client';
export const SANDBOX_PROJECT_CLIENT_SECRET = 'sandbox-huawei-project-secret';

export interface Token {
  clientId: string;
  expiresAt: number;
}

export interface Language {
  lang: string;
  appName: string;
  appDesc: string;
  briefInfo: string;
  newFeatures: string;
}

/** A package bound to the draft by app-file-info, parsed by the store after the upload. */
export interface DraftPackage {
  pkgId: string;
  fileName: string;
  kind: 'apk' | 'aab';
  package: string | null;
  versionCode: number | null;
  versionName: string | null;
  /** Compile-status queries still answering "compiling" (successStatus 1). */
  pollsLeft: number;
  failReason: string | null;
}

export interface PhasedInfo {
  state: string;
  phasedReleaseStartTime: string;
  phasedReleaseEndTime: string;
  phasedReleasePercent: string;
  phasedReleaseDescription: string;
}

export interface App {
  appId: string;
  packageName: string;
  defaultLang: string;
  languages: Language[];
  /** The live (on-shelf) version, null before the first release. */
  live: { versionCode: number; versionName: string } | null;
  /** The latest submitted or draft version (versionNumber / versionCode in app-info). */
  latest: { versionCode: number; versionName: string } | null;
  releaseState: number;
  auditOpinion: string;
  /** Packages on the current draft; each app-file-info adds one (at most 300 per app). */
  packages: DraftPackage[];
  packageCount: number;
  /** The releaseType the current draft was started with (1 full network, 3 phased). */
  draftReleaseType: number | null;
  releaseTime: string | null;
  phased: PhasedInfo | null;
}

export interface UploadObject {
  objectId: string;
  appId: string;
  fileName: string;
  contentLength: number;
  sha256: string | null;
  issuedAt: number;
  /** Exactly the headers the PUT must carry (lower-case names). */
  headers: Record<string, string>;
  received: boolean;
  /** Parsed package, once received. */
  parsed: { package: string; versionCode: number; versionName: string } | { error: string } | null;
}

export interface Submission {
  time: number;
  appId: string;
  query: string;
  body: unknown;
  code: number;
  msg: string;
}

export interface HuaweiState {
  clients: Map<string, { secret: string; teamLevel: boolean }>;
  tokens: Map<string, Token>;
  apps: Map<string, App>;
  uploads: Map<string, UploadObject>;
  submissions: Submission[];
  /** Every app-language-info body received, for tests. */
  languageUpdates: Array<{ appId: string; releaseType: string | null; body: Record<string, unknown> }>;
}

export function createHuaweiState(): HuaweiState {
  const app = (appId: string, packageName: string, over: Partial<App>): App => ({
    appId,
    packageName,
    defaultLang: 'zh-CN',
    languages: [
      { lang: 'zh-CN', appName: '富吧', appDesc: '一个测试应用', briefInfo: '测试', newFeatures: '' },
      { lang: 'en-US', appName: 'Foo Bar', appDesc: 'A test app', briefInfo: 'Test', newFeatures: '' },
    ],
    live: null,
    latest: null,
    releaseState: 7,
    auditOpinion: '',
    packages: [],
    packageCount: 0,
    draftReleaseType: null,
    releaseTime: null,
    phased: null,
    ...over,
  });
  const live = { versionCode: 6000000, versionName: '6.0.0' };
  return {
    clients: new Map([
      [SANDBOX_CLIENT_ID, { secret: SANDBOX_CLIENT_SECRET, teamLevel: true }],
      [SANDBOX_PROJECT_CLIENT_ID, { secret: SANDBOX_PROJECT_CLIENT_SECRET, teamLevel: false }],
    ]),
    tokens: new Map(),
    apps: new Map(
      [
        // Live at 6.0.0: the fixtures (6.10.0 / 6100000) are an update.
        app('100000001', 'com.foo.bar', { live, latest: live, releaseState: 0 }),
        // 6.10.0 already in review: a second submit is refused (204144647).
        app('100000002', 'com.foo.other', {
          live,
          latest: { versionCode: 6100000, versionName: '6.10.0' },
          releaseState: 5,
        }),
        // Never released: a phased release needs a live version.
        app('100000003', 'com.foo.new', {}),
      ].map((a) => [a.appId, a]),
    ),
    uploads: new Map(),
    submissions: [],
    languageUpdates: [],
  };
}

export function appById(state: HuaweiState, appId: string | null): App | undefined {
  return appId ? state.apps.get(appId) : undefined;
}
