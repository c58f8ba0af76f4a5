/**
 * `publish` from flags to report: read the notes and files, load the config, connect the stores,
 * build each store's release, then publishAll (core/publish.ts). The command module only turns
 * flags into a PublishRequest and renders the report.
 */
import { readArtifact } from '../artifacts/index.js';
import { STORE_IDS, type ProgressEvent, type StoreId } from '../stores/types.js';
import { UsageError } from './errors.js';
import { publishAll, type PublishReport } from './publish.js';
import { parsePhasedFlag, parseWait } from './release-flags.js';
import { buildReleases, parseFileArg, parseSchedule, readNotes } from './release.js';
import { connectStores, loadStores, parseStoreList, type RunEnv, type SessionOptions } from './sessions.js';

export interface PublishRequest extends SessionOptions {
  files: string[];
  store?: string;
  notes?: string;
  notesFile?: string;
  schedule?: string;
  dryRun?: boolean;
  keepGoing?: boolean;
  /** commander: true for a bare `--phased`, the text for `--phased 10`. */
  phased?: string | boolean;
  manualRelease?: boolean;
  wait?: string;
}

export interface ProgressSink {
  update(store: StoreId, event: ProgressEvent): void;
  stop(): void;
}

export async function runPublish(
  env: RunEnv,
  request: PublishRequest,
  startProgress: (stores: StoreId[]) => ProgressSink,
): Promise<PublishReport> {
  if (request.files.length === 0) throw new UsageError('no file to publish', 'pass an APK or IPA: appstores publish app.apk');
  const requested = parseStoreList(request.store);
  const schedule = parseSchedule(request.schedule, Date.now());
  const phased = parsePhasedFlag(request.phased);
  const waitMs = parseWait(request.wait);
  const notes = await readNotes(request.notes, request.notesFile);
  const args = request.files.map((f) => parseFileArg(f, STORE_IDS));

  // The config first (a mistake there should not wait for a 1 GB APK to be hashed), then every file
  // read and hashed once, in one pass, before any store is contacted.
  const { config, stores } = await loadStores(env, request, requested);
  const artifacts = await Promise.all(args.map(async (arg) => ({ arg, info: await readArtifact(arg.path, { signal: env.signal }) })));
  // Retry notices join the progress display once it exists (a raw line would break a live redraw).
  let notice = (_store: StoreId, line: string) => env.err(`${line}\n`);
  const { connected, close } = connectStores(env, request, config, stores, (store, line) => notice(store, line));
  try {
    const usable = requested
      ? connected
      : connected.filter(({ adapter }) =>
          artifacts.some((a) => a.info.kind === adapter.capabilities.artifact && (a.arg.store === null || a.arg.store === adapter.id)),
        );
    if (usable.length === 0) throw new UsageError('none of the configured stores takes these files');
    const releases = buildReleases({
      artifacts,
      targets: usable.map((c) => c.adapter),
      notes,
      schedule,
      phased,
      manualRelease: Boolean(request.manualRelease),
      waitMs,
    });
    const targets = usable.map(({ adapter, session }) => ({ adapter, session, release: releases.get(adapter.id)! }));

    const progress = startProgress(targets.map((t) => t.adapter.id));
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
        },
      );
    } finally {
      progress.stop();
    }
  } finally {
    await close();
  }
}
