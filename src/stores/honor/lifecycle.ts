/**
 * Honor's phased release control: POST update-phased-release-info with operationType 3 pause,
 * 0 resume, 4 full release (5 cancel and 1 update the plan are not offered) [src: stores/honor.md
 * 4.8; U8; APKGO-NOTES phased]. UNCONFIRMED: the body is only `{operationType}` here (the plan's
 * fields for 1, and so a percent, are not documented); the store's refusal is shown as it comes.
 */
import type { LifecycleOutcome, LifecycleTarget, RolloutAction } from '../types.js';
import type { HonorApi } from './api.js';
import { lookUp } from './lookup.js';

/** operationType per rollout operation [src: stores/honor.md 4.8]. Change here if Honor's differ. */
export const HONOR_PHASED_OPERATION = { pause: 3, resume: 0, complete: 4 } as const;

export const HONOR_PHASED_WARNING =
  "Honor's update-phased-release-info is UNCONFIRMED beyond its operationType codes: check the rollout on the Honor console";

export async function controlRollout(
  api: HonorApi,
  target: LifecycleTarget,
  action: RolloutAction,
  configuredAppId: string | undefined,
): Promise<LifecycleOutcome> {
  if (action.op === 'percent') {
    return { status: 'noop', message: "Honor's API documents no percent for a running phased release" };
  }
  const { appId } = await lookUp(api, target.package, configuredAppId);
  const operationType = HONOR_PHASED_OPERATION[action.op];
  await api.updatePhased(appId, operationType);
  return {
    status: 'done',
    message: `phased release: ${action.op} sent (operationType ${operationType})`,
    warning: HONOR_PHASED_WARNING,
  };
}
