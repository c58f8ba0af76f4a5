/**
 * The draft version: app-file-info binds an uploaded package (stores/huawei.md 2.5 (4)), the store
 * then parses / compiles it (compile/status, (5)), app-language-info sets the notes ((6)).
 * releaseType must stay the same on every call of one submission (2.5 (7): mixing gives 204144647).
 */
import { randomInt } from 'node:crypto';
import type { EmulatorRequest } from '../types.js';
import { CODE, HuaweiFailure } from './envelope.js';
import type { App, HuaweiState } from './state.js';

/** ≤ 300 packages per app [src: hw-err 90200503]. */
export const MAX_PACKAGES = 300;
const NOTES_MAX = 500;

export interface CompileTiming {
  /** Compile-status answers of "compiling" before an APK is ready. */
  apkPolls: number;
  /** The same for an AAB, which Huawei compiles into APKs (minutes in the real store). */
  aabPolls: number;
  /** AABs above this size fail to compile with 80210116 [src: stores/huawei.md 2.4]. */
  maxAabBytes: number;
}

export function jsonBody(req: EmulatorRequest): Record<string, unknown> {
  try {
    const body = JSON.parse(req.body.toString('utf8') || '{}') as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HuaweiFailure(CODE.invalidInput, 'the request body is not a JSON object');
}

/** A version in review or released through this draft cannot be edited [src: cianru README; fl-hw]. */
export function requireEditable(app: App): void {
  if (app.releaseState === 4 || app.releaseState === 5) {
    throw new HuaweiFailure(CODE.updateServiceFailed, "The new service has can't be edited service");
  }
}

/** The first mutating call fixes the draft's releaseType; another value later is refused. */
export function useReleaseType(app: App, req: EmulatorRequest): number {
  const text = req.query.get('releaseType') ?? '1';
  if (text !== '1' && text !== '3')
    throw new HuaweiFailure(CODE.invalidInput, `releaseType ${text} is not 1 (full network) or 3 (phased)`);
  const releaseType = Number(text);
  if (app.draftReleaseType !== null && app.draftReleaseType !== releaseType) {
    throw new HuaweiFailure(
      CODE.updateServiceFailed,
      `update service failed: releaseType ${releaseType} differs from ${app.draftReleaseType} used for this version`,
    );
  }
  app.draftReleaseType = releaseType;
  return releaseType;
}

export function bindFile(
  state: HuaweiState,
  app: App,
  req: EmulatorRequest,
  timing: CompileTiming,
): Record<string, unknown> {
  requireEditable(app);
  const body = jsonBody(req);
  useReleaseType(app, req);
  if (body.fileType !== 5) throw new HuaweiFailure(CODE.invalidInput, 'fileType must be 5 for an app package');
  const files = Array.isArray(body.files) ? (body.files as Array<Record<string, unknown>>) : [];
  const file = files[0];
  if (files.length !== 1 || !file) throw new HuaweiFailure(CODE.invalidInput, 'files must hold one package');
  // "Incomplete application version information" when fileName is missing [src: hw-faq].
  if (typeof file.fileName !== 'string' || !file.fileName)
    throw new HuaweiFailure(CODE.invalidInput, 'Incomplete application version information');
  const object = [...state.uploads.values()].find((o) => o.objectId === file.fileDestUrl && o.appId === app.appId);
  if (!object || !object.received) throw new HuaweiFailure(CODE.invalidInput, 'The files url is empty');
  if (app.packageCount >= MAX_PACKAGES) {
    throw new HuaweiFailure(
      CODE.tooManyPackages,
      "add APK failed: 90200503 the app's packages exceeds the upper limit",
    );
  }
  const kind = /\.aab$/i.test(file.fileName) ? 'aab' : 'apk';
  const parsed = object.parsed && 'package' in object.parsed ? object.parsed : null;
  if (parsed && app.live && parsed.versionCode <= app.live.versionCode) {
    throw new HuaweiFailure(
      CODE.addPackageFailed,
      `add APK failed: the versionCode ${parsed.versionCode} must be greater than the released version's ${app.live.versionCode}`,
    );
  }
  let failReason: string | null = null;
  if (!parsed)
    failReason = `the package cannot be parsed (${object.parsed && 'error' in object.parsed ? object.parsed.error : 'unknown'})`;
  else if (parsed.package !== app.packageName)
    failReason = `the package name ${parsed.package} is not ${app.packageName}`;
  else if (kind === 'aab' && object.contentLength > timing.maxAabBytes)
    failReason = '80210116 the AAB file exceeds 150 MB';
  const pkgId = String(randomInt(10_000_000, 99_999_999));
  app.packages.push({
    pkgId,
    fileName: file.fileName,
    kind,
    package: parsed?.package ?? null,
    versionCode: parsed?.versionCode ?? null,
    versionName: parsed?.versionName ?? null,
    pollsLeft: kind === 'aab' ? timing.aabPolls : timing.apkPolls,
    failReason,
  });
  app.packageCount++;
  if (parsed && !failReason) app.latest = { versionCode: parsed.versionCode, versionName: parsed.versionName };
  return { pkgVersion: [pkgId] };
}

/** successStatus 0 ready, 1 parsing/compiling, 2 failed [src: MCP tool description; idx 69709565451]. */
export function compileStatus(app: App, req: EmulatorRequest): Record<string, unknown> {
  const ids = (req.query.get('pkgIds') ?? '').split(',').filter(Boolean);
  if (ids.length === 0) throw new HuaweiFailure(CODE.invalidInput, 'pkgIds is required');
  const pkgStateList = ids.map((id) => {
    const pkg = app.packages.find((p) => p.pkgId === id);
    if (!pkg) throw new HuaweiFailure(204144718, `package status query failed: no package ${id}`);
    if (pkg.pollsLeft > 0) {
      pkg.pollsLeft--;
      return { pkgId: id, successStatus: 1 };
    }
    return pkg.failReason
      ? { pkgId: id, successStatus: 2, failReason: pkg.failReason }
      : { pkgId: id, successStatus: 0 };
  });
  return { pkgStateList };
}

/** The legacy answer: aabCompileStatus 1 compiling, 2 done, anything else failed [src: fl-hw]. */
export function legacyCompileStatus(app: App, req: EmulatorRequest): Record<string, unknown> {
  const { pkgStateList } = compileStatus(app, req) as {
    pkgStateList: Array<{ pkgId: string; successStatus: number; failReason?: string }>;
  };
  return {
    pkgStateList: pkgStateList.map(({ pkgId, successStatus, failReason }) => ({
      pkgId,
      aabCompileStatus: successStatus === 1 ? 1 : successStatus === 0 ? 2 : 3,
      ...(failReason ? { failReason } : {}),
    })),
  };
}

export function updateLanguage(state: HuaweiState, app: App, req: EmulatorRequest): Record<string, unknown> {
  requireEditable(app);
  const body = jsonBody(req);
  useReleaseType(app, req);
  state.languageUpdates.push({ appId: app.appId, releaseType: req.query.get('releaseType'), body });
  const language = app.languages.find((l) => l.lang === body.lang);
  if (typeof body.lang !== 'string' || !language) {
    throw new HuaweiFailure(204144650, `the language ${String(body.lang)} is not present for this app`);
  }
  const limits = { newFeatures: NOTES_MAX, appName: 64, appDesc: 8000, briefInfo: 80 } as const;
  for (const [field, max] of Object.entries(limits) as Array<[keyof typeof limits, number]>) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new HuaweiFailure(CODE.invalidInput, `${field} must be a string`);
    if ([...value].length > max) throw new HuaweiFailure(CODE.languageInfo, `${field} exceeds ${max} characters`);
  }
  // Only the fields sent change (what most clients rely on; stores/huawei.md 2.5 (6)).
  for (const field of Object.keys(limits) as Array<keyof typeof limits>) {
    if (typeof body[field] === 'string') language[field] = body[field] as string;
  }
  return {};
}
