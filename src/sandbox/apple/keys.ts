/**
 * The Apple sandbox's test API key: a P-256 key pair made with openssl for the emulator only, never
 * a real App Store Connect key. The same private key is fixtures/apple/AuthKey_TESTKEY123.p8 (what a
 * user downloads once from Users and Access → Integrations), its public half
 * fixtures/apple/AuthKey_TESTKEY123.pub.pem.
 *
 * Apple keeps only the public half and verifies every JWT with it (stores/apple.md §3.3); the
 * emulator does the same. The private half is here only so that `appstores sandbox` can hand out a
 * working config.
 */

export const SANDBOX_KEY_ID = 'TESTKEY123';
/** Made up for the sandbox, in the UUID form Apple's issuer ids have. */
export const SANDBOX_ISSUER_ID = '5a4db0c5-7e11-4a5e-9d1c-0a9b5c3d7e11';

export const SANDBOX_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEghkbBZoq0Hq0Ivbt12vCL0TahIFE
20lGAJNykySgdSLXyTlkUq0vVyvm2gzPU/vwIAWpPSwCLKNKiA8MpzpOwQ==
-----END PUBLIC KEY-----
`;

/** PKCS#8 PEM, as in an AuthKey_<KeyID>.p8 file. Sandbox-only. */
export const SANDBOX_PRIVATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgUIdiPNRMAzcgidTI
z2CFpxazt8L/oGYzzbEQB/ik4vihRANCAASCGRsFmirQerQi9u3Xa8IvRNqEgUTb
SUYAk3KTJKB1ItfJOWRSrS9XK+baDM9T+/AgBak9LAIso0qIDwynOk7B
-----END PRIVATE KEY-----
`;
