import { describe, expect, it } from 'vitest';
import { toAppInfo } from './info.js';
import { detailsSchema } from './schemas.js';

const details = (over: Record<string, unknown>) =>
  detailsSchema.parse({
    packageName: 'com.foo.bar',
    cnName: '测试应用',
    versionCode: '6091000',
    versionName: '6.9.1',
    status: 3,
    saleStatus: 1,
    onlineType: 1,
    compatibleDevice: 1,
    ...over,
  });

describe('vivo info normalisation', () => {
  it('approved and on sale is live', () => {
    const info = toAppInfo(details({}), { raw: true });
    expect(info).toEqual({
      store: 'vivo',
      package: 'com.foo.bar',
      appId: null,
      appName: '测试应用',
      live: { versionCode: 6091000, versionName: '6.9.1' },
      pending: null,
      review: { state: 'live', reason: null, storeState: 'status=3 saleStatus=1' },
      raw: { raw: true },
    });
  });

  it.each([
    [{ status: 3, saleStatus: 0 }, 'approved', 'status=3 saleStatus=0'],
    [
      { status: 3, saleStatus: 0, onlineType: 2, scheOnlineTime: '2030-01-01 08:00:00' },
      'scheduled',
      'status=3 saleStatus=0',
    ],
    [{ status: 1, saleStatus: 0 }, 'draft', 'status=1 saleStatus=0'],
    [{ status: 2, saleStatus: 1 }, 'reviewing', 'status=2 saleStatus=1'],
    [{ status: 5, saleStatus: 1 }, 'withdrawn', 'status=5 saleStatus=1'],
    [{ status: 9, saleStatus: null }, 'unknown', 'status=9'],
  ])('%o -> %s, the version pending', (over, state, storeState) => {
    const info = toAppInfo(details({ versionCode: '6100000', versionName: '6.10.0', ...over }), null);
    expect(info.review).toEqual({ state, reason: null, storeState });
    expect(info.live).toBeNull();
    expect(info.pending).toEqual({ versionCode: 6100000, versionName: '6.10.0' });
  });

  it('a rejection carries unPassReason', () => {
    const info = toAppInfo(details({ status: 4, saleStatus: 1, unPassReason: '截图与应用不符' }), null);
    expect(info.review).toEqual({ state: 'rejected', reason: '截图与应用不符', storeState: 'status=4 saleStatus=1' });
  });

  it('approved but taken off sale is not live, so pending (the newest version that is not live)', () => {
    const info = toAppInfo(details({ status: 3, saleStatus: 2 }), null);
    expect(info.review.state).toBe('approved');
    expect(info.live).toBeNull();
    expect(info.pending).toEqual({ versionCode: 6091000, versionName: '6.9.1' });
    expect(info.review.storeState).toBe('status=3 saleStatus=2');
  });
});
