import { describe, expect, it } from 'vitest';
import { yybConfigSchema } from './config.js';

describe('stores.yyb config', () => {
  it('takes appIds as an object, or as JSON text from the environment, numbers kept as digits', () => {
    const base = { userId: 10000001, accessSecret: 's' };
    expect(yybConfigSchema.parse({ ...base, appIds: { 'com.foo.bar': 1101234567 } })).toMatchObject({
      userId: '10000001',
      appIds: { 'com.foo.bar': '1101234567' },
    });
    expect(yybConfigSchema.parse({ ...base, appIds: '{"com.foo.bar":"1101234567"}' }).appIds).toEqual({
      'com.foo.bar': '1101234567',
    });
  });

  it('names what is wrong', () => {
    const result = yybConfigSchema.safeParse({ userId: '1', accessSecret: 's', appIds: { 'com.foo.bar': 'abc' } });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['appIds', 'com.foo.bar']);
    expect(yybConfigSchema.safeParse({ userId: '1', accessSecret: 's' }).error!.issues[0]!.path).toEqual(['appIds']);
  });
});
