import { describe, expect, it } from 'vitest';
import { oppoConfigSchema } from './config.js';

describe('OPPO config', () => {
  it('accepts the sandbox config and the defaults', () => {
    expect(
      oppoConfigSchema.parse({
        clientId: '1000000000000000001',
        clientSecret: 's',
        baseUrl: 'http://127.0.0.1:4000/oppo/',
      }),
    ).toEqual({
      clientId: '1000000000000000001',
      clientSecret: 's',
      baseUrl: 'http://127.0.0.1:4000/oppo',
    });
    expect(oppoConfigSchema.parse({ clientId: '1', clientSecret: 's' }).baseUrl).toBeUndefined();
  });

  it('explains why an unquoted 19-digit clientId is refused', () => {
    const result = oppoConfigSchema.safeParse({ clientId: 1234567890123456789, clientSecret: 's' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/write it in quotes/);
  });

  it('refuses plain http off loopback, unknown fields and an empty secret', () => {
    expect(
      oppoConfigSchema.safeParse({ clientId: '1', clientSecret: 's', baseUrl: 'http://example.com' }).success,
    ).toBe(false);
    expect(oppoConfigSchema.safeParse({ clientId: '1', clientSecret: 's', extra: 1 }).success).toBe(false);
    expect(oppoConfigSchema.safeParse({ clientId: '1', clientSecret: '  ' }).success).toBe(false);
  });
});
