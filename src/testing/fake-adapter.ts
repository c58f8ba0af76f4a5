/** A test-only store adapter: scripted verify/plan/publish, recording what the orchestrator called. */
import { z } from 'zod';
import { baseUrl, requiredText } from '../config/fields.js';
import { StoreError } from '../core/errors.js';
import type {
  Plan,
  PlanRelease,
  PublishOutcome,
  Release,
  StoreAdapter,
  StoreId,
  StoreSession,
} from '../stores/types.js';

export interface FakeScript {
  verify?: () => Promise<void>;
  plan?: (release: PlanRelease) => Promise<Plan>;
  publish?: (release: Release) => Promise<PublishOutcome>;
}

export function fakeAdapter(id: StoreId, script: FakeScript = {}, calls: string[] = []): StoreAdapter {
  const session: StoreSession = {
    async verify() {
      calls.push(`${id}:verify`);
      await script.verify?.();
    },
    async info(pkg) {
      calls.push(`${id}:info`);
      return {
        store: id,
        package: pkg,
        appId: null,
        appName: null,
        live: null,
        pending: null,
        review: { state: 'unknown', reason: null, storeState: null },
      };
    },
    async plan(release) {
      calls.push(`${id}:plan`);
      return script.plan ? script.plan(release) : { action: 'submit', summary: `would submit ${release.versionCode}` };
    },
    async publish(release, progress) {
      calls.push(`${id}:publish`);
      progress({ phase: 'upload', bytes: 1, total: 1 });
      return script.publish
        ? script.publish(release)
        : { status: 'submitted', message: 'in review', reference: `${id}-1` };
    },
  };
  return {
    id,
    title: `Fake ${id}`,
    capabilities: {
      artifact: 'apk',
      splitApk: true,
      schedule: true,
      phasedRelease: false,
      notesPerLanguage: false,
      reviewStatus: 'api',
    },
    configSchema: z
      .object({
        clientId: requiredText('clientId'),
        clientSecret: requiredText('clientSecret'),
        baseUrl: baseUrl().optional(),
      })
      .strict(),
    fields: [
      { name: 'clientId', description: 'id', required: true, secret: false },
      { name: 'clientSecret', description: 'secret', required: true, secret: true },
      { name: 'baseUrl', description: 'endpoint', required: false, secret: false },
    ],
    defaultBaseUrl: 'https://fake.invalid',
    connect: () => session,
  };
}

export const rejected = (store: StoreId, message: string) =>
  new StoreError(message, { code: 'VERSION_NOT_HIGHER', category: 'rejected', store, storeCode: 15003 });
export const badCredentials = (store: StoreId) =>
  new StoreError('the store refused the credentials', { code: 'AUTH_FAILED', category: 'auth', store });
