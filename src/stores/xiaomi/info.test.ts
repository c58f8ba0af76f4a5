import { describe, expect, it } from 'vitest';
import type { Release } from '../types.js';
import { checkContent, preflight } from './checks.js';
import { toAppInfo } from './info.js';
import { queryAnswerSchema } from './schemas.js';

/** The shape of the real trace (stores/xiaomi.md 1.4, APKGO-XM-TR), with our test package. */
const LIVE = {
  result: 0,
  message: '查询成功',
  create: false,
  updateVersion: true,
  updateInfo: true,
  packageInfo: {
    appName: '测试应用',
    packageName: 'com.foo.bar',
    versionCode: 6091000,
    versionName: '6.9.1',
    onlineVersionCode: 6091000,
  },
};

const release = (overrides: Partial<Release> = {}): Release => ({
  package: 'com.foo.bar',
  versionCode: 6100000,
  versionName: '6.10.0',
  apks: [],
  notes: 'Bug fixes',
  ...overrides,
});

describe('query answer schema', () => {
  it('parses the real answer shape and keeps unknown fields', () => {
    const parsed = queryAnswerSchema.parse({ ...LIVE, extra: 1 });
    expect(parsed.packageInfo?.versionCode).toBe(6091000);
    expect((parsed as Record<string, unknown>).extra).toBe(1);
  });

  it('accepts numbers and booleans sent as strings, and a missing packageInfo', () => {
    const parsed = queryAnswerSchema.parse({
      result: '0',
      updateVersion: 'false',
      packageInfo: { ...LIVE.packageInfo, versionCode: '6091000', versionName: 691 },
    });
    expect(parsed).toMatchObject({ result: 0, updateVersion: false, message: null });
    expect(parsed.packageInfo).toMatchObject({ versionCode: 6091000, versionName: '691' });
    expect(queryAnswerSchema.parse({ result: 0, message: 'ok' }).packageInfo).toBeNull();
  });

  it('fails where we rely on a field: updateVersion with packageInfo, a numeric versionCode', () => {
    expect(queryAnswerSchema.safeParse({ ...LIVE, updateVersion: undefined }).success).toBe(false);
    expect(queryAnswerSchema.safeParse({ ...LIVE, packageInfo: { versionCode: 'abc' } }).success).toBe(false);
  });
});

describe('toAppInfo', () => {
  it('is live with packageInfo.versionCode when updateVersion is true', () => {
    const info = toAppInfo(queryAnswerSchema.parse(LIVE), 'com.foo.bar');
    expect(info).toMatchObject({
      store: 'xiaomi',
      package: 'com.foo.bar',
      appId: null,
      appName: '测试应用',
      live: { versionCode: 6091000, versionName: '6.9.1' },
      pending: null,
      review: { state: 'live', reason: null, storeState: 'inferred: updateVersion=true' },
    });
    expect(info.raw).toMatchObject({ result: 0 });
  });

  it('is reviewing (pending version not visible) when updateVersion is false', () => {
    const info = toAppInfo(queryAnswerSchema.parse({ ...LIVE, updateVersion: false }), 'com.foo.bar');
    expect(info.review).toEqual({ state: 'reviewing', reason: null, storeState: 'inferred: updateVersion=false' });
    expect(info.pending).toBeNull();
    expect(info.live?.versionCode).toBe(6091000);
  });

  it('throws APP_NOT_FOUND when packageInfo is null', () => {
    expect(() => toAppInfo(queryAnswerSchema.parse({ ...LIVE, packageInfo: null }), 'com.foo.bar')).toThrow(
      expect.objectContaining({
        code: 'APP_NOT_FOUND',
        category: 'config',
        hint: 'create the app on the console first',
      }),
    );
  });
});

describe('preflight and checkContent', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  const live = queryAnswerSchema.parse(LIVE);
  const app = live.packageInfo!;

  it('submits a higher versionCode', () => {
    expect(preflight(live, release(), null)).toMatchObject({ action: 'submit', app: { appName: '测试应用' } });
    expect(() => checkContent(app, release(), now)).not.toThrow();
  });

  it('skips the live versionCode', () => {
    expect(preflight(live, release({ versionCode: 6091000 }), null)).toEqual({
      action: 'skip',
      summary: '6.10.0 (6091000) is already live on Xiaomi',
    });
  });

  it('is a conflict while a version is in review', () => {
    const reviewing = queryAnswerSchema.parse({ ...LIVE, updateVersion: false });
    expect(() => preflight(reviewing, release(), null)).toThrow(
      expect.objectContaining({
        code: 'IN_REVIEW',
        category: 'conflict',
        hint: expect.stringContaining('stores.xiaomi.inReview'),
      }),
    );
    expect(() => preflight(reviewing, release(), { versionCode: 6099999, source: 'stores.xiaomi.inReview' })).toThrow(
      expect.objectContaining({ code: 'IN_REVIEW', message: expect.stringContaining('versionCode 6099999') }),
    );
  });

  it('skips the version in review when the journal or stores.xiaomi.inReview says it is this one', () => {
    const reviewing = queryAnswerSchema.parse({ ...LIVE, updateVersion: false });
    expect(
      preflight(reviewing, release(), { versionCode: release().versionCode, source: 'stores.xiaomi.inReview' }),
    ).toEqual({
      action: 'skip',
      summary: `6.10.0 (${release().versionCode}) is in review on Xiaomi (updateVersion=false; stores.xiaomi.inReview)`,
    });
  });

  it('is APP_NOT_FOUND without packageInfo', () => {
    expect(() => preflight(queryAnswerSchema.parse({ result: 0 }), release(), null)).toThrow(
      expect.objectContaining({ code: 'APP_NOT_FOUND' }),
    );
  });

  it('rejects a versionCode below the live one, empty notes and a past schedule', () => {
    expect(() => checkContent(app, release({ versionCode: 6000000 }), now)).toThrow(
      expect.objectContaining({ code: 'VERSION_NOT_HIGHER', category: 'rejected' }),
    );
    expect(() => checkContent(app, release({ notes: '  ' }), now)).toThrow(
      expect.objectContaining({ code: 'NOTES_INVALID' }),
    );
    expect(() => checkContent(app, release({ schedule: new Date(now - 1000) }), now)).toThrow(
      expect.objectContaining({ code: 'SCHEDULE_IN_PAST' }),
    );
    expect(() => checkContent(app, release({ schedule: new Date(now + 60_000) }), now)).not.toThrow();
  });
});
