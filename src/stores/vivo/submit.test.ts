import { describe, expect, it } from 'vitest';
import type { Release } from '../types.js';
import { syncRequest } from './submit.js';

const release = (over: Partial<Release> = {}): Release => ({
  package: 'com.foo.bar',
  versionCode: 6100000,
  versionName: '6.10.0',
  apks: [],
  notes: '修复已知问题',
  ...over,
});

describe('vivo submit params', () => {
  it('single APK: app.sync.update.app with apk, fileMd5 and the echoed compatibleDevice', () => {
    const request = syncRequest(release(), [{ role: 'single', serialnumber: 'SN1', md5: 'abc' }], '1');
    expect(request).toEqual({
      method: 'app.sync.update.app',
      params: {
        packageName: 'com.foo.bar',
        versionCode: '6100000',
        apk: 'SN1',
        fileMd5: 'abc',
        updateDesc: '修复已知问题',
        onlineType: '1',
        compatibleDevice: '1',
      },
    });
  });

  it('pair: app.sync.update.subpackage.app with apk32 and apk64, scheduled in Beijing time', () => {
    const schedule = new Date('2030-05-01T02:30:00Z');
    const request = syncRequest(
      release({ schedule }),
      [
        { role: '64', serialnumber: 'SN64', md5: 'x' },
        { role: '32', serialnumber: 'SN32', md5: 'y' },
      ],
      '3',
    );
    expect(request.method).toBe('app.sync.update.subpackage.app');
    expect(request.params).toEqual({
      packageName: 'com.foo.bar',
      versionCode: '6100000',
      apk32: 'SN32',
      apk64: 'SN64',
      updateDesc: '修复已知问题',
      onlineType: '2',
      scheOnlineTime: '2030-05-01 10:30:00',
      compatibleDevice: '3',
    });
  });
});
