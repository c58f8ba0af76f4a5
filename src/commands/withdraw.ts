/**
 * `appstores withdraw`: cancels the submission still in review at every chosen store whose API
 * allows it; a store without such an API gets a plain line saying so (not an error). It changes
 * the stores, so it asks first on a terminal and needs --yes anywhere else.
 */
import { createInterface } from 'node:readline/promises';
import { readArtifactInfo } from '../artifacts/index.js';
import { exitCodeForAll, InterruptedError, toAppError, UsageError, type AppError } from '../core/errors.js';
import { checkPackageName } from '../core/package-name.js';
import { takesFile } from '../core/release.js';
import { connectStores, loadStores, parseStoreList } from '../core/sessions.js';
import { renderError } from '../output/error.js';
import type { StoreAdapter, StoreId, WithdrawOutcome } from '../stores/types.js';
import type { CommandContext, GlobalOptions } from './context.js';

export interface WithdrawFlags extends GlobalOptions {
  store?: string;
  pkg?: string;
  yes?: boolean;
}

/** Why a store is not asked: what the user can do instead. */
const NO_API: Partial<Record<StoreId, string>> = {
  xiaomi: 'Xiaomi has no withdraw API; withdraw it on the console (撤回审核)',
};

type Line = {
  store: StoreId;
  status: WithdrawOutcome['status'] | 'unsupported' | 'failed';
  message: string;
  reference: string | null;
  /** An UNCONFIRMED call (Huawei's withdraw): said on stderr, and in --json. */
  warning?: string;
};

export async function withdrawCommand(ctx: CommandContext, files: string[], flags: WithdrawFlags): Promise<number> {
  const requested = parseStoreList(flags.store);
  if (files.length === 0 && !flags.pkg)
    throw new UsageError('withdraw needs --pkg or the files of the app', 'appstores withdraw --pkg com.foo.bar --yes');
  if (flags.pkg) checkPackageName(flags.pkg);
  const interactive = Boolean(process.stdin.isTTY) && !ctx.env.CI;
  if (!flags.yes && !interactive)
    throw new UsageError('withdraw cancels submissions and needs --yes when not on a terminal', 'add --yes');
  const { config, stores } = await loadStores(ctx, flags, requested);
  const artifacts = await Promise.all(files.map((f) => readArtifactInfo(f, { signal: ctx.signal })));
  const packageFor = (adapter: StoreAdapter) => flags.pkg ?? artifacts.find((a) => takesFile(adapter, a))?.package;

  if (!flags.yes) {
    // loadStores refused any chosen store without a config: every one of them is asked.
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question(`Cancel the submission in review at ${stores.join(', ')}? [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      ctx.err('nothing withdrawn\n');
      return 0;
    }
  }

  const { connected, close } = connectStores(ctx, flags, config, stores);
  try {
    const errors: AppError[] = [];
    const lines: Line[] = await Promise.all(
      connected.map(async ({ adapter, session }): Promise<Line> => {
        const pkg = packageFor(adapter);
        if (!pkg)
          return {
            store: adapter.id,
            status: 'unsupported',
            message: `no ${adapter.capabilities.artifact.toUpperCase()} given`,
            reference: null,
          };
        if (!adapter.capabilities.withdraw || !session.withdraw)
          return {
            store: adapter.id,
            status: 'unsupported',
            message: NO_API[adapter.id] ?? `${adapter.title} has no withdraw API; withdraw it in its console`,
            reference: null,
          };
        try {
          return { store: adapter.id, ...(await session.withdraw(pkg)) };
        } catch (error) {
          const appError = toAppError(error, adapter.id);
          errors.push(appError);
          return { store: adapter.id, status: 'failed', message: appError.message, reference: null };
        }
      }),
    );
    if (ctx.signal.aborted) throw new InterruptedError();
    if (flags.json) ctx.out(`${JSON.stringify({ ok: errors.length === 0, results: lines }, null, 2)}\n`);
    else {
      ctx.out(`${lines.map((l) => `${l.store.padEnd(7)} ${l.status.padEnd(11)} ${l.message}`).join('\n')}\n`);
      for (const l of lines) if (l.warning) ctx.err(`warning: ${l.store}: ${l.warning}\n`);
      for (const e of errors) ctx.err(renderError(e));
    }
    return exitCodeForAll(errors);
  } finally {
    await close();
  }
}
