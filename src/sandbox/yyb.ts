/**
 * The emulated Tencent YYB (应用宝) store, for tests and `appstores sandbox`. Implemented from
 * ../shared/stores/yyb.md alone, never from the adapter in src/stores/yyb.
 */
export { API_PREFIX, createYybEmulator, type YybEmulator, type YybEmulatorOptions } from './yyb/emulator.js';
export { RET as YYB_RET } from './yyb/envelope.js';
export { PRESIGN_LIFETIME_S } from './yyb/cos.js';
export { UPDATES_PER_DAY, UPLOAD_SLOTS_PER_DAY } from './yyb/routes.js';
export {
  FOO_BAR_APP_ID,
  OTHER_ACCESS_SECRET,
  OTHER_APP_ID,
  OTHER_DEVELOPER_PACKAGE,
  OTHER_USER_ID,
  SANDBOX_ACCESS_SECRET,
  SANDBOX_USER_ID,
  UNPUBLISHED_APP_ID,
  type YybApp,
  type YybState,
  type YybSubmission,
  type YybUpload,
} from './yyb/state.js';
