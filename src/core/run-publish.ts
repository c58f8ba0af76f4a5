/**
 * `publish` from flags to report: read the notes and files, load the config, connect the stores,
 * build each store's release, then publishAll (core/publish.ts). The command module only turns
 * flags into a PublishRequest and renders the report.
 */
import { readArtifact } from '../artifacts/index.js';
import { artifactJson, type ArtifactInfo, type ArtifactJson } from '../artifacts/types.js';
import { loadAdapters } from '../stores/registry.js';
import { STORE_IDS, type ProgressEvent, type StoreAdapter, type StoreId } from '../stores/types.js';
import { UsageError } from './errors.js';
import { requireNotes } from './notes.js';
import { applyNotesDir, DEFAULT_LOCALE, readNotesDir } from './notes-dir.js';
import { publishAll, type PublishReport, type StoreResult } from './publish.js';
import {
  buildReleases,
  parseFileArg,
  parsePhased,
  parseSchedule,
  readNotes,
  refuseRepeatedFiles,
  refuseSameContent,
  takesFile,
} from './release.js';
import { parseWait } from './release-flags.js';
import { connectStores, loadStores, parseStoreList, type RunEnv, type SessionOptions } from './sessions.js';

export interface PublishRequest extends SessionOptions {
  files: string[];
  store?: string;
  notes?: string;
  notesFile?: string;
  notesDir?: string;
  schedule?: string;
  dryRun?: boolean;
  keepGoing?: boolean;
  /** commander: true for a bare `--phased`, the text for `--phased 10`. */
  phased?: string | boolean;
  phasedEnd?: string;
  manualRelease?: boolean;
  wait?: string;
}

export interface ProgressSink {
  update(store: StoreId, event: ProgressEvent): void;
  /** One store's result, as soon as it is known. */
  result(result: StoreResult): void;
  stop(): void;
}

export interface ProgressStart {
  stores: StoreId[];
  artifacts: ArtifactJson[];
  dryRun: boolean;
}

export async function runPublish(
  env: RunEnv,
  request: PublishRequest,
  startProgress: (start: ProgressStart) => ProgressSink,
): Promise<PublishReport> {
  if (request.files.length === 0)
    throw new UsageError('no file to publish', 'pass an APK, App Bundle or IPA: appstores publish app.apk');
  const requested = parseStoreList(request.store);
  const schedule = parseSchedule(request.schedule, Date.now());
  const phased = parsePhased(request.phased, request.phasedEnd, schedule, Date.now());
  const waitMs = parseWait(request.wait);
  if (request.notesDir !== undefined && (request.notes !== undefined || request.notesFile !== undefined))
    throw new UsageError(
      '--notes-dir and --notes / --notes-file both given',
      'use --notes-dir alone, or one of the others',
    );
  const notes = await readNotes(request.notes, request.notesFile);
  const notesDir = request.notesDir === undefined ? null : await readNotesDir(request.notesDir);
  const args = request.files.map((f) => parseFileArg(f, STORE_IDS));
  refuseRepeatedFiles(args, env.cwd);

  // The config first (a mistake there should not wait for a 1 GB APK to be hashed), then every file
  // read and hashed once, in one pass, before any store is contacted.
  const { config, stores } = await loadStores(env, request, requested);
  const artifacts = await Promise.all(
    args.map(async (arg) => ({ arg, info: await readArtifact(arg.path, { signal: env.signal }) })),
  );
  refuseSameContent(artifacts);
  // Retry notices join the progress display once it exists (a raw line would break a live redraw).
  let notice = (_store: StoreId, line: string) => env.err(`${line}\n`);
  const { connected, close } = connectStores(env, request, config, stores, (store, line) => notice(store, line));
  try {
    const usable = requested
      ? connected
      : connected.filter(({ adapter }) =>
          artifacts.some((a) => takesFile(adapter, a.info) && (a.arg.store === null || a.arg.store === adapter.id)),
        );
    if (usable.length === 0)
      throw await noStoreTakes(
        artifacts.map((a) => a.info),
        connected.map((c) => c.adapter),
      );
    if (!notesDir)
      requireNotes(
        notes,
        usable.map((c) => c.adapter),
      );
    const releases = buildReleases({
      artifacts,
      targets: usable.map((c) => c.adapter),
      notes,
      schedule,
      phased,
      manualRelease: Boolean(request.manualRelease),
      waitMs,
    });
    if (notesDir)
      applyNotesDir(
        notesDir,
        releases,
        usable.map((c) => c.adapter),
        config.defaultLocale ?? DEFAULT_LOCALE,
      );
    const targets = usable.map(({ adapter, session }) => ({ adapter, session, release: releases.get(adapter.id)! }));

    const progress = startProgress({
      stores: targets.map((t) => t.adapter.id),
      artifacts: artifacts.map((a) => artifactJson(a.info)),
      dryRun: Boolean(request.dryRun),
    });
    notice = (store, line) => progress.update(store, { phase: 'wait', detail: line });
    try {
      return await publishAll(
        artifacts.map((a) => a.info),
        targets,
        {
          dryRun: Boolean(request.dryRun),
          keepGoing: Boolean(request.keepGoing),
          signal: env.signal,
          now: Date.now,
          onProgress: (store, event) => progress.update(store, event),
          onResult: (result) => progress.result(result),
        },
      );
    } finally {
      progress.stop();
    }
  } finally {
    await close();
  }
}

/** No configured store takes the files given: say which stores would, and what the configured ones take. */
async function noStoreTakes(files: ArtifactInfo[], configured: StoreAdapter[]): Promise<UsageError> {
  const label = [...new Set(files.map((f) => f.kind.toUpperCase()))].join(' and ');
  const takes = [...new Set(configured.map((a) => a.capabilities.artifact.toUpperCase()))].join(' and ');
  const supported = Object.values(await loadAdapters())
    .filter((a) => a && files.some((f) => takesFile(a, f)))
    .map((a) => a!.id);
  const hint =
    supported.length > 0
      ? `configure ${supported.join(' or ')} to publish ${label} files; the configured stores (${configured.map((a) => a.id).join(', ')}) take ${takes} files`
      : `appstores cannot publish ${label} files; the configured stores (${configured.map((a) => a.id).join(', ')}) take ${takes} files`;
  return new UsageError(`none of the configured stores takes ${label} files`, hint);
}
