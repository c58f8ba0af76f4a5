/**
 * Publish progress on stderr: on an interactive terminal, one live line per store redrawn in place
 * (phase, bytes, percentage); when stderr is not a TTY or CI is set, plain timestamped lines, one
 * per phase change and per quarter of an upload, so CI logs stay readable.
 */
import chalk from 'chalk';
import type { ProgressEvent, StoreId } from '../stores/types.js';
import { clip, formatBytes, pad } from './format.js';

export interface ProgressRenderer {
  update(store: StoreId, event: ProgressEvent): void;
  /** Stops redrawing; the last frame stays on screen. */
  stop(): void;
}

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
  return live ? liveProgress(write, stores, columns) : plainProgress(write, now);
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

function liveProgress(write: (text: string) => void, stores: StoreId[], columns: number): ProgressRenderer {
  const lines = new Map<StoreId, string>(stores.map((s) => [s, chalk.dim('waiting')]));
  let drawn = 0;
  let timer: NodeJS.Timeout | null = null;
  const draw = () => {
    timer = null;
    const frame = stores.map((s) => `\x1b[2K${chalk.bold(pad(s, 7))} ${lines.get(s)}\n`).join('');
    write((drawn > 0 ? `\x1b[${drawn}A` : '') + frame);
    drawn = stores.length;
  };
  return {
    update(store, event) {
      // A wrapped line would break the in-place redraw: keep each (with its 8-column store name)
      // short of the terminal's width.
      const text = clip(describe(event), columns - 9);
      lines.set(store, event.phase === 'done' ? chalk.green(text) : text);
      // At most ten frames a second, however fast the bytes arrive.
      timer ??= setTimeout(draw, 100);
    },
    stop() {
      if (timer) clearTimeout(timer);
      draw();
    },
  };
}
