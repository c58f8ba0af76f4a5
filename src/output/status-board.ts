/**
 * `status --watch` on a terminal: one line per store, the whole block redrawn in place on every
 * change (cursor up to its first line, clear to the end of the screen, the lines again). Each line
 * is clipped to the terminal's width: a wrapped line would take two rows and break the redraw.
 */
import type { StoreStatus } from '../core/status.js';
import { clip } from './format.js';
import { statusLine } from './status.js';

export interface StatusBoard {
  update(status: StoreStatus): void;
}

export function statusBoard(write: (text: string) => void, stores: readonly string[], columns: number): StatusBoard {
  const lines = new Map<string, string>();
  let drawn = 0;
  return {
    update(status) {
      lines.set(status.store, statusLine(status));
      // `ESC [ n F`: up n lines to column 1; `ESC [ J`: erase from there to the end of the screen.
      const home = drawn > 0 ? `\x1b[${drawn}F\x1b[J` : '';
      const block = stores.map((id) => clip(lines.get(id) ?? `${id.padEnd(7)} …`, columns - 1)).join('\n');
      write(`${home}${block}\n`);
      drawn = stores.length;
    },
  };
}
