import { describe, expect, it } from 'vitest';
import type { PublishReport } from '../core/publish.js';
import { BYTES_INTERVAL_MS, ndjsonProgress } from './ndjson.js';

function recorder() {
  let clock = Date.parse('2026-11-22T10:00:00Z');
  const lines: string[] = [];
  const progress = ndjsonProgress(
    (t) => lines.push(t),
    () => clock,
  );
  return { progress, lines, tick: (ms: number) => (clock += ms), events: () => lines.map((l) => JSON.parse(l)) };
}

describe('NDJSON progress', () => {
  it('writes one versioned JSON object per line: start, phase, bytes, result, done', () => {
    const { progress, lines, events } = recorder();
    progress.start({ stores: ['oppo'], artifacts: [], dryRun: false });
    progress.update('oppo', { phase: 'verify' });
    progress.update('oppo', { phase: 'upload', detail: 'uploading a.apk', bytes: 0, total: 10 });
    progress.update('oppo', { phase: 'upload', detail: 'uploading a.apk', bytes: 10, total: 10 });
    progress.update('oppo', { phase: 'done', detail: 'in review' });
    const result = {
      store: 'oppo',
      status: 'submitted',
      category: null,
      code: null,
      message: 'in review',
      reference: 't1',
      durationMs: 5,
    } as const;
    progress.result(result);
    progress.done(
      { ok: true, dryRun: false, stoppedAtChecks: false, artifacts: [], results: [result] } as PublishReport,
      0,
    );
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    expect(events().map((e) => [e.v, e.event, e.time])).toEqual(
      ['start', 'phase', 'phase', 'bytes', 'bytes', 'result', 'done'].map((name) => [
        1,
        name,
        '2026-11-22T10:00:00.000Z',
      ]),
    );
    expect(events()[2]).toMatchObject({ store: 'oppo', phase: 'upload', detail: 'uploading a.apk' });
    expect(events()[4]).toMatchObject({ store: 'oppo', bytes: 10, total: 10 });
    expect(events()[5]).toMatchObject({ store: 'oppo', status: 'submitted', reference: 't1' });
    expect(events()[6]).toEqual(
      expect.objectContaining({ ok: true, exitCode: 0, dryRun: false, stoppedAtChecks: false }),
    );
  });

  it('throttles bytes events per store and always sends the last one', () => {
    const { progress, tick, events } = recorder();
    const total = 1024 ** 3;
    // A 1 GB upload reported every MB over 4 seconds.
    for (let mb = 0; mb <= 1024; mb++) {
      progress.update('oppo', { phase: 'upload', detail: 'uploading big.apk', bytes: mb * 1024 ** 2, total });
      tick(4);
    }
    const bytes = events().filter((e) => e.event === 'bytes');
    expect(bytes.length).toBeGreaterThanOrEqual(4000 / BYTES_INTERVAL_MS);
    expect(bytes.length).toBeLessThanOrEqual(4000 / BYTES_INTERVAL_MS + 2);
    expect(bytes.at(-1)).toMatchObject({ bytes: total, total });
    expect(events().filter((e) => e.event === 'phase')).toHaveLength(1);
  });

  it('keeps each store on its own throttle', () => {
    const { progress, events } = recorder();
    progress.update('oppo', { phase: 'upload', detail: 'a', bytes: 1, total: 10 });
    progress.update('vivo', { phase: 'upload', detail: 'a', bytes: 1, total: 10 });
    progress.update('oppo', { phase: 'upload', detail: 'a', bytes: 2, total: 10 });
    expect(
      events()
        .filter((e) => e.event === 'bytes')
        .map((e) => e.store),
    ).toEqual(['oppo', 'vivo']);
  });
});
