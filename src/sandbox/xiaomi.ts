/** The emulated Xiaomi store (stores/xiaomi.md); the pieces live in ./xiaomi/. */
export { createXiaomiEmulator, type XiaomiEmulator, type XiaomiEmulatorOptions } from './xiaomi/emulator.js';
export {
  approvePending,
  rejectPending,
  FOREIGN_PACKAGE,
  SANDBOX_XIAOMI_ACCOUNT,
  SANDBOX_XIAOMI_PASSWORD,
  type ReceivedPart,
  type SubmittedApk,
  type XiaomiApp,
  type XiaomiRefusal,
  type XiaomiState,
  type XiaomiSubmission,
  type XiaomiVersion,
} from './xiaomi/state.js';
export { SANDBOX_XIAOMI_CERT_PEM } from './xiaomi-keys.js';
