/**
 * `publish` from flags to report: read the notes and files, load the config, connect the stores,
 * build each store's release, then publishAll (core/publish.ts). The command module only turns
 * flags into a PublishRequest and renders the report.
 */
import { digested, openArtifact, type OpenedArtifact, type ReadArtifactOptions } from '../artifacts/index.js';
import {
  artifactJson,
  type ArtifactInfo,
  type ArtifactJson,
  type FileDigest,
  type Undigested,
} from '../artifacts/types.js';
import { loadAdapters } from '../stores/registry.js';
import { STORE_IDS, type ProgressEvent, type StoreAdapter, type StoreId } from '../stores/types.js';
import { UsageError } from './errors.js';
import { requireNotes } from './notes.js';
import { applyNotesDir, DEFAULT_LOCALE, readNotesDir } from './notes-dir.js';
import { publishAll, type HashedFiles, type PublishReport, type StoreResult } from './publish.js';
import {
  buildReleases,
  parseFileArg,
  parsePhased,
  parseSchedule,
  readNotes,
  refuseRepeatedFiles,
  refuseSameContent,
  takesFile,
  withDigests,
  type FileArg,
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
  env: RunEnv & { hash?: ReadArtifactOptions['hash'] },
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
  // parsed (a damaged one fails here, before any store is contacted) and its one hashing pass
  // started: the stores are checked while it runs, and publishAll awaits it before any upload.
  const { config, stores } = await loadStores(env, request, requested);
  const opened = await Promise.all(
    args.map(async (arg) => ({ arg, ...(await openArtifact(arg.path, { signal: env.signal, hash: env.hash })) })),
  );
  await refuseSameContentOf(opened);
  const artifacts = opened.map(({ arg, info }) => ({ arg, info }));
  const hashing = hashedFiles(opened);
  hashing.catch(() => {}); // awaited by publishAll; a failure before then is not an unhandled rejection
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

    // The start event lists the files with their digests, so the display starts once they are
    // hashed; the checks' events meanwhile are held and shown after it, in order.
    const progress = heldProgress();
    const hashed = hashing.then((files) => {
      progress.begin(
        startProgress({
          stores: targets.map((t) => t.adapter.id),
          artifacts: files.artifacts.map(artifactJson),
          dryRun: Boolean(request.dryRun),
        }),
      );
      return files;
    });
    notice = (store, line) => progress.update(store, { phase: 'wait', detail: line });
    try {
      return await publishAll(hashed, targets, {
        dryRun: Boolean(request.dryRun),
        keepGoing: Boolean(request.keepGoing),
        signal: env.signal,
        now: Date.now,
        onProgress: (store, event) => progress.update(store, event),
        onResult: (result) => progress.result(result),
      });
    } finally {
      progress.stop();
    }
  } finally {
    await close();
  }
}

/** Every file with its digests, once all are hashed, and each planned release with them. */
async function hashedFiles(opened: OpenedArtifact[]): Promise<HashedFiles> {
  const digests = await Promise.all(opened.map((file) => file.digest));
  const full = new Map<Undigested<ArtifactInfo>, ArtifactInfo>(
    opened.map((file, i) => [file.info, digested(file.info, digests[i]!)]),
  );
  // Each parsed file maps to the one hashed object made for it, of its own kind.
  const lookUp = <T extends ArtifactInfo>(file: Undigested<T>) => full.get(file) as T;
  return { artifacts: [...full.values()], release: (planned) => withDigests(planned, lookUp) };
}

/**
 * Two names for the same content are refused before any store is contacted, as before. Only files
 * of the same size can be the same, so only those wait for their hashes here (rarely any).
 */
async function refuseSameContentOf(opened: Array<{ arg: FileArg } & OpenedArtifact>): Promise<void> {
  const sameSize = opened.filter((a) =>
    opened.some((b) => b !== a && b.arg.store === a.arg.store && b.info.size === a.info.size),
  );
  if (sameSize.length === 0) return;
  const digests: FileDigest[] = await Promise.all(sameSize.map((a) => a.digest));
  refuseSameContent(sameSize.map((a, i) => ({ arg: a.arg, info: digested(a.info, digests[i]!) })));
}

/** A progress sink that holds its events until the real one is started, then replays them in order. */
function heldProgress(): ProgressSink & { begin(sink: ProgressSink): void } {
  let sink: ProgressSink | null = null;
  const held: Array<(to: ProgressSink) => void> = [];
  const send = (event: (to: ProgressSink) => void) => (sink ? event(sink) : held.push(event));
  return {
    begin(started) {
      sink = started;
      for (const event of held.splice(0)) event(started);
    },
    update: (store, event) => send((to) => to.update(store, event)),
    result: (result) => send((to) => to.result(result)),
    stop: () => sink?.stop(),
  };
}

/** No configured store takes the files given: say which stores would, and what the configured ones take. */
async function noStoreTakes(files: Undigested<ArtifactInfo>[], configured: StoreAdapter[]): Promise<UsageError> {
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
