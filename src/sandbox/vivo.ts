/**
 * The emulated vivo store (API传包 gateway), for tests and `appstores sandbox`. Implemented from
 * ../shared/stores/vivo.md alone, never from the adapter in src/stores/vivo.
 */
export { createVivoEmulator, type VivoEmulator, type VivoEmulatorOptions } from './vivo/emulator.js';
export {
  FIXTURE_RELEASE_SIGNER_SHA256,
  OTHER_ACCESS_KEY,
  OTHER_ACCESS_SECRET,
  OTHER_DEVELOPER_PACKAGE,
  SANDBOX_ACCESS_KEY,
  SANDBOX_ACCESS_SECRET,
  type VivoApp,
  type VivoState,
  type VivoSubmission,
  type VivoUpload,
} from './vivo/state.js';
