/** Every emulated store, as `appstores sandbox` and the end-to-end tests start them. */
import { createAppleEmulator } from './apple.js';
import { createHonorEmulator } from './honor.js';
import { createHuaweiEmulator } from './huawei.js';
import { createOppoEmulator } from './oppo.js';
import { createVivoEmulator } from './vivo.js';
import { createXiaomiEmulator } from './xiaomi.js';
import { createYybEmulator } from './yyb.js';
import type { Emulator } from './types.js';

export function createEmulators(): Emulator[] {
  return [
    createXiaomiEmulator(),
    createOppoEmulator(),
    createVivoEmulator(),
    createHonorEmulator(),
    createYybEmulator(),
    createHuaweiEmulator(),
    createAppleEmulator(),
  ];
}
