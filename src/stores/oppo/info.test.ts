import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseInfo, reviewOf } from './info.js';
import { detailBodySchema, type DetailBody } from './schemas.js';

const seedOk = JSON.parse(readFileSync('fixtures/responses/oppo-app-info.json', 'utf8')) as {
  data: Record<string, unknown>;
};
const detail = (extra: Record<string, unknown> = {}): DetailBody =>
  detailBodySchema.parse({ ...seedOk.data, ...extra });

describe('OPPO info normalisation', () => {
  it('normalises the seed example (no audit_status: 上线 from audit_status_name)', () => {
    const info = normaliseInfo('com.foo.bar', detail(), seedOk);
    expect(info).toEqual({
      store: 'oppo',
      package: 'com.foo.bar',
      appId: '111',
      appName: '测试应用',
      live: { versionCode: 6091000, versionName: '6.9.1' },
      pending: null,
      // The stale refusal text of a live app is not shown as the reason.
      review: { state: 'live', reason: null, storeState: '上线' },
      raw: seedOk,
    });
  });

  it.each([
    ['111', '上线', 'live'],
    ['444', '审核不通过', 'rejected'],
    ['1', '审核中', 'reviewing'],
    ['4', '运营审核中', 'reviewing'],
    ['2', '审核通过', 'approved'],
    ['6', '运营通过', 'approved'],
    ['7', '定时发布', 'scheduled'],
    ['0', '未发布', 'draft'],
    ['3', '测试不通过', 'rejected'],
    ['5', '运营打回', 'rejected'],
    ['222', '下线', 'withdrawn'],
    ['22', '已冻结', 'unknown'],
  ])('maps audit_status %s (%s) to %s', (code, name, state) => {
    const review = reviewOf(detail({ audit_status: code, audit_status_name: name }));
    expect(review.state).toBe(state);
    expect(review.storeState).toBe(`${code} ${name}`);
  });

  it('prefers audit_status over the name, falls back to the name for an unknown code', () => {
    expect(reviewOf(detail({ audit_status: '1', audit_status_name: '上线' })).state).toBe('reviewing');
    expect(reviewOf(detail({ audit_status: '999', audit_status_name: '审核中' })).state).toBe('reviewing');
    expect(reviewOf(detail({ audit_status: null, audit_status_name: null })).state).toBe('unknown');
  });

  it('shows a rejected version as pending, with the PHP-serialized reason made readable', () => {
    const info = normaliseInfo(
      'com.foo.bar',
      detail({ audit_status: '444', audit_status_name: '审核不通过', version_code: '6100000', version_name: '6.10.0' }),
      null,
    );
    expect(info.review).toEqual({ state: 'rejected', reason: '资源下架理由外部', storeState: '444 审核不通过' });
    expect(info.pending).toEqual({ versionCode: 6100000, versionName: '6.10.0' });
    expect(info.live).toBeNull();
  });

  it('reads a withdrawn review (444 + 开发者申请撤销审核) as withdrawn', () => {
    const review = reviewOf(
      detail({ audit_status: '444', audit_status_name: '审核不通过', refuse_reason: '开发者申请撤销审核' }),
    );
    expect(review).toEqual({ state: 'withdrawn', reason: '开发者申请撤销审核', storeState: '444 审核不通过' });
  });

  it('shows a version in review as pending and the live one as unknown', () => {
    const info = normaliseInfo('com.foo.bar', detail({ audit_status: '1', audit_status_name: '审核中' }), null);
    expect(info.pending).toEqual({ versionCode: 6091000, versionName: '6.9.1' });
    expect(info.live).toBeNull();
    expect(info.review.reason).toBeNull();
  });
});
