import { describe, expect, it } from 'vitest';
import type { AppInfo, ReviewState } from '../types.js';
import { versionPresent } from './version.js';

const info = (live: number | null, pending: number | null, state: ReviewState): AppInfo => ({
  store: 'oppo',
  package: 'com.foo',
  appId: null,
  appName: null,
  live: live === null ? null : { versionCode: live, versionName: '' },
  pending: pending === null ? null : { versionCode: pending, versionName: '' },
  review: { state, reason: null, storeState: null },
});

describe('versionPresent', () => {
  it('is one policy: live, or pending on its way (or unreadable), is present', () => {
    expect(versionPresent(info(7, null, 'live'), 7)).toEqual({ present: true, how: 'live' });
    for (const state of ['reviewing', 'approved', 'scheduled', 'unknown'] as const) {
      expect(versionPresent(info(6, 7, state), 7).present).toBe(true);
    }
    for (const state of ['rejected', 'withdrawn', 'draft'] as const) {
      expect(versionPresent(info(6, 7, state), 7).present).toBe(false);
    }
    expect(versionPresent(info(6, 8, 'reviewing'), 7).present).toBe(false);
    expect(versionPresent(info(null, null, 'reviewing'), 7).present).toBe(false);
  });
});
