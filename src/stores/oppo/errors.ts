/**
 * OPPO's errnos -> our error vocabulary, through the kit's one refusal format. Errnos are from
 * stores/oppo.md §2.7 and seed 002. OPPO's errnos for a bad token, signature or timestamp are not
 * documented anywhere we have (UNCONFIRMED), so those are recognised by what the message talks
 * about instead.
 */
import { oneLine, type StoreError } from '../../core/errors.js';
import { refusal, type Meaning, type RefusalTable } from '../kit/index.js';

const TABLE: RefusalTable = {
  // "应用审核中": a version of the app waits for review [src: APKGO-OP; U5].
  911215: {
    code: 'IN_REVIEW',
    meaning: 'a version is already in review',
    hint: 'wait for the review to end; `appstores info --store oppo --pkg <package>` shows the review state',
  },
  // "版本更新任务处理中": an earlier /app/upd task still runs; never submit again [src: APKGO-OP].
  911216: {
    code: 'STILL_PROCESSING',
    meaning: 'an earlier version update task is still running',
    hint: 'wait a few minutes, then check with `appstores info --store oppo --pkg <package>` before running again',
  },
  // Copyright proof empty, or an invalid adaptive_type [src: apkgo#23, #25; U5 2026-09-04].
  911001: {
    code: 'LISTING_INCOMPLETE',
    meaning: 'OPPO refused the app qualification',
    hint: 'fill in 软件版权证明 (copyright proof) and 适配方式 on the OPPO console, then run again',
  },
  // Field validation: summary length, email format, icon size... [src: stores/oppo.md §2.7].
  800002: {
    code: 'FIELD_INVALID',
    meaning: 'OPPO refused a listing field',
    hint: 'fix the field named above on the OPPO console (应用信息), then run again',
  },
  // "开发者ID和包名不匹配" (seed 002 failure example): the package is not in this account.
  911045: {
    code: 'APP_NOT_FOUND',
    meaning: 'the package does not belong to the developer account of this clientId',
    hint: 'check the package name and the OPPO credentials; the API only updates apps that exist: create the app on the console first',
  },
};

/** Undocumented errnos, told apart by what their message is about. */
const BY_MESSAGE: Array<[RegExp, Meaning]> = [
  [
    /token|令牌/i,
    {
      code: 'TOKEN_INVALID',
      meaning: 'the access token was refused',
      hint: 'run again; if it keeps failing, another tool may be fetching tokens for the same client_id (each new token kills the old one)',
    },
  ],
  [
    /timestamp|时间戳/i,
    {
      code: 'CLOCK_SKEW',
      meaning: 'the request timestamp was refused',
      hint: "check this machine's clock: OPPO allows about 15 minutes of difference",
    },
  ],
  [
    /api_sign|签名|signature/i,
    {
      code: 'BAD_SIGNATURE',
      meaning: 'the request signature (api_sign) was refused',
      hint: 'check stores.oppo.clientSecret: it must be the secret of the same client as clientId',
    },
  ],
];

/** OPPO puts its error text in data.message, data.msg, message or msg depending on the endpoint [src: APKGO-OP parseError]. */
export function storeMessage(body: { data?: unknown; message?: unknown; msg?: unknown }): string {
  const data =
    body.data && typeof body.data === 'object' && !Array.isArray(body.data)
      ? (body.data as Record<string, unknown>)
      : {};
  const candidates = [
    data.message,
    data.msg,
    body.message,
    body.msg,
    typeof body.data === 'string' ? body.data : undefined,
  ];
  const found = candidates.find((value) => typeof value === 'string' && value.trim() !== '');
  return found === undefined ? '(no message)' : oneLine(found as string);
}

/** The typed error for a non-zero errno of `what` (e.g. "app info"). */
export function oppoError(what: string, errno: number, message: string): StoreError {
  const meaning = TABLE[errno] ?? BY_MESSAGE.find(([pattern]) => pattern.test(message))?.[1];
  return refusal('oppo', what, errno, message, TABLE, { meaning });
}

/** The token endpoint refused the credentials. */
export function tokenError(errno: number, message: string): StoreError {
  return refusal('oppo', 'token', errno, message, TABLE, {
    meaning: {
      code: 'AUTH_FAILED',
      meaning: 'OPPO refused the client_id/client_secret',
      hint: 'check stores.oppo.clientId and clientSecret (管理中心 → 应用服务平台 → API密钥管理; team accounts: use the admin account)',
    },
  });
}
