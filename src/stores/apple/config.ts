/** `stores.apple` in the config file: an App Store Connect API team key [src: stores/apple.md §3.2]. */
import { z } from 'zod';
import { baseUrl, flag, requiredText } from '../../config/fields.js';
import type { ConfigField } from '../types.js';
import { privateKeyProblem } from './jwt.js';

/** The single global endpoint; `/v1/...` paths are appended [src: stores/apple.md §3.1]. */
export const APPLE_BASE_URL = 'https://api.appstoreconnect.apple.com';

const CONSOLE = 'App Store Connect → Users and Access → Integrations → App Store Connect API';

export const appleConfigSchema = z
  .object({
    issuerId: requiredText('issuerId').regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      `issuerId is the Issuer ID (a UUID) shown above the keys in ${CONSOLE}`,
    ),
    keyId: requiredText('keyId').regex(
      /^[A-Z0-9]{10}$/,
      'keyId is the 10-character Key ID of the key, e.g. ABC123DEFG',
    ),
    privateKey: requiredText('privateKey')
      // CI secrets often hold the PEM with its newlines written as "\n".
      .transform((pem) => pem.replace(/\\n/g, '\n'))
      .check(
        z.superRefine((pem, ctx) => {
          const problem = privateKeyProblem(pem);
          if (problem)
            ctx.addIssue({
              code: 'custom',
              message: `${problem}; point it at the downloaded file: { "file": "./AuthKey_<KeyID>.p8" }`,
            });
        }),
      ),
    baseUrl: baseUrl().optional(),
    usesNonExemptEncryption: flag().optional(),
  })
  .strict();

export type AppleConfig = z.output<typeof appleConfigSchema>;

export const appleFields: ConfigField[] = [
  { name: 'issuerId', description: `Issuer ID from ${CONSOLE}`, required: true, secret: false },
  {
    name: 'keyId',
    description: 'Key ID of a Team key with the App Manager (or Admin) role',
    required: true,
    secret: false,
  },
  {
    name: 'privateKey',
    description:
      'the AuthKey_<KeyID>.p8 file, downloadable once when the key is made: { "file": "./AuthKey_<KeyID>.p8" }',
    required: true,
    secret: true,
  },
  {
    name: 'usesNonExemptEncryption',
    description:
      "export compliance: true/false, used when the IPA's Info.plist lacks ITSAppUsesNonExemptEncryption (publish refuses to guess)",
    required: false,
    secret: false,
  },
  { name: 'baseUrl', description: `API root (default ${APPLE_BASE_URL})`, required: false, secret: false },
];
