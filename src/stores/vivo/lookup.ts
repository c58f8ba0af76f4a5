/** app.query.details, with vivo's "no such app" (success with empty data) turned into APP_NOT_FOUND. */
import { StoreError } from '../../core/errors.js';
import { appNotFound } from '../kit/index.js';
import type { VivoApi } from './api.js';
import type { VivoDetails } from './schemas.js';

export async function requireDetails(api: VivoApi, packageName: string): Promise<VivoDetails> {
  return (await lookupApp(api, packageName)).details;
}

/** The parsed details and vivo's own `data`, for --raw. */
export interface VivoApp {
  details: VivoDetails;
  raw: unknown;
}

export async function lookupApp(api: VivoApi, packageName: string): Promise<VivoApp> {
  assertDetailsSupported(api);
  const answer = await api.details(packageName);
  if (answer) return answer;
  throw appNotFound('vivo', packageName, 'create the app on the console first');
}

/**
 * vivo's sandbox gateway does not support app.query.details [src: U12], and info, plan and publish
 * all need it (the review state; the compatibleDevice an update must echo; checking whether a
 * submit whose answer was lost arrived). Say so instead of sending a call that fails obscurely.
 */
export function assertDetailsSupported(api: VivoApi): void {
  if (api.gateway.hasDetails) return;
  throw new StoreError(
    "vivo's sandbox gateway does not support app.query.details, which info, plan and publish need (review state, the app's compatibleDevice, confirming a submit)",
    {
      code: 'SANDBOX_UNSUPPORTED',
      category: 'config',
      store: 'vivo',
      hint: 'use production keys with sandbox: false, or point baseUrl at `appstores sandbox`; `appstores doctor` still checks sandbox keys',
    },
  );
}
