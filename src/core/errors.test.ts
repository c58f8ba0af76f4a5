import { describe, expect, it } from 'vitest';
import { StoreError, oneLine } from './errors.js';

describe('error messages', () => {
  it('are one line, whatever text a store put in them', () => {
    const error = new StoreError('OPPO refused: 版本号\n  必须大于\r\n线上版本', {
      code: 'STORE_REFUSED',
      category: 'rejected',
      store: 'oppo',
    });
    expect(error.message).toBe('OPPO refused: 版本号 必须大于 线上版本');
  });

  it('are cut, with an ellipsis, when a store quotes pages of text', () => {
    const cut = oneLine(`refused: ${'x'.repeat(1000)}`);
    expect(cut).toHaveLength(400);
    expect(cut.endsWith('x…')).toBe(true);
  });
});
