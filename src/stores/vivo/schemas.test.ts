import { describe, expect, it } from 'vitest';
import { isNone as isEmptyData } from '../kit/index.js';
import { businessSubCode, detailsSchema, envelopeMessage, envelopeSchema } from './schemas.js';

describe('vivo envelope', () => {
  it('treats subCode absent, "" and "0" as success and anything else as a failure', () => {
    const sub = (subCode: unknown) => businessSubCode(envelopeSchema.parse({ code: 0, subCode }));
    expect(sub(undefined)).toBeNull();
    expect(sub(null)).toBeNull();
    expect(sub('')).toBeNull();
    expect(sub('0')).toBeNull();
    expect(sub(0)).toBeNull();
    expect(sub('15042')).toBe('15042');
    expect(sub(15042)).toBe('15042');
  });

  it('reads the message from msg or message, and code given as a string', () => {
    expect(envelopeMessage(envelopeSchema.parse({ code: 0, msg: '成功' }))).toBe('成功');
    expect(envelopeMessage(envelopeSchema.parse({ code: '0', message: '失败' }))).toBe('失败');
    expect(envelopeSchema.parse({ code: '10001' }).code).toBe(10001);
    expect(envelopeMessage(envelopeSchema.parse({ code: 0 }))).toBeNull();
  });

  it('recognises the empty data of an unknown package', () => {
    for (const empty of [null, undefined, '', [], {}]) expect(isEmptyData(empty)).toBe(true);
    expect(isEmptyData({ packageName: 'x' })).toBe(false);
  });
});

describe('vivo app.query.details data', () => {
  it('parses versionCode sent as a string and keeps unknown fields', () => {
    const parsed = detailsSchema.parse({
      packageName: 'com.foo.bar',
      cnName: '测试应用',
      versionCode: '6091000',
      versionName: '6.9.1',
      status: 3,
      saleStatus: 1,
      compatibleDevice: 1,
      onlineType: 1,
      scheOnlineTime: null,
      icpNumber: '',
    });
    expect(parsed.versionCode).toBe(6091000);
    expect(parsed.compatibleDevice).toBe(1);
    expect(parsed.unPassReason).toBeNull();
    expect(parsed.icpNumber).toBe('');
  });

  it('refuses data without the fields we rely on', () => {
    expect(detailsSchema.safeParse({ packageName: 'com.foo.bar', status: 3 }).success).toBe(false);
    expect(detailsSchema.safeParse({ packageName: 'com.foo.bar', versionCode: 'six', status: 3 }).success).toBe(false);
  });
});
