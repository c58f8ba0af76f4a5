/**
 * Publish progress on stderr: on an interactive terminal, a live bar per store redrawn in place
 * (./bar.ts); when stderr is not a TTY or CI is set, plain timestamped lines, one per phase change
 * and per quarter of an upload (five lines for a 1 GB file), so CI logs stay readable.
 */
import type { ProgressEvent, StoreId } from '../stores/types.js';
import { barProgress, type Renderer } from './bar.js';
import { formatBytes, pad } from './format.js';

export type ProgressRenderer = Renderer;

export function describe(event: ProgressEvent): string {
  // The adapter's detail ("uploading app.apk") already names the phase; the bare phase is the fallback.
  const base = event.detail ?? event.phase;
  if (event.bytes === undefined || !event.total) return base;
  const percent = Math.floor((event.bytes / event.total) * 100);
  return `${base} ${percent}% (${formatBytes(event.bytes)} of ${formatBytes(event.total)})`;
}

export function createProgress(
  write: (text: string) => void,
  stores: StoreId[],
  live: boolean,
  now: () => Date = () => new Date(),
  columns = 80,
): ProgressRenderer {
  return live ? barProgress(write, stores, columns) : plainProgress(write, now);
}

function plainProgress(write: (text: string) => void, now: () => Date): ProgressRenderer {
  const last = new Map<StoreId, string>();
  return {
    update(store, event) {
      // One line per phase change, and per 25% of an upload.
      const quarter = event.bytes !== undefined && event.total ? Math.floor((event.bytes / event.total) * 4) : -1;
      const key = `${event.phase}|${event.detail ?? ''}|${quarter}`;
      if (last.get(store) === key) return;
      last.set(store, key);
      write(`${now().toISOString()} ${pad(store, 7)} ${describe(event)}\n`);
    },
    stop() {},
  };
}
