/**
 * App Store versions (stores/apple.md §3.8): one editable version per platform, created or
 * patched (versionString, releaseType, earliestReleaseDate); What's New per localization (refused
 * on an app's first version); the build relationship (only a VALID build of the same app); the
 * phased release (INACTIVE, not on a first version).
 */
import { findApp, findBuild } from './apps.js';
import { isoDate, route, type Call, type Route } from './call.js';
import { document, fail, invalidAttribute, notFound, readData, relationshipId, stateError } from './jsonapi.js';
import { buildResource, localizationResource, phasedReleaseResource, versionResource } from './resources.js';
import { EDITABLE_STATES, isFirstVersion, newId, type AppleState, type AppleVersion, type Platform } from './state.js';

const PLATFORMS: readonly Platform[] = ['IOS', 'MAC_OS', 'TV_OS', 'VISION_OS'];
const RELEASE_TYPES = ['MANUAL', 'AFTER_APPROVAL', 'SCHEDULED'] as const;
/** UNCONFIRMED: the UI's limit of What's New (stores/apple.md §3.8). */
const WHATS_NEW_MAX = 4000;
/** States in which the version's content is locked while Apple has it. */
const LOCKED_STATES = new Set(['WAITING_FOR_REVIEW', 'IN_REVIEW']);

export function findVersion(state: AppleState, id: string): AppleVersion {
  return state.versions.find((v) => v.id === id) ?? notFound('appStoreVersions', id);
}

function requireEditable(version: AppleVersion): void {
  if (!EDITABLE_STATES.has(version.appVersionState) || LOCKED_STATES.has(version.appVersionState)) {
    stateError(
      'The request cannot be fulfilled because of the state of another resource.',
      `appStoreVersions with id '${version.id}' cannot be edited in the state ${version.appVersionState}`,
    );
  }
}

function releaseAttributes(version: AppleVersion, attributes: Record<string, unknown>, now: number): void {
  const { releaseType, earliestReleaseDate } = attributes;
  if (releaseType !== undefined) {
    if (!RELEASE_TYPES.includes(releaseType as never)) {
      invalidAttribute('/data/attributes/releaseType', `'${String(releaseType)}' is not a valid value for releaseType`);
    }
    version.releaseType = releaseType as AppleVersion['releaseType'];
  }
  if (earliestReleaseDate !== undefined) {
    if (
      earliestReleaseDate !== null &&
      (typeof earliestReleaseDate !== 'string' || Number.isNaN(Date.parse(earliestReleaseDate)))
    ) {
      invalidAttribute('/data/attributes/earliestReleaseDate', 'earliestReleaseDate must be an ISO-8601 date-time');
    }
    if (typeof earliestReleaseDate === 'string' && Date.parse(earliestReleaseDate) <= now) {
      invalidAttribute('/data/attributes/earliestReleaseDate', 'earliestReleaseDate must be in the future');
    }
    version.earliestReleaseDate = earliestReleaseDate as string | null;
  }
  if (version.releaseType === 'SCHEDULED' && !version.earliestReleaseDate) {
    invalidAttribute(
      '/data/attributes/earliestReleaseDate',
      'A SCHEDULED release needs an earliestReleaseDate',
      'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
    );
  }
}

function createVersion(call: Call) {
  const { state } = call;
  const data = readData(call.body, 'appStoreVersions');
  const attributes = data.attributes ?? {};
  const app = findApp(state, relationshipId(data, 'app', 'apps'));
  const { platform, versionString } = attributes;
  if (!PLATFORMS.includes(platform as Platform))
    invalidAttribute(
      '/data/attributes/platform',
      'platform is required: IOS, MAC_OS, TV_OS or VISION_OS',
      'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
    );
  if (typeof versionString !== 'string' || !/^\d+(\.\d+){0,2}$/.test(versionString)) {
    invalidAttribute(
      '/data/attributes/versionString',
      'versionString is required, like 1.2.3',
      'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
    );
  }
  const mine = state.versions.filter((v) => v.appId === app.id && v.platform === platform);
  // Only one editable version per platform at a time (asc-cli FindOrCreateAppStoreVersion).
  // UNCONFIRMED: Apple's exact code for this refusal.
  const editable = mine.find((v) => EDITABLE_STATES.has(v.appVersionState));
  if (editable) {
    stateError(
      'The request cannot be fulfilled because of the state of another resource.',
      `You cannot create a new version of the App in the current state. (version ${editable.versionString} is ${editable.appVersionState})`,
    );
  }
  if (mine.some((v) => v.versionString === versionString)) {
    invalidAttribute(
      '/data/attributes/versionString',
      `The version number ${String(versionString)} has been previously used.`,
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
    );
  }
  const version: AppleVersion = {
    id: newId(state, 'version'),
    appId: app.id,
    platform: platform as Platform,
    versionString: versionString as string,
    appVersionState: 'PREPARE_FOR_SUBMISSION',
    releaseType: 'AFTER_APPROVAL',
    earliestReleaseDate: null,
    buildId: null,
    createdDate: isoDate(call.now),
  };
  releaseAttributes(version, attributes, call.now);
  const buildRef = data.relationships?.build?.data;
  if (buildRef && !Array.isArray(buildRef)) version.buildId = attachableBuild(state, version, buildRef.id).id;
  // A new version starts from the previous version's localizations (their locales and
  // description; What's New empty), else one in the app's primary locale, like the web UI's.
  const previous = mine.at(-1);
  const from = previous ? state.localizations.filter((l) => l.versionId === previous.id) : [];
  state.versions.push(version);
  for (const loc of from.length > 0 ? from : [{ locale: app.primaryLocale, description: null }]) {
    state.localizations.push({
      id: newId(state, 'loc'),
      versionId: version.id,
      locale: loc.locale,
      whatsNew: null,
      description: loc.description,
    });
  }
  return { status: 201, body: document(versionResource(version, call.urls)) };
}

function patchVersion(call: Call) {
  const version = findVersion(call.state, call.params[0]!);
  const data = readData(call.body, 'appStoreVersions', version.id);
  requireEditable(version);
  const attributes = data.attributes ?? {};
  if (attributes.versionString !== undefined) {
    if (typeof attributes.versionString !== 'string' || !/^\d+(\.\d+){0,2}$/.test(attributes.versionString)) {
      invalidAttribute('/data/attributes/versionString', 'versionString must be like 1.2.3');
    }
    version.versionString = attributes.versionString as string;
  }
  releaseAttributes(version, attributes, call.now);
  return { body: document(versionResource(version, call.urls)) };
}

function getVersion(call: Call) {
  const { state } = call;
  const version = findVersion(state, call.params[0]!);
  const include = (call.query.get('include') ?? '').split(',');
  const included =
    include.includes('build') && version.buildId
      ? [buildResource(findBuild(state, version.buildId), call.urls)]
      : undefined;
  return { body: document(versionResource(version, call.urls), { included }) };
}

function listLocalizations(call: Call) {
  const version = findVersion(call.state, call.params[0]!);
  const locs = call.state.localizations.filter((l) => l.versionId === version.id);
  return {
    body: document(
      locs.map((l) => localizationResource(l, call.urls)),
      { links: { self: call.selfUrl } },
    ),
  };
}

function patchLocalization(call: Call) {
  const { state } = call;
  const loc =
    state.localizations.find((l) => l.id === call.params[0]) ??
    notFound('appStoreVersionLocalizations', call.params[0]!);
  const data = readData(call.body, 'appStoreVersionLocalizations', loc.id);
  const version = findVersion(state, loc.versionId);
  requireEditable(version);
  const { whatsNew } = data.attributes ?? {};
  if (whatsNew !== undefined) {
    // The first version of an app cannot have What's New (idx 62006201577, idx 69007642103).
    if (isFirstVersion(state, version)) {
      fail(
        409,
        'ENTITY_ERROR.ATTRIBUTE.INVALID.NOT_EDITABLE',
        'An attribute value is not acceptable for the current resource state.',
        "The attribute 'whatsNew' can not be edited at this time",
        {
          source: { pointer: '/data/attributes/whatsNew' },
        },
      );
    }
    if (whatsNew !== null && (typeof whatsNew !== 'string' || whatsNew.length > WHATS_NEW_MAX)) {
      invalidAttribute(
        '/data/attributes/whatsNew',
        `whatsNew must be text of at most ${WHATS_NEW_MAX} characters`,
        'ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG',
      );
    }
    loc.whatsNew = whatsNew as string | null;
  }
  return { body: document(localizationResource(loc, call.urls)) };
}

/** The build must belong to the version's app and platform and have finished processing as VALID. */
function attachableBuild(state: AppleState, version: AppleVersion, buildId: string) {
  const build = findBuild(state, buildId);
  if (build.appId !== version.appId || build.platform !== version.platform) {
    fail(
      409,
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The provided entity includes a relationship with an invalid value',
      `The build '${build.id}' does not belong to this app and platform`,
      {
        source: { pointer: '/data' },
      },
    );
  }
  // UNCONFIRMED: Apple's exact code for a build that is still processing or failed.
  if (build.processingState !== 'VALID') {
    fail(
      409,
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The provided entity includes a relationship with an invalid value',
      `The build '${build.id}' is in the processing state ${build.processingState}; only a VALID build can be attached`,
      {
        source: { pointer: '/data' },
      },
    );
  }
  return build;
}

function attachBuild(call: Call) {
  const { state } = call;
  const version = findVersion(state, call.params[0]!);
  const data = readData(call.body, 'builds');
  requireEditable(version);
  version.buildId = attachableBuild(state, version, data.id).id;
  return { status: 204, body: '' };
}

function versionBuild(call: Call) {
  const version = findVersion(call.state, call.params[0]!);
  const build = version.buildId ? findBuild(call.state, version.buildId) : null;
  return { body: document(build ? buildResource(build, call.urls) : null, { links: { self: call.selfUrl } }) };
}

function versionPhasedRelease(call: Call) {
  const version = findVersion(call.state, call.params[0]!);
  const phased = call.state.phasedReleases.find((p) => p.versionId === version.id);
  return {
    body: document(phased ? phasedReleaseResource(phased, call.urls) : null, { links: { self: call.selfUrl } }),
  };
}

function createPhasedRelease(call: Call) {
  const { state } = call;
  const data = readData(call.body, 'appStoreVersionPhasedReleases');
  const version = findVersion(state, relationshipId(data, 'appStoreVersion', 'appStoreVersions'));
  requireEditable(version);
  const wanted = data.attributes?.phasedReleaseState ?? 'INACTIVE';
  if (wanted !== 'INACTIVE' && wanted !== 'ACTIVE') {
    invalidAttribute(
      '/data/attributes/phasedReleaseState',
      `'${String(wanted)}' is not a valid phasedReleaseState for a new phased release`,
    );
  }
  // Not available for an app's first version (apple-phased). UNCONFIRMED: the exact code.
  if (isFirstVersion(state, version)) {
    stateError(
      'The request cannot be fulfilled because of the state of another resource.',
      'A phased release is not available for the first version of an app.',
    );
  }
  if (state.phasedReleases.some((p) => p.versionId === version.id)) {
    fail(
      409,
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The provided entity includes a relationship with an invalid value',
      `appStoreVersions with id '${version.id}' already has a phased release`,
    );
  }
  const phased = {
    id: newId(state, 'phased'),
    versionId: version.id,
    phasedReleaseState: wanted as 'INACTIVE' | 'ACTIVE',
  };
  state.phasedReleases.push(phased);
  return { status: 201, body: document(phasedReleaseResource(phased, call.urls)) };
}

export const versionRoutes: Route[] = [
  route('POST', /^\/v1\/appStoreVersions$/, createVersion),
  route('GET', /^\/v1\/appStoreVersions\/([^/]+)$/, getVersion),
  route('PATCH', /^\/v1\/appStoreVersions\/([^/]+)$/, patchVersion),
  route('GET', /^\/v1\/appStoreVersions\/([^/]+)\/appStoreVersionLocalizations$/, listLocalizations),
  route('PATCH', /^\/v1\/appStoreVersionLocalizations\/([^/]+)$/, patchLocalization),
  route('GET', /^\/v1\/appStoreVersions\/([^/]+)\/build$/, versionBuild),
  route('PATCH', /^\/v1\/appStoreVersions\/([^/]+)\/relationships\/build$/, attachBuild),
  route('GET', /^\/v1\/appStoreVersions\/([^/]+)\/appStoreVersionPhasedRelease$/, versionPhasedRelease),
  route('POST', /^\/v1\/appStoreVersionPhasedReleases$/, createPhasedRelease),
];
