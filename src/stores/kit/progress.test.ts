import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../types.js';
import { fileProgress } from './progress.js';

describe('fileProgress', () => {
  it('reports the file size as the one total, scaling a multipart body to it, never going back', () => {
    const events: ProgressEvent[] = [];
    const sent = fileProgress((e) => events.push(e), 'uploading app.apk', 1000).whole();
    sent(550, 1100); // multipart framing: 1100 bytes of body for a 1000-byte file
    sent(1100, 1100);
    sent(100, 1100); // a retried attempt restarts at 0
    sent(1100, 1100);
    expect(events.map((e) => [e.bytes, e.total])).toEqual([
      [0, 1000],
      [500, 1000],
      [1000, 1000],
    ]);
    expect(events.every((e) => e.phase === 'upload' && e.detail === 'uploading app.apk')).toBe(true);
  });

  it('sums parts of one file sent in parallel', () => {
    const events: ProgressEvent[] = [];
    const file = fileProgress((e) => events.push(e), 'uploading app.ipa', 300);
    const a = file.part(0, 100);
    const b = file.part(100, 100);
    const c = file.part(200, 100);
    a(100, 100);
    c(50, 100);
    b(100, 100);
    c(100, 100);
    expect(events.map((e) => e.bytes)).toEqual([0, 100, 150, 250, 300]);
    expect(new Set(events.map((e) => e.total))).toEqual(new Set([300]));
  });
});
