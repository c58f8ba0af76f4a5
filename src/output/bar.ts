/**
 * The live display on a terminal: one line per store, redrawn in place at most ten times a second.
 * During an upload the line is a bar with percent, bytes, speed and time left; otherwise the phase
 * and what is happening. Our own ~100 lines rather than a library (mpb-like packages for Node pull
 * in their own terminal handling and redraw loop, and ours must also clip CJK text to the width).
 */
import chalk from 'chalk';
import type { ProgressEvent, StoreId } from '../stores/types.js';
import { clip, formatBytes, pad } from './format.js';

export interface Renderer {
  update(store: StoreId, event: ProgressEvent): void;
  /** Stops redrawing; the last frame stays on screen. */
  stop(): void;
}

/** Speed is measured over the last few seconds, so a stall shows quickly. */
const SPEED_WINDOW_MS = 3000;

interface StoreLine {
  event: ProgressEvent | null;
  samples: Array<{ at: number; bytes: number }>;
}

/** Bytes per second over the window, or null until half a second of samples exists. */
export function speedOf(samples: StoreLine['samples']): number | null {
  if (samples.length < 2) return null;
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const ms = last.at - first.at;
  return ms < 500 ? null : ((last.bytes - first.bytes) * 1000) / ms;
}

export function formatEta(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function bar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** One store's line, without the store name; plain text, so that it can be clipped before colouring. */
export function describeLine(line: StoreLine, columns: number): string {
  const event = line.event;
  if (!event) return 'waiting';
  const phase = pad(event.phase, 7);
  const text = event.detail ?? '';
  if (event.bytes === undefined || !event.total) return `${phase} ${text}`.trimEnd();
  const fraction = event.bytes / event.total;
  const speed = speedOf(line.samples);
  const parts = [
    `${bar(fraction, columns >= 100 ? 24 : 12)} ${String(Math.floor(fraction * 100)).padStart(3)}%`,
    `${formatBytes(event.bytes)} of ${formatBytes(event.total)}`,
    speed === null ? null : `${formatBytes(Math.round(speed))}/s`,
    speed ? `ETA ${formatEta((event.total - event.bytes) / speed)}` : null,
    text || null,
  ];
  return `${phase} ${parts.filter(Boolean).join('  ')}`;
}

export function barProgress(
  write: (text: string) => void,
  stores: StoreId[],
  columns: number,
  now: () => number = Date.now,
): Renderer {
  const lines = new Map<StoreId, StoreLine>(stores.map((s) => [s, { event: null, samples: [] }]));
  let drawn = 0;
  let timer: NodeJS.Timeout | null = null;
  const draw = () => {
    timer = null;
    // A wrapped line would break the in-place redraw: keep each (with its 8-column store name)
    // short of the terminal's width. clip() counts CJK characters as two columns.
    const frame = stores
      .map((s) => {
        const line = lines.get(s)!;
        const text = clip(describeLine(line, columns), columns - 9);
        const coloured = !line.event ? chalk.dim(text) : line.event.phase === 'done' ? chalk.green(text) : text;
        return `\x1b[2K${chalk.bold(pad(s, 7))} ${coloured}\n`;
      })
      .join('');
    write((drawn > 0 ? `\x1b[${drawn}A` : '') + frame);
    drawn = stores.length;
  };
  return {
    update(store, event) {
      const line = lines.get(store) ?? { event: null, samples: [] };
      lines.set(store, line);
      if (event.bytes !== undefined) {
        const previous = line.event;
        // A new file, or a retry that starts over: the old samples say nothing about this one.
        const restarted = previous?.detail !== event.detail || (previous?.bytes ?? 0) > event.bytes;
        if (restarted) line.samples = [];
        const at = now();
        line.samples.push({ at, bytes: event.bytes });
        while (line.samples.length > 2 && at - line.samples[0]!.at > SPEED_WINDOW_MS) line.samples.shift();
      } else {
        line.samples = [];
      }
      line.event = event;
      // At most ten frames a second, however fast the bytes arrive.
      timer ??= setTimeout(draw, 100);
    },
    stop() {
      if (timer) clearTimeout(timer);
      draw();
    },
  };
}
