/** Xiaomi's `result` codes -> our error (stores/xiaomi.md 1.7). */
import type { StoreError } from '../../core/errors.js';
import { refusal, type Meaning, type RefusalTable } from '../kit/index.js';

const CERT_HINT =
  'check that stores.xiaomi.publicKey is the certificate downloaded from 管理中心 → 自动发布接口 ' +
  '(the old shared mi.dev.api.public.cer expired on 2023-05-13)';

/** [src: U1 unless noted] */
const CODES: RefusalTable = {
  [-2]: {
    code: 'PACKAGE_MISMATCH',
    meaning: "the APK's package name differs from the package being published",
    hint: 'check that the APK is a build of this package',
  },
  [-7]: {
    // [src: U1, U11, APKGO-XM "应用归属关系异常"]
    code: 'NOT_YOUR_APP',
    meaning: 'the package belongs to another developer account',
    hint: 'use the Xiaomi account that owns the app, or claim the package (认领) on the console',
  },
  [-32]: {
    code: 'APP_NOT_FOUND',
    meaning: 'the package has not been created on the Xiaomi console',
    hint: 'create the app on the console first',
  },
  [-92]: {
    code: 'FILE_REJECTED',
    meaning: 'Xiaomi refused the APK (e.g. the same or a lower version, or the same APK again)',
    hint: 'raise versionCode above the live one; if a version is in review, wait for it or withdraw it (撤回审核) on the console',
  },
  [-10000]: {
    code: 'BAD_REQUEST',
    meaning: 'Xiaomi refused the request parameters',
    hint: "read the store's message above; run again with --verbose to see the request",
  },
  [-20002]: {
    code: 'BAD_SIGNATURE',
    meaning: 'Xiaomi could not verify the request signature (SIG)',
    hint: CERT_HINT,
  },
  [-20014]: {
    code: 'AUTH_FAILED',
    meaning: 'Xiaomi refused the private key',
    hint:
      'the private key was probably reset on the console (重置私钥); copy the current 私钥 from ' +
      '管理中心 → 自动发布接口 into stores.xiaomi.privateKey, and check that account is the login email',
  },
  [-20029]: {
    code: 'BAD_REQUEST',
    meaning: 'Xiaomi could not read RequestData as JSON',
    hint: 'this is a bug in appstores; run again with --verbose and report it',
  },
  [-20030]: {
    code: 'BAD_SIGNATURE',
    meaning: 'Xiaomi could not read the decrypted SIG as JSON',
    hint: CERT_HINT,
  },
  [-20034]: {
    code: 'FIELD_INVALID',
    meaning: 'Xiaomi could not read testAccount as JSON',
    hint: 'testAccount must be the structured JSON the console describes',
  },
};

/** The policy block for an APK signed with another key [src: APKGO-XM classify]. */
const SIGNER_CHANGED = '签名不一致';

export interface XiaomiAnswer {
  result: number;
  message: string | null;
  reason: string | null;
}

const SIGNER_CHANGED_MEANING: Meaning = {
  code: 'APK_SIGNER_CHANGED',
  meaning: 'the APK is signed with a different certificate than the live version',
  hint: 'sign the APK with the same key as the version on Xiaomi; a signing key change must be requested on the console',
};

/** A StoreError for a non-zero `result`; `what` names the call, e.g. "query com.foo.bar". */
export function xiaomiError(answer: XiaomiAnswer, what: string): StoreError {
  const storeText = answer.message?.trim() || answer.reason?.trim() || '';
  const meaning = storeText.includes(SIGNER_CHANGED) ? SIGNER_CHANGED_MEANING : undefined;
  return refusal('xiaomi', what, answer.result, storeText, CODES, { meaning });
}
