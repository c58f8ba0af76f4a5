import { readArtifact } from '../artifacts/index.js';
import { artifactJson } from '../artifacts/types.js';
import { publishAll, publishExitCode } from '../core/publish.js';
import { requireNotes } from '../core/notes.js';
import { buildReleases, parseFileArg, parseSchedule, readNotes, refuseRepeatedFiles, refuseSameContent } from '../core/release.js';
import { UsageError } from '../core/errors.js';
import { publishReporter, type ProgressMode } from '../output/reporter.js';
import { publishSummary } from '../output/summary.js';
import { ADAPTERS } from '../stores/registry.js';
import { STORE_IDS, type StoreAdapter } from '../stores/types.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { connectStores, loadStores, parseStoreList } from './setup.js';

export interface PublishFlags extends GlobalOptions {
  store?: string;
  notes?: string;
  notesFile?: string;
  schedule?: string;
  dryRun?: boolean;
  keepGoing?: boolean;
  progress?: ProgressMode;
  quiet?: boolean;
}

export async function publishCommand(ctx: CommandContext, files: string[], flags: PublishFlags): Promise<number> {
  if (files.length === 0) throw new UsageError('no file to publish', 'pass an APK or IPA: appstores publish app.apk');
  const mode = flags.progress ?? 'auto';
  if (mode === 'ndjson' && flags.verbose) {
    // Request log lines are text on stderr: they would break the one-JSON-object-per-line stream.
    throw new UsageError('--verbose cannot be combined with --progress ndjson', 'leave out one of them');
  }
  const requested = parseStoreList(flags.store);
  const schedule = parseSchedule(flags.schedule, Date.now());
  const notes = await readNotes(flags.notes, flags.notesFile);
  const args = files.map((f) => parseFileArg(f, STORE_IDS));
  refuseRepeatedFiles(args, ctx.cwd);

  // The config first (a mistake there should not wait for a 1 GB APK to be hashed), then every file
  // read and hashed once, in one pass, before any store is contacted.
  const { config, stores } = await loadStores(ctx, flags, requested);
  const artifacts = await Promise.all(
    args.map(async (arg) => ({ arg, info: await readArtifact(arg.path, { signal: ctx.signal }) })),
  );
  refuseSameContent(artifacts);
  const { connected, close } = connectStores(ctx, flags, config, stores);
  try {
    const usable = requested
      ? connected
      : connected.filter(({ adapter }) =>
          artifacts.some((a) => a.info.kind === adapter.capabilities.artifact && (a.arg.store === null || a.arg.store === adapter.id)),
        );
    if (usable.length === 0) throw noStoreTakes(artifacts.map((a) => a.info.kind), connected.map((c) => c.adapter));
    requireNotes(notes, usable.map((c) => c.adapter));
    const releases = buildReleases({ artifacts, targets: usable.map((c) => c.adapter), notes, schedule });
    const targets = usable.map(({ adapter, session }) => ({ adapter, session, release: releases.get(adapter.id)! }));

    // --verbose writes request lines to stderr, which an in-place redraw would overwrite.
    const live = ctx.live && !flags.verbose;
    const progress = publishReporter({ mode, quiet: Boolean(flags.quiet), live, columns: ctx.columns, write: ctx.err });
    progress.start({
      stores: targets.map((t) => t.adapter.id),
      artifacts: artifacts.map((a) => artifactJson(a.info)),
      dryRun: Boolean(flags.dryRun),
    });
    const report = await publishAll(
      artifacts.map((a) => a.info),
      targets,
      {
        dryRun: Boolean(flags.dryRun),
        keepGoing: Boolean(flags.keepGoing),
        signal: ctx.signal,
        now: Date.now,
        onProgress: (store, event) => progress.update(store, event),
        onResult: (result) => progress.result(result),
      },
    );
    const exitCode = publishExitCode(report, ctx.signal.aborted);
    progress.finish(report, exitCode);
    if (flags.json) ctx.out(`${JSON.stringify(report, null, 2)}\n`);
    else ctx.out(publishSummary(report));
    return exitCode;
  } finally {
    await close();
  }
}

/** No configured store takes the files given: say which stores would, and what the configured ones take. */
function noStoreTakes(kinds: Array<'apk' | 'ipa'>, configured: StoreAdapter[]): UsageError {
  const given = [...new Set(kinds)];
  const label = given.map((k) => k.toUpperCase()).join(' and ');
  const takes = [...new Set(configured.map((a) => a.capabilities.artifact.toUpperCase()))].join(' and ');
  const supported = Object.values(ADAPTERS).filter((a) => a && given.includes(a.capabilities.artifact)).map((a) => a!.id);
  const hint =
    supported.length > 0
      ? `configure ${supported.join(' or ')} to publish ${label} files; the configured stores (${configured.map((a) => a.id).join(', ')}) take ${takes} files`
      : // Only the App Store takes IPAs, and its adapter has not landed yet.
        `appstores cannot publish ${label} files yet (the App Store is not supported yet); the configured stores (${configured.map((a) => a.id).join(', ')}) take ${takes} files`;
  return new UsageError(`none of the configured stores takes ${label} files`, hint);
}
