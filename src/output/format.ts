/** Small text helpers shared by the human renderers. */

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/u;

/** Terminal columns a character takes: CJK characters take two. */
const charWidth = (ch: string) => (WIDE.test(ch) ? 2 : 1);

/** Pads a cell to a display width. */
export function pad(text: string, width: number): string {
  const used = [...text].reduce((n, ch) => n + charWidth(ch), 0);
  return text + ' '.repeat(Math.max(0, width - used));
}

/** Cuts text to a display width, marking the cut with an ellipsis. */
export function clip(text: string, width: number): string {
  let used = 0;
  let out = '';
  for (const ch of text) {
    if (used + charWidth(ch) > width - 1) return `${out}…`;
    used += charWidth(ch);
    out += ch;
  }
  return out;
}
