/** `appstores release` and `appstores rollout`: flags -> targets -> core/lifecycle.ts -> one line per store. */
import { readArtifactInfo } from '../artifacts/index.js';
import { exitCodeForAll, UsageError } from '../core/errors.js';
import {
  checkLifecycle,
  parsePercent,
  runLifecycle,
  type LifecycleCommand,
  type LifecycleResult,
} from '../core/lifecycle.js';
import { checkPackageName } from '../core/package-name.js';
import { connectStores, loadStores, parseStoreList } from '../core/sessions.js';
import { renderError } from '../output/error.js';
import type { LifecycleTarget, RolloutOperation, StoreId } from '../stores/types.js';
import type { CommandContext, GlobalOptions } from './context.js';

export interface LifecycleFlags extends GlobalOptions {
  store?: string;
  pkg?: string;
}

const ROLLOUT_OPS: readonly RolloutOperation[] = ['pause', 'resume', 'complete', 'percent'];

export function rolloutCommandOf(op: string, value: string | undefined): LifecycleCommand {
  if (!(ROLLOUT_OPS as readonly string[]).includes(op)) {
    throw new UsageError(`unknown rollout operation "${op}"`, 'use pause, resume, complete or percent <N>');
  }
  if (op === 'percent') return { kind: 'rollout', action: { op: 'percent', percent: parsePercent(value) } };
  if (value !== undefined)
    throw new UsageError(`rollout ${op} takes no value, got "${value}"`, `run \`appstores rollout ${op}\``);
  return { kind: 'rollout', action: { op: op as 'pause' | 'resume' | 'complete' } };
}

/** The app (and version) per store: an IPA for Apple, an APK / AAB for the others, or --pkg for all. */
async function targetsOf(ctx: CommandContext, files: string[], pkg: string | undefined) {
  if (pkg !== undefined && files.length > 0) {
    throw new UsageError('give either files or --pkg, not both', 'the files name the package and version already');
  }
  if (pkg !== undefined) {
    checkPackageName(pkg);
    return (_store: StoreId): LifecycleTarget => ({ package: pkg });
  }
  if (files.length === 0) {
    throw new UsageError('which app? give its files or --pkg <id>', 'e.g. `appstores release --pkg com.foo.bar`');
  }
  let ios: LifecycleTarget | undefined;
  let android: LifecycleTarget | undefined;
  for (const file of files) {
    const info = await readArtifactInfo(file, { signal: ctx.signal });
    const target = { package: info.package, versionName: info.versionName };
    if (info.kind === 'ipa') ios = target;
    else android = target;
  }
  return (store: StoreId): LifecycleTarget => {
    const target = store === 'apple' ? ios : android;
    if (!target) {
      throw new UsageError(
        `no ${store === 'apple' ? 'IPA' : 'APK or AAB'} among the files for ${store}`,
        'add the file, or use --pkg',
      );
    }
    return target;
  };
}

export async function lifecycleCommand(
  ctx: CommandContext,
  command: LifecycleCommand,
  files: string[],
  flags: LifecycleFlags,
): Promise<number> {
  const requested = parseStoreList(flags.store);
  const targetOf = await targetsOf(ctx, files, flags.pkg);
  const { config, stores } = await loadStores(ctx, flags, requested);
  checkLifecycle(stores, command);
  // A store whose file is missing is a usage error before any request.
  for (const store of stores) targetOf(store);
  const { connected, close } = connectStores(ctx, flags, config, stores);
  let results: LifecycleResult[];
  try {
    results = await runLifecycle(connected, targetOf, command, ctx.signal);
  } finally {
    await close();
  }
  if (flags.json) {
    const items = results.map((r) =>
      r.status === 'failed'
        ? {
            store: r.store,
            status: r.status,
            code: r.error.code,
            category: r.error.category,
            message: r.message,
            hint: r.error.hint ?? null,
          }
        : { store: r.store, status: r.status, message: r.message, warning: r.warning ?? null },
    );
    ctx.out(`${JSON.stringify({ ok: results.every((r) => r.status !== 'failed'), results: items }, null, 2)}\n`);
  } else {
    for (const r of results) {
      if (r.status === 'failed') ctx.err(renderError(r.error));
      else ctx.out(`${r.store}: ${r.status === 'done' ? '' : 'no-op: '}${r.message}\n`);
      if (r.status !== 'failed' && r.warning) ctx.err(`warning: ${r.store}: ${r.warning}\n`);
    }
  }
  return exitCodeForAll(results.flatMap((r) => (r.status === 'failed' ? [r.error] : [])));
}
