/** `appstores publish`: flags -> core/run-publish.ts -> the summary (or JSON) and the exit code. */
import { UsageError } from '../core/errors.js';
import { publishExitCode } from '../core/publish.js';
import { runPublish, type PublishRequest } from '../core/run-publish.js';
import { publishReporter, type ProgressMode } from '../output/reporter.js';
import { publishSummary } from '../output/summary.js';
import type { CommandContext, GlobalOptions } from './context.js';

/** The publish flags: PublishRequest's (without the files, which are the arguments) and the display's. */
export interface PublishFlags extends GlobalOptions, Omit<PublishRequest, 'files'> {
  progress?: ProgressMode;
  quiet?: boolean;
}

export async function publishCommand(ctx: CommandContext, files: string[], flags: PublishFlags): Promise<number> {
  const mode = flags.progress ?? 'auto';
  if (mode === 'ndjson' && flags.verbose) {
    // Request log lines are text on stderr: they would break the one-JSON-object-per-line stream.
    throw new UsageError('--verbose cannot be combined with --progress ndjson', 'leave out one of them');
  }
  // --verbose writes request lines to stderr, which an in-place redraw would overwrite.
  const live = ctx.live && !flags.verbose;
  const reporter = publishReporter({ mode, quiet: Boolean(flags.quiet), live, columns: ctx.columns, write: ctx.err });
  const report = await runPublish(ctx, { ...flags, files }, (start) => {
    reporter.start(start);
    return { update: reporter.update, result: reporter.result, stop() {} };
  });
  const exitCode = publishExitCode(report, ctx.signal.aborted);
  reporter.finish(report, exitCode);
  if (flags.json) ctx.out(`${JSON.stringify(report, null, 2)}\n`);
  else ctx.out(publishSummary(report));
  return exitCode;
}
