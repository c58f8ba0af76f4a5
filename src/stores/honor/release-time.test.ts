import { describe, expect, it } from 'vitest';
import { honorConfigSchema } from './config.js';
import { honorReleaseTime } from './release-time.js';

describe('honorReleaseTime', () => {
  it("writes yyyy-MM-dd'T'HH:mm:ss+0800 in Beijing time, no colon in the offset", () => {
    expect(honorReleaseTime(new Date('2026-06-20T02:00:00Z'))).toBe('2026-06-20T10:00:00+0800');
    expect(honorReleaseTime(new Date('2026-12-31T16:30:15.900Z'))).toBe('2027-01-01T00:30:15+0800');
  });
});

describe('stores.honor config', () => {
  it('keeps appId as digits, and refuses plain http off loopback', () => {
    expect(honorConfigSchema.parse({ clientId: 'c', clientSecret: 's', appId: 100000001 }).appId).toBe('100000001');
    expect(
      honorConfigSchema.safeParse({ clientId: 'c', clientSecret: 's', authUrl: 'http://iam.example.com/auth/token' })
        .success,
    ).toBe(false);
  });
});
