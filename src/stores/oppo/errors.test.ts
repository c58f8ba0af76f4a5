import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oppoError, storeMessage } from './errors.js';
import { envelopeSchema } from './schemas.js';

const seedError = JSON.parse(readFileSync('fixtures/responses/oppo-app-info-error.json', 'utf8')) as unknown;

describe('OPPO errors', () => {
  it('turns the failure example of the doc into a clear error with errno and message', () => {
    const envelope = envelopeSchema.parse(seedError);
    const error = oppoError('app info', envelope.errno, storeMessage(envelope));
    expect(error.message).toBe(
      'app info: the package does not belong to the developer account of this clientId (OPPO 911045: 开发者ID和包名不匹配)',
    );
    expect(error).toMatchObject({ code: 'APP_NOT_FOUND', category: 'config', store: 'oppo', storeCode: 911045 });
    expect(error.hint).toMatch(/create the app on the console first/);
  });

  it('finds the message in data.message, data.msg, message or msg', () => {
    expect(storeMessage({ data: { msg: 'a' } })).toBe('a');
    expect(storeMessage({ data: [], message: 'b' })).toBe('b');
    expect(storeMessage({ msg: 'c\n d' })).toBe('c d');
    expect(storeMessage({ data: null })).toBe('(no message)');
  });

  it.each([
    [911215, '应用审核中', 'IN_REVIEW', 'conflict', 'wait for the review to end'],
    [911216, '版本更新任务处理中', 'STILL_PROCESSING', 'conflict', 'wait a few minutes'],
    [911001, '软件版权证明不能为空', 'LISTING_INCOMPLETE', 'rejected', '软件版权证明 (copyright proof)'],
    [800002, 'Summary只能包含至多13个字符', 'FIELD_INVALID', 'rejected', 'fix the field named above'],
    [910002, 'access_token 无效', 'TOKEN_INVALID', 'auth', 'each new token kills the old one'],
    [910004, 'timestamp 已过期或格式错误', 'CLOCK_SKEW', 'config', "this machine's clock"],
    [910005, 'api_sign 签名错误', 'BAD_SIGNATURE', 'auth', 'stores.oppo.clientSecret'],
    [123456, '未知错误', 'STORE_REFUSED', 'rejected', "read the store's message"],
  ])('maps errno %s (%s) to %s / %s, one line with errno and message', (errno, message, code, category, hint) => {
    const error = oppoError('submit (/app/upd)', errno, message);
    expect(error).toMatchObject({ code, category, storeCode: errno });
    expect(error.message).toContain(`(OPPO ${errno}: ${message})`);
    expect(error.message).not.toMatch(/\n/);
    expect(error.hint).toContain(hint);
  });
});
