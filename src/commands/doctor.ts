/** `appstores doctor`: the config is valid and each store accepts the credentials. Changes nothing. */
import chalk from 'chalk';
import { exitCodeForAll, InterruptedError, toAppError, type AppError } from '../core/errors.js';
import { pad } from '../output/format.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { connectStores, loadStores, parseStoreList } from '../core/sessions.js';

export async function doctorCommand(ctx: CommandContext, flags: GlobalOptions & { store?: string }): Promise<number> {
  const requested = parseStoreList(flags.store);
  const { config, stores } = await loadStores(ctx, flags, requested);
  const { connected, close } = connectStores(ctx, flags, config, stores);
  try {
    const failures: AppError[] = [];
    const checks = await Promise.all(
      connected.map(async ({ adapter, session }) => {
        const started = Date.now();
        try {
          await session.verify();
          return { store: adapter.id, ok: true, durationMs: Date.now() - started };
        } catch (error) {
          const e = toAppError(error, adapter.id);
          failures.push(e);
          return {
            store: adapter.id,
            ok: false,
            durationMs: Date.now() - started,
            error: {
              code: e.code,
              category: e.category,
              message: e.message,
              storeCode: e.storeCode ?? null,
              hint: e.hint ?? null,
            },
          };
        }
      }),
    );
    if (ctx.signal.aborted) throw new InterruptedError();
    if (flags.json) {
      ctx.out(`${JSON.stringify({ config: config.source, ok: checks.every((c) => c.ok), stores: checks }, null, 2)}\n`);
    } else {
      ctx.out(`config: ${config.source ?? '(environment only)'}\n`);
      for (const c of checks) {
        if (c.ok) ctx.out(`${chalk.green('✔')} ${pad(c.store, 7)} credentials accepted (${c.durationMs} ms)\n`);
        else {
          const code = c.error!.storeCode !== null ? ` (store code ${c.error!.storeCode})` : '';
          ctx.out(`${chalk.red('✖')} ${pad(c.store, 7)} ${c.error!.message}${code} [${c.error!.code}]\n`);
          if (c.error!.hint) ctx.out(`          hint: ${c.error!.hint}\n`);
        }
      }
    }
    return exitCodeForAll(failures);
  } finally {
    await close();
  }
}
