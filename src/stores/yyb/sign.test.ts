import { describe, expect, it } from 'vitest';
import { signParams } from './sign.js';

describe('yyb signParams', () => {
  it('matches a fixed vector (frozen clock; digest computed independently with Python hmac)', () => {
    // Signed text: app_id=1101234567&feature=修复 bug & 提升&pkg_name=com.foo.bar&timestamp=1767225600&user_id=10000001
    const params = signParams(
      { pkg_name: 'com.foo.bar', app_id: '1101234567', feature: '修复 bug & 提升' },
      '10000001',
      'test-secret',
      1_767_225_600_999,
    );
    expect(params).toEqual({
      pkg_name: 'com.foo.bar',
      app_id: '1101234567',
      feature: '修复 bug & 提升',
      user_id: '10000001',
      timestamp: '1767225600',
      sign: '0f9acbd553f95ce5a18af48e87cd972deaed76ebd45ee2e86dc9daa73e5c41bf',
    });
  });

  it('drops empty values from what is signed and sent', () => {
    const withEmpty = signParams(
      { pkg_name: 'com.foo.bar', app_id: '1101234567', feature: '修复 bug & 提升', deploy_time: '' },
      '10000001',
      'test-secret',
      1_767_225_600_000,
    );
    expect(withEmpty).not.toHaveProperty('deploy_time');
    expect(withEmpty.sign).toBe('0f9acbd553f95ce5a18af48e87cd972deaed76ebd45ee2e86dc9daa73e5c41bf');
  });
});
