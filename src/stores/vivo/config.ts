/** `stores.vivo` in the config file, and where each value comes from on vivo's console. */
import { z } from 'zod';
import { baseUrl, flag, requiredText } from '../../config/fields.js';
import type { ConfigField } from '../types.js';

export const PRODUCTION_GATEWAY = 'https://developer-api.vivo.com.cn/router/rest';
/** Separate credentials and isolated data, 100 calls/day per interface [src: APKGO-VV; U7]. */
export const SANDBOX_GATEWAY = 'https://sandbox-developer-api.vivo.com.cn/router/rest';

export const vivoConfigSchema = z
  .object({
    accessKey: requiredText('accessKey'),
    accessSecret: requiredText('accessSecret'),
    sandbox: flag().default(false),
    baseUrl: baseUrl().optional(),
  })
  .strict();

export type VivoConfig = z.output<typeof vivoConfigSchema>;

const CONSOLE = 'vivo 开放平台 → 管理中心 → 账号管理 → API管理 → 开通 API 传包服务';

export const vivoFields: ConfigField[] = [
  // Marked secret although vivo calls it a key: users of other tools complained that it got logged.
  { name: 'accessKey', description: `access_key from ${CONSOLE}`, required: true, secret: true },
  { name: 'accessSecret', description: `access_secret from ${CONSOLE}`, required: true, secret: true },
  {
    name: 'sandbox',
    description:
      "true: use vivo's sandbox gateway (its own keys and data; it cannot query app details, so only doctor works)",
    required: false,
    secret: false,
  },
  {
    name: 'baseUrl',
    description: `gateway URL (default ${PRODUCTION_GATEWAY}); overrides sandbox`,
    required: false,
    secret: false,
  },
];

export interface Gateway {
  url: string;
  /**
   * False on vivo's own sandbox gateway, which does not support app.query.details [src: U12].
   * A baseUrl override (a proxy, `appstores sandbox`) is assumed to be a full gateway.
   */
  hasDetails: boolean;
}

/** `baseUrl` is ctx.baseUrl (the configured one, else the adapter's default, PRODUCTION_GATEWAY). */
export function gatewayFor(config: VivoConfig, baseUrl: string): Gateway {
  if (!config.baseUrl && config.sandbox) return { url: SANDBOX_GATEWAY, hasDetails: false };
  return { url: baseUrl, hasDetails: true };
}
