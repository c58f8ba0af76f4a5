/**
 * The emulated Apple App Store Connect API, for tests and `appstores sandbox`. Implemented from
 * ../shared/stores/apple.md alone, never from the adapter in src/stores/apple.
 */
export { createAppleEmulator, type AppleEmulator, type AppleEmulatorOptions } from './apple/emulator.js';
export { AUDIENCE, MAX_LIFETIME_S } from './apple/jwt.js';
export { SANDBOX_ISSUER_ID, SANDBOX_KEY_ID, SANDBOX_PRIVATE_KEY_PEM, SANDBOX_PUBLIC_KEY_PEM } from './apple/keys.js';
export { NEW_APP_ID, SEEDED_APP_ID, WIDGET_APP_ID, type AppleState, type AppleVersion } from './apple/state.js';
