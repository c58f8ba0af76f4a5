import { exitCodeForAll, InterruptedError, toAppError } from '../core/errors.js';
import { checkPackageName } from '../core/package-name.js';
import { infoText } from '../output/summary.js';
import type { AppInfo } from '../stores/types.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { renderError } from '../output/error.js';
import { connectStores, loadStores, parseStoreList } from '../core/sessions.js';

export interface InfoFlags extends GlobalOptions {
  store?: string;
  pkg: string;
  raw?: boolean;
}

export async function infoCommand(ctx: CommandContext, flags: InfoFlags): Promise<number> {
  const requested = parseStoreList(flags.store);
  checkPackageName(flags.pkg);
  const { config, stores } = await loadStores(ctx, flags, requested);
  const { connected, close } = connectStores(ctx, flags, config, stores);
  try {
    const results = await Promise.all(
      connected.map(async ({ adapter, session }) => {
        try {
          const info = await session.info(flags.pkg);
          return { ok: true as const, info: flags.raw ? info : withoutRaw(info) };
        } catch (error) {
          return { ok: false as const, error: toAppError(error, adapter.id) };
        }
      }),
    );
    if (ctx.signal.aborted) throw new InterruptedError();
    // One store: its error is the command's error (exit code by category).
    if (results.length === 1 && !results[0]!.ok) throw results[0]!.error;

    if (flags.json) {
      const items = results.map((r) =>
        r.ok
          ? r.info
          : {
              store: r.error.store,
              error: {
                code: r.error.code,
                category: r.error.category,
                message: r.error.message,
                storeCode: r.error.storeCode ?? null,
                hint: r.error.hint ?? null,
              },
            },
      );
      ctx.out(`${JSON.stringify(items.length === 1 ? items[0] : items, null, 2)}\n`);
    } else {
      ctx.out(
        results
          .map((r) =>
            r.ok ? infoText(r.info) + (flags.raw ? `raw:\n${JSON.stringify(r.info.raw, null, 2)}\n` : '') : '',
          )
          .filter(Boolean)
          .join('\n'),
      );
      for (const r of results) if (!r.ok) ctx.err(renderError(r.error));
    }
    return exitCodeForAll(results.flatMap((r) => (r.ok ? [] : [r.error])));
  } finally {
    await close();
  }
}

function withoutRaw(info: AppInfo): AppInfo {
  const { raw: _raw, ...rest } = info;
  return rest;
}
