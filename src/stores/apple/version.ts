/**
 * The App Store version that goes to review [src: stores/apple.md §3.8]: the one editable version
 * (created when there is none, its versionString set to the IPA's CFBundleShortVersionString),
 * its release type, What's New on every localization (not on an app's first version, where Apple
 * refuses it), export compliance on the build, the build attached, and an INACTIVE phased release.
 */
import { optionalSingle, localizationAttributes, single } from './schemas.js';
import { matchLocales, missingLocalesText, parseAnswer } from '../kit/index.js';
import type { PlanRelease, Release } from '../types.js';
import { isAppleCode, type AppleApi } from './api.js';
import { EDITABLE_STATES, PLATFORM, type AppleVersion } from './info.js';
import type { Build } from './upload.js';

/**
 * UNCONFIRMED whether Apple takes only whole hours for earliestReleaseDate (fastlane truncates to
 * the hour). Rounding up keeps the release from going out before the time asked for.
 */
export const SCHEDULE_WHOLE_HOURS = true;

export interface ReleaseAttributes {
  releaseType: 'MANUAL' | 'AFTER_APPROVAL' | 'SCHEDULED';
  earliestReleaseDate: string | null;
}

export function releaseAttributes(release: PlanRelease): ReleaseAttributes {
  if (release.manualRelease) return { releaseType: 'MANUAL', earliestReleaseDate: null };
  if (release.schedule) return { releaseType: 'SCHEDULED', earliestReleaseDate: scheduleDate(release.schedule) };
  return { releaseType: 'AFTER_APPROVAL', earliestReleaseDate: null };
}

export function scheduleDate(date: Date): string {
  const hour = 3_600_000;
  const ms = SCHEDULE_WHOLE_HOURS ? Math.ceil(date.getTime() / hour) * hour : date.getTime();
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** No other version on the platform: Apple refuses What's New and phased release on it. */
export function isFirstVersion(versions: AppleVersion[]): boolean {
  return versions.every((v) => EDITABLE_STATES.has(v.state)) && versions.length <= 1;
}

export interface PreparedVersion {
  id: string;
  /** What was left out, for the result message ("What's New skipped: first version"). */
  notes: string[];
}

const src = (what: string) => ({ store: 'apple' as const, what });

export async function prepareVersion(
  api: AppleApi,
  appId: string,
  versions: AppleVersion[],
  release: Release,
  build: Build,
  encryption: boolean,
  known?: VersionLocalizations | null,
): Promise<PreparedVersion> {
  const notes: string[] = [];
  const attributes = releaseAttributes(release);
  const first = isFirstVersion(versions);
  const editable = versions.find((v) => EDITABLE_STATES.has(v.state));
  let id: string;
  if (editable) {
    id = editable.id;
    await api.call('PATCH', `/v1/appStoreVersions/${id}`, {
      what: `update version ${editable.versionString}`,
      idempotent: true,
      body: {
        data: { type: 'appStoreVersions', id, attributes: { versionString: release.versionName, ...attributes } },
      },
    });
  } else {
    const what = `create version ${release.versionName}`;
    const created = parseAnswer(
      single,
      await api.call('POST', '/v1/appStoreVersions', {
        what,
        body: {
          data: {
            type: 'appStoreVersions',
            attributes: { platform: PLATFORM, versionString: release.versionName, ...attributes },
            relationships: { app: { data: { type: 'apps', id: appId } } },
          },
        },
      }),
      src(what),
    );
    id = created.data.id;
  }

  if (build.usesNonExemptEncryption === null) {
    await api.call('PATCH', `/v1/builds/${build.id}`, {
      what: 'set the export compliance of the build',
      idempotent: true,
      body: { data: { type: 'builds', id: build.id, attributes: { usesNonExemptEncryption: encryption } } },
    });
  }

  const what = 'read the build of the version';
  const attached = parseAnswer(
    optionalSingle,
    await api.call('GET', `/v1/appStoreVersions/${id}/build`, { what }),
    src(what),
  );
  if (attached.data?.id !== build.id) {
    await api.call('PATCH', `/v1/appStoreVersions/${id}/relationships/build`, {
      what: `attach build ${release.ipa?.buildNumber ?? ''} to version ${release.versionName}`,
      idempotent: true,
      body: { data: { type: 'builds', id: build.id } },
    });
  }

  // After the build is attached: a REJECTED version refuses What's New until then (idx 56851805362).
  if (release.notes || release.notesByLocale) {
    if (first) notes.push("What's New left out: Apple takes none on an app's first version");
    else if (!(await setWhatsNew(api, id, release, notes, known?.versionId === id ? known.entries : null)))
      notes.push("What's New left out: Apple does not allow editing it for this version now");
  }

  if (release.phased) {
    const readWhat = 'read the phased release';
    const phased = parseAnswer(
      optionalSingle,
      await api.call('GET', `/v1/appStoreVersions/${id}/appStoreVersionPhasedRelease`, { what: readWhat }),
      src(readWhat),
    );
    if (!phased.data) {
      // Created INACTIVE before review; Apple starts it when the version is released (fl deliver).
      await api.call('POST', '/v1/appStoreVersionPhasedReleases', {
        what: 'create the phased release',
        body: {
          data: {
            type: 'appStoreVersionPhasedReleases',
            attributes: { phasedReleaseState: 'INACTIVE' },
            relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id } } },
          },
        },
      });
    }
  }
  return { id, notes };
}

/**
 * whatsNew on every localization of the version (with --notes-dir, each its own locale's; a
 * locale the directory lacks is left as it was and said); false when Apple says it is not editable now.
 * `known`: this version's localizations as plan() read them (--notes-dir on an editable version),
 * used instead of reading them again, as plan()'s read of the versions is.
 */
async function setWhatsNew(
  api: AppleApi,
  versionId: string,
  release: Pick<Release, 'notes' | 'notesByLocale'>,
  said: string[],
  known: Localization[] | null,
): Promise<boolean> {
  const localizations = known ?? (await readLocalizations(api, versionId));
  const { covered, missing } = release.notesByLocale
    ? matchLocales(localizations, (l) => l.locale, release.notesByLocale)
    : { covered: localizations.map((l) => ({ entry: l, locale: l.locale, notes: release.notes })), missing: [] };
  for (const { entry, locale, notes } of covered) {
    try {
      await api.call('PATCH', `/v1/appStoreVersionLocalizations/${entry.id}`, {
        what: `set What's New (${locale})`,
        idempotent: true,
        body: { data: { type: 'appStoreVersionLocalizations', id: entry.id, attributes: { whatsNew: notes } } },
      });
    } catch (error) {
      // Apple refuses it on a first version and on a rejected one until a build is attached again
      // (idx 62006201577, idx 56851805362): go on without it rather than fail the release.
      if (isAppleCode(error, 'ENTITY_ERROR.ATTRIBUTE.INVALID.NOT_EDITABLE')) return false;
      throw error;
    }
  }
  if (missing.length > 0) said.push(missingLocalesText(missing));
  return true;
}

interface Localization {
  id: string;
  locale: string;
}

/** A version's localizations, read by plan() and handed to publish() (ApplePlanned). */
export interface VersionLocalizations {
  versionId: string;
  entries: Localization[];
}

async function readLocalizations(api: AppleApi, versionId: string): Promise<Localization[]> {
  const what = 'read the localizations';
  const { data } = await api.list(`/v1/appStoreVersions/${versionId}/appStoreVersionLocalizations`, { what });
  return data.map((loc) => ({
    id: loc.id,
    locale: parseAnswer(localizationAttributes, loc.attributes, src(what)).locale,
  }));
}

/**
 * For plan() with --notes-dir: the locales the directory lacks, of the version What's New goes to
 * (the editable one, else the live one, whose localizations a new version starts from).
 */
export async function missingWhatsNewLocales(
  api: AppleApi,
  versions: AppleVersion[],
  release: Pick<Release, 'notesByLocale'>,
): Promise<{ missing: string[]; read: VersionLocalizations | null }> {
  const none = { missing: [], read: null };
  if (!release.notesByLocale || isFirstVersion(versions)) return none;
  const base =
    versions.find((v) => EDITABLE_STATES.has(v.state)) ??
    versions.find((v) => v.state === 'READY_FOR_DISTRIBUTION' || v.state === 'PROCESSING_FOR_DISTRIBUTION');
  if (!base) return none;
  const entries = await readLocalizations(api, base.id);
  return {
    missing: matchLocales(entries, (l) => l.locale, release.notesByLocale).missing,
    read: { versionId: base.id, entries },
  };
}
