import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../core/errors.js';
import { appNotFound, refusal, type RefusalTable } from './refusal.js';

const TABLE: RefusalTable = {
  [-7]: {
    code: 'NOT_YOUR_APP',
    meaning: 'the package belongs to another developer account',
    hint: 'use the owning account',
  },
  '12010': { code: 'IN_REVIEW', meaning: 'the app is under review' },
};

describe('refusal', () => {
  it('has one message format: what: meaning (Store code: text)', () => {
    const error = refusal('xiaomi', 'query com.foo.bar', -7, '包名被其他开发者占用', TABLE);
    expect(error.message).toBe(
      'query com.foo.bar: the package belongs to another developer account (Xiaomi -7: 包名被其他开发者占用)',
    );
    expect(error).toMatchObject({
      code: 'NOT_YOUR_APP',
      category: 'config',
      store: 'xiaomi',
      storeCode: -7,
      hint: 'use the owning account',
    });
    expect(refusal('vivo', 'submit', '12010', null, TABLE).message).toBe(
      'submit: the app is under review (vivo 12010)',
    );
  });

  it('makes an unknown store code STORE_REFUSED, rejected, exit 1, in every store', () => {
    for (const store of ['oppo', 'vivo', 'xiaomi', 'honor'] as const) {
      const error = refusal(store, 'submit', 999, 'something new', TABLE);
      expect(error).toMatchObject({ code: 'STORE_REFUSED', category: 'rejected', storeCode: 999 });
      expect(exitCodeFor(error)).toBe(1);
    }
  });

  it('masks token-shaped text in what it quotes', () => {
    const error = refusal('oppo', 'token', 1, 'bad token 9f8e7d6c5b4a39281706f5e4d3c2b1a0', TABLE);
    expect(error.message).not.toContain('9f8e7d6c5b4a');
  });
});

describe('appNotFound', () => {
  it('is one APP_NOT_FOUND wording for every store, a config error (exit 3) with the store hint', () => {
    const error = appNotFound('vivo', 'com.foo.bar', 'create the app on the console first');
    expect(error).toMatchObject({
      code: 'APP_NOT_FOUND',
      category: 'config',
      store: 'vivo',
      message: 'vivo has no app com.foo.bar in this developer account',
      hint: 'create the app on the console first',
    });
    expect(exitCodeFor(error)).toBe(3);
  });
});
