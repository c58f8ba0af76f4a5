import { describe, expect, it } from 'vitest';
import { barProgress, formatEta, speedOf } from './bar.js';

const plain = (screen: string) => screen.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

describe('the live progress bar', () => {
  it('shows the phase, a bar, percent, bytes, speed and time left', () => {
    let clock = 0;
    let screen = '';
    const progress = barProgress(
      (t) => (screen += t),
      ['oppo'],
      120,
      () => clock,
    );
    const MB = 1024 * 1024;
    progress.update('oppo', { phase: 'upload', detail: 'uploading a.apk', bytes: 0, total: 4 * MB });
    clock = 1000;
    progress.update('oppo', { phase: 'upload', detail: 'uploading a.apk', bytes: MB, total: 4 * MB });
    progress.stop();
    const line = plain(screen).trimEnd();
    expect(line).toBe(
      `oppo    upload  ${'█'.repeat(6)}${'░'.repeat(18)}  25%  1.0 MB of 4.0 MB  1.0 MB/s  ETA 3s  uploading a.apk`,
    );
  });

  it('starts measuring again for a new file or a retry from zero', () => {
    let clock = 0;
    let screen = '';
    const progress = barProgress(
      (t) => (screen += t),
      ['vivo'],
      120,
      () => clock,
    );
    progress.update('vivo', { phase: 'upload', detail: 'a.apk', bytes: 0, total: 100 });
    clock = 1000;
    progress.update('vivo', { phase: 'upload', detail: 'a.apk', bytes: 50, total: 100 });
    clock = 1100;
    progress.update('vivo', { phase: 'upload', detail: 'a.apk', bytes: 0, total: 100 });
    progress.stop();
    // One sample after the restart: no speed, no ETA yet.
    expect(plain(screen)).toMatch(/vivo {4}upload {2}░+ {3}0% {2}0 B of 100 B {2}a\.apk/);
    expect(plain(screen)).not.toMatch(/ETA/);
  });

  it('shows the phase and detail when there are no bytes, and redraws in place', () => {
    let screen = '';
    const progress = barProgress((t) => (screen += t), ['oppo', 'vivo'], 80);
    progress.update('oppo', { phase: 'verify' });
    progress.stop();
    progress.update('vivo', { phase: 'done', detail: 'in review' });
    progress.stop();
    const frames = screen.split('\x1b[2A');
    expect(frames).toHaveLength(2);
    expect(plain(frames[1]!).split('\n')).toEqual(['oppo    verify', 'vivo    done    in review', '']);
  });

  it('measures speed over at least half a second and formats the time left', () => {
    expect(
      speedOf([
        { at: 0, bytes: 0 },
        { at: 100, bytes: 100 },
      ]),
    ).toBeNull();
    expect(
      speedOf([
        { at: 0, bytes: 0 },
        { at: 2000, bytes: 1000 },
      ]),
    ).toBe(500);
    expect([formatEta(7.4), formatEta(185), formatEta(3725)]).toEqual(['7s', '3m05s', '1h02m']);
  });
});
