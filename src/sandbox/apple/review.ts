/**
 * Review submissions (stores/apple.md §3.8, §3.9): one open submission per app and platform;
 * adding a version lists every blocker in `meta.associatedErrors`; `submitted: true` moves the
 * submission and its versions to WAITING_FOR_REVIEW; a second submission while one is waiting for
 * review is refused with 409 STATE_ERROR.
 */
import { findApp, findBuild } from './apps.js';
import { filterValues, isoDate, route, type Call, type Route } from './call.js';
import {
  ApiFailure,
  apiError,
  document,
  fail,
  invalidAttribute,
  invalidParameter,
  notFound,
  page,
  readData,
  relationshipId,
  stateError,
  type ApiError,
} from './jsonapi.js';
import { submissionResource } from './resources.js';
import { findVersion } from './versions.js';
import {
  EDITABLE_STATES,
  newId,
  type AppleReviewSubmission,
  type AppleState,
  type AppleVersion,
  type Platform,
} from './state.js';

/** Submissions that are still Apple's business: a new one cannot be opened beside them. */
const OPEN_STATES = new Set([
  'READY_FOR_REVIEW',
  'WAITING_FOR_REVIEW',
  'IN_REVIEW',
  'UNRESOLVED_ISSUES',
  'CANCELING',
  'COMPLETING',
]);

/** Not yet sent, or rejected and sent again after the fix (App Store Connect's "Resubmit to App Review"). */
const RESUBMITTABLE = new Set(['READY_FOR_REVIEW', 'UNRESOLVED_ISSUES']);

function findSubmission(state: AppleState, id: string): AppleReviewSubmission {
  return state.submissions.find((s) => s.id === id) ?? notFound('reviewSubmissions', id);
}

function listSubmissions(call: Call) {
  const { state, query } = call;
  const apps = filterValues(query, 'app');
  // filter[app] is required on this collection (stores/apple.md §3.8).
  if (!apps) invalidParameter('filter[app]', 'The parameter filter[app] is required');
  const platforms = filterValues(query, 'platform');
  const states = filterValues(query, 'state');
  const found = state.submissions
    .filter(
      (s) =>
        apps!.includes(s.appId) &&
        (!platforms || platforms.includes(s.platform)) &&
        (!states || states.includes(s.state)),
    )
    .reverse();
  const { slice, links, meta } = page(found, query, call.selfUrl, state.pageSize);
  return {
    body: document(
      slice.map((s) => submissionResource(s, call.urls)),
      { links, meta },
    ),
  };
}

function createSubmission(call: Call) {
  const { state } = call;
  const data = readData(call.body, 'reviewSubmissions');
  const app = findApp(state, relationshipId(data, 'app', 'apps'));
  const platform = (data.attributes?.platform ?? 'IOS') as Platform;
  const open = state.submissions.find((s) => s.appId === app.id && s.platform === platform && OPEN_STATES.has(s.state));
  if (open) {
    stateError(
      'The request cannot be fulfilled because of the state of another resource.',
      `There is another reviewSubmission with id '${open.id}' in the state ${open.state} for this app and platform.`,
    );
  }
  const submission: AppleReviewSubmission = {
    id: newId(state, 'submission'),
    appId: app.id,
    platform,
    state: 'READY_FOR_REVIEW',
    versionIds: [],
    submittedDate: null,
  };
  state.submissions.push(submission);
  return { status: 201, body: document(submissionResource(submission, call.urls)) };
}

/** Everything that keeps this version out of review, as Apple lists it under associatedErrors. */
function blockers(state: AppleState, version: AppleVersion): Record<string, ApiError[]> {
  const found: Record<string, ApiError[]> = {};
  const add = (path: string, code: string, title: string, detail: string) => {
    found[path] = [...(found[path] ?? []), apiError(409, code, title, detail)];
  };
  const versionPath = `/v1/appStoreVersions/${version.id}`;
  if (!version.buildId) {
    add(
      versionPath,
      'ENTITY_ERROR.RELATIONSHIP.REQUIRED',
      'The provided entity is missing a required relationship',
      'You must provide a value for the relationship build with this request',
    );
  } else {
    const build = findBuild(state, version.buildId);
    if (build.shortVersion !== version.versionString) {
      add(
        versionPath,
        'ENTITY_ERROR.ATTRIBUTE.INVALID',
        'An attribute value is invalid.',
        `The version ${version.versionString} does not match the build's CFBundleShortVersionString ${build.shortVersion}`,
      );
    }
    if (build.usesNonExemptEncryption === null) {
      add(
        `/v1/builds/${build.id}`,
        'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
        'The provided entity is missing a required attribute',
        'You must provide a value for the attribute usesNonExemptEncryption (export compliance) with this request',
      );
    }
  }
  for (const b of findApp(state, version.appId).blockers) add(b.path, b.code, b.title, b.detail);
  return found;
}

function addItem(call: Call) {
  const { state } = call;
  const data = readData(call.body, 'reviewSubmissionItems');
  const submission = findSubmission(state, relationshipId(data, 'reviewSubmission', 'reviewSubmissions'));
  const version = findVersion(state, relationshipId(data, 'appStoreVersion', 'appStoreVersions'));
  if (version.appId !== submission.appId || version.platform !== submission.platform) {
    invalidAttribute(
      '/data/relationships/appStoreVersion',
      'The version does not belong to the app and platform of this review submission',
    );
  }
  if (!RESUBMITTABLE.has(submission.state)) {
    stateError(
      'The request cannot be fulfilled because of the state of another resource.',
      `reviewSubmission with id ${submission.id} still in progress`,
    );
  }
  const other = state.submissions.find(
    (s) => s !== submission && s.versionIds.includes(version.id) && OPEN_STATES.has(s.state),
  );
  if (other) {
    stateError(
      'The request cannot be fulfilled because of the state of another resource.',
      `appStoreVersion with id ${version.id} is already added to another reviewSubmission with id ${other.id}`,
    );
  }
  if (!EDITABLE_STATES.has(version.appVersionState) || version.appVersionState === 'WAITING_FOR_REVIEW') {
    stateError(
      'The request cannot be fulfilled because of the state of another resource.',
      `appStoreVersions with id '${version.id}' is ${version.appVersionState} and cannot be reviewed`,
    );
  }
  const associated = blockers(state, version);
  if (Object.keys(associated).length > 0) {
    throw new ApiFailure(409, [
      apiError(
        409,
        'STATE_ERROR.ENTITY_STATE_INVALID',
        `appStoreVersions with id '${version.id}' is not in valid state.`,
        'This resource cannot be reviewed, please check associated errors to see why.',
        {
          meta: { associatedErrors: associated },
        },
      ),
    ]);
  }
  if (!submission.versionIds.includes(version.id)) submission.versionIds.push(version.id);
  const item = {
    type: 'reviewSubmissionItems',
    id: `item-${submission.id}-${version.id}`,
    attributes: { state: 'READY_FOR_REVIEW' },
    relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: version.id } } },
  };
  return { status: 201, body: document(item) };
}

function patchSubmission(call: Call) {
  const { state } = call;
  const submission = findSubmission(state, call.params[0]!);
  const data = readData(call.body, 'reviewSubmissions', submission.id);
  const { submitted, canceled } = data.attributes ?? {};
  if (submitted === true) {
    if (!RESUBMITTABLE.has(submission.state)) {
      stateError(
        'The request cannot be fulfilled because of the state of another resource.',
        `reviewSubmission with id ${submission.id} is already ${submission.state}`,
      );
    }
    if (submission.versionIds.length === 0) {
      stateError(
        'The request cannot be fulfilled because of the state of another resource.',
        'The review submission has no items to submit.',
        'STATE_ERROR.ENTITY_STATE_INVALID',
      );
    }
    const waiting = state.submissions.find(
      (s) =>
        s !== submission &&
        s.appId === submission.appId &&
        s.platform === submission.platform &&
        (s.state === 'WAITING_FOR_REVIEW' || s.state === 'IN_REVIEW'),
    );
    if (waiting) {
      stateError(
        'The request cannot be fulfilled because of the state of another resource.',
        `There is another reviewSubmission with id '${waiting.id}' waiting for review.`,
      );
    }
    submission.state = 'WAITING_FOR_REVIEW';
    submission.submittedDate = isoDate(call.now);
    for (const id of submission.versionIds) findVersion(state, id).appVersionState = 'WAITING_FOR_REVIEW';
    state.submitCalls.push({ submissionId: submission.id, time: call.now });
  } else if (canceled === true) {
    if (!OPEN_STATES.has(submission.state))
      fail(
        409,
        'STATE_ERROR',
        'The request cannot be fulfilled because of the state of another resource.',
        `reviewSubmission with id ${submission.id} is ${submission.state}`,
      );
    submission.state = 'COMPLETE';
    for (const id of submission.versionIds) {
      const version = findVersion(state, id);
      if (version.appVersionState === 'WAITING_FOR_REVIEW') version.appVersionState = 'DEVELOPER_REJECTED';
    }
  }
  return { body: document(submissionResource(submission, call.urls)) };
}

export const reviewRoutes: Route[] = [
  route('GET', /^\/v1\/reviewSubmissions$/, listSubmissions),
  route('GET', /^\/v1\/reviewSubmissions\/([^/]+)$/, (call) => ({
    body: document(submissionResource(findSubmission(call.state, call.params[0]!), call.urls)),
  })),
  route('POST', /^\/v1\/reviewSubmissions$/, createSubmission),
  route('PATCH', /^\/v1\/reviewSubmissions\/([^/]+)$/, patchSubmission),
  route('POST', /^\/v1\/reviewSubmissionItems$/, addItem),
];
