/**
 * Submit for review through reviewSubmissions [src: stores/apple.md §3.8]: reuse the app's
 * READY_FOR_REVIEW submission or open one, add the version as an item (Apple lists every blocker
 * then), and `submitted: true` exactly once. After a lost answer only the version's own state
 * decides (the "ready" submission lookup is empty after a submit, idx 66029079261).
 */
import { StoreError } from '../../core/errors.js';
import { parseAnswer, submitOnce, type Meaning } from '../kit/index.js';
import type { ProgressFn, Release } from '../types.js';
import { isAppleCode, type AppleApi } from './api.js';
import { IN_REVIEW_STATES, PLATFORM } from './info.js';
import { single, versionAttributes } from './schemas.js';

const ANOTHER_OPEN: Meaning = {
  code: 'IN_REVIEW',
  meaning: 'another review submission of this app is open at Apple',
  hint: 'wait for that review to end, or cancel it in App Store Connect, then run again',
};

export async function submitForReview(
  api: AppleApi,
  appId: string,
  versionId: string,
  release: Release,
  progress: ProgressFn,
): Promise<{ message: string; reference: string }> {
  const label = `version ${release.versionName} (${release.ipa?.buildNumber ?? release.versionCode})`;
  let submissionId = await openSubmission(api, appId);
  try {
    await addItem(api, submissionId, versionId, label);
  } catch (error) {
    // "already added to another reviewSubmission with id X": that one is ours to submit (asc-cli).
    const other =
      error instanceof StoreError ? /another reviewSubmission with id '?([\w-]+)/.exec(error.message)?.[1] : undefined;
    if (!other || !isAppleCode(error, 'STATE_ERROR')) throw error;
    submissionId = other;
  }

  const done = await submitOnce({
    store: 'apple',
    what: label,
    check: `\`appstores info --store apple --pkg ${release.package}\` (or App Store Connect → Apps → ${release.package})`,
    clock: api.ctx.clock,
    signal: api.ctx.signal,
    progress,
    submit: () =>
      api.call('PATCH', `/v1/reviewSubmissions/${submissionId}`, {
        what: `submit ${label} for review`,
        idempotent: false,
        meanings: { STATE_ERROR: ANOTHER_OPEN },
        body: { data: { type: 'reviewSubmissions', id: submissionId, attributes: { submitted: true } } },
      }),
    confirm: async () => {
      const what = 'read the version state';
      const version = parseAnswer(single, await api.call('GET', `/v1/appStoreVersions/${versionId}`, { what }), {
        store: 'apple',
        what,
      });
      const attributes = parseAnswer(versionAttributes, version.data.attributes, { store: 'apple', what });
      const state = attributes.appVersionState ?? attributes.appStoreState ?? '';
      return IN_REVIEW_STATES.has(state) ? `its appVersionState is ${state}` : null;
    },
  });
  return { message: done.message, reference: submissionId };
}

/**
 * The app's open submission that can take the version: READY_FOR_REVIEW (not yet sent), or
 * UNRESOLVED_ISSUES (rejected: it is resubmitted after the fix, as in App Store Connect), or a new one.
 */
async function openSubmission(api: AppleApi, appId: string): Promise<string> {
  const { data } = await api.list('/v1/reviewSubmissions', {
    what: 'look for an open review submission',
    query: {
      'filter[app]': appId,
      'filter[platform]': PLATFORM,
      'filter[state]': 'READY_FOR_REVIEW,UNRESOLVED_ISSUES',
    },
  });
  if (data[0]) return data[0].id;
  const what = 'open a review submission';
  const created = parseAnswer(
    single,
    await api.call('POST', '/v1/reviewSubmissions', {
      what,
      meanings: { STATE_ERROR: ANOTHER_OPEN },
      body: {
        data: {
          type: 'reviewSubmissions',
          attributes: { platform: PLATFORM },
          relationships: { app: { data: { type: 'apps', id: appId } } },
        },
      },
    }),
    { store: 'apple', what },
  );
  return created.data.id;
}

async function addItem(api: AppleApi, submissionId: string, versionId: string, label: string): Promise<void> {
  await api.call('POST', '/v1/reviewSubmissionItems', {
    what: `add ${label} to the review submission`,
    body: {
      data: {
        type: 'reviewSubmissionItems',
        relationships: {
          reviewSubmission: { data: { type: 'reviewSubmissions', id: submissionId } },
          appStoreVersion: { data: { type: 'appStoreVersions', id: versionId } },
        },
      },
    },
  });
}
