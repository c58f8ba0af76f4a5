import { readArtifact } from '../artifacts/index.js';
import { publishAll, publishExitCode } from '../core/publish.js';
import { buildReleases, parseFileArg, parseSchedule, readNotes } from '../core/release.js';
import { UsageError } from '../core/errors.js';
import { parsePhasedFlag, parseWait } from '../core/release-flags.js';
import { createProgress } from '../output/progress.js';
import { publishSummary } from '../output/summary.js';
import { STORE_IDS, type StoreId } from '../stores/types.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { connectStores, loadStores, parseStoreList } from './setup.js';

export interface PublishFlags extends GlobalOptions {
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

export async function publishCommand(ctx: CommandContext, files: string[], flags: PublishFlags): Promise<number> {
  if (files.length === 0) throw new UsageError('no file to publish', 'pass an APK or IPA: appstores publish app.apk');
  const requested = parseStoreList(flags.store);
  const schedule = parseSchedule(flags.schedule, Date.now());
  const phased = parsePhasedFlag(flags.phased);
  const waitMs = parseWait(flags.wait);
  const notes = await readNotes(flags.notes, flags.notesFile);
  const args = files.map((f) => parseFileArg(f, STORE_IDS));

  // The config first (a mistake there should not wait for a 1 GB APK to be hashed), then every file
  // read and hashed once, in one pass, before any store is contacted.
  const { config, stores } = await loadStores(ctx, flags, requested);
  const artifacts = await Promise.all(
    args.map(async (arg) => ({ arg, info: await readArtifact(arg.path, { signal: ctx.signal }) })),
  );
  // Retry notices join the progress display once it exists (a raw line would break a live redraw).
  let notice = (_store: StoreId, line: string) => ctx.err(`${line}\n`);
  const { connected, close } = connectStores(ctx, flags, config, stores, (store, line) => notice(store, line));
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
      manualRelease: Boolean(flags.manualRelease),
      waitMs,
    });
    const targets = usable.map(({ adapter, session }) => ({ adapter, session, release: releases.get(adapter.id)! }));

    // --verbose writes request lines to stderr, which an in-place redraw would overwrite.
    const live = ctx.live && !flags.verbose;
    const progress = createProgress(ctx.err, targets.map((t) => t.adapter.id), live, undefined, ctx.columns);
    notice = (store, line) => progress.update(store, { phase: 'wait', detail: line });
    const report = await publishAll(
      artifacts.map((a) => a.info),
      targets,
      {
        dryRun: Boolean(flags.dryRun),
        keepGoing: Boolean(flags.keepGoing),
        signal: ctx.signal,
        now: Date.now,
        onProgress: (store, event) => progress.update(store, event),
      },
    );
    progress.stop();
    if (flags.json) ctx.out(`${JSON.stringify(report, null, 2)}\n`);
    else ctx.out(publishSummary(report));
    return publishExitCode(report, ctx.signal.aborted);
  } finally {
    await close();
  }
}
