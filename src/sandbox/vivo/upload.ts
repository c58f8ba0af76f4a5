/**
 * `app.upload.apk.app` (single APK) and `app.upload.apk.app.32` / `.64` (the halves of a split pair):
 * multipart with `packageName`, `fileMd5` and the file part `file`; answers a `serialnumber` that a
 * later sync call consumes [src: stores/vivo.md §3.6; APKGO-VV uploadAPK; MHS-VV].
 */
import { randomBytes } from 'node:crypto';
import type { ApkInfo } from '../../artifacts/types.js';
import type { FormPart } from '../multipart.js';
import { fail, ok, type MethodResult } from './envelope.js';
import type { VivoState, VivoUploadKind } from './state.js';

export type ApkReader = (path: string) => Promise<ApkInfo>;

const ABIS_32 = new Set(['armeabi', 'armeabi-v7a', 'x86', 'mips']);
const ABIS_64 = new Set(['arm64-v8a', 'x86_64', 'mips64']);

export interface UploadInput {
  accessKey: string;
  params: Record<string, string>;
  files: FormPart[];
  kind: VivoUploadKind;
}

export async function uploadApk(state: VivoState, input: UploadInput, readApk: ApkReader): Promise<MethodResult> {
  const { params, kind } = input;
  for (const name of ['packageName', 'fileMd5']) {
    if (!params[name]) return fail('20008', `必填参数为空: ${name}`);
  }
  const packageName = params.packageName!;
  const app = state.apps.get(packageName);
  // UNCONFIRMED which subCode an unknown package gets on upload; 11001 is vivo's "package not found" [src: U7; U13].
  if (!app) return fail('11001', '应用不存在');
  if (app.owner !== input.accessKey) return fail('13002', '包名属于其他开发者');

  // The APK must be the part named `file` [src: APKGO-VV uploadAPK; MHS-VV]. UNCONFIRMED: 13001
  // for a missing file (U7 only says 13001–13004 are file problems).
  const file = input.files.find((part) => part.name === 'file');
  if (!file?.file || file.size === 0) return fail('13001', '上传文件为空');

  const received = file.md5;
  if (params.fileMd5 !== received) return fail('15009', '文件MD5校验不一致');

  const apk = await inspect(file.file.path, readApk);
  if (!apk) return fail('15005', 'APK解析失败');
  if (apk.package !== packageName) return fail('15001', `APK包名(${apk.package})与packageName不一致`);
  // Compared with the version users have now; whether an app is already in review is the sync's
  // business (12010) [src: U7].
  if (app.live && apk.versionCode <= app.live.versionCode) {
    return fail('15003', `版本号(${apk.versionCode})必须大于线上版本(${app.live.versionCode})`);
  }
  if (apk.signer?.sha256 !== app.signerSha256) return fail('15042', '请上传与历史签名一致的APK包');

  // UNCONFIRMED: the subCode for an APK whose ABIs do not fit the 32/64 method; 13003 is one of
  // U7's "file problem" codes.
  if (kind === '32' && (!apk.abis.some((abi) => ABIS_32.has(abi)) || apk.abis.some((abi) => ABIS_64.has(abi)))) {
    return fail('13003', '32位包只能包含32位so库');
  }
  if (kind === '64' && !apk.abis.some((abi) => ABIS_64.has(abi))) return fail('13003', '64位包必须包含64位so库');

  const serialnumber = randomBytes(16).toString('hex');
  state.uploads.set(serialnumber, {
    serialnumber,
    kind,
    uploader: input.accessKey,
    packageName,
    versionCode: apk.versionCode,
    versionName: apk.versionName,
    fileMd5: received,
    size: file.size,
    abis: apk.abis,
    signerSha256: apk.signer?.sha256 ?? null,
    used: false,
  });
  return ok({
    packageName,
    serialnumber,
    versionCode: String(apk.versionCode),
    versionName: apk.versionName,
    fileMd5: received,
  });
}

/** Parses the received file (the sandbox's temp file) with the project's APK reader. */
async function inspect(path: string, readApk: ApkReader): Promise<ApkInfo | null> {
  try {
    return await readApk(path);
  } catch {
    return null;
  }
}
