/**
 * The Huawei sandbox's own Service Account: a 2048-bit RSA key made with openssl for the sandbox
 * only. Its private half is the test-only key file fixtures/huawei/agc-apiclient.json (what AGC
 * hands a developer as the "API client" JSON key); the store keeps only the public half, which is
 * what the emulator checks the PS256 JWT signature with (stores/huawei.md 2.3). Never a real key.
 */
export const SANDBOX_SA_KEY_ID = 'sandbox-huawei-key-0001';
export const SANDBOX_SA_SUB_ACCOUNT = 'sandbox-huawei-sub-account-0001';
/** The audience the key file names in `token_uri` (and the reference's default). */
export const SA_AUDIENCE = 'https://oauth-login.cloud.huawei.com/oauth2/v3/token';

export const SANDBOX_SA_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEArQ2xvtQYxkEbNxuHRujL
141JJXVWz4VnnWnNhGfQ86sJZGoBKw3gya8+tNUWVMvGriYcY97mYX8XmZrvVPGs
QsWngBq82rL7GcoA4IQmrhbtwiFT+AZ7U2gOP0r9eID161Zh9FSOrCNADzJIHGoZ
KcTY6PfnhNMdzpjQNWh8AfDOT7UeQD/ZsVhgBioQBvvsKBMI6nXd6UyFePkW+49h
S7pWOeRD7SJAhuTq+R7mJgeNFRiXi1wfo7GSaXBTSH5iZk1fzEICXHby0DsbFTgg
KvLzh+DV522jeODusRLSwShBdQwp5T8P78DU9gBIjEtsV7qnHjsbN/KqOxDs/LeL
FQIDAQAB
-----END PUBLIC KEY-----
`;
