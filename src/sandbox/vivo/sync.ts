/**
 * `app.sync.update.app` (single APK) and `app.sync.update.subpackage.app` (32/64-bit pair): submit
 * the uploaded APK(s) as an update for review [src: stores/vivo.md §3.7].
 */
import { fail, ok, type MethodResult } from './envelope.js';
import type { VivoApp, VivoState, VivoSubmission, VivoUpload, VivoUploadKind } from './state.js';

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

export interface SyncInput {
  accessKey: string;
  /** Business params only. */
  params: Record<string, string>;
  now: number;
}

export function syncUpdate(state: VivoState, input: SyncInput): MethodResult {
  return sync(state, input, 'app.sync.update.app', { apk: 'single' }, true);
}

/** apkgo sends no `fileMd5` here, and that works [src: APKGO-VV; DC-VV; U13 test]. */
export function syncSubpackageUpdate(state: VivoState, input: SyncInput): MethodResult {
  return sync(state, input, 'app.sync.update.subpackage.app', { apk32: '32', apk64: '64' }, false);
}

function sync(
  state: VivoState,
  input: SyncInput,
  method: VivoSubmission['method'],
  apkParams: Record<string, VivoUploadKind>,
  needsMd5: boolean,
): MethodResult {
  const { params } = input;
  // compatibleDevice is required [src: U7]; updateDesc too (UNCONFIRMED: U7 gives its bounds, not
  // whether an update may leave it out).
  const required = [
    'packageName',
    'versionCode',
    ...Object.keys(apkParams),
    'onlineType',
    'updateDesc',
    'compatibleDevice',
  ];
  if (needsMd5) required.push('fileMd5');
  const missing = required.find((name) => !params[name]);
  if (missing) return fail('20008', `必填参数为空: ${missing}`);

  const invalid = invalidParam(params, input.now);
  if (invalid) return invalid;

  const app = state.apps.get(params.packageName!);
  if (!app) return fail('11001', '应用不存在');
  if (app.owner !== input.accessKey) return fail('11011', '开发者账号下不存在该应用');

  // A test switch: vivo answers 11010 while it is still processing an earlier call [src: APKGO-VV classify].
  if (state.processingOnce) {
    state.processingOnce = false;
    return fail('11010', '应用处理中，请勿重复提交');
  }
  if (app.status === 2) return fail('12010', '应用审核中，不能更新');

  const versionCode = Number(params.versionCode);
  const uploads: VivoUpload[] = [];
  for (const [param, kind] of Object.entries(apkParams)) {
    const upload = state.uploads.get(params[param]!);
    const problem = uploadProblem(upload, kind, param, app, input.accessKey, versionCode);
    if (problem) return problem;
    uploads.push(upload!);
  }
  if (needsMd5 && params.fileMd5 !== uploads[0]!.fileMd5) return fail('15009', '文件MD5与上传的文件不一致');

  for (const upload of uploads) upload.used = true;
  const onlineType = params.onlineType === '2' ? 2 : 1;
  const scheOnlineTime = onlineType === 2 ? params.scheOnlineTime! : '';
  const versionName = uploads[0]!.versionName;
  state.submissions.push({
    method,
    packageName: app.packageName,
    versionCode,
    versionName,
    serialnumbers: Object.fromEntries(Object.keys(apkParams).map((param) => [param, params[param]!])),
    onlineType,
    scheOnlineTime,
    updateDesc: params.updateDesc!,
    compatibleDevice: params.compatibleDevice!,
    params: { ...params },
    time: input.now,
  });
  app.latest = { versionCode, versionName };
  app.status = 2;
  app.onlineType = onlineType;
  app.scheOnlineTime = scheOnlineTime;
  app.compatibleDevice = Number(params.compatibleDevice);
  app.unPassReason = '';
  app.apkSize = Math.max(...uploads.map((upload) => upload.size));
  app.listing.updateDesc = params.updateDesc!;
  // UNCONFIRMED: what `data` holds on a successful sync; nothing a client needs is documented.
  return ok(null);
}

/**
 * Value checks. UNCONFIRMED: the codes. vivo lists 441 "missing or bad params" at the gateway
 * [src: U7]; the same code is given here as a subCode so that `code` stays 0 for business checks.
 */
function invalidParam(params: Record<string, string>, now: number): MethodResult | null {
  if (!/^[1-9]\d*$/.test(params.versionCode!)) return fail('441', `参数错误: versionCode=${params.versionCode}`);
  if (params.onlineType !== '1' && params.onlineType !== '2') {
    return fail('441', `参数错误: onlineType=${params.onlineType}`);
  }
  if (!['1', '2', '3'].includes(params.compatibleDevice!)) {
    return fail('441', `参数错误: compatibleDevice=${params.compatibleDevice}`);
  }
  // 5–200 characters per U7's create-method spec; UNCONFIRMED for updates.
  const descLength = [...params.updateDesc!].length;
  if (descLength < 5 || descLength > 200) return fail('441', `更新说明长度需在5-200字之间(当前${descLength})`);
  if (params.onlineType === '2') {
    const at = parseBeijingTime(params.scheOnlineTime ?? '');
    if (at === null) return fail('441', '定时上架时间格式应为yyyy-MM-dd HH:mm:ss');
    if (at <= now) return fail('441', '定时上架时间不能早于当前时间');
  }
  return null;
}

/** `yyyy-MM-dd HH:mm:ss`, read as Beijing time (UTC+8) [src: APKGO-VV; MHS-VV comment]. */
export function parseBeijingTime(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(utc);
  // Refuse dates that Date.UTC silently rolls over (2026-02-30, 25:00:00...).
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || back.getUTCHours() !== hour) return null;
  if (minute > 59 || second > 59) return null;
  return utc - BEIJING_OFFSET_MS;
}

/**
 * A serialnumber is good for one submission, of the package and method kind it was uploaded for,
 * with the versionCode the sync names. UNCONFIRMED: the subCodes (13001 for an unusable file is
 * one of U7's file-problem codes; 15001/15003 as for the upload itself).
 */
function uploadProblem(
  upload: VivoUpload | undefined,
  kind: VivoUploadKind,
  param: string,
  app: VivoApp,
  accessKey: string,
  versionCode: number,
): MethodResult | null {
  if (!upload || upload.uploader !== accessKey) return fail('13001', `${param}对应的文件不存在`);
  if (upload.used) return fail('13001', `${param}对应的文件已被使用`);
  if (upload.kind !== kind) {
    const wanted = kind === 'single' ? 'app.upload.apk.app' : `app.upload.apk.app.${kind}`;
    return fail('13001', `${param}须为${wanted}上传的文件`);
  }
  if (upload.packageName !== app.packageName) return fail('15001', `${param}的包名与packageName不一致`);
  if (upload.versionCode !== versionCode) {
    return fail('15003', `versionCode(${versionCode})与${param}的版本号(${upload.versionCode})不一致`);
  }
  return null;
}
