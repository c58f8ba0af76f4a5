/**
 * OPPO's errnos → our typed errors: one line with the errno and OPPO's own message, plus a hint.
 * Errnos are from stores/oppo.md §2.7 and seed 002. OPPO's errnos for a bad token, signature or
 * timestamp are not documented anywhere we have (UNCONFIRMED), so those are recognised by what the
 * message talks about instead.
 */
import { oneLine, StoreError, type ErrorCategory, type ErrorCode } from '../../core/errors.js';

const STORE = 'oppo';

interface Known {
  code: ErrorCode;
  category: ErrorCategory;
  lead: string;
  hint: string;
}

const KNOWN: Record<number, Known> = {
  // "应用审核中": this version already waits for review; publish() treats it as done [src: APKGO-OP; U5].
  911215: {
    code: 'ALREADY_IN_REVIEW',
    category: 'conflict',
    lead: 'this version is already in review',
    hint: 'nothing to do; `appstores info --store oppo --pkg <package>` shows the review state',
  },
  // "版本更新任务处理中": an earlier /app/upd task still runs; never submit again [src: APKGO-OP].
  911216: {
    code: 'TASK_RUNNING',
    category: 'conflict',
    lead: 'an earlier version update task is still running',
    hint: 'wait a few minutes, then check with `appstores info --store oppo --pkg <package>` before running again',
  },
  // Copyright proof empty, or an invalid adaptive_type [src: apkgo#23, #25; U5 2026-09-04].
  911001: {
    code: 'QUALIFICATION_INVALID',
    category: 'rejected',
    lead: 'OPPO refused the app qualification',
    hint: 'fill in 软件版权证明 (copyright proof) and 适配方式 on the OPPO console, then run again',
  },
  // Field validation: summary length, email format, icon size... [src: stores/oppo.md §2.7].
  800002: {
    code: 'FIELD_INVALID',
    category: 'rejected',
    lead: 'OPPO refused a listing field',
    hint: 'fix the field named above on the OPPO console (应用信息), then run again',
  },
  // "开发者ID和包名不匹配" (seed 002 failure example): the package is not in this account.
  911045: {
    code: 'APP_NOT_FOUND',
    category: 'config',
    lead: 'the package does not belong to the developer account of this clientId',
    hint: 'check the package name and the OPPO credentials; the API only updates apps that exist: create the app on the console first',
  },
};

/** OPPO puts its error text in data.message, data.msg, message or msg depending on the endpoint [src: APKGO-OP parseError]. */
export function storeMessage(body: { data?: unknown; message?: unknown; msg?: unknown }): string {
  const data = body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? (body.data as Record<string, unknown>) : {};
  const candidates = [data.message, data.msg, body.message, body.msg, typeof body.data === 'string' ? body.data : undefined];
  const found = candidates.find((value) => typeof value === 'string' && value.trim() !== '');
  return found === undefined ? '(no message)' : oneLine(found as string);
}

export type CredentialProblem = 'token' | 'timestamp' | 'signature';

/** What an unknown errno's message says is wrong with the credentials, if anything (UNCONFIRMED errnos). */
export function credentialProblem(message: string): CredentialProblem | null {
  if (/token|令牌/i.test(message)) return 'token';
  if (/timestamp|时间戳/i.test(message)) return 'timestamp';
  if (/api_sign|签名|signature/i.test(message)) return 'signature';
  return null;
}

/** The typed error for a non-zero errno of `what` (e.g. "app info"). */
export function oppoError(what: string, errno: number, message: string): StoreError {
  const line = `[${errno}] ${message}`;
  const known = KNOWN[errno];
  if (known) {
    return new StoreError(`OPPO ${what}: ${known.lead}: ${line}`, {
      code: known.code,
      category: known.category,
      store: STORE,
      storeCode: errno,
      hint: known.hint,
    });
  }
  switch (credentialProblem(message)) {
    case 'token':
      return new StoreError(`OPPO ${what}: the access token was refused: ${line}`, {
        code: 'TOKEN_INVALID',
        category: 'auth',
        store: STORE,
        storeCode: errno,
        hint: 'run again; if it keeps failing, another tool may be fetching tokens for the same client_id (each new token kills the old one)',
      });
    case 'timestamp':
      return new StoreError(`OPPO ${what}: the request timestamp was refused: ${line}`, {
        code: 'TIMESTAMP_INVALID',
        category: 'config',
        store: STORE,
        storeCode: errno,
        hint: "check this machine's clock: OPPO allows about 15 minutes of difference",
      });
    case 'signature':
      return new StoreError(`OPPO ${what}: the request signature (api_sign) was refused: ${line}`, {
        code: 'SIGNATURE_INVALID',
        category: 'auth',
        store: STORE,
        storeCode: errno,
        hint: 'check stores.oppo.clientSecret: it must be the secret of the same client as clientId',
      });
    default:
      return new StoreError(`OPPO ${what} failed: ${line}`, {
        code: 'STORE_ERROR',
        category: 'internal',
        store: STORE,
        storeCode: errno,
        hint: 'an OPPO error appstores does not know; run again with --verbose and report it if the message does not say what to fix',
      });
  }
}

/** The token endpoint refused the credentials. */
export function tokenError(errno: number, message: string): StoreError {
  return new StoreError(`OPPO refused the client_id/client_secret: [${errno}] ${message}`, {
    code: 'AUTH_FAILED',
    category: 'auth',
    store: STORE,
    storeCode: errno,
    hint: 'check stores.oppo.clientId and clientSecret (管理中心 → 应用服务平台 → API密钥管理; team accounts: use the admin account)',
  });
}

/** An answer we cannot use (missing fields, wrong shape). */
export function badAnswer(what: string, detail: string): StoreError {
  return new StoreError(`OPPO ${what}: unexpected answer: ${detail}`, {
    code: 'BAD_RESPONSE',
    category: 'internal',
    store: STORE,
    hint: 'run again with --verbose; if it persists, OPPO changed its API: report it',
  });
}
