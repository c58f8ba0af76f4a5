/**
 * Release notes and the submit [src: stores/honor.md 4.7]: update-language-info (with its
 * `setAll` trap) and submit-audit (releaseType 1 / 2 with a colon-less offset, 20022 while a
 * release is open, a bound APK required).
 */
import { randomInt } from 'node:crypto';
import type { EmulatorContext, EmulatorRequest } from '../types.js';
import { CODE, HonorFailure } from './envelope.js';
import { ownApp } from './info.js';
import type { HonorClient, HonorRelease, HonorState, LanguageInfo } from './state.js';

/** Text limits [src: stores/honor.md 4.7]: appName ≤15 CJK / 30 other, intro ≤8000, briefIntro ≤80, newFeature ≤500. */
const LIMITS = { intro: 8000, briefIntro: 80, newFeature: 500 } as const;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** POST update-language-info?appId= `{languageInfoList:[...], setAll}`. */
export function updateLanguages(state: HonorState, client: HonorClient, req: EmulatorRequest, body: unknown) {
  const app = ownApp(state, client, req.query.get('appId'));
  state.languageUpdates.push(structuredClone((body ?? {}) as Record<string, unknown>));
  const { languageInfoList: list, setAll } = (body ?? {}) as { languageInfoList?: unknown; setAll?: unknown };
  if (!Array.isArray(list) || list.length === 0) throw new HonorFailure(CODE.badField, 'languageInfoList is empty');
  if (setAll !== undefined && setAll !== 0 && setAll !== 1)
    throw new HonorFailure(CODE.badField, `setAll ${String(setAll)} is invalid (0 or 1)`);
  const updated = list.map((item: unknown) => checkedLanguage((item ?? {}) as Record<string, unknown>));
  const ids = updated.map((u) => u.languageId);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new HonorFailure(CODE.badField, `languageId ${twice} is listed twice`);
  // setAll defaults to 1, which deletes every language not in the list [src: U8; APKGO-HN-LT].
  const kept = setAll === 0 ? app.languages.filter((l) => !updated.some((u) => u.languageId === l.languageId)) : [];
  app.languages = [...kept, ...updated];
  app.draft.languageChanged = true;
  return null;
}

/** Fields sent empty (or left out) are blanked, so the stored entry is exactly what came [src: U8]. */
function checkedLanguage(item: Record<string, unknown>): LanguageInfo {
  const text = (key: string) => (typeof item[key] === 'string' ? (item[key] as string) : '');
  const entry: LanguageInfo = {
    languageId: text('languageId'),
    appName: text('appName'),
    intro: text('intro'),
    briefIntro: text('briefIntro'),
    newFeature: text('newFeature'),
  };
  if (!entry.languageId) throw new HonorFailure(CODE.languageIdEmpty, 'languageId is empty');
  if (!entry.appName) throw new HonorFailure(CODE.badField, `appName of ${entry.languageId} is empty`);
  const nameLimit = CJK.test(entry.appName) ? 15 : 30;
  if ([...entry.appName].length > nameLimit)
    throw new HonorFailure(CODE.badField, `appName is longer than ${nameLimit} characters`);
  if (!entry.intro) throw new HonorFailure(CODE.introEmpty, 'app introduction is empty');
  for (const [key, limit] of Object.entries(LIMITS)) {
    const length = [...entry[key as keyof typeof LIMITS]].length;
    if (length > limit) throw new HonorFailure(CODE.badField, `${key} is longer than ${limit} characters (${length})`);
  }
  return entry;
}

/** `yyyy-MM-dd'T'HH:mm:ssZZ`, the offset without a colon [src: stores/honor.md 4.7]. */
const RELEASE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2})(\d{2})$/;

export function parseReleaseTime(text: string): number | null {
  const match = RELEASE_TIME.exec(text);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const offsetMin = (match[7] === '-' ? -1 : 1) * (Number(match[8]) * 60 + Number(match[9]));
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return utc - offsetMin * 60_000;
}

/** POST submit-audit?appId= `{releaseType, releaseTime?}` → data = releaseId (a bare string). */
export function submitAudit(
  state: HonorState,
  client: HonorClient,
  req: EmulatorRequest,
  body: unknown,
  ctx: EmulatorContext,
): string {
  const app = ownApp(state, client, req.query.get('appId'));
  const fields = (body ?? {}) as Record<string, unknown>;
  // Nothing may be in review or waiting for its release time [src: stores/honor.md 4.7].
  if (app.openReleaseId !== null)
    throw new HonorFailure(CODE.inReview, 'the app is under review or pending release, cannot submit');
  const releaseType = fields.releaseType;
  if (releaseType !== 1 && releaseType !== 2) {
    // 3 (phased) needs phasedReleaseInfo and a fully released version; the sandbox does not take it.
    throw new HonorFailure(CODE.badField, `releaseType ${String(releaseType)} is invalid (1 or 2)`);
  }
  let releaseTime = '';
  if (releaseType === 2) {
    releaseTime = typeof fields.releaseTime === 'string' ? fields.releaseTime : '';
    const at = parseReleaseTime(releaseTime);
    if (at === null)
      throw new HonorFailure(
        CODE.badField,
        "releaseTime format must be yyyy-MM-dd'T'HH:mm:ssZZ, e.g. 2026-06-20T10:00:00+0800",
      );
    if (at <= ctx.now()) throw new HonorFailure(CODE.badField, 'releaseTime must be in the future');
  }
  // An upload that is not bound does nothing [src: stores/honor.md 4.6]: no bound APK, no version.
  const upload = app.draft.apkObjectId === null ? undefined : state.uploads.get(app.draft.apkObjectId);
  const apk = upload?.received?.apk;
  if (!apk || 'error' in apk)
    throw new HonorFailure(CODE.badObjectId, 'no APK is bound to the draft version (update-file-info)');
  if (app.live && apk.versionCode <= app.live.versionCode) {
    throw new HonorFailure(
      CODE.versionTooLow,
      `versionCode ${apk.versionCode} is not above the listed ${app.live.versionCode}`,
    );
  }
  const zh = app.languages.find((l) => l.languageId === 'zh-CN') ?? app.languages[0];
  const newFeatures = Object.fromEntries(app.languages.map((l) => [l.languageId, l.newFeature]));
  const release: HonorRelease = {
    releaseId: String(randomInt(100_000_000, 999_999_999)),
    appId: app.appId,
    version: { versionCode: apk.versionCode, versionName: apk.versionName },
    auditResult: 0,
    auditMessage: '',
    releaseType,
    releaseTime,
    newFeature: zh?.newFeature ?? '',
    newFeatures,
  };
  state.releases.set(release.releaseId, release);
  app.openReleaseId = release.releaseId;
  app.latestReleaseId = release.releaseId;
  app.draft = { apkObjectId: null, languageChanged: false };
  return release.releaseId;
}
