/**
 * The emulated Honor store (Publish API), for tests and `appstores sandbox`. Implemented from
 * ../shared/stores/honor.md alone, never from the adapter in src/stores/honor.
 */
export {
  API_PREFIX,
  createHonorEmulator,
  TOKEN_PATH,
  type HonorEmulator,
  type HonorEmulatorOptions,
} from './honor/emulator.js';
export { CODE as HONOR_CODE } from './honor/envelope.js';
export {
  FOO_BAR_APP_ID,
  NO_INTRO_APP_ID,
  OTHER_APP_ID,
  OTHER_CLIENT_ID,
  OTHER_CLIENT_SECRET,
  OTHER_DEVELOPER_PACKAGE,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  UNAPPROVED_APP_ID,
  WRONG_TYPE_CLIENT_ID,
  WRONG_TYPE_CLIENT_SECRET,
  type HonorApp,
  type HonorRelease,
  type HonorState,
  type HonorSubmission,
  type HonorUpload,
} from './honor/state.js';
