import { describe, expect, it } from 'vitest';
import { vivoError } from './errors.js';

describe('vivo error mapping', () => {
  it.each([
    [10001, 'BAD_SIGNATURE', 'auth', /accessSecret/],
    [10005, 'CLOCK_SKEW', 'config', /clock/],
    [10006, 'RATE_LIMITED', 'transient', /wait/],
    [10011, 'QUOTA_EXCEEDED', 'transient', /tomorrow/],
    [10017, 'AUTH_FAILED', 'auth', /accessKey/],
    [10018, 'AUTH_FAILED', 'auth', /accessKey/],
    [10004, 'NO_API_PERMISSION', 'auth', /API/],
    [404, 'BAD_REQUEST', 'internal', /report/],
  ] as const)('gateway code %i -> %s (%s)', (code, ours, category, hint) => {
    const error = vivoError('app.query.details', { code, subCode: null, message: '错误信息' });
    expect(error.code).toBe(ours);
    expect(error.category).toBe(category);
    expect(error.storeCode).toBe(code);
    expect(error.hint).toMatch(hint);
    expect(error.message).toContain(`(vivo ${code}: 错误信息)`);
  });

  it.each([
    ['12010', 'IN_REVIEW', 'conflict'],
    ['15001', 'PACKAGE_MISMATCH', 'rejected'],
    ['15002', 'TARGET_SDK_LOWER', 'rejected'],
    ['15003', 'VERSION_NOT_HIGHER', 'rejected'],
    ['15009', 'UPLOAD_CORRUPTED', 'transient'],
    ['15042', 'APK_SIGNER_CHANGED', 'rejected'],
    ['11010', 'STILL_PROCESSING', 'conflict'],
    ['11011', 'NOT_YOUR_APP', 'config'],
    ['13002', 'NOT_YOUR_APP', 'config'],
    ['11001', 'APP_NOT_FOUND', 'config'],
  ] as const)('business subCode %s -> %s (%s)', (subCode, ours, category) => {
    const error = vivoError('upload app.apk', { code: 0, subCode, message: '业务错误' });
    expect(error.code).toBe(ours);
    expect(error.category).toBe(category);
    expect(error.storeCode).toBe(subCode);
    expect(error.message).toBe(error.message.split('\n')[0]);
    expect(error.message).toMatch(new RegExp(`^upload app\\.apk: .*\\(vivo ${subCode}: 业务错误\\)$`));
  });

  it('tells the user to keep the signing key on 15042', () => {
    expect(vivoError('upload', { code: 0, subCode: '15042', message: 'x' }).hint).toMatch(
      /same key as the live version/,
    );
  });

  it('keeps an undocumented subCode or gateway code as a refusal with the store words (the one default for every store)', () => {
    const business = vivoError('submit', { code: 0, subCode: '99999', message: '  新的\n错误 ' });
    expect(business).toMatchObject({ code: 'STORE_REFUSED', category: 'rejected', storeCode: '99999' });
    expect(business.message).toContain('(vivo 99999: 新的 错误)');
    expect(vivoError('submit', { code: 77777, subCode: null, message: null })).toMatchObject({
      code: 'STORE_REFUSED',
      category: 'rejected',
      storeCode: 77777,
    });
  });
});
