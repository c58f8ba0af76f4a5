import { describe, expect, it } from 'vitest';
import { allowedUploadUrl } from './upload-url.js';

describe('allowedUploadUrl', () => {
  it('takes https anywhere and http on loopback only', () => {
    expect(allowedUploadUrl('oppo', 'OPPO', 'https://up.example.com/a?sig=1').host).toBe('up.example.com');
    expect(allowedUploadUrl('yyb', 'YYB', 'http://127.0.0.1:8080/put').port).toBe('8080');
  });

  it.each([
    ['plain http to another host', 'http://upload.example.com/put?signature=s3cr3t'],
    ['plain http to a name that starts like loopback', 'http://127.0.0.1.nip.io/put?signature=s3cr3t'],
    ['no URL at all', 'not a url signature=s3cr3t'],
  ])('refuses %s, one code, never quoting the URL', (_what, raw) => {
    let error: unknown;
    try {
      allowedUploadUrl('huawei', 'Huawei', raw, 'the AAB');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'UPLOAD_URL_REFUSED',
      store: 'huawei',
      message: 'Huawei handed out an upload URL that is not https; refusing to send the AAB there',
      hint: expect.stringContaining('stores.huawei.baseUrl'),
    });
    expect(JSON.stringify(error)).not.toContain('s3cr3t');
  });
});
