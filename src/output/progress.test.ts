import { describe as suite, expect, it } from 'vitest';
import { createProgress, describe } from './progress.js';

suite('progress', () => {
  it('describes an event by its detail, with bytes and percentage during uploads', () => {
    expect(describe({ phase: 'verify' })).toBe('verify');
    expect(describe({ phase: 'upload', detail: 'uploading app.apk', bytes: 512 * 1024, total: 2 * 1024 * 1024 })).toBe(
      'uploading app.apk 25% (512 KB of 2.0 MB)',
    );
  });

  it('prints plain timestamped lines once per phase and per quarter of an upload', () => {
    const lines: string[] = [];
    const at = new Date('2026-11-22T10:00:00Z');
    const progress = createProgress(
      (t) => lines.push(t),
      ['oppo'],
      false,
      () => at,
    );
    progress.update('oppo', { phase: 'verify' });
    progress.update('oppo', { phase: 'verify' });
    for (let sent = 0; sent <= 100; sent += 5)
      progress.update('oppo', { phase: 'upload', detail: 'uploading a.apk', bytes: sent, total: 100 });
    progress.update('oppo', { phase: 'done', detail: 'in review' });
    expect(lines).toEqual([
      '2026-11-22T10:00:00.000Z oppo    verify\n',
      ...[0, 25, 50, 75, 100].map((p) => `2026-11-22T10:00:00.000Z oppo    uploading a.apk ${p}% (${p} B of 100 B)\n`),
      '2026-11-22T10:00:00.000Z oppo    in review\n',
    ]);
  });

  it('redraws one bar per store in place on a terminal (src/output/bar.ts)', async () => {
    let screen = '';
    const progress = createProgress((t) => (screen += t), ['oppo', 'vivo'], true);
    progress.update('oppo', { phase: 'upload', detail: 'uploading a.apk', bytes: 50, total: 100 });
    progress.update('vivo', { phase: 'verify' });
    progress.stop();
    progress.update('vivo', { phase: 'done', detail: 'in review' });
    progress.stop();
    const frames = screen.split('\x1b[2A');
    expect(frames).toHaveLength(2);
    expect(frames[0]).toMatch(/oppo.*upload .*█+░+ +50% +50 B of 100 B.*uploading a\.apk[\s\S]*vivo.*verify/);
    expect(frames[1]).toMatch(/vivo.*in review/);
  });

  it('writes five plain lines for a 1 GB upload reported every megabyte', () => {
    const lines: string[] = [];
    const progress = createProgress((t) => lines.push(t), ['oppo'], false);
    const total = 1024 ** 3;
    for (let mb = 0; mb <= 1024; mb++)
      progress.update('oppo', { phase: 'upload', detail: 'big.apk', bytes: mb * 1024 ** 2, total });
    expect(lines).toHaveLength(5);
  });
});

suite('progress on a narrow terminal', () => {
  it('clips live lines short of the width, counting CJK characters as two columns', () => {
    let screen = '';
    const progress = createProgress((t) => (screen += t), ['oppo', 'vivo'], true, undefined, 30);
    progress.update('oppo', { phase: 'done', detail: 'OPPO accepted 6100000 (OPPO: 任务已提交)' });
    progress.update('vivo', { phase: 'done', detail: '任务已提交，请稍后查询任务状态任务已提交' });
    progress.stop();
    const [oppo, vivo] = screen.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').split('\n');
    expect(oppo).toBe('oppo    done    OPPO accepte…');
    expect(vivo).toBe('vivo    done    任务已提交，…'); // 20 columns + the ellipsis
  });
});
