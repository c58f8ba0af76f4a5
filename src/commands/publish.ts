/** `appstores publish`: flags -> core/run-publish.ts -> the summary (or JSON) and the exit code. */
import { publishExitCode } from '../core/publish.js';
import { runPublish } from '../core/run-publish.js';
import { createProgress } from '../output/progress.js';
import { publishSummary } from '../output/summary.js';
import type { CommandContext, GlobalOptions } from './context.js';

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
  // --verbose writes request lines to stderr, which an in-place redraw would overwrite.
  const live = ctx.live && !flags.verbose;
  const report = await runPublish(ctx, { ...flags, files }, (stores) => createProgress(ctx.err, stores, live, undefined, ctx.columns));
  if (flags.json) ctx.out(`${JSON.stringify(report, null, 2)}\n`);
  else ctx.out(publishSummary(report));
  return publishExitCode(report, ctx.signal.aborted);
}
