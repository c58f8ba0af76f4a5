/**
 * `stores.huawei` in the config file: an API client (clientId + clientSecret) or a Service Account
 * key file (serviceAccount), exactly one of them; the region picks the domain (stores/huawei.md 2.1).
 */
import { z } from 'zod';
import { baseUrl, flag } from '../../config/fields.js';
import type { ConfigField } from '../types.js';

/** The data-processing location's domain; the token must come from the same one [src: hw-doc-token]. */
export const REGION_BASE_URLS = {
  cn: 'https://connect-api.cloud.huawei.com/api',
  eu: 'https://connect-api-dre.cloud.huawei.com/api',
  sg: 'https://connect-api-dra.cloud.huawei.com/api',
  ru: 'https://connect-api-drru.cloud.huawei.com/api',
} as const;
export type Region = keyof typeof REGION_BASE_URLS;
export const DEFAULT_BASE_URL = REGION_BASE_URLS.cn;

/** The JWT audience when the key file names no token_uri [src: stores/huawei.md 2.3]. */
export const DEFAULT_SA_AUDIENCE = 'https://oauth-login.cloud.huawei.com/oauth2/v3/token';

/** The AGC key file: the fields the PS256 JWT needs; the rest of the file is kept but unused. */
const serviceAccountKey = z
  .object({
    key_id: z.string({ error: 'key_id is missing (is this the AGC Service Account key file?)' }).min(1),
    private_key: z
      .string({ error: 'private_key is missing (is this the AGC Service Account key file?)' })
      .refine((pem) => /-----BEGIN (RSA )?PRIVATE KEY-----/.test(pem), 'private_key must be a PEM private key'),
    sub_account: z.string({ error: 'sub_account is missing (is this the AGC Service Account key file?)' }).min(1),
    token_uri: z.string().optional(),
  })
  .loose();
export type ServiceAccountKey = z.output<typeof serviceAccountKey>;

/** The key file's text (from `{ "file": ... }`, an env var or inline JSON) parsed and checked. */
const serviceAccount = z.union([z.string(), z.record(z.string(), z.unknown())]).transform((value, ctx) => {
  let json: unknown = value;
  if (typeof value === 'string') {
    try {
      json = JSON.parse(value);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'is not JSON: point it at the key file with { "file": "agc-apiclient.json" }',
      });
      return z.NEVER;
    }
  }
  const parsed = serviceAccountKey.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  return parsed.data;
});

export const huaweiConfigSchema = z
  .object({
    clientId: z.string().trim().min(1, 'clientId must not be empty').optional(),
    clientSecret: z.string().trim().min(1, 'clientSecret must not be empty').optional(),
    serviceAccount: serviceAccount.optional(),
    region: z.enum(['cn', 'eu', 'sg', 'ru'], { error: 'region must be cn, eu, sg or ru' }).default('cn'),
    /** chineseMainlandFlag on upload-url/for-obs: mandatory for developers registered outside mainland China [src: hw-doc-obs]. */
    chineseMainland: flag().optional(),
    baseUrl: baseUrl().optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const client = config.clientId !== undefined || config.clientSecret !== undefined;
    if (client && config.serviceAccount !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['serviceAccount'],
        message: 'give either clientId + clientSecret or serviceAccount, not both',
      });
    } else if (!client && config.serviceAccount === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['clientId'],
        message: 'clientId and clientSecret are required (or serviceAccount, the AGC key file)',
      });
    } else if (client && config.clientId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'clientId is required with clientSecret' });
    } else if (client && config.clientSecret === undefined) {
      ctx.addIssue({ code: 'custom', path: ['clientSecret'], message: 'clientSecret is required with clientId' });
    }
  });

export type HuaweiConfig = z.output<typeof huaweiConfigSchema>;

const CONSOLE = 'AppGallery Connect → 用户与访问 (Users and permissions) → API密钥 (API key) → Connect API';

export const huaweiFields: ConfigField[] = [
  {
    name: 'clientId',
    description: `client ID of an API client from ${CONSOLE}, project N/A (team-level)`,
    required: false,
    secret: false,
  },
  { name: 'clientSecret', description: 'its key (密钥)', required: false, secret: true },
  {
    name: 'serviceAccount',
    description:
      'instead of clientId/clientSecret: the Service Account JSON key file, as { "file": "agc-apiclient.json" }',
    required: false,
    secret: true,
  },
  {
    name: 'region',
    description: 'data-processing location: cn (default), eu, sg or ru',
    required: false,
    secret: false,
  },
  {
    name: 'chineseMainland',
    description:
      'true/false: the app is (not) distributed in mainland China; required by Huawei for developers registered outside it',
    required: false,
    secret: false,
  },
  {
    name: 'baseUrl',
    description: `API URL with the /api prefix (default by region, ${DEFAULT_BASE_URL}); overrides region`,
    required: false,
    secret: false,
  },
];

/** baseUrl wins (the sandbox, a proxy); otherwise the region's domain. */
export function apiBaseUrl(config: HuaweiConfig, ctxBaseUrl: string): string {
  return config.baseUrl ? ctxBaseUrl : REGION_BASE_URLS[config.region];
}
