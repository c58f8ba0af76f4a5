import { describe, expect, it } from 'vitest';
import { StoreError } from '../../core/errors.js';
import { xiaomiError } from './errors.js';

const answer = (result: number, message: string | null = null, reason: string | null = null) => ({
  result,
  message,
  reason,
});

describe('xiaomi error mapping', () => {
  it.each([
    [-2, 'PACKAGE_MISMATCH', 'rejected', 'a build of this package'],
    [-7, 'NOT_YOUR_APP', 'config', 'claim the package (认领)'],
    [-32, 'APP_NOT_FOUND', 'config', 'create the app on the console first'],
    [-92, 'FILE_REJECTED', 'rejected', 'raise versionCode above the live one'],
    [-10000, 'BAD_REQUEST', 'internal', '--verbose to see the request'],
    [-20002, 'BAD_SIGNATURE', 'auth', 'stores.xiaomi.publicKey is the certificate'],
    [-20014, 'AUTH_FAILED', 'auth', 'into stores.xiaomi.privateKey'],
    [-20029, 'BAD_REQUEST', 'internal', 'a bug in appstores'],
    [-20030, 'BAD_SIGNATURE', 'auth', 'stores.xiaomi.publicKey is the certificate'],
    [-20034, 'FIELD_INVALID', 'rejected', 'testAccount must be the structured JSON'],
    [-12345, 'STORE_REFUSED', 'rejected', "read the store's message"],
  ])('result %i -> %s (%s), hinting "%s"', (result, code, category, hint) => {
    const error = xiaomiError(answer(result, '出错了'), 'push com.foo.bar');
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code, category, store: 'xiaomi', storeCode: result });
    expect(error.message).toMatch(new RegExp(`^push com\\.foo\\.bar: .*\\(Xiaomi ${result}: 出错了\\)$`));
    expect(error.message).not.toContain('\n');
    expect(error.hint).toContain(hint);
  });

  it('hints at the certificate for a bad SIG and at a reset for a wrong private key', () => {
    expect(xiaomiError(answer(-20002), 'q').hint).toMatch(/publicKey is the certificate/);
    expect(xiaomiError(answer(-20014), 'q').hint).toMatch(/reset on the console/);
  });

  it('recognises a changed APK signer by its message, whatever the code', () => {
    const error = xiaomiError(answer(-92, 'apk 与线上版本签名不一致'), 'push com.foo.bar');
    expect(error).toMatchObject({ code: 'APK_SIGNER_CHANGED', category: 'rejected', storeCode: -92 });
    expect(xiaomiError(answer(-1, null, '签名不一致'), 'q').code).toBe('APK_SIGNER_CHANGED');
  });

  it("keeps the message on one line when the store's text spans several", () => {
    const error = xiaomiError(answer(-92, '  APK 校验失败\r\n请检查后重试 '), 'push com.foo.bar');
    expect(error.message).toBe(
      'push com.foo.bar: Xiaomi refused the APK (e.g. the same or a lower version, or the same APK again) (Xiaomi -92: APK 校验失败 请检查后重试)',
    );
    expect(xiaomiError(answer(-7, ' \n ', '应用\n归属关系异常'), 'q').message).toContain(
      '(Xiaomi -7: 应用 归属关系异常)',
    );
  });

  it('falls back to `reason` when `message` is empty, and omits the store text when there is none', () => {
    expect(xiaomiError(answer(-7, '', '应用归属关系异常'), 'q').message).toContain('(Xiaomi -7: 应用归属关系异常)');
    expect(xiaomiError(answer(-7), 'q').message).toBe(
      'q: the package belongs to another developer account (Xiaomi -7)',
    );
  });
});
