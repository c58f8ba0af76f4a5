/**
 * After review (stores/apple.md §3.8): a MANUAL version held in PENDING_DEVELOPER_RELEASE is
 * released with a POST of appStoreVersionReleaseRequests (its INACTIVE phased release starts
 * then); a started phased release is PATCHed to PAUSED / ACTIVE / COMPLETE. Anything else is the
 * STATE_ERROR Apple answers when another resource's state forbids the request.
 */
import { route, type Call, type Route } from './call.js';
import { document, invalidAttribute, notFound, readData, relationshipId, stateError } from './jsonapi.js';
import { phasedReleaseResource } from './resources.js';
import type { ApplePhasedRelease, AppleState } from './state.js';
import { findVersion } from './versions.js';

/** A version that goes on sale: its phased release (if any) starts with it. */
export function startSale(state: AppleState, versionId: string): void {
  findVersion(state, versionId).appVersionState = 'READY_FOR_DISTRIBUTION';
  for (const p of state.phasedReleases)
    if (p.versionId === versionId && p.phasedReleaseState === 'INACTIVE') p.phasedReleaseState = 'ACTIVE';
}

function releaseRequest(call: Call) {
  const data = readData(call.body, 'appStoreVersionReleaseRequests');
  const version = findVersion(call.state, relationshipId(data, 'appStoreVersion', 'appStoreVersions'));
  if (version.appVersionState !== 'PENDING_DEVELOPER_RELEASE') {
    stateError(
      'The request cannot be fulfilled because of the state of another resource.',
      `appStoreVersions with id '${version.id}' is not pending developer release (state ${version.appVersionState})`,
    );
  }
  startSale(call.state, version.id);
  return {
    status: 201,
    body: document({ type: 'appStoreVersionReleaseRequests', id: `release-${version.id}` }),
  };
}

/** Which states a PATCH may move a phased release from (apple-phased). */
const ALLOWED: Record<string, ApplePhasedRelease['phasedReleaseState'][]> = {
  PAUSED: ['ACTIVE'],
  ACTIVE: ['PAUSED'],
  COMPLETE: ['ACTIVE', 'PAUSED'],
};

function patchPhasedRelease(call: Call) {
  const id = call.params[0]!;
  const phased = call.state.phasedReleases.find((p) => p.id === id) ?? notFound('appStoreVersionPhasedReleases', id);
  const data = readData(call.body, 'appStoreVersionPhasedReleases', id);
  const wanted = String(data.attributes?.phasedReleaseState ?? '');
  const from = ALLOWED[wanted];
  if (!from) {
    return invalidAttribute(
      '/data/attributes/phasedReleaseState',
      `'${wanted}' is not a valid value for phasedReleaseState`,
    );
  }
  if (!from.includes(phased.phasedReleaseState)) {
    stateError(
      'The request cannot be fulfilled because of the state of another resource.',
      `the phased release '${id}' cannot go from ${phased.phasedReleaseState} to ${wanted}`,
    );
  }
  phased.phasedReleaseState = wanted as ApplePhasedRelease['phasedReleaseState'];
  return { body: document(phasedReleaseResource(phased, call.urls)) };
}

export const releaseRoutes: Route[] = [
  route('POST', /^\/v1\/appStoreVersionReleaseRequests$/, releaseRequest),
  route('PATCH', /^\/v1\/appStoreVersionPhasedReleases\/([^/]+)$/, patchPhasedRelease),
];
