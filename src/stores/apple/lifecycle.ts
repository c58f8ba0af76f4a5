/**
 * After the submit: release a version held for a manual release (`appStoreVersionReleaseRequests`)
 * and control its phased release (`appStoreVersionPhasedReleases`, phasedReleaseState PAUSED /
 * ACTIVE / COMPLETE) [src: stores/apple.md §3.8]. Apple's phased schedule is fixed (7 days), so
 * there is no percent to set.
 */
import { parseAnswer, WRONG_STATE } from '../kit/index.js';
import type { LifecycleOutcome, LifecycleTarget, RolloutAction } from '../types.js';
import type { AppleApi } from './api.js';
import { listVersions, liveVersion, requireApp, type AppleVersion } from './info.js';
import { optionalSingle } from './schemas.js';

const label = (v: AppleVersion) => `version ${v.versionString}${v.buildNumber ? ` (${v.buildNumber})` : ''}`;

async function versionsOf(api: AppleApi, target: LifecycleTarget): Promise<AppleVersion[]> {
  const app = await requireApp(api, target.package);
  const { versions } = await listVersions(api, app.id);
  return target.versionName ? versions.filter((v) => v.versionString === target.versionName) : versions;
}

export async function releaseVersion(api: AppleApi, target: LifecycleTarget): Promise<LifecycleOutcome> {
  const versions = await versionsOf(api, target);
  const held = versions.find((v) => v.state === 'PENDING_DEVELOPER_RELEASE');
  if (!held) {
    const newest = versions[0];
    return {
      status: 'noop',
      message: newest
        ? `nothing to release: ${label(newest)} is ${newest.state}, not approved and held (PENDING_DEVELOPER_RELEASE)`
        : `nothing to release: Apple has no ${target.versionName ? `version ${target.versionName}` : 'version'} of ${target.package}`,
    };
  }
  await api.call('POST', '/v1/appStoreVersionReleaseRequests', {
    what: `release ${label(held)}`,
    // The version left PENDING_DEVELOPER_RELEASE since it was read (released on the web, say).
    meanings: { STATE_ERROR: WRONG_STATE },
    body: {
      data: {
        type: 'appStoreVersionReleaseRequests',
        relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: held.id } } },
      },
    },
  });
  return { status: 'done', message: `released ${label(held)}: on its way to the App Store` };
}

/** Which phasedReleaseState an operation asks for, and the states it applies to. */
const TRANSITIONS = {
  pause: { to: 'PAUSED', from: ['ACTIVE'] },
  resume: { to: 'ACTIVE', from: ['PAUSED'] },
  complete: { to: 'COMPLETE', from: ['ACTIVE', 'PAUSED'] },
} as const;

export async function controlRollout(
  api: AppleApi,
  target: LifecycleTarget,
  action: RolloutAction,
): Promise<LifecycleOutcome> {
  if (action.op === 'percent') {
    // The command refuses this before any request; kept here so the adapter never sends it.
    return { status: 'noop', message: "Apple's phased release follows its fixed 7-day schedule: no percent to set" };
  }
  const versions = await versionsOf(api, target);
  // The phased release runs on the version on sale (it starts when the version is released).
  const version = target.versionName ? versions[0] : (liveVersion(versions) ?? versions[0]);
  if (!version) return { status: 'noop', message: `no version of ${target.package} at Apple to roll out` };
  const what = `read the phased release of ${label(version)}`;
  const answer = parseAnswer(
    optionalSingle,
    await api.call('GET', `/v1/appStoreVersions/${version.id}/appStoreVersionPhasedRelease`, { what }),
    { store: 'apple', what },
  );
  if (!answer.data) return { status: 'noop', message: `${label(version)} has no phased release` };
  const state = String(answer.data.attributes.phasedReleaseState ?? 'UNKNOWN');
  const step = TRANSITIONS[action.op];
  if (state === step.to)
    return { status: 'noop', message: `the phased release of ${label(version)} is ${state} already` };
  if (!(step.from as readonly string[]).includes(state)) {
    return {
      status: 'noop',
      message: `the phased release of ${label(version)} is ${state}: ${action.op} applies to ${step.from.join(' or ')} only${state === 'INACTIVE' ? ' (it starts when the version is released)' : ''}`,
    };
  }
  await api.call('PATCH', `/v1/appStoreVersionPhasedReleases/${answer.data.id}`, {
    what: `${action.op} the phased release of ${label(version)}`,
    // Setting a state again does no harm: safe to resend.
    idempotent: true,
    meanings: { STATE_ERROR: WRONG_STATE },
    body: {
      data: { type: 'appStoreVersionPhasedReleases', id: answer.data.id, attributes: { phasedReleaseState: step.to } },
    },
  });
  return { status: 'done', message: `phased release of ${label(version)}: ${state} → ${step.to}` };
}
