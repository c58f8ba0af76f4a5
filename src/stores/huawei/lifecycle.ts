/**
 * After the submit (stores/huawei.md 2.5 (8)): a version approved and waiting for its release time
 * (releaseState 3) goes on sale now through on-shelf-time changeType 1; a running phased release
 * is changed through PUT phased-release (releaseType 3) with `state` RELEASE or SUSPEND and its
 * percent, the plan's times sent back as app-info gave them.
 */
import { z } from 'zod';
import { parseAnswer } from '../kit/index.js';
import type { LifecycleOutcome, LifecycleTarget, RolloutAction } from '../types.js';
import type { HuaweiApi } from './api.js';
import { lookupAppId } from './info.js';

/** releaseState 3 = approved, waiting for its scheduled release [src: apkgo-hw, xz]. */
const WAITING_FOR_RELEASE = 3;
/**
 * `complete` = the phased plan at 100 %. UNCONFIRMED: `PUT phased-release/state` with RELEASE may
 * also end a phased release, but its semantics are not documented; 100 % through the documented
 * call is the safest reading (stores/huawei.md 2.5 (8)).
 */
const COMPLETE_PERCENT = '100.00';
const STATE_FOR = { pause: 'SUSPEND', resume: 'RELEASE', complete: 'RELEASE', percent: 'RELEASE' } as const;

const phasedInfo = z
  .object({
    phasedReleaseInfo: z
      .object({
        state: z.string().nullish(),
        phasedReleaseStartTime: z.string().nullish(),
        phasedReleaseEndTime: z.string().nullish(),
        phasedReleasePercent: z.union([z.string(), z.number()]).nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();

export async function releaseNow(api: HuaweiApi, target: LifecycleTarget): Promise<LifecycleOutcome> {
  const appId = await lookupAppId(api, target.package);
  const { parsed } = await api.appInfo(appId);
  const { releaseState, versionNumber } = parsed.appInfo;
  const label = `version ${versionNumber ?? '?'}`;
  if (target.versionName && versionNumber !== target.versionName) {
    return {
      status: 'noop',
      message: `nothing to release: Huawei's latest version is ${versionNumber ?? 'none'}, not ${target.versionName}`,
    };
  }
  if (releaseState !== WAITING_FOR_RELEASE) {
    return {
      status: 'noop',
      message: `nothing to release: ${label} is not approved and waiting for its release time (releaseState ${releaseState ?? 'unknown'})`,
    };
  }
  await api.releaseNow(appId);
  return { status: 'done', message: `released ${label} now instead of at its scheduled time` };
}

export async function controlRollout(
  api: HuaweiApi,
  target: LifecycleTarget,
  action: RolloutAction,
): Promise<LifecycleOutcome> {
  const appId = await lookupAppId(api, target.package);
  const { raw } = await api.appInfo(appId, 3);
  const info = parseAnswer(phasedInfo, raw, { store: 'huawei', what: 'read the phased release' }).phasedReleaseInfo;
  if (!info?.state) return { status: 'noop', message: `${target.package} has no phased release at Huawei` };
  const percent =
    action.op === 'percent' ? action.percent.toFixed(2) : action.op === 'complete' ? COMPLETE_PERCENT : null;
  const state = STATE_FOR[action.op];
  const current =
    info.phasedReleasePercent === undefined || info.phasedReleasePercent === null
      ? null
      : Number(info.phasedReleasePercent).toFixed(2);
  if (state === info.state && (percent === null || percent === current)) {
    return {
      status: 'noop',
      message: `the phased release is ${info.state}${current ? ` at ${current} %` : ''} already`,
    };
  }
  const body: Record<string, string> = { state };
  if (info.phasedReleaseStartTime) body.phasedReleaseStartTime = info.phasedReleaseStartTime;
  if (info.phasedReleaseEndTime) body.phasedReleaseEndTime = info.phasedReleaseEndTime;
  const sentPercent = percent ?? current;
  if (sentPercent) body.phasedReleasePercent = sentPercent;
  await api.updatePhased(appId, body);
  return {
    status: 'done',
    message: `phased release: ${info.state}${current ? ` ${current} %` : ''} → ${state}${sentPercent ? ` ${sentPercent} %` : ''}`,
  };
}
