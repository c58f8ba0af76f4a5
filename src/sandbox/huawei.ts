/** The emulated Huawei AppGallery Connect; the pieces live in ./huawei/. */
export { createHuaweiEmulator, type HuaweiEmulator, type HuaweiEmulatorOptions } from './huawei/emulator.js';
export { SANDBOX_SA_KEY_ID, SANDBOX_SA_SUB_ACCOUNT } from './huawei/keys.js';
export {
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_PROJECT_CLIENT_ID,
  SANDBOX_PROJECT_CLIENT_SECRET,
  type App,
  type HuaweiState,
} from './huawei/state.js';
