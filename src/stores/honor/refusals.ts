/**
 * Honor's codes [src: stores/honor.md 4.4] → our error vocabulary. A code not listed here is
 * STORE_REFUSED with Honor's own text quoted.
 */
import type { Meaning, RefusalTable } from '../kit/index.js';

const CHECK_APP = 'check the package, and stores.honor.appId if it is set: the app must belong to this account';
const FIX_ON_CONSOLE = 'complete the listing on the Honor console (应用信息), then run again';

const token: Meaning = {
  code: 'TOKEN_INVALID',
  meaning: 'the publish gateway refused the access token',
  hint: 'run `appstores cache clear` and try again; if it persists, check stores.honor.clientId and clientSecret',
};

const table: Record<number, Meaning> = {
  10001: token,
  // IAM issues tokens to any credential type; the publish gateway then answers 10002 [src: stores/honor.md 4.2].
  10002: {
    code: 'TOKEN_INVALID',
    meaning: 'the publish gateway refused the token format',
    hint: 'with a freshly issued token this means the credential is not an AppMarket (应用市场) API client: create one under 管理中心 → 凭证 with the main account',
  },
  10003: token,
  10004: {
    code: 'NO_API_PERMISSION',
    meaning: 'the credential has no permission for this call',
    hint: 'use a credential of the main account with the AppMarket publish API',
  },
  10005: {
    code: 'NO_API_PERMISSION',
    meaning: 'the credential has no permission for this app',
    hint: 'use a credential of the main account with the AppMarket publish API',
  },
  20001: { code: 'BAD_REQUEST', meaning: 'Honor found the package name empty or wrong' },
  20002: { code: 'BAD_REQUEST', meaning: 'Honor found the appId empty' },
  20003: { code: 'APP_NOT_FOUND', meaning: 'Honor does not know this appId for this account', hint: CHECK_APP },
  20004: { code: 'APP_NOT_FOUND', meaning: 'Honor does not know this app for this account', hint: CHECK_APP },
  20005: { code: 'APP_NOT_FOUND', meaning: 'Honor does not know this app for this account', hint: CHECK_APP },
  20022: {
    code: 'IN_REVIEW',
    meaning: 'another version is in review, pending release or in a phased rollout',
    hint: 'wait for it to finish (or withdraw it on the console), then run again',
  },
  20023: {
    code: 'LISTING_INCOMPLETE',
    meaning: 'the app was never listed; the first release is made on the console',
    hint: FIX_ON_CONSOLE,
  },
  20031: { code: 'BAD_REQUEST', meaning: 'Honor found the languageId empty' },
  20032: { code: 'LISTING_INCOMPLETE', meaning: 'the app has no classification', hint: FIX_ON_CONSOLE },
  20076: { code: 'LISTING_INCOMPLETE', meaning: 'the app introduction is empty', hint: FIX_ON_CONSOLE },
  20078: {
    code: 'LISTING_INCOMPLETE',
    meaning: 'the landscape and portrait screenshots conflict',
    hint: FIX_ON_CONSOLE,
  },
  30003: {
    code: 'PACKAGE_MISMATCH',
    meaning: "the APK's package is not the app's",
    hint: 'publish the APK of this app, or check stores.honor.appId',
  },
  30004: { code: 'FILE_REJECTED', meaning: 'Honor could not fetch the file' },
  30005: {
    code: 'FILE_REJECTED',
    meaning: 'Honor could not parse the APK',
    hint: 'check the file with `appstores inspect`',
  },
  30006: {
    code: 'VERSION_NOT_HIGHER',
    meaning: 'the versionCode is lower than the listed one',
    hint: 'raise versionCode above the one on Honor',
  },
  30009: {
    code: 'UPLOAD_CORRUPTED',
    meaning: 'the file Honor received does not match its declared hash or size',
    hint: 'run again: the file is uploaded anew',
  },
  30010: { code: 'FILE_REJECTED', meaning: 'the upload failed at Honor', hint: 'run again' },
  30011: { code: 'RATE_LIMITED', meaning: 'submitting too often', hint: 'wait a few minutes and run again' },
  30017: { code: 'LISTING_INCOMPLETE', meaning: 'a language the app needs is missing', hint: FIX_ON_CONSOLE },
  40000: { code: 'STORE_UNAVAILABLE', meaning: 'Honor reported a system error', hint: 'run again later' },
};

// Field-format codes 20006–20015: a value we sent was refused.
for (let code = 20006; code <= 20015; code++)
  table[code] = { code: 'FIELD_INVALID', meaning: 'Honor refused a field value' };
// objectId problems 20028–20030.
for (const code of [20028, 20029, 20030]) {
  table[code] = {
    code: 'FILE_REJECTED',
    meaning: 'Honor refused the uploaded file reference (objectId)',
    hint: 'run again: the file is uploaded anew',
  };
}

export const HONOR_REFUSALS: RefusalTable = table;
