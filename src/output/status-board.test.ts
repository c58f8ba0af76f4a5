/**
 * The `status --watch` board on a fake TTY: the control sequences it writes, and what a terminal
 * of that width shows after them (a small screen model: printable characters wrap at the width,
 * `ESC[nF` goes up n rows to column 1, `ESC[J` erases to the end), one row per store.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { StoreStatus } from '../core/status.js';
import { statusBoard } from './status-board.js';

/** A Writable that says it is a terminal of `columns`, keeping what was written. */
function fakeTty(columns: number): Writable & { isTTY: true; columns: number; written: string[] } {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      written.push(chunk.toString());
      done();
    },
  });
  return Object.assign(stream, { isTTY: true as const, columns, written });
}

/** The rows a terminal `columns` wide shows after `output` (CJK counts two columns). */
function screen(output: string, columns: number): string[] {
  const rows: string[][] = [[]];
  let row = 0;
  let col = 0;
  const at = () => (rows[row] ??= []);
  for (let i = 0; i < output.length; ) {
    const control = /^\x1b\[(\d*)([A-Za-z])/.exec(output.slice(i));
    if (control) {
      const n = Number(control[1] || 1);
      if (control[2] === 'F') {
        row = Math.max(0, row - n);
        col = 0;
      } else if (control[2] === 'J') {
        rows.length = row + 1;
        rows[row] = at().slice(0, col);
      } else throw new Error(`unexpected control sequence ${JSON.stringify(control[0])}`);
      i += control[0].length;
      continue;
    }
    const ch = String.fromCodePoint(output.codePointAt(i)!);
    i += ch.length;
    if (ch === '\n') {
      row += 1;
      col = 0;
      at();
      continue;
    }
    const width = /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
    if (col + width > columns) {
      row += 1;
      col = 0;
    }
    const cells = at();
    cells[col] = ch;
    if (width === 2) cells[col + 1] = '';
    col += width;
  }
  return rows.map((cells) => cells.join('')).filter((text, index, all) => index < all.length - 1 || text !== '');
}

const status = (
  store: StoreStatus['store'],
  state: StoreStatus['state'],
  over: Partial<StoreStatus> = {},
): StoreStatus => ({
  store,
  package: 'com.foo.bar',
  version: { versionCode: 6100000, versionName: '6.10.0' },
  state,
  reason: null,
  storeState: null,
  cannotTell: null,
  seenSince: '2026-12-02T01:00:00.000Z',
  ...over,
});

describe('status --watch board on a terminal', () => {
  it('draws one line per store, then redraws the block in place on every change', () => {
    const tty = fakeTty(100);
    const board = statusBoard((t) => tty.write(t), ['oppo', 'huawei', 'apple'], tty.columns);
    board.update(status('huawei', 'reviewing'));
    expect(tty.written[0]).toBe(
      'oppo    …\nhuawei  reviewing 6.10.0 (6100000) · seen since 2026-12-02 01:00:00 UTC\napple   …\n',
    );
    board.update(status('oppo', 'reviewing'));
    board.update(status('huawei', 'approved', { seenSince: '2026-12-02T02:00:00.000Z' }));
    // Each redraw goes up the three lines it drew and erases them first.
    expect(tty.written.slice(1).every((frame) => frame.startsWith('\x1b[3F\x1b[J'))).toBe(true);
    expect(tty.written).toHaveLength(3);
    expect(screen(tty.written.join(''), tty.columns)).toEqual([
      'oppo    reviewing 6.10.0 (6100000) · seen since 2026-12-02 01:00:00 UTC',
      'huawei  approved  6.10.0 (6100000) · seen since 2026-12-02 02:00:00 UTC',
      'apple   …',
    ]);
  });

  it('clips a line wider than the terminal (CJK as two columns), so the block stays one row per store', () => {
    const tty = fakeTty(60);
    const board = statusBoard((t) => tty.write(t), ['vivo', 'honor'], tty.columns);
    const reason = '应用图标不清晰，请上传高清图标后重新提交审核。'.repeat(3);
    board.update(status('vivo', 'rejected', { reason }));
    board.update(status('honor', 'reviewing'));
    board.update(status('vivo', 'rejected', { reason, storeState: 'status=4' }));
    const rows = screen(tty.written.join(''), tty.columns);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^vivo {4}rejected {2}6\.10\.0 \(6100000\) · store: status=4 · .*…$/);
    expect(rows[1]).toMatch(/^honor {3}reviewing /);
  });
});
