/** `stores.honor` in the config file: a Publish API client of 荣耀开发者服务平台 [src: stores/honor.md 4.2]. */
import { z } from 'zod';
import { baseUrl, requiredText } from '../../config/fields.js';
import type { ConfigField } from '../types.js';

/** The API base, path prefix included: endpoints are appended to it [src: stores/honor.md 4.1]. */
export const HONOR_BASE_URL = 'https://appmarket-openapi-drcn.cloud.honor.com/openapi/v1/publish';
/** The whole token URL (OAuth2 client_credentials). */
export const HONOR_AUTH_URL = 'https://iam.developer.honor.com/auth/token';

/** An app id is a number; written as text or as a JSON number, it is kept as digits. */
const appId = z
  .union([
    z.number().int().positive(),
    z.string().trim().regex(/^\d+$/, 'appId is the numeric app id from the Honor console'),
  ])
  .transform(String);

export const honorConfigSchema = z
  .object({
    clientId: requiredText('clientId'),
    clientSecret: requiredText('clientSecret'),
    appId: appId.optional(),
    baseUrl: baseUrl().optional(),
    authUrl: baseUrl().optional(),
  })
  .strict();

export type HonorConfig = z.output<typeof honorConfigSchema>;

const CONSOLE = '荣耀开发者服务平台 → 管理中心 → 凭证 → 申请凭证 (main account, an AppMarket API client)';

export const honorFields: ConfigField[] = [
  { name: 'clientId', description: `client_id from ${CONSOLE}`, required: true, secret: false },
  { name: 'clientSecret', description: 'the secret of the same credential', required: true, secret: true },
  {
    name: 'appId',
    description: "the app's id on the Honor console; skips the package lookup (only for that one app)",
    required: false,
    secret: false,
  },
  {
    name: 'baseUrl',
    description: `publish API base, path included (default ${HONOR_BASE_URL})`,
    required: false,
    secret: false,
  },
  { name: 'authUrl', description: `the whole token URL (default ${HONOR_AUTH_URL})`, required: false, secret: false },
];
