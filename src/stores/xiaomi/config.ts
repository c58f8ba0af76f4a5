/** `stores.xiaomi` in the config file: the account email, the console's certificate and private key. */
import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { baseUrl, requiredText } from '../../config/fields.js';
import type { ConfigField } from '../types.js';

export const XIAOMI_BASE_URL = 'https://api.developer.xiaomi.com/devupload';

const PEM_HEADER = '-----BEGIN CERTIFICATE-----';
const PEM_FOOTER = '-----END CERTIFICATE-----';

export type CertificateText = { ok: true; pem: string } | { ok: false; problem: string };

/**
 * Normalises what users paste as the console's public key into one PEM certificate: a full
 * `-----BEGIN CERTIFICATE-----` block as is, or only its base64 body, which is wrapped. Only the
 * certificate's RSA key is used to encrypt SIG (stores/xiaomi.md 1.2, 1.3).
 */
export function normaliseCertificate(text: string): CertificateText {
  const trimmed = text.replace(/\r\n?/g, '\n').trim();
  const armour = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(trimmed);
  let pem: string;
  if (armour) {
    if (armour[1] !== 'CERTIFICATE') {
      return {
        ok: false,
        problem: `must be the X.509 certificate from the console (${PEM_HEADER}), not a ${armour[1]} block`,
      };
    }
    const start = trimmed.indexOf(PEM_HEADER);
    const end = trimmed.indexOf(PEM_FOOTER, start);
    if (end < 0) return { ok: false, problem: `the certificate has no ${PEM_FOOTER} line` };
    pem = `${trimmed.slice(start, end + PEM_FOOTER.length)}\n`;
  } else {
    const body = trimmed.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
      return {
        ok: false,
        problem:
          'is not a PEM certificate; if the .cer file is binary (DER), convert it: ' +
          'openssl x509 -inform der -in xiaomi.cer -out xiaomi.pem',
      };
    }
    pem = `${PEM_HEADER}\n${body.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n${PEM_FOOTER}\n`;
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    return { ok: false, problem: 'is not a valid X.509 certificate (the PEM could not be parsed)' };
  }
  // SIG is RSA PKCS#1 v1.5 encryption with this key; another key type cannot be used.
  if (certificate.publicKey.asymmetricKeyType !== 'rsa') {
    return {
      ok: false,
      problem: `holds a ${certificate.publicKey.asymmetricKeyType ?? 'non-RSA'} key; Xiaomi's is RSA`,
    };
  }
  return { ok: true, pem };
}

const certificate = () =>
  requiredText('publicKey').transform((text, ctx) => {
    const result = normaliseCertificate(text);
    if (result.ok) return result.pem;
    ctx.issues.push({ code: 'custom', input: text, message: `publicKey ${result.problem}` });
    return z.NEVER;
  });

export const xiaomiConfigSchema = z
  .object({
    // The login email of the developer account goes into RequestData.userName [src: pId=1134 excerpt].
    account: z.email('account must be the email address you log in to the Xiaomi developer console with'),
    publicKey: certificate(),
    privateKey: requiredText('privateKey'),
    icon: requiredText('icon').optional(),
    baseUrl: baseUrl().optional(),
    /**
     * Xiaomi hides which version is in review. On a machine without the submit journal (a fresh CI
     * runner), this says "the version in review is this versionCode", so a re-run skips it.
     */
    inReview: z.coerce.number().int().positive().optional(),
  })
  .strict();

export type XiaomiConfig = z.output<typeof xiaomiConfigSchema>;

export const xiaomiFields: ConfigField[] = [
  {
    name: 'account',
    description: 'the email you log in to the Xiaomi developer console with',
    required: true,
    secret: false,
  },
  {
    name: 'publicKey',
    description: 'the public-key certificate (PEM) from 管理中心 → 自动发布接口; may be { "file": "xiaomi.cer" }',
    required: true,
    secret: false,
  },
  {
    name: 'privateKey',
    description: 'the 私钥 from 管理中心 → 自动发布接口 (not the login password)',
    required: true,
    secret: true,
  },
  {
    name: 'icon',
    description: 'path to a 512×512 PNG sent as the app icon (default: the launcher icon in the APK)',
    required: false,
    secret: false,
    path: true,
  },
  {
    name: 'baseUrl',
    description: `API endpoint override (default ${XIAOMI_BASE_URL})`,
    required: false,
    secret: false,
  },
  {
    name: 'inReview',
    description:
      'the versionCode in review at Xiaomi, when this machine did not push it (a fresh CI runner): a re-run then skips it instead of failing with IN_REVIEW',
    required: false,
    secret: false,
  },
];
