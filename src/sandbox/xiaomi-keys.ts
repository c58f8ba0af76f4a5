/**
 * The Xiaomi sandbox's own test key pair: a 1024-bit RSA key made with openssl for the emulator only,
 * and its self-signed certificate (O=appstores sandbox, CN=sandbox.xiaomi.test, valid 2024-01-01 to
 * 2123-12-31, sha256WithRSA). Never a real Xiaomi key. The same certificate is fixtures/xiaomi/sandbox.cer.
 *
 * Xiaomi hands each developer a public-key certificate and keeps the private key; clients encrypt SIG
 * with the certificate's key and the store decrypts it (stores/xiaomi.md 1.2, 1.3). The emulator
 * plays the store, so it holds the private half here.
 */

/** PKCS#8 PEM of the RSA private key the emulator decrypts SIG with. */
export const SANDBOX_XIAOMI_RSA_PRIVATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBAL1YaLN6ZxNpqzkX
zJLlcP6yhyeVvMLVcAQtSKaHh/aQSYoiud481+rnlX0JtY9DBHds22Let+drhO+z
l2Pcs19wEaQFQL7FPcVMvIhBwcqhAMl18HRCrO9xUIjYO4q0guph5w7uQgpVSS9M
9InS19L+MQ+A8UC8uYwgeyZbYDBlAgMBAAECgYBfWaUoNMyxhvYVwzlfBDIZ4PeU
5J/xEaDeSZubWQcMEG8oJAKrusIU5lhuZjRLF7mpFmWIbZX48Tk5qJvlSx/8Yumm
Vo21HBbpn0csA3F1xZgdyFYUNdJZeTbtlnylcZL2/7mA6g5poPB57D02QzDgw/r+
0UgqzzLZipp8baPkQQJBANztHXLnJtHmw+niCkACT8RvD3jQ7nv1wEDxQea1DhpQ
ZCzhAB9dIhwAkvBxpGJX+naUKKrTQXMKJtQT8k2h/bUCQQDbZ8iWvXFOsT5Kp1VZ
KgrKN6SfccmmTZJ+7EKA2ON07CRHb0BmuYCK7oATA5A2KqkDIpnHCbZY3jPiOBh6
HpXxAkEAusqUkpkT/ncBgFdI2VPbA7fvOfRVH2PqOD6DvL+qe98qw7M9ekcxVsG5
eyhql2fRcb7VH5HcjZqwt7FhtffX3QJAaBR+ikuJ4auhAicJDMgt4CmvNVf0Majg
0sbe8WJx3DhdKWn0IgbjnIRxSxPIqHlqPat/SXUpBFU8RZcYvW2e8QJAfrMFf3WI
S0v0X2u10LoXIMKSNA0AvSid0wNt3E4wUqKlP8H7gnvOwo/xzccfYCVyMdBwLDJ7
6mY/utj3sXf8XA==
-----END PRIVATE KEY-----
`;

/** The X.509 certificate (PEM) users put in `stores.xiaomi.publicKey`. */
export const SANDBOX_XIAOMI_CERT_PEM = `-----BEGIN CERTIFICATE-----
MIIB5TCCAU4CAQEwDQYJKoZIhvcNAQELBQAwOjEaMBgGA1UECgwRYXBwc3RvcmVz
IHNhbmRib3gxHDAaBgNVBAMME3NhbmRib3gueGlhb21pLnRlc3QwIBcNMjQwMTAx
MDAwMDAwWhgPMjEyMzEyMzEwMDAwMDBaMDoxGjAYBgNVBAoMEWFwcHN0b3JlcyBz
YW5kYm94MRwwGgYDVQQDDBNzYW5kYm94LnhpYW9taS50ZXN0MIGfMA0GCSqGSIb3
DQEBAQUAA4GNADCBiQKBgQC9WGizemcTaas5F8yS5XD+socnlbzC1XAELUimh4f2
kEmKIrnePNfq55V9CbWPQwR3bNti3rfna4Tvs5dj3LNfcBGkBUC+xT3FTLyIQcHK
oQDJdfB0QqzvcVCI2DuKtILqYecO7kIKVUkvTPSJ0tfS/jEPgPFAvLmMIHsmW2Aw
ZQIDAQABMA0GCSqGSIb3DQEBCwUAA4GBAHfim5LUco6roxWiai3M9QFYbfUie8Rw
YnKVhmLlMqP65C0YyZLGBzHaL3jn/BulEJrBEsWVemGLjm0cAdeFk5S8nxMOK6DI
RhT1pEaIOC458OCm73b0QJ7HAr9NKgr8CXC9N/xY3xCjvTsuda41zmO/xiqpUiDa
GfyutIesP1Lz
-----END CERTIFICATE-----
`;
