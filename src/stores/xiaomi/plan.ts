/** plan(): read-only. One /dev/query and the icon check; never /dev/push (dry-run runs this). */
import { basename } from 'node:path';
import type { Plan, PlanRelease } from '../types.js';
import { queryApp, type XiaomiCall } from './api.js';
import type { QueryAnswer } from './schemas.js';
import { checkContent, preflight } from './checks.js';
import { resolveIcon } from './icon.js';
import { reviewKnowledge, type XiaomiPlanned } from './publish.js';

/** `query`: /dev/query of a package (the session passes the answer verify() already has, kit firstRead). */
export async function planRelease(
  call: XiaomiCall,
  release: PlanRelease,
  query: (pkg: string) => Promise<QueryAnswer> = (pkg) => queryApp(call, pkg),
): Promise<Plan<XiaomiPlanned>> {
  const decision = preflight(await query(release.package), release, await reviewKnowledge(call, release.package));
  if (decision.action === 'skip') return decision;
  checkContent(decision.app, release, call.ctx.clock.now());
  const icon = await resolveIcon(call.ctx.config.icon, release.apks);
  const [apk, secondApk] = release.apks;
  const files = [`apk ${basename(apk!.path)}`, ...(secondApk ? [`secondApk ${basename(secondApk.path)}`] : [])];
  const when = release.schedule ? `, online at ${release.schedule.toISOString()} after review` : '';
  return {
    action: 'submit',
    summary:
      `push ${release.versionName} (${release.versionCode}) over live ${decision.app.versionCode}: ` +
      `${files.join(', ')}, icon ${icon.origin}${when}`,
    // publish() pushes on this answer and this icon: one /dev/query, one icon extraction.
    state: { app: decision.app, icon },
  };
}
