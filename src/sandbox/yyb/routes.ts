/**
 * The four YYB routes [src: stores/yyb.md 1.5]: query_app_detail, get_file_upload_info,
 * update_app (the submission) and query_app_update_status. Each takes `pkg_name` + `app_id`.
 */
import type { EmulatorContext } from '../types.js';
import { has64BitAbi, runsOn32Bit } from '../uploaded-apk.js';
import type { Cos } from './cos.js';
import { RET, YybFailure } from './envelope.js';
import type { YybApp, YybState, YybUpload, YybVersion } from './state.js';

/** Daily limits per user [src: qq-ref, qq-fields]. */
export const UPLOAD_SLOTS_PER_DAY = 100;
export const UPDATES_PER_DAY = 50;
const FILE_TYPES = new Set(['apk', 'img', 'pdf', 'video', 'txt']);
/** Listing fields that need a reason when changed [src: qq-fields]. */
const NEEDS_REASON: Record<string, string> = { app_name: 'modify_app_name_reason', category: 'modify_category_reason' };

export interface Call {
  state: YybState;
  userId: string;
  params: Record<string, string>;
  ctx: EmulatorContext;
}

/** The app named by the app_id / pkg_name pair, if it is this developer's; 1000009 otherwise. */
export function ownApp({ state, userId, params }: Call): YybApp {
  const appId = params.app_id ?? '';
  const pkgName = params.pkg_name ?? '';
  if (!appId || !pkgName) throw new YybFailure(RET.badParam, '缺少参数 app_id 或 pkg_name');
  const app = state.apps.get(appId);
  if (!app || app.owner !== userId || app.pkgName !== pkgName) {
    throw new YybFailure(RET.pairMismatch, 'app_id 与 pkg_name 不匹配或不属于该开发者');
  }
  return app;
}

export function queryAppDetail(call: Call) {
  const app = ownApp(call);
  return {
    app_id: app.appId,
    pkg_name: app.pkgName,
    app_name: app.appName,
    category: app.category,
    feature: app.feature,
    version_name: app.live?.versionName ?? '',
  };
}

export function queryUpdateStatus(call: Call) {
  const app = ownApp(call);
  return { audit_status: app.auditStatus, audit_reason: app.auditReason };
}

export function getFileUploadInfo(call: Call, cos: Cos) {
  const app = ownApp(call);
  const fileType = call.params.file_type ?? '';
  if (!FILE_TYPES.has(fileType)) throw new YybFailure(RET.badParam, `file_type ${fileType || '(empty)'} 无效`);
  spendQuota(call, 'uploadSlots', UPLOAD_SLOTS_PER_DAY);
  const serialNumber = `SN${String(call.state.nextSerial++).padStart(10, '0')}`;
  const fileName = call.params.file_name ?? `${serialNumber}.${fileType}`;
  const objectKey = `${fileType}/${app.appId}/${serialNumber}/${encodeURIComponent(fileName)}`;
  const { url, expiresAt } = cos.presign({ objectKey }, call.ctx.now(), call.ctx.baseUrl);
  call.state.uploads.set(serialNumber, {
    serialNumber,
    userId: call.userId,
    appId: app.appId,
    fileType,
    fileName,
    objectKey,
    preSignUrl: url,
    expiresAt,
    received: null,
    used: false,
  });
  return { pre_sign_url: url, serial_number: serialNumber };
}

/** update_app: the submission for review. Never idempotent: a second call while in review fails. */
export function updateApp(call: Call) {
  const { params } = call;
  const app = ownApp(call);
  if (!app.live) throw new YybFailure(RET.notPublished, '应用尚未发布，不支持通过 API 首发');
  spendQuota(call, 'updates', UPDATES_PER_DAY);
  if (app.auditStatus === 1) throw new YybFailure(RET.submitFailed, '提交审核失败：应用正在审核中，请勿重复提交');
  checkDeploy(params, call.ctx.now());
  for (const [field, reason] of Object.entries(NEEDS_REASON)) {
    if (params[field] && !params[reason]) throw new YybFailure(RET.badParam, `修改 ${field} 须填写 ${reason}`);
  }
  const slots = (['apk32', 'apk64'] as const).map((slot) => slotUpload(call, app, slot)).filter((s) => s !== null);
  const version = checkVersions(app, slots);
  for (const { upload } of slots) upload.used = true;
  if (version) app.submitted = version;
  app.auditStatus = 1;
  app.auditReason = '';
  if (params.feature) app.feature = params.feature;
  // A Java mock echoes app_id [src: qq-java]; nothing else is documented.
  return { app_id: app.appId };
}

/** deploy_type 1 (after approval) or 2 with deploy_time in Unix seconds, in the future [src: qq-fields]. */
function checkDeploy(params: Record<string, string>, now: number): void {
  const type = params.deploy_type;
  if (type !== '1' && type !== '2') throw new YybFailure(RET.badParam, `deploy_type ${type ?? '(empty)'} 无效(1 或 2)`);
  if (type === '1') return;
  const time = params.deploy_time ?? '';
  if (!/^\d{10}$/.test(time)) throw new YybFailure(RET.submitFailed, '提交审核失败：deploy_time 须为 Unix 时间戳(秒)');
  if (Number(time) * 1000 <= now) throw new YybFailure(RET.submitFailed, '提交审核失败：deploy_time 须晚于当前时间');
}

interface Slot {
  slot: 'apk32' | 'apk64';
  upload: YybUpload;
  version: YybVersion;
  pkg: string;
}

/** One binary slot: flag 1 = use it (serial + MD5 required), 2 = no; 0 or anything else is 4000049. */
function slotUpload(call: Call, app: YybApp, slot: 'apk32' | 'apk64'): Slot | null {
  const flag = call.params[`${slot}_flag`];
  // CONFLICT in the reference: leaving the slot out keeps the previous one (qq-py); treated as "no".
  if (flag === undefined) return null;
  if (flag !== '1' && flag !== '2') throw new YybFailure(RET.badFlag, `无效的请求参数${slot}_flag`);
  if (flag === '2') return null;
  const serial = call.params[`${slot}_file_serial_number`] ?? '';
  const upload = call.state.uploads.get(serial);
  if (
    !upload ||
    upload.userId !== call.userId ||
    upload.appId !== app.appId ||
    upload.fileType !== 'apk' ||
    !upload.received ||
    upload.used
  ) {
    throw new YybFailure(RET.noUploadRecord, `流水号 ${serial || '(空)'} 无上传记录`);
  }
  const md5 = call.params[`${slot}_file_md5`] ?? '';
  if (!md5) throw new YybFailure(slot === 'apk64' ? RET.md5Missing : RET.badParam, `${slot}_file_md5 缺失`);
  if (md5 !== upload.received.md5)
    throw new YybFailure(RET.submitFailed, `提交审核失败：${slot}_file_md5 与上传文件不一致`);
  const apk = upload.received.apk;
  if (!apk || 'error' in apk) throw new YybFailure(RET.submitFailed, `提交审核失败：${slot} 安装包解析失败`);
  // A 64-bit-only APK in the apk32 slot [src: apkgo-qq comment].
  if (slot === 'apk32' && !runsOn32Bit(apk.abis)) throw new YybFailure(RET.badApk32, '解析校验32位或32&64位兼容包失败');
  if (slot === 'apk64' && !has64BitAbi(apk.abis)) throw new YybFailure(RET.badApk64, '解析校验64位包失败');
  return { slot, upload, version: { versionCode: apk.versionCode, versionName: apk.versionName }, pkg: apk.package };
}

function checkVersions(app: YybApp, slots: Slot[]): YybVersion | null {
  if (slots.length === 0) return null; // a metadata-only update
  for (const s of slots) {
    if (s.pkg !== app.pkgName)
      throw new YybFailure(RET.submitFailed, `提交审核失败：${s.slot} 包名 ${s.pkg} 与应用不一致`);
  }
  const [first, second] = slots;
  if (second && second.version.versionCode !== first!.version.versionCode) {
    throw new YybFailure(RET.submitFailed, '提交审核失败：32位与64位包的版本号不一致');
  }
  const live = app.live!.versionCode;
  if (first!.version.versionCode <= live) {
    throw new YybFailure(RET.submitFailed, `提交审核失败：版本号 ${first!.version.versionCode} 须大于线上版本 ${live}`);
  }
  return first!.version;
}

function spendQuota(call: Call, kind: 'uploadSlots' | 'updates', limit: number): void {
  // The day is Beijing's.
  const day = new Date(call.ctx.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const key = `${call.userId}@${day}`;
  const used = call.state.quota.get(key) ?? { uploadSlots: 0, updates: 0 };
  if (used[kind] >= limit) throw new YybFailure(RET.quotaExceeded, `今日调用次数已达上限(${limit})`);
  used[kind] += 1;
  call.state.quota.set(key, used);
}
