/** `stores.oppo` in the config file: OPPO's API client credentials [src: stores/oppo.md §2.2]. */
import { z } from 'zod';
import { baseUrl, requiredText } from '../../config/fields.js';
import type { ConfigField } from '../types.js';

/** The only production gateway; OPPO has no sandbox [src: stores/oppo.md §2.1]. */
export const OPPO_BASE_URL = 'https://oop-openapi-cn.heytapmobi.com';

/**
 * A client id is a 19-digit number [src: apkgo README]: written unquoted in JSON it loses precision,
 * so only text is accepted, with a message that says why.
 */
const clientId = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'clientId is required'
        : 'clientId must be text: write it in quotes (a 19-digit number loses precision in JSON)',
  })
  .trim()
  .regex(/^\d+$/, 'clientId is the numeric client_id from OPPO (管理中心 → 应用服务平台 → API密钥管理)');

export const oppoConfigSchema = z
  .object({
    clientId,
    clientSecret: requiredText('clientSecret'),
    baseUrl: baseUrl().optional(),
  })
  .strict();

export type OppoConfig = z.output<typeof oppoConfigSchema>;

export const oppoFields: ConfigField[] = [
  {
    name: 'clientId',
    description: 'client_id of a 服务端应用 client: 管理中心 → 应用服务平台 → API密钥管理 → 创建客户端 (admin account)',
    required: true,
    secret: false,
  },
  { name: 'clientSecret', description: 'client_secret of the same client', required: true, secret: true },
  { name: 'baseUrl', description: `API gateway (default ${OPPO_BASE_URL})`, required: false, secret: false },
];
