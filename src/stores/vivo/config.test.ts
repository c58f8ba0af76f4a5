import { describe, expect, it } from 'vitest';
import { gatewayFor, PRODUCTION_GATEWAY, SANDBOX_GATEWAY, vivoConfigSchema, vivoFields } from './config.js';

const keys = { accessKey: 'ak', accessSecret: 'sk' };

describe('vivo config', () => {
  it('defaults to production, sandbox: true picks the sandbox gateway, baseUrl overrides both', () => {
    expect(gatewayFor(vivoConfigSchema.parse(keys), PRODUCTION_GATEWAY)).toEqual({
      url: PRODUCTION_GATEWAY,
      hasDetails: true,
    });
    expect(gatewayFor(vivoConfigSchema.parse({ ...keys, sandbox: true }), PRODUCTION_GATEWAY)).toEqual({
      url: SANDBOX_GATEWAY,
      hasDetails: false,
    });
    expect(
      gatewayFor(
        vivoConfigSchema.parse({ ...keys, sandbox: 'true', baseUrl: 'http://127.0.0.1:9/vivo/' }),
        'http://127.0.0.1:9/vivo',
      ),
    ).toEqual({
      url: 'http://127.0.0.1:9/vivo',
      hasDetails: true,
    });
    expect(SANDBOX_GATEWAY).toBe('https://sandbox-developer-api.vivo.com.cn/router/rest');
  });

  it('refuses unknown fields, missing keys and plain http off loopback', () => {
    expect(vivoConfigSchema.safeParse({ ...keys, extra: 1 }).success).toBe(false);
    expect(vivoConfigSchema.safeParse({ accessKey: 'ak' }).success).toBe(false);
    expect(vivoConfigSchema.safeParse({ ...keys, accessSecret: '  ' }).success).toBe(false);
    expect(vivoConfigSchema.safeParse({ ...keys, baseUrl: 'http://example.com/rest' }).success).toBe(false);
  });

  it('marks both keys secret', () => {
    expect(vivoFields.filter((f) => f.secret).map((f) => f.name)).toEqual(['accessKey', 'accessSecret']);
  });
});
