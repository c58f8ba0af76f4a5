/**
 * What the emulated Honor store remembers: API clients, tokens, apps with their languages and
 * releases, uploaded files and every submit. Tests read (and may tweak) it as `emulator.state`.
 */
import type { UploadedApk } from '../uploaded-apk.js';

/** Sandbox-only credentials; never real ones. */
export const SANDBOX_CLIENT_ID = 'sandbox-honor-client-id';
export const SANDBOX_CLIENT_SECRET = 'sandbox-honor-client-secret';
/** A second developer, owner of OTHER_DEVELOPER_PACKAGE. */
export const OTHER_CLIENT_ID = 'sandbox-honor-other-client';
export const OTHER_CLIENT_SECRET = 'sandbox-honor-other-secret';
export const OTHER_DEVELOPER_PACKAGE = 'com.other.app';
/**
 * A client of the wrong credential type: IAM issues it a token, the publish gateway answers 10002
 * to every call with it [src: stores/honor.md 4.2].
 */
export const WRONG_TYPE_CLIENT_ID = 'sandbox-honor-wrong-type-client';
export const WRONG_TYPE_CLIENT_SECRET = 'sandbox-honor-wrong-type-secret';

export interface HonorClient {
  secret: string;
  /** The developer account the client belongs to. */
  developer: string;
  /** False for a credential that is not an AppMarket API client. */
  publishApi: boolean;
}

export interface TokenRecord {
  clientId: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface LanguageInfo {
  languageId: string;
  appName: string;
  intro: string;
  briefIntro: string;
  newFeature: string;
}

export interface HonorVersion {
  versionCode: number;
  versionName: string;
}

/** get-audit-result `auditResult`: 0 审核中, 1 通过, 2 不通过, 3 未提交/非审核状态 [src: stores/honor.md 4.8]. */
export type AuditResult = 0 | 1 | 2 | 3;

export interface HonorRelease {
  releaseId: string;
  appId: number;
  version: HonorVersion;
  auditResult: AuditResult;
  auditMessage: string;
  releaseType: number;
  /** As received, for releaseType 2; otherwise "". */
  releaseTime: string;
  /** The zh-CN (else first) language's notes at the submit. */
  newFeature: string;
  /** Every language's notes at the submit, by languageId. */
  newFeatures: Record<string, string>;
}

/** A phased release started on the console (the sandbox's publish does not start one). */
export interface HonorPhased {
  state: 'RUNNING' | 'PAUSED' | 'FULL' | 'CANCELLED';
}

export interface HonorApp {
  appId: number;
  packageName: string;
  developer: string;
  /** The version on shelf, or null when nothing was ever approved. */
  live: HonorVersion | null;
  languages: LanguageInfo[];
  /** The draft version being edited: what was bound and changed since the last submit. */
  draft: { apkObjectId: number | null; languageChanged: boolean };
  /** The release in review or waiting for its release time, if any (blocks a new submit: 20022). */
  openReleaseId: string | null;
  /** The latest submitted release, as get-app-current-release reports it. */
  latestReleaseId: string | null;
  phased?: HonorPhased | null;
}

export interface HonorUpload {
  objectId: number;
  appId: number;
  developer: string;
  fileName: string;
  fileType: number;
  fileSize: number;
  fileSha256: string;
  /** Milliseconds; the upload URL is refused from then on. */
  expiresAt: number;
  /** Set once the bytes arrived and matched what was declared. */
  received: { apk: UploadedApk | { error: string } | null } | null;
}

export interface HonorSubmission {
  time: number;
  appId: number;
  /** The body as received. */
  body: Record<string, unknown>;
  code: number;
  msg: string;
  releaseId: string | null;
}

export interface HonorState {
  clients: Map<string, HonorClient>;
  tokens: Map<string, TokenRecord>;
  apps: Map<number, HonorApp>;
  uploads: Map<number, HonorUpload>;
  releases: Map<string, HonorRelease>;
  /** Every submit-audit call, accepted or not. */
  submissions: HonorSubmission[];
  /** Every update-language-info body, as received. */
  languageUpdates: Array<Record<string, unknown>>;
  /**
   * A test switch: the next request whose path contains this text finds every token expired
   * (the store declares the token expired mid-run); cleared once used.
   */
  expireTokensOn: string | null;
  /**
   * A test switch for the stale-task quirk [src: apkgo #33]: get-app-current-release reports the
   * app's latest release as rejected with "存在开发者同版本或高版本任务", whatever its real state.
   */
  staleCurrentRelease: boolean;
  nextObjectId: number;
}

export function createHonorState(): HonorState {
  const apps = new Map<number, HonorApp>();
  for (const app of seedApps()) apps.set(app.appId, app);
  return {
    clients: new Map([
      [SANDBOX_CLIENT_ID, { secret: SANDBOX_CLIENT_SECRET, developer: 'dev-1', publishApi: true }],
      [OTHER_CLIENT_ID, { secret: OTHER_CLIENT_SECRET, developer: 'dev-2', publishApi: true }],
      [WRONG_TYPE_CLIENT_ID, { secret: WRONG_TYPE_CLIENT_SECRET, developer: 'dev-1', publishApi: false }],
    ]),
    tokens: new Map(),
    apps,
    uploads: new Map(),
    releases: new Map(),
    submissions: [],
    languageUpdates: [],
    expireTokensOn: null,
    staleCurrentRelease: false,
    nextObjectId: 880_000_001,
  };
}

export const FOO_BAR_APP_ID = 100_000_001;
export const NO_INTRO_APP_ID = 100_000_002;
export const UNAPPROVED_APP_ID = 100_000_003;
export const OTHER_APP_ID = 100_000_009;

/** Every emulator seeds its app live at 6091000 / "6.9.1". */
function seedApps(): HonorApp[] {
  const live = { versionCode: 6_091_000, versionName: '6.9.1' };
  // en-US first on purpose: an adapter that takes the first entry instead of zh-CN is caught.
  const languages = (appName: string, intro: string): LanguageInfo[] => [
    {
      languageId: 'en-US',
      appName: 'Foo Bar',
      intro: 'Foo Bar is a sample app of the appstores sandbox.',
      briefIntro: 'A sample app',
      newFeature: 'Bug fixes',
    },
    { languageId: 'zh-CN', appName, intro, briefIntro: '沙箱示例应用', newFeature: '修复已知问题' },
  ];
  const app = (
    appId: number,
    packageName: string,
    appName: string,
    intro = '这是 appstores 沙箱中的示例应用，用于演练完整的发布流程。',
  ): HonorApp => ({
    appId,
    packageName,
    developer: 'dev-1',
    live: { ...live },
    languages: languages(appName, intro),
    draft: { apkObjectId: null, languageChanged: false },
    openReleaseId: null,
    latestReleaseId: null,
  });
  return [
    app(FOO_BAR_APP_ID, 'com.foo.bar', '测试应用'),
    // The console's introduction is empty: update-language-info answers 20076 [src: APKGO commit c261a62].
    app(NO_INTRO_APP_ID, 'com.foo.nointro', '无简介应用', ''),
    // Never approved: releaseInfo fields are null [src: XiaoZhuan#23].
    { ...app(UNAPPROVED_APP_ID, 'com.foo.unapproved', '未上架应用'), live: null },
    { ...app(OTHER_APP_ID, OTHER_DEVELOPER_PACKAGE, '其他应用'), developer: 'dev-2' },
  ];
}
