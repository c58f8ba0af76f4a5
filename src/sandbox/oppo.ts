/** The emulated OPPO store; the pieces live in ./oppo/. */
export { createOppoEmulator, type OppoEmulator, type OppoEmulatorOptions } from './oppo/emulator.js';
export type { OppoState, Submission, Task, TokenRecord, UploadedFile } from './oppo/state.js';
export { SANDBOX_DEV_ID } from './oppo/seed.js';
