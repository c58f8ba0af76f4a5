/**
 * What `publish` shows while it runs, on stderr, chosen by --progress and --quiet:
 *   auto    a live bar per store on a terminal, plain lines in CI or when stderr is not a terminal
 *   plain   plain timestamped lines
 *   ndjson  machine-readable events (./ndjson.ts)
 *   none    nothing (--quiet: only the summary and errors)
 */
import type { ArtifactJson } from '../artifacts/types.js';
import type { PublishReport, StoreResult } from '../core/publish.js';
import type { ProgressEvent, StoreId } from '../stores/types.js';
import { ndjsonProgress } from './ndjson.js';
import { createProgress } from './progress.js';

export const PROGRESS_MODES = ['auto', 'plain', 'ndjson', 'none'] as const;
export type ProgressMode = (typeof PROGRESS_MODES)[number];

export interface PublishReporter {
  start(info: { stores: StoreId[]; artifacts: ArtifactJson[]; dryRun: boolean }): void;
  update(store: StoreId, event: ProgressEvent): void;
  result(result: StoreResult): void;
  finish(report: PublishReport, exitCode: number): void;
}

export interface ReporterOptions {
  mode: ProgressMode;
  quiet: boolean;
  /** stderr is an interactive terminal (and nothing else writes to it, e.g. --verbose). */
  live: boolean;
  columns: number;
  write: (text: string) => void;
}

export function publishReporter(options: ReporterOptions): PublishReporter {
  // --progress ndjson is asked for by a program: --quiet silences people's text, not it.
  if (options.mode === 'ndjson') {
    const ndjson = ndjsonProgress(options.write);
    return { start: ndjson.start, update: ndjson.update, result: ndjson.result, finish: ndjson.done };
  }
  if (options.quiet || options.mode === 'none') return { start() {}, update() {}, result() {}, finish() {} };
  let human: ReturnType<typeof createProgress> | null = null;
  return {
    start(info) {
      human = createProgress(
        options.write,
        info.stores,
        options.mode === 'auto' && options.live,
        undefined,
        options.columns,
      );
    },
    update: (store, event) => human?.update(store, event),
    result() {},
    finish: () => human?.stop(),
  };
}
