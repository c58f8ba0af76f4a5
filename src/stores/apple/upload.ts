/**
 * The IPA to a VALID build through the Build Upload API (App Store Connect API 4.1+, no Mac, no
 * altool) [src: stores/apple.md §3.6; asc-cli upload.go; py-asc]:
 * buildUploads -> buildUploadFiles (Apple answers with upload operations) -> every operation's byte
 * range PUT as Apple describes it -> commit with the SHA-256 -> poll the upload, then the build,
 * until VALID, within the --wait budget. A re-run finds a build (or an upload in processing) of
 * the same version and build number instead of uploading again.
 */
import { basename } from 'node:path';
import { StoreError } from '../../core/errors.js';
import { isAllowedUrl } from '../../config/fields.js';
import type { IpaInfo, Undigested } from '../../artifacts/types.js';
import { duration, fileBody, fileProgress, parseAnswer, pollUntil, quoteSafely } from '../kit/index.js';
import type { ProgressFn } from '../types.js';
import { isAppleCode, type AppleApi } from './api.js';
import { PLATFORM } from './info.js';
import {
  buildAttributes,
  buildUploadAttributes,
  relatedId,
  single,
  uploadFileAttributes,
  type Resource,
  type UploadOperation,
} from './schemas.js';

/** asc-cli polls at most every 30 s, py-asc every 20 s. */
export const PROCESSING_POLL_MS = 20_000;
/** Parts sent at once: asc-cli defaults to 1; a few in parallel without crowding the key's rate limit. */
export const PART_CONCURRENCY = 3;

export interface Build {
  id: string;
  processingState: string;
  usesNonExemptEncryption: boolean | null;
}

const src = (what: string) => ({ store: 'apple' as const, what });

function toBuild(item: Resource, what: string): Build {
  const a = parseAnswer(buildAttributes, item.attributes, src(what));
  return {
    id: item.id,
    processingState: a.processingState ?? 'PROCESSING',
    usesNonExemptEncryption: a.usesNonExemptEncryption ?? null,
  };
}

/** A build Apple already has for this version and build number (newest first). */
export async function findBuild(api: AppleApi, appId: string, ipa: Undigested<IpaInfo>): Promise<Build | null> {
  const what = `look for build ${ipa.versionName} (${ipa.buildNumber})`;
  const { data } = await api.list('/v1/builds', {
    what,
    query: {
      'filter[app]': appId,
      'filter[version]': ipa.buildNumber,
      'filter[preReleaseVersion.version]': ipa.versionName,
      'filter[preReleaseVersion.platform]': PLATFORM,
      sort: '-uploadedDate',
    },
  });
  return data[0] ? toBuild(data[0], what) : null;
}

/** An upload of this version and build number that Apple is processing (a run interrupted while waiting). */
export async function findUploadInProcessing(api: AppleApi, appId: string, ipa: IpaInfo): Promise<string | null> {
  const what = `look for an upload of ${ipa.versionName} (${ipa.buildNumber})`;
  const { data } = await api.list(`/v1/apps/${appId}/buildUploads`, {
    what,
    query: { 'filter[cfBundleVersion]': ipa.buildNumber, sort: '-uploadedDate' },
  });
  const found = data.find((item) => {
    const a = parseAnswer(buildUploadAttributes, item.attributes, src(what));
    return (
      a.cfBundleShortVersionString === ipa.versionName &&
      (a.state?.state === 'PROCESSING' || a.state?.state === 'COMPLETE')
    );
  });
  return found?.id ?? null;
}

/** Creates the build upload, sends every part and commits the file. Returns the build upload id. */
export async function uploadIpa(api: AppleApi, appId: string, ipa: IpaInfo, progress: ProgressFn): Promise<string> {
  const created = parseAnswer(
    single,
    await api.call('POST', '/v1/buildUploads', {
      what: 'create the build upload',
      body: {
        data: {
          type: 'buildUploads',
          attributes: {
            cfBundleShortVersionString: ipa.versionName,
            cfBundleVersion: ipa.buildNumber,
            platform: PLATFORM,
          },
          relationships: { app: { data: { type: 'apps', id: appId } } },
        },
      },
    }),
    src('create the build upload'),
  );
  const what = 'reserve the IPA file';
  const reserved = parseAnswer(
    single,
    await api.call('POST', '/v1/buildUploadFiles', {
      what,
      body: {
        data: {
          type: 'buildUploadFiles',
          attributes: { assetType: 'ASSET', fileName: basename(ipa.path), fileSize: ipa.size, uti: 'com.apple.ipa' },
          relationships: { buildUpload: { data: { type: 'buildUploads', id: created.data.id } } },
        },
      },
    }),
    src(what),
  );
  const operations = checkOperations(
    parseAnswer(uploadFileAttributes, reserved.data.attributes, src(what)).uploadOperations ?? [],
    ipa.size,
  );
  for (const op of operations) api.ctx.addSecret(op.url);
  await sendParts(api, ipa, operations, progress);

  await commitFile(api, reserved.data.id, ipa);
  return created.data.id;
}

/**
 * `uploaded: true` with the SHA-256 of the one hashing pass. Retried after a lost answer; a retry
 * that meets STATE_ERROR may only mean the first attempt was applied, which the file's delivery
 * state tells.
 */
async function commitFile(api: AppleApi, fileId: string, ipa: IpaInfo): Promise<void> {
  try {
    await api.call('PATCH', `/v1/buildUploadFiles/${fileId}`, {
      what: 'commit the uploaded IPA',
      idempotent: true,
      body: {
        data: {
          type: 'buildUploadFiles',
          id: fileId,
          attributes: { uploaded: true, sourceFileChecksums: { file: { hash: ipa.sha256, algorithm: 'SHA_256' } } },
        },
      },
    });
  } catch (error) {
    if (!isAppleCode(error, 'STATE_ERROR')) throw error;
    const what = 'read the IPA file state';
    const file = parseAnswer(single, await api.call('GET', `/v1/buildUploadFiles/${fileId}`, { what }), src(what));
    const state = parseAnswer(uploadFileAttributes, file.data.attributes, src(what)).assetDeliveryState?.state;
    if (state !== 'UPLOAD_COMPLETE' && state !== 'COMPLETE') throw error;
  }
}

/** Operations must cover the file exactly, in ranges that fit it, at https (or loopback) URLs [asc-cli]. */
export function checkOperations(operations: UploadOperation[], size: number): UploadOperation[] {
  const refuse = (why: string) =>
    new StoreError(`Apple's upload operations cannot be used: ${why}`, {
      code: 'UPLOAD_URL_REFUSED',
      store: 'apple',
      hint: 'run again; if it persists, report it with the output of --verbose',
    });
  if (operations.length === 0) throw refuse('there are none');
  const sorted = [...operations].sort((a, b) => a.offset - b.offset);
  let covered = 0;
  for (const op of sorted) {
    if (op.offset !== covered || op.offset + op.length > size)
      throw refuse(`part ${op.partNumber ?? '?'} (${op.offset}+${op.length}) does not fit a ${size}-byte file`);
    if (!URL.canParse(op.url) || !isAllowedUrl(new URL(op.url)))
      throw refuse(`part ${op.partNumber ?? '?'} is not at an https URL`);
    if (op.method !== 'PUT' && op.method !== 'POST')
      throw refuse(`part ${op.partNumber ?? '?'} wants the method ${op.method}`);
    covered += op.length;
  }
  if (covered !== size) throw refuse(`they cover ${covered} of ${size} bytes`);
  return operations;
}

/**
 * Each operation alone: exactly its byte range, with its method and its headers and no JWT (the URL
 * is the credential). The HTTP client retries a part by itself on a network error, 429 or 5xx.
 */
async function sendParts(
  api: AppleApi,
  ipa: IpaInfo,
  operations: UploadOperation[],
  progress: ProgressFn,
): Promise<void> {
  const bar = fileProgress(progress, `uploading ${basename(ipa.path)} to Apple (${operations.length} parts)`, ipa.size);
  const queue = [...operations];
  const worker = async () => {
    for (let op = queue.shift(); op; op = queue.shift()) {
      const part = op;
      const headers = Object.fromEntries((part.requestHeaders ?? []).map((h) => [h.name, h.value]));
      const response = await api.ctx.http.send(
        () => ({
          method: part.method as 'PUT' | 'POST',
          url: part.url,
          headers,
          body: fileBody(ipa.path, { offset: part.offset, length: part.length }),
        }),
        {
          idempotent: true,
          signal: api.ctx.signal,
          onUploadProgress: bar.part(part.offset, part.length),
          headersTimeoutMs: 300_000,
        },
      );
      if (response.status < 200 || response.status >= 300) {
        throw new StoreError(
          `upload part ${part.partNumber ?? '?'} of ${operations.length}: Apple's upload host answered HTTP ${response.status}: ${quoteSafely(response.text)}`,
          {
            code: 'FILE_REJECTED',
            store: 'apple',
            storeCode: response.status,
            hint: 'run again: the upload starts afresh',
          },
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PART_CONCURRENCY, operations.length) }, worker));
}

type Processed = { build: Build } | { failed: StoreError };

/**
 * Polls the build upload until it has a build, then the build until VALID, within `budgetMs`.
 * FAILED / INVALID end it with Apple's codes and descriptions; the end of the budget is
 * STILL_PROCESSING (a re-run finds the upload and waits again, it does not upload twice).
 */
export async function waitForBuild(
  api: AppleApi,
  start: { uploadId: string } | { buildId: string },
  ipa: IpaInfo,
  appId: string,
  budgetMs: number,
  progress: ProgressFn,
): Promise<Build> {
  let buildId = 'buildId' in start ? start.buildId : null;
  const label = `${ipa.versionName} (${ipa.buildNumber})`;
  const outcome = await pollUntil<Processed>({
    clock: api.ctx.clock,
    signal: api.ctx.signal,
    intervalMs: PROCESSING_POLL_MS,
    windowMs: budgetMs,
    poll: async () => {
      if (!buildId && 'uploadId' in start) {
        const what = 'read the build upload';
        const upload = parseAnswer(
          single,
          await api.call('GET', `/v1/buildUploads/${start.uploadId}`, { what, query: { include: 'build' } }),
          src(what),
        );
        const state = parseAnswer(buildUploadAttributes, upload.data.attributes, src(what)).state;
        if (state?.state === 'FAILED') return { failed: processingFailed(label, state.errors ?? [], 'the upload') };
        if (state?.state !== 'COMPLETE') return undefined;
        // The build relationship, or (fallback) the build found by its numbers [asc-cli WaitForBuildByNumberOrUploadFailure].
        buildId = relatedId(upload.data, 'build') ?? (await findBuild(api, appId, ipa))?.id ?? null;
        if (!buildId) return undefined;
      }
      const what = 'read the build';
      const build = toBuild(
        parseAnswer(single, await api.call('GET', `/v1/builds/${buildId}`, { what }), src(what)).data,
        what,
      );
      if (build.processingState === 'VALID') return { build };
      if (build.processingState === 'FAILED' || build.processingState === 'INVALID') {
        return {
          failed: processingFailed(
            label,
            [{ code: build.processingState, description: `the build is ${build.processingState}` }],
            'the build',
          ),
        };
      }
      return undefined;
    },
    onWait: ({ waitedMs }) =>
      progress({
        phase: 'wait',
        detail: `Apple is processing build ${label} (${duration(waitedMs)} of up to ${duration(budgetMs)})`,
      }),
  });
  if (outcome.done) {
    if ('failed' in outcome.value) throw outcome.value.failed;
    return outcome.value.build;
  }
  throw new StoreError(
    `Apple has not finished processing build ${label} after ${duration(outcome.waitedMs)}; nothing was submitted`,
    {
      code: 'STILL_PROCESSING',
      store: 'apple',
      hint: 'run the same publish again later (or with a longer --wait, e.g. --wait 60m): it finds this upload and does not send the IPA again',
    },
  );
}

function processingFailed(
  label: string,
  errors: Array<{ code?: string | null; description?: string | null }>,
  what: string,
): StoreError {
  const text = errors.map((e) => `${e.code ?? '?'}: ${e.description ?? ''}`).join('; ') || 'no reason given';
  return new StoreError(`Apple's processing of build ${label} failed (${what}): ${text}`, {
    code: 'FILE_REJECTED',
    store: 'apple',
    storeCode: errors[0]?.code ?? undefined,
    hint: 'fix what Apple lists, raise CFBundleVersion and build the IPA again',
  });
}
