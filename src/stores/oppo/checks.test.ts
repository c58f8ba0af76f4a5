import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ApkInfo } from '../../artifacts/types.js';
import type { Release } from '../types.js';
import { evaluateRelease } from './checks.js';
import { detailBodySchema } from './schemas.js';

const seedOk = JSON.parse(readFileSync('fixtures/responses/oppo-app-info.json', 'utf8')) as {
  data: Record<string, unknown>;
};
const NOW = Date.UTC(2026, 0, 1, 0, 0, 0);
/** The example's listing with texts /app/upd accepts (its "xxx" summary is 20 chars). */
const goodListing = {
  summary: '测试应用一句话简介',
  detail_desc: '测试应用是一款用于演示自动发布流程的示例应用。',
  audit_status: '111',
};
const detail = (extra: Record<string, unknown> = {}) =>
  detailBodySchema.parse({ ...seedOk.data, ...goodListing, ...extra });

function apk(abis: string[], name = 'app.apk'): ApkInfo {
  return {
    kind: 'apk',
    path: `/tmp/${name}`,
    package: 'com.foo.bar',
    versionCode: 6100000,
    versionName: '6.10.0',
    label: 'Foo Bar',
    minSdk: 21,
    targetSdk: 34,
    abis,
    signer: null,
    size: 1000,
    md5: 'a'.repeat(32),
    sha256: 'b'.repeat(64),
  };
}
function release(extra: Partial<Release> = {}): Release {
  return {
    package: 'com.foo.bar',
    versionCode: 6100000,
    versionName: '6.10.0',
    apks: [apk(['arm64-v8a', 'armeabi-v7a'])],
    notes: '修复已知问题',
    ...extra,
  };
}

describe('OPPO release checks', () => {
  it('accepts a good release', () => {
    const result = evaluateRelease(detail(), release(), NOW);
    expect(result).toEqual({ skip: null, problems: [], warnings: [], current: 6091000 });
  });

  it.each(['111', '1', '2', '7'])('skips when the same versionCode is already there (audit_status %s)', (status) => {
    const result = evaluateRelease(detail({ version_code: '6100000', audit_status: status }), release(), NOW);
    expect(result.skip).toMatch(/versionCode 6100000 .* already on OPPO/);
  });

  it('does not skip the same versionCode when it was rejected', () => {
    const result = evaluateRelease(detail({ version_code: '6100000', audit_status: '444' }), release(), NOW);
    expect(result.skip).toBeNull();
    expect(result.problems).toEqual([]);
  });

  it('refuses a lower versionCode', () => {
    const result = evaluateRelease(detail(), release({ versionCode: 6000000 }), NOW);
    expect(result.problems.map((p) => p.code)).toEqual(['VERSION_NOT_HIGHER']);
    expect(result.problems[0]?.message).toContain("6000000 is not above OPPO's 6091000");
  });

  it('refuses an empty or 14-character summary and tells to shorten it on the console', () => {
    expect(evaluateRelease(detail({ summary: '  ' }), release(), NOW).problems.map((p) => p.code)).toEqual([
      'LISTING_INCOMPLETE',
    ]);
    const long = evaluateRelease(detail({ summary: '一二三四五六七八九十一二三四' }), release(), NOW).problems;
    expect(long.map((p) => p.code)).toEqual(['LISTING_INCOMPLETE']);
    expect(long[0]?.message).toContain('14 characters');
    expect(long[0]?.hint).toContain('OPPO console');
    // 13 is still fine.
    expect(evaluateRelease(detail({ summary: '一二三四五六七八九十一二三' }), release(), NOW).problems).toEqual([]);
  });

  it('refuses a summary with punctuation or spaces, half- or full-width', () => {
    for (const summary of ['测试应用，一句话', '好用的应用!', '测试 应用', '测试　应用']) {
      const problems = evaluateRelease(detail({ summary }), release(), NOW).problems;
      expect(problems.map((p) => p.code)).toEqual(['LISTING_INCOMPLETE']);
      expect(problems[0]?.hint).toContain('OPPO console');
    }
    // Letters and digits of any script are fine.
    expect(evaluateRelease(detail({ summary: '测试App2应用' }), release(), NOW).problems).toEqual([]);
  });

  it('refuses a short description and short notes, warns about a description OPPO will cut', () => {
    expect(evaluateRelease(detail({ detail_desc: '太短了' }), release(), NOW).problems.map((p) => p.code)).toEqual([
      'LISTING_INCOMPLETE',
    ]);
    expect(evaluateRelease(detail(), release({ notes: ' fix ' }), NOW).problems.map((p) => p.code)).toEqual([
      'NOTES_INVALID',
    ]);
    const long = evaluateRelease(detail({ detail_desc: '长'.repeat(1100) }), release(), NOW);
    expect(long.problems).toEqual([]);
    expect(long.warnings).toEqual(['the description (软件介绍) has 1100 characters: OPPO silently cuts it to 1024']);
  });

  it('refuses a listing without copyright proof in either field, accepts electronic_cert_url alone', () => {
    expect(
      evaluateRelease(detail({ copyright_url: ',,', electronic_cert_url: '' }), release(), NOW).problems.map(
        (p) => p.code,
      ),
    ).toEqual(['LISTING_INCOMPLETE']);
    expect(
      evaluateRelease(detail({ copyright_url: '', electronic_cert_url: 'http://c.pdf' }), release(), NOW).problems,
    ).toEqual([]);
  });

  it('refuses a listing whose privacy URL, icon or screenshots are empty, naming each', () => {
    const result = evaluateRelease(detail({ privacy_source_url: ' ', icon_url: null, pic_url: ',,' }), release(), NOW);
    expect(result.problems.map((p) => p.code)).toEqual(['LISTING_INCOMPLETE']);
    expect(result.problems[0]!.message).toBe(
      'the listing has no 隐私政策网址 (privacy_source_url), 图标 (icon_url), 竖屏截图 (pic_url), which /app/upd requires',
    );
  });

  it('refuses a schedule in the past', () => {
    const problems = evaluateRelease(detail(), release({ schedule: new Date(NOW - 60_000) }), NOW).problems;
    expect(problems.map((p) => p.code)).toEqual(['SCHEDULE_IN_PAST']);
    expect(problems[0]?.message).toContain('2026-01-01 07:59:00');
  });

  it('lists several problems at once, each with its message', () => {
    const problems = evaluateRelease(detail({ summary: '' }), release({ notes: '' }), NOW).problems;
    expect(problems.map((p) => p.code)).toEqual(['LISTING_INCOMPLETE', 'NOTES_INVALID']);
    expect(problems[0]!.message).toContain('no summary (一句话简介)');
  });
});
