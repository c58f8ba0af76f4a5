/**
 * vivo's gateway codes (`code`) and business subCodes (`subCode`) -> our typed errors. Sources:
 * gateway codes and upload subCodes [src: U7; apkgo commit 022a2ce; doc 330 via XZ-VV]; 15042,
 * 11010, 11011 [src: APKGO-VV classify]; 11001 [src: U7; U13].
 */
import type { StoreError } from '../../core/errors.js';
import { refusal, type Meaning, type RefusalTable } from '../kit/index.js';

const CONSOLE_API = 'vivo 开放平台 → 管理中心 → 账号管理 → API管理';
const REPORT = 'this is a bug in appstores (or vivo changed its API): run again with --verbose and report it';

/** `code` != 0: the gateway refused the call before any business method ran. */
const GATEWAY: RefusalTable = {
  10001: {
    code: 'BAD_SIGNATURE',
    meaning: 'the request signature was refused',
    hint: `check accessSecret (production and sandbox keys differ); it is shown in ${CONSOLE_API}`,
  },
  10002: { code: 'BAD_REQUEST', meaning: 'the business parameters were empty', hint: REPORT },
  10004: {
    code: 'NO_API_PERMISSION',
    meaning: 'this account has no permission for the API',
    hint: `enable the API upload service (开通 API 传包服务) in ${CONSOLE_API}`,
  },
  10005: {
    code: 'CLOCK_SKEW',
    meaning: 'the request timestamp is outside the 20 minutes vivo accepts',
    hint: "check the machine's clock (enable NTP); vivo compares it with its own",
  },
  10006: {
    code: 'RATE_LIMITED',
    meaning: 'too many requests',
    hint: 'wait a few minutes and run again',
  },
  10011: {
    code: 'QUOTA_EXCEEDED',
    meaning: 'the daily call quota of this interface is used up',
    hint: 'vivo limits calls per interface per day (about 50 for uploads, 100 on the sandbox): run again tomorrow',
  },
  10014: { code: 'BAD_REQUEST', meaning: 'the API version was refused', hint: REPORT },
  10015: { code: 'BAD_REQUEST', meaning: 'the signing method was refused', hint: REPORT },
  10017: {
    code: 'AUTH_FAILED',
    meaning: 'the access key was refused',
    hint: `check accessKey (production and sandbox keys differ); it is shown in ${CONSOLE_API}`,
  },
  10018: {
    code: 'AUTH_FAILED',
    meaning: 'access was forbidden (wrong access key or signature)',
    hint: `check accessKey and accessSecret (production and sandbox keys differ) in ${CONSOLE_API}`,
  },
  440: { code: 'BAD_REQUEST', meaning: 'a required parameter was missing', hint: REPORT },
  441: {
    code: 'FIELD_INVALID',
    meaning: 'a parameter value was refused',
    hint: 'fix the value the store names (release notes, schedule...) and run again',
  },
  404: { code: 'BAD_REQUEST', meaning: 'the gateway does not know this method', hint: REPORT },
  405: { code: 'BAD_REQUEST', meaning: 'the gateway refused the HTTP method', hint: REPORT },
};

const NOT_YOUR_APP: Meaning = {
  code: 'NOT_YOUR_APP',
  meaning: "the app belongs to another developer account than these keys'",
  hint: 'use the access key of the vivo account that owns the app',
};

/** `code` == 0 with a non-zero `subCode`: the business method refused. */
const BUSINESS: RefusalTable = {
  '12010': {
    code: 'IN_REVIEW',
    meaning: 'the app is under review and cannot be updated',
    hint: 'wait for the review to finish (or withdraw it on the console), then run again',
  },
  '12022': {
    code: 'IN_REVIEW',
    meaning: 'the app is approved and waiting to go on sale',
    hint: 'wait until the approved version is on sale, then run again',
  },
  '13001': { code: 'FILE_REJECTED', meaning: 'the store refused the file', hint: 'check the APK and run again' },
  '13002': NOT_YOUR_APP,
  '13003': { code: 'FILE_REJECTED', meaning: 'the store refused the file', hint: 'check the APK and run again' },
  '13004': { code: 'FILE_REJECTED', meaning: 'the store refused the file', hint: 'check the APK and run again' },
  '15001': {
    code: 'PACKAGE_MISMATCH',
    meaning: 'the APK package name does not match the app',
    hint: 'upload an APK built for this package',
  },
  '15002': {
    code: 'TARGET_SDK_LOWER',
    meaning: 'the targetSdkVersion is lower than the live version',
    hint: 'build with a targetSdkVersion at least as high as the live version',
  },
  '15003': {
    code: 'VERSION_NOT_HIGHER',
    meaning: 'the versionCode is not higher than the live version',
    hint: 'raise versionCode above the live version',
  },
  '15005': {
    code: 'FILE_REJECTED',
    meaning: 'the store could not parse the APK',
    hint: 'check that the file is a complete, signed APK (`appstores inspect` reads it)',
  },
  '15009': {
    code: 'UPLOAD_CORRUPTED',
    meaning: 'the MD5 of the received file differs from the fileMd5 sent',
    hint: 'the file changed after it was read, or was corrupted on the way; run again',
  },
  '15042': {
    code: 'APK_SIGNER_CHANGED',
    meaning: "the APK's signing certificate differs from the app's earlier versions",
    hint: 'sign with the same key as the live version',
  },
  '20008': { code: 'BAD_REQUEST', meaning: 'a required parameter was empty', hint: REPORT },
  '11010': {
    code: 'STILL_PROCESSING',
    meaning: 'vivo is still processing an earlier request for this app',
    hint: 'do not submit again now; check `appstores info --store vivo` in a few minutes',
  },
  '11011': NOT_YOUR_APP,
  '11001': {
    code: 'APP_NOT_FOUND',
    meaning: 'vivo has no app with this package',
    hint: 'create the app on the console first',
  },
  // The emulator (and U7's gateway list) use 441 for a refused value; vivo may send it as a subCode too.
  '441': GATEWAY[441]!,
};

export interface VivoFailure {
  code: number;
  subCode: string | null;
  message: string | null;
}

/** One line in the kit's format: what we were doing, what went wrong, vivo's code and message. */
export function vivoError(what: string, failure: VivoFailure): StoreError {
  // code != 0: the gateway refused the call; code 0 with a subCode: the business method did.
  const business = failure.code === 0 && failure.subCode !== null;
  return business
    ? refusal('vivo', what, failure.subCode!, failure.message, BUSINESS)
    : refusal('vivo', what, failure.code, failure.message, GATEWAY);
}
