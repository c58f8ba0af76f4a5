/** YYB's `ret` codes [src: stores/yyb.md 1.4] → our error vocabulary; others are STORE_REFUSED with YYB's text. */
import type { Meaning, RefusalTable } from '../kit/index.js';

const MAIN_ACCOUNT = 'use the main account: 账号管理 → API发布接口 → 申请开通 (sub-accounts cannot call the API)';

export const YYB_REFUSALS: RefusalTable = {
  1000009: {
    code: 'NOT_YOUR_APP',
    meaning: 'the app_id / pkg_name pair does not belong to this developer',
    hint: "check stores.yyb.appIds: the app_id of this package is on the app's Android page of the console",
  },
  1000011: {
    code: 'LISTING_INCOMPLETE',
    meaning: 'the app is not published yet; the API only updates published apps',
    hint: 'make the first release on the YYB console',
  },
  1000012: { code: 'NO_API_PERMISSION', meaning: 'the account has no permission on this app', hint: MAIN_ACCOUNT },
  1000019: {
    code: 'NO_API_PERMISSION',
    meaning: 'no access_secret has been applied for (or the userId is wrong)',
    hint: `check stores.yyb.userId; ${MAIN_ACCOUNT}`,
  },
  1000020: {
    code: 'BAD_SIGNATURE',
    meaning: 'the signature was refused',
    hint: 'check stores.yyb.accessSecret (and userId); a wrong clock also fails it',
  },
  2000004: {
    code: 'STORE_UNAVAILABLE',
    meaning: 'the upload URL could not be pre-signed',
    hint: 'run again later (each try costs one of the 100 daily upload slots)',
  },
  4000021: { code: 'FIELD_INVALID', meaning: 'the introduction length is invalid' },
  4000022: { code: 'FIELD_INVALID', meaning: 'the one-line summary length is invalid' },
  4000040: { code: 'BAD_REQUEST', meaning: 'the apk64 MD5 is missing' },
  4000043: {
    code: 'FILE_REJECTED',
    meaning: 'no upload record for the serial number',
    hint: 'run again: the APK is uploaded anew',
  },
  4000045: { code: 'FILE_REJECTED', meaning: 'the apk32 slot refused the APK (a 64-bit-only APK must go to apk64)' },
  4000049: { code: 'BAD_REQUEST', meaning: 'a slot flag is invalid' },
  4000053: {
    code: 'STORE_REFUSED',
    meaning: 'YYB refused the submission',
    hint: "read YYB's message: it says what to fix",
  },
};

/** The signature code also covers the ±30 min timestamp window; a message that names it is the clock. */
export const CLOCK_MEANING: Meaning = {
  code: 'CLOCK_SKEW',
  meaning: 'the request timestamp is outside the ±30 min YYB accepts',
  hint: "sync this machine's clock (NTP), then run again",
};
