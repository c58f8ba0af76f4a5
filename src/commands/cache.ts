/** `appstores cache clear`: removes the cached access tokens (core/token-cache.ts says what they are). */
import { systemClock } from '../core/clock.js';
import { TokenCache } from '../core/token-cache.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { cacheDir } from '../core/sessions.js';

export async function cacheClearCommand(ctx: CommandContext, flags: GlobalOptions): Promise<number> {
  const dir = cacheDir(ctx.env);
  const removed = await new TokenCache(dir, systemClock).clear();
  if (flags.json) ctx.out(`${JSON.stringify({ ok: true, dir, removed })}\n`);
  else ctx.out(`removed ${removed} cached token file${removed === 1 ? '' : 's'} from ${dir}\n`);
  return 0;
}
