/**
 * POST /resource/v1/app/upd and POST /resource/v1/app/task-state (stores/oppo.md 2.7, 2.8).
 * /app/upd only accepts a task; the new version shows up in /app/info (审核中) once the task ends.
 */
import { randomInt } from 'node:crypto';
import type { EmulatorContext } from '../types.js';
import { ERRNO, OppoFailure } from './errno.js';
import { storedListing, validateListing } from './listing.js';
import type { Detail } from './seed.js';
import { latestVersion, taskKey, type OppoApp, type OppoState, type Task, type UploadedFile } from './state.js';
import { formatBeijing, parseBeijing } from './time.js';

export interface TaskTiming {
  /** The task reports success on this task-state poll (1 = the first poll already says "2"). */
  pollsToComplete: number;
  /** ...or once this much sandbox time has passed since /app/upd, whichever comes first. */
  durationMs: number;
}

interface ApkEntry {
  file: UploadedFile;
  apk: { package: string; versionCode: number; versionName: string; abis: string[] };
  cpuCode: number;
}

/** Looks up an app of this developer; another developer's (or no) app gives 911045 (seed 002). */
export function ownApp(state: OppoState, devId: string, pkg: string): OppoApp {
  const app = state.apps.get(pkg);
  if (!app || app.devId !== devId) throw new OppoFailure(ERRNO.notYourApp, '开发者ID和包名不匹配');
  return app;
}

export function submitVersion(state: OppoState, devId: string, fields: Record<string, string>, ctx: EmulatorContext) {
  const pkg = fields.pkg_name ?? '';
  const app = ownApp(state, devId, pkg);
  const versionCode = fields.version_code ?? '';
  if (!/^\d+$/.test(versionCode)) throw new OppoFailure(ERRNO.invalidField, 'version_code 有误');

  // A running task blocks any new one for the app [src: APKGO-OP 911216]; the same version already
  // queued for review is 911215, which clients treat as done [src: APKGO-OP; U5].
  for (const task of state.tasks.values()) {
    if (task.pkg === pkg && task.state === '1') throw new OppoFailure(ERRNO.taskRunning, '版本更新任务处理中');
  }
  const latest = latestVersion(app);
  if (latest.version_code === versionCode && latest.audit_status === '1') {
    throw new OppoFailure(ERRNO.inReview, '应用审核中');
  }

  const entries = apkEntries(state, fields.apk_url ?? '');
  checkApkVersion(entries, pkg, versionCode, app);
  checkRelease(fields, ctx.now());
  validateListing(fields);

  const primary = entries.find((e) => e.cpuCode !== 32) ?? entries[0]!;
  const task: Task = {
    pkg,
    versionCode,
    state: '1',
    errMsg: '',
    createdAt: ctx.now(),
    polls: 0,
    pendingDetail: newVersionDetail(latest, fields, primary, ctx.now()),
  };
  state.tasks.set(taskKey(pkg, versionCode), task);
  return { success: true, message: '任务已提交，请稍后查询任务状态' };
}

/** apk_url is a JSON string of [{url, md5, cpu_code}] whose urls came from this store's upload. */
function apkEntries(state: OppoState, apkUrl: string): ApkEntry[] {
  let list: unknown;
  try {
    list = JSON.parse(apkUrl);
  } catch {
    throw new OppoFailure(ERRNO.badApkUrl, 'apk_url 必须是JSON数组字符串');
  }
  if (!Array.isArray(list) || list.length < 1 || list.length > 2) {
    throw new OppoFailure(ERRNO.badApkUrl, 'apk_url 必须包含1个或2个apk');
  }
  const entries = list.map((item: unknown): ApkEntry => {
    const { url, md5, cpu_code: cpuCode } = (item ?? {}) as Record<string, unknown>;
    // Only files uploaded through get-upload-url are accepted, no own CDN [src: U5 FAQ].
    const file = typeof url === 'string' ? state.uploads.get(url) : undefined;
    if (!file || file.type !== 'apk') throw new OppoFailure(ERRNO.badApkUrl, 'apk_url 不是通过上传接口获得的地址');
    if (typeof md5 !== 'string' || md5.toLowerCase() !== file.md5) {
      throw new OppoFailure(ERRNO.badApkUrl, 'apk md5 与上传文件不一致');
    }
    if (!file.apk || 'error' in file.apk) throw new OppoFailure(ERRNO.badApkVersion, 'apk 文件解析失败');
    return { file, apk: file.apk, cpuCode: Number(cpuCode) };
  });
  // cpu_code 0 for a single APK; a split pack is exactly one 32 and one 64 [src: XZ-OP; APKGO-OP; DC-OP].
  const codes = entries.map((e) => e.cpuCode).sort((a, b) => a - b);
  const single = codes.length === 1 && codes[0] === 0;
  const pair = codes.length === 2 && codes[0] === 32 && codes[1] === 64;
  if (!single && !pair) throw new OppoFailure(ERRNO.badApkUrl, 'cpu_code 有误：单包传0，多包传32和64');
  if (pair) {
    // UNCONFIRMED: the emulator also refuses a swapped pair (a 64-bit ABI in the 32 entry or none in the 64).
    const has64 = (abis: string[]) => abis.some((abi) => abi === 'arm64-v8a' || abi === 'x86_64');
    for (const e of entries) {
      if (e.apk.abis.length > 0 && (e.cpuCode === 64) !== has64(e.apk.abis)) {
        throw new OppoFailure(ERRNO.badApkUrl, `cpu_code ${e.cpuCode} 与apk的ABI不一致`);
      }
    }
  }
  return entries;
}

function checkApkVersion(entries: ApkEntry[], pkg: string, versionCode: string, app: OppoApp): void {
  for (const { apk } of entries) {
    if (apk.package !== pkg) {
      throw new OppoFailure(ERRNO.badApkVersion, `您上传的apk中的包名${apk.package}与当前应用包名不一致`);
    }
    if (String(apk.versionCode) !== versionCode) {
      throw new OppoFailure(ERRNO.badApkVersion, `version_code 与apk中的版本号${apk.versionCode}不一致`);
    }
  }
  // Strictly greater than every version the store has [src: U5 FAQ].
  const highest = Math.max(...app.versions.map((v) => Number(v.version_code)));
  if (Number(versionCode) <= highest) {
    throw new OppoFailure(ERRNO.badApkVersion, `版本号必须大于当前版本号${highest}`);
  }
}

/** online_type 1 = after review, 2 = at sche_online_time, Beijing time, not in the past [src: XZ-OP]. */
function checkRelease(fields: Record<string, string>, now: number): void {
  const onlineType = fields.online_type ?? '';
  if (onlineType !== '1' && onlineType !== '2') throw new OppoFailure(ERRNO.invalidField, '发布类型有误');
  if (onlineType === '2') {
    const at = parseBeijing(fields.sche_online_time ?? '');
    if (at === null) throw new OppoFailure(ERRNO.invalidField, '定时发布时间格式有误');
    if (at < now) throw new OppoFailure(ERRNO.invalidField, '定时发布时间不能早于当前时间');
  }
}

function newVersionDetail(latest: Detail, fields: Record<string, string>, primary: ApkEntry, now: number): Detail {
  const time = formatBeijing(now);
  return {
    ...structuredClone(latest),
    ...storedListing(fields),
    version_id: String(randomInt(200_000, 999_999)),
    version_code: fields.version_code,
    version_name: primary.apk.versionName,
    apk_url: primary.file.uriPath,
    apk_full_url: primary.file.url,
    apk_size: String(primary.file.size),
    apk_md5: primary.file.md5,
    size: `${(primary.file.size / 1048576).toFixed(2)} MB`,
    version_type: '2',
    create_time: time,
    update_time: time,
    online_type: fields.online_type,
    sche_online_time: fields.online_type === '2' ? fields.sche_online_time : '',
    audit_status: '1',
    audit_status_name: '审核中',
    refuse_reason: '',
    refuse_advice: '',
  };
}

/** Ends the pending tasks whose time is up, so /app/info and /app/upd see them even unpolled. */
export function settleTasks(state: OppoState, now: number, timing: TaskTiming): void {
  for (const task of state.tasks.values()) {
    const app = state.apps.get(task.pkg);
    if (app && task.state === '1' && now - task.createdAt >= timing.durationMs) finishTask(state, app, task);
  }
}

/** POST /resource/v1/app/task-state: advances the task, then reports it. */
export function taskState(
  state: OppoState,
  devId: string,
  fields: Record<string, string>,
  now: number,
  timing: TaskTiming,
) {
  const pkg = fields.pkg_name ?? '';
  const app = ownApp(state, devId, pkg);
  const versionCode = fields.version_code ?? '';
  const task = state.tasks.get(taskKey(pkg, versionCode));
  if (!task) throw new OppoFailure(ERRNO.noTask, '任务不存在');
  task.polls += 1;
  if (task.state === '1' && (task.polls >= timing.pollsToComplete || now - task.createdAt >= timing.durationMs)) {
    finishTask(state, app, task);
  }
  return { pkg_name: pkg, version_code: versionCode, task_state: task.state, err_msg: task.errMsg };
}

function finishTask(state: OppoState, app: OppoApp, task: Task): void {
  if (state.failNextTask !== null) {
    task.state = '3';
    task.errMsg = state.failNextTask;
    state.failNextTask = null;
    return;
  }
  task.state = '2';
  app.versions.push(task.pendingDetail);
}
