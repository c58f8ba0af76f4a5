/** `POST /dev/push`: one call uploads the APK(s) and submits the release for review (stores/xiaomi.md 1.5). */
import type { ApkInfo } from '../../artifacts/types.js';
import { parseUploadedApk } from './apk.js';
import { XiaomiRejection } from './rejection.js';
import type { SignedRequest } from './signed-request.js';
import type { SubmittedApk, XiaomiApp, XiaomiState, XiaomiSubmission } from './state.js';

/**
 * The file parts /dev/push reads [src: U1, U2, U3, U4]. Anything else is received and ignored —
 * notably `secondApkPath`, which apkgo sent for months while only its first APK was published
 * (apkgo#46).
 */
export const PUSH_FILE_FIELDS = /^(apk|secondApk|icon|screenshot_[1-5]|screenshot_pad_[1-5])$/;

export async function pushRelease(state: XiaomiState, request: SignedRequest, now: number): Promise<XiaomiSubmission> {
  const { synchroType } = request.requestData;
  if (synchroType !== 0 && synchroType !== 1 && synchroType !== 2) {
    throw new XiaomiRejection(-10000, 'synchroType 只能是 0（新增）、1（更新包）或 2（更新信息）');
  }
  const { appInfo, form } = readAppInfo(request.requestData.appInfo);
  const packageName = appInfo.packageName;
  if (typeof packageName !== 'string' || packageName === '') {
    throw new XiaomiRejection(-10000, 'appInfo 缺少 packageName');
  }
  if (state.foreignPackages.has(packageName)) throw new XiaomiRejection(-7, '应用归属关系异常：包名被其他开发者占用');
  const existing = state.apps.get(packageName);
  if (synchroType !== 0 && !existing) {
    throw new XiaomiRejection(-32, `包名 ${packageName} 未在开发者后台创建`); // [src: U1]
  }
  if (synchroType === 0 && existing) {
    // UNCONFIRMED: code for "create" on an app that exists.
    throw new XiaomiRejection(-10000, `应用 ${packageName} 已存在，请使用 synchroType=1 更新`);
  }
  if (existing?.pending) {
    // A second push while one is in review; the store refuses repeats with −92 [src: U1;
    // stores/xiaomi.md 1.8]. UNCONFIRMED: the exact wording for "in review".
    throw new XiaomiRejection(-92, '该应用已有版本在审核中，请等待审核结束或撤回后再提交');
  }
  const onlineTime = readOnlineTime(appInfo.onlineTime, now);

  const submission: XiaomiSubmission = {
    id: state.submissions.length + 1,
    time: now,
    synchroType,
    packageName,
    appInfo,
    appInfoForm: form,
    parts: request.parts,
    apks: [],
    ignoredParts: [...request.ignored.keys()],
    onlineTime,
  };
  if (synchroType === 2) {
    // Info-only update: no package is read. UNCONFIRMED whether it goes through review; the
    // sandbox records it and leaves the versions alone.
    state.submissions.push(submission);
    return submission;
  }

  requireParts(request, synchroType);
  if (synchroType === 1 && !nonEmptyString(appInfo.updateDesc)) {
    throw new XiaomiRejection(-10000, 'appInfo.updateDesc（更新说明）不能为空'); // required for updates [src: U1, U2, U11]
  }
  if (synchroType === 0 && !nonEmptyString(appInfo.appName)) {
    throw new XiaomiRejection(-10000, 'appInfo.appName 不能为空');
  }

  submission.apks = await readReleaseApks(request, packageName, existing);
  state.submissions.push(submission);
  const app: XiaomiApp = existing ?? {
    packageName,
    appName: String(appInfo.appName),
    live: null,
    pending: null,
    signerSha256: null,
  };
  app.pending = submission;
  // Trust on first use when the sandbox was not told the live signer: later pushes must match it.
  app.signerSha256 ??= submission.apks[0]?.signerSha256 ?? null;
  state.apps.set(packageName, app);
  return submission;
}

/** Both forms are used in production: an object, or a JSON string inside RequestData [src: U3 vs U4/APKGO-XM]. */
function readAppInfo(value: unknown): { appInfo: Record<string, unknown>; form: 'object' | 'string' } {
  let parsed = value;
  const form = typeof value === 'string' ? 'string' : 'object';
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new XiaomiRejection(-10000, 'appInfo 字符串不是合法的 JSON'); // UNCONFIRMED code
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new XiaomiRejection(-10000, 'RequestData 缺少 appInfo 对象');
  }
  return { appInfo: parsed as Record<string, unknown>, form };
}

/**
 * onlineTime is an epoch-MILLISECOND number [src: U1; XZ-MI "上线时间，毫秒时间戳"; APKGO-XM]. A value in
 * seconds reads as a day in January 1970, so it is refused rather than scheduled into the past.
 * UNCONFIRMED: the store's code and wording for a bad time.
 */
function readOnlineTime(value: unknown, now: number): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new XiaomiRejection(-10000, 'appInfo.onlineTime 需为毫秒时间戳（整数）');
  }
  if (new Date(value).getUTCFullYear() <= 1970) {
    throw new XiaomiRejection(-10000, `appInfo.onlineTime=${value} 是 1970 年的时间，需为毫秒时间戳而不是秒`);
  }
  if (value < now) throw new XiaomiRejection(-10000, `appInfo.onlineTime=${value} 早于当前时间`);
  return value;
}

function requireParts(request: SignedRequest, synchroType: number): void {
  if (!request.files.has('apk')) throw new XiaomiRejection(-10000, '缺少 apk 文件'); // required for 0/1 [src: U1]
  // Treated as always required: a Xiaomi employee told apkgo in 2023-04 that icon became
  // mandatory [src: APKGO-OLD-XM `push`; U11 "必选"]. UNCONFIRMED: the store's code and wording.
  if (!request.files.has('icon')) throw new XiaomiRejection(-10000, '缺少 icon 文件（应用图标为必传项）');
  if (synchroType === 0) {
    for (const n of [1, 2, 3]) {
      // screenshot_1–3 are required for a new app [src: U1, U2, U3, U4]; pad variants not required here.
      if (!request.files.has(`screenshot_${n}`)) throw new XiaomiRejection(-10000, `新应用缺少 screenshot_${n}`);
    }
  }
}

/** `apk`, plus `secondApk` as the other half of a 32/64-bit pair; the order does not matter [src: U1; U11]. */
async function readReleaseApks(
  request: SignedRequest,
  packageName: string,
  app: XiaomiApp | undefined,
): Promise<SubmittedApk[]> {
  const apks: SubmittedApk[] = [];
  for (const field of ['apk', 'secondApk']) {
    const data = request.files.get(field);
    if (!data) continue;
    const info = await parseUploadedApk(field, data);
    if (info.package !== packageName) {
      throw new XiaomiRejection(-2, `${field} 的包名 ${info.package} 与 appInfo.packageName ${packageName} 不一致`); // [src: U1]
    }
    apks.push(toSubmitted(field, info));
  }
  const [first, second] = apks as [SubmittedApk, SubmittedApk | undefined];
  if (app?.live && first.versionCode <= app.live.versionCode) {
    // Same version or lower than live: "APK rejected" [src: U1].
    throw new XiaomiRejection(
      -92,
      `versionCode ${first.versionCode} 不高于线上版本 ${app.live.versionCode}，不能上传相同或更低的版本`,
    );
  }
  if (second) checkPair(first, second);
  for (const apk of apks) {
    const known = app?.signerSha256 ?? null;
    // UNCONFIRMED: the code; the message text "签名不一致" is what clients match [src: APKGO-XM classify].
    if (!apk.signerSha256) throw new XiaomiRejection(-92, `${apk.field} 未签名`);
    if (known && apk.signerSha256 !== known) {
      throw new XiaomiRejection(-92, `${apk.field} 与线上版本签名不一致`);
    }
  }
  return apks;
}

/** UNCONFIRMED: the store's codes for a mismatched pair; the checks follow what a pair is. */
function checkPair(first: SubmittedApk, second: SubmittedApk): void {
  if (second.versionCode !== first.versionCode) {
    throw new XiaomiRejection(
      -92,
      `secondApk 的 versionCode ${second.versionCode} 与 apk 的 ${first.versionCode} 不一致`,
    );
  }
  if (first.abis.join(',') === second.abis.join(',')) {
    throw new XiaomiRejection(
      -92,
      `apk 与 secondApk 的 ABI 相同（${first.abis.join(',') || '无'}），不是 32/64 位双包`,
    );
  }
  if (first.signerSha256 !== second.signerSha256) throw new XiaomiRejection(-92, 'apk 与 secondApk 签名不一致');
}

function toSubmitted(field: string, info: ApkInfo): SubmittedApk {
  return {
    field,
    package: info.package,
    versionCode: info.versionCode,
    versionName: info.versionName,
    abis: [...info.abis].sort(),
    md5: info.md5,
    size: info.size,
    signerSha256: info.signer?.sha256.toLowerCase() ?? null,
  };
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}
