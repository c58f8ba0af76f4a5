/** `stores.yyb` in the config file: the 应用宝 "API发布接口" credentials and app ids [src: stores/yyb.md 1.2]. */
import { z } from 'zod';
import { baseUrl, requiredText } from '../../config/fields.js';
import type { ConfigField } from '../types.js';

/** Every route is `POST {base}/{route}` [src: stores/yyb.md 1.1]. */
export const YYB_BASE_URL = 'https://p.open.qq.com/open_file/developer_api';

const appIdValue = z
  .union([z.number().int().positive(), z.string().trim().regex(/^\d+$/, "must be the app's numeric app_id")])
  .transform(String);

/**
 * package → app_id. There is no lookup API, so every package published needs its entry. From the
 * environment (APPSTORES_YYB_APP_IDS) it arrives as text: a JSON object is accepted there.
 */
const appIds = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  },
  z.record(z.string().regex(/^[A-Za-z][\w.]*$/, 'keys are package names'), appIdValue, {
    error: 'appIds must be an object of package name to app_id, e.g. { "com.foo.bar": "1101234567" }',
  }),
);

export const yybConfigSchema = z
  .object({
    userId: z.union([z.number().int().positive().transform(String), requiredText('userId')]),
    accessSecret: requiredText('accessSecret'),
    appIds,
    baseUrl: baseUrl().optional(),
  })
  .strict();

export type YybConfig = z.output<typeof yybConfigSchema>;

export const yybFields: ConfigField[] = [
  {
    name: 'userId',
    description: 'UserID of the main account: 应用开放平台 → 账号 → 账号管理',
    required: true,
    secret: false,
  },
  {
    name: 'accessSecret',
    description: 'access_secret from 账号管理 → API发布接口 → 申请开通 (main account only)',
    required: true,
    secret: true,
  },
  {
    name: 'appIds',
    description:
      "package name → app_id, from each app's Android page on the console (YYB has no lookup); from the environment as a JSON object",
    required: true,
    secret: false,
  },
  { name: 'baseUrl', description: `API base, path included (default ${YYB_BASE_URL})`, required: false, secret: false },
];
