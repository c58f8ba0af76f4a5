/**
 * Reads: apps by bundle id (a prefix match, stores/apple.md §3.5), an app's versions and build
 * uploads, builds (which move from PROCESSING to VALID over a few polls) and the export-compliance
 * PATCH on a build.
 */
import { route, filterValues, type Call, type Route } from './call.js';
import { document, fail, invalidAttribute, notFound, page, readData } from './jsonapi.js';
import { appResource, buildResource, buildUploadResource, versionResource } from './resources.js';
import type { AppleApp, AppleBuild, AppleState } from './state.js';

export function findApp(state: AppleState, id: string): AppleApp {
  return state.apps.find((a) => a.id === id) ?? notFound('apps', id);
}

export function findBuild(state: AppleState, id: string): AppleBuild {
  return state.builds.find((b) => b.id === id) ?? notFound('builds', id);
}

function listApps(call: Call) {
  const { state, query } = call;
  const bundleIds = filterValues(query, 'bundleId');
  const skus = filterValues(query, 'sku');
  const apps = state.apps.filter(
    (app) =>
      // Not exact: `com.foo.bar` also finds `com.foo.bar.widget` (idx 69194027377).
      (!bundleIds || bundleIds.some((b) => app.bundleId.startsWith(b))) && (!skus || skus.includes(app.sku)),
  );
  const { slice, links, meta } = page(apps, query, call.selfUrl, state.pageSize);
  return {
    body: document(
      slice.map((a) => appResource(a, call.urls)),
      { links, meta },
    ),
  };
}

function appVersions(call: Call) {
  const { state, query } = call;
  const app = findApp(state, call.params[0]!);
  const platforms = filterValues(query, 'platform');
  const states = filterValues(query, 'appVersionState') ?? filterValues(query, 'appStoreState');
  const strings = filterValues(query, 'versionString');
  const versions = state.versions
    .filter((v) => v.appId === app.id)
    .filter((v) => (!platforms || platforms.includes(v.platform)) && (!states || states.includes(v.appVersionState)))
    .filter((v) => !strings || strings.includes(v.versionString))
    .sort((a, b) => b.createdDate.localeCompare(a.createdDate));
  const { slice, links, meta } = page(versions, query, call.selfUrl, state.pageSize);
  const include = (query.get('include') ?? '').split(',');
  const included = include.includes('build')
    ? slice.flatMap((v) => state.builds.filter((b) => b.id === v.buildId).map((b) => buildResource(b, call.urls)))
    : undefined;
  return {
    body: document(
      slice.map((v) => versionResource(v, call.urls)),
      { links, meta, included },
    ),
  };
}

function appBuildUploads(call: Call) {
  const { state, query } = call;
  const app = findApp(state, call.params[0]!);
  const versions = filterValues(query, 'cfBundleVersion');
  const shortVersions = filterValues(query, 'cfBundleShortVersionString');
  const states = filterValues(query, 'state');
  const uploads = state.uploads
    .filter((u) => u.appId === app.id)
    .filter((u) => (!versions || versions.includes(u.cfBundleVersion)) && (!states || states.includes(u.state)))
    .filter((u) => !shortVersions || shortVersions.includes(u.cfBundleShortVersionString))
    .reverse();
  const { slice, links, meta } = page(uploads, query, call.selfUrl, state.pageSize);
  return {
    body: document(
      slice.map((u) => buildUploadResource(u, call.urls)),
      { links, meta },
    ),
  };
}

function listBuilds(call: Call) {
  const { state, query } = call;
  const apps = filterValues(query, 'app');
  const versions = filterValues(query, 'version');
  const shortVersions = filterValues(query, 'preReleaseVersion.version');
  const platforms = filterValues(query, 'preReleaseVersion.platform');
  const processing = filterValues(query, 'processingState');
  const builds = state.builds
    .filter((b) => (!apps || apps.includes(b.appId)) && (!versions || versions.includes(b.version)))
    .filter(
      (b) =>
        (!shortVersions || shortVersions.includes(b.shortVersion)) && (!platforms || platforms.includes(b.platform)),
    )
    .filter((b) => !processing || processing.includes(b.processingState))
    .sort((a, b) => b.uploadedDate.localeCompare(a.uploadedDate));
  const { slice, links, meta } = page(builds, query, call.selfUrl, state.pageSize);
  return {
    body: document(
      slice.map((b) => buildResource(b, call.urls)),
      { links, meta },
    ),
  };
}

function getBuild(call: Call) {
  const build = findBuild(call.state, call.params[0]!);
  advanceBuild(call.state, build);
  return { body: document(buildResource(build, call.urls)) };
}

/** Each look at a processing build brings it one poll closer to VALID (or INVALID, when told to fail). */
export function advanceBuild(state: AppleState, build: AppleBuild): void {
  if (build.processingState !== 'PROCESSING') return;
  if (--build.pollsLeft > 0) return;
  const failure = state.processingFailure;
  if (failure?.on === 'build') {
    state.processingFailure = null;
    build.processingState = 'INVALID';
    return;
  }
  build.processingState = 'VALID';
}

function patchBuild(call: Call) {
  const build = findBuild(call.state, call.params[0]!);
  const data = readData(call.body, 'builds', build.id);
  const value = data.attributes?.usesNonExemptEncryption;
  if (value !== undefined) {
    if (typeof value !== 'boolean')
      invalidAttribute('/data/attributes/usesNonExemptEncryption', 'usesNonExemptEncryption must be a boolean');
    // UNCONFIRMED: how Apple answers a change of an answer that Info.plist already gave.
    if (build.usesNonExemptEncryption !== null && build.usesNonExemptEncryption !== value) {
      fail(
        409,
        'ENTITY_ERROR.ATTRIBUTE.INVALID',
        'An attribute value is invalid.',
        'The export compliance of this build is already set by its Info.plist (ITSAppUsesNonExemptEncryption)',
        {
          source: { pointer: '/data/attributes/usesNonExemptEncryption' },
        },
      );
    }
    build.usesNonExemptEncryption = value as boolean;
  }
  return { body: document(buildResource(build, call.urls)) };
}

export const appRoutes: Route[] = [
  route('GET', /^\/v1\/apps$/, listApps),
  route('GET', /^\/v1\/apps\/([^/]+)$/, (call) => ({
    body: document(appResource(findApp(call.state, call.params[0]!), call.urls)),
  })),
  route('GET', /^\/v1\/apps\/([^/]+)\/appStoreVersions$/, appVersions),
  route('GET', /^\/v1\/apps\/([^/]+)\/buildUploads$/, appBuildUploads),
  route('GET', /^\/v1\/builds$/, listBuilds),
  route('GET', /^\/v1\/builds\/([^/]+)$/, getBuild),
  route('PATCH', /^\/v1\/builds\/([^/]+)$/, patchBuild),
];
