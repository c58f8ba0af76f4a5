import { describe, expect, it } from 'vitest';
import { phpText } from './php-text.js';

describe('phpText', () => {
  it('reads the string out of a PHP-serialized array (byte lengths, UTF-8)', () => {
    expect(phpText('a:1:{i:0;s:24:"资源下架理由外部";}')).toBe('资源下架理由外部');
    expect(phpText('a:1:{i:0;s:18:"资源下架理由";}')).toBe('资源下架理由');
  });

  it('joins several values and skips string keys', () => {
    expect(phpText('a:2:{s:6:"reason";s:6:"图标";i:1;s:10:"截图;多";}')).toBe('图标; 截图;多');
  });

  it('handles a serialized string, and leaves plain or malformed text alone', () => {
    expect(phpText('s:5:"hello";')).toBe('hello');
    expect(phpText('开发者申请撤销审核')).toBe('开发者申请撤销审核');
    expect(phpText('a:1:{i:0;s:99:"short";}')).toBe('a:1:{i:0;s:99:"short";}');
    expect(phpText('')).toBeNull();
    expect(phpText(null)).toBeNull();
    expect(phpText('a:0:{}')).toBeNull();
  });
});
