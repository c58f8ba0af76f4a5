/** What the Xiaomi emulator remembers: the account's apps, their live and in-review versions, and every accepted submission. */

export const SANDBOX_XIAOMI_ACCOUNT = 'sandbox@appstores.dev';
export const SANDBOX_XIAOMI_PASSWORD = 'sandbox-xiaomi-private-key';
/** A package that exists on the store under another developer: query and push answer −7. */
export const FOREIGN_PACKAGE = 'com.other.app';

export interface XiaomiVersion {
  versionCode: number;
  versionName: string;
}

export interface ReceivedPart {
  md5: string;
  size: number;
  filename: string | null;
}

export interface SubmittedApk extends XiaomiVersion {
  /** The multipart field it came in: `apk` or `secondApk`. */
  field: string;
  package: string;
  abis: string[];
  md5: string;
  size: number;
  signerSha256: string | null;
}

export interface XiaomiSubmission {
  id: number;
  time: number;
  synchroType: number;
  packageName: string;
  /** appInfo as the store read it, whichever form it came in. */
  appInfo: Record<string, unknown>;
  /** Production clients send appInfo both ways [src: U3 vs U4/APKGO-XM]. */
  appInfoForm: 'object' | 'string';
  /** Every part of the request body except RequestData and SIG. */
  parts: Record<string, ReceivedPart>;
  /** The APKs that make up the release, in field order (`apk`, then `secondApk`). */
  apks: SubmittedApk[];
  /** Parts the store received but does not read, e.g. `secondApkPath` (apkgo#46). */
  ignoredParts: string[];
  onlineTime: number | null;
}

export interface XiaomiApp {
  packageName: string;
  appName: string;
  live: XiaomiVersion | null;
  /** The submission in review; invisible through /dev/query except as updateVersion=false. */
  pending: XiaomiSubmission | null;
  /** SHA-256 of the live APK's signing certificate; null until the store has seen one. */
  signerSha256: string | null;
}

export interface XiaomiRefusal {
  path: string;
  result: number;
  message: string;
}

export interface XiaomiState {
  account: string;
  password: string;
  /** This account's apps by package name. */
  apps: Map<string, XiaomiApp>;
  /** Packages held by other developers. */
  foreignPackages: Set<string>;
  /** Accepted /dev/push submissions, oldest first. */
  submissions: XiaomiSubmission[];
  /** Accepted /dev/pushChannelApk uploads. */
  channelApks: Array<{ packageName: string; apkChannel: string; md5: string }>;
  /** Every non-zero answer, so tests can see why a call failed. */
  refusals: XiaomiRefusal[];
}

/**
 * SHA-256 of the fixture `release` key's certificate (fixtures/expected.json): the seeded live app is
 * signed with it, so an APK signed with another key (app-other-signer.apk) is refused as on the
 * real store ("签名不一致" [src: APKGO-XM classify]) without any option.
 */
const SEEDED_SIGNER_SHA256 = '63989f9caa37561c712d76daabe2077855e1e743eabb6723b75a6bd4d64e9465';

export interface XiaomiStateOptions {
  /** SHA-256 of the live com.foo.bar signer (default SEEDED_SIGNER_SHA256); null: keep the first accepted APK's signer. */
  liveSignerSha256?: string | null;
}

export function createXiaomiState(options: XiaomiStateOptions = {}): XiaomiState {
  const seeded: XiaomiApp = {
    packageName: 'com.foo.bar',
    appName: '测试应用',
    live: { versionCode: 6091000, versionName: '6.9.1' },
    pending: null,
    signerSha256:
      options.liveSignerSha256 === undefined ? SEEDED_SIGNER_SHA256 : (options.liveSignerSha256?.toLowerCase() ?? null),
  };
  return {
    account: SANDBOX_XIAOMI_ACCOUNT,
    password: SANDBOX_XIAOMI_PASSWORD,
    apps: new Map([[seeded.packageName, seeded]]),
    foreignPackages: new Set([FOREIGN_PACKAGE]),
    submissions: [],
    channelApks: [],
    refusals: [],
  };
}

/** Review passes: the submitted version goes live and the app can be updated again. */
export function approvePending(state: XiaomiState, packageName: string): boolean {
  const app = state.apps.get(packageName);
  const first = app?.pending?.apks[0];
  if (!app || !first) return false;
  app.live = { versionCode: first.versionCode, versionName: first.versionName };
  app.signerSha256 = first.signerSha256 ?? app.signerSha256;
  app.pending = null;
  return true;
}

/**
 * Review fails (or the developer withdraws it on the console, 撤回审核 [src: U3; U1]): the live
 * version stays and a new push is allowed. /dev/query cannot tell this from "in review" except
 * through updateVersion [src: APKGO-XM `audit`].
 */
export function rejectPending(state: XiaomiState, packageName: string): boolean {
  const app = state.apps.get(packageName);
  if (!app?.pending) return false;
  app.pending = null;
  return true;
}
