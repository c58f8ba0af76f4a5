/**
 * `appstores status`: one line per store with the review state of a version; `--watch` follows it
 * (core/status.ts) until every store reached `--until`, a store rejected it, or `--timeout` ran out.
 */
import { readArtifactInfo } from '../artifacts/index.js';
import type { ArtifactInfo, Undigested } from '../artifacts/types.js';
import { scaledClock } from '../core/clock.js';
import { EXIT, exitCodeForAll, InterruptedError, UsageError } from '../core/errors.js';
import { checkPackageName } from '../core/package-name.js';
import { parseWait } from '../core/release-flags.js';
import { takesFile } from '../core/release.js';
import { connectStores, loadStores, parseStoreList } from '../core/sessions.js';
import {
  DEFAULT_WATCH_TIMEOUT_MS,
  failed,
  followStatus,
  intervalFor,
  reached,
  type StatusTarget,
  type StoreStatus,
} from '../core/status.js';
import { renderError } from '../output/error.js';
import { ndjsonEvent } from '../output/ndjson.js';
import { statusLine } from '../output/status.js';
import { statusBoard } from '../output/status-board.js';
import type { StoreAdapter } from '../stores/types.js';
import type { CommandContext, GlobalOptions } from './context.js';

export interface StatusFlags extends GlobalOptions {
  store?: string;
  pkg?: string;
  watch?: boolean;
  interval?: string;
  timeout?: string;
  until?: StatusTarget;
}

export async function statusCommand(ctx: CommandContext, files: string[], flags: StatusFlags): Promise<number> {
  const requested = parseStoreList(flags.store);
  if (files.length === 0 && !flags.pkg)
    throw new UsageError(
      'status needs the files of the version or --pkg',
      'appstores status app.apk, or --pkg com.foo.bar',
    );
  if (flags.pkg) checkPackageName(flags.pkg);
  const intervalMs = parseWait(flags.interval, '--interval');
  const timeoutMs = parseWait(flags.timeout, '--timeout') ?? DEFAULT_WATCH_TIMEOUT_MS;
  if (!flags.watch && (flags.interval || flags.timeout))
    throw new UsageError('--interval and --timeout need --watch', 'add --watch to follow the review');
  const until: StatusTarget = flags.until ?? 'reviewed';
  const { config, stores } = await loadStores(ctx, flags, requested);
  const artifacts: Undigested<ArtifactInfo>[] = await Promise.all(
    files.map((f) => readArtifactInfo(f, { signal: ctx.signal })),
  );
  const { connected, close } = connectStores(ctx, flags, config, stores);
  const artifactFor = (adapter: StoreAdapter) => artifacts.find((a) => takesFile(adapter, a));
  const usable = connected.filter(({ adapter }) => flags.pkg || artifactFor(adapter));
  for (const { adapter } of connected)
    if (!usable.some((u) => u.adapter.id === adapter.id))
      ctx.err(
        `note: ${adapter.title} takes ${adapter.capabilities.artifact.toUpperCase()} files and none was given; skipping it\n`,
      );
  if (usable.length === 0)
    throw new UsageError(
      'no given file is for the chosen stores',
      'pass the APK for Android stores, the IPA for Apple, or --pkg',
    );

  const json = Boolean(flags.json);
  const tty = ctx.live && !json && Boolean(flags.watch);
  const board = tty
    ? statusBoard(
        ctx.err,
        usable.map((u) => u.adapter.id),
        ctx.columns,
      )
    : null;
  if (flags.watch && !json)
    for (const { adapter } of usable)
      ctx.err(`${adapter.id}: asking every ${minutes(intervalFor(adapter, intervalMs))} until ${until}\n`);
  try {
    const outcome = await followStatus({
      stores: usable,
      target: (id) => {
        const adapter = usable.find((u) => u.adapter.id === id)!.adapter;
        const file = artifactFor(adapter);
        if (!file) return { package: flags.pkg!, version: null };
        const version =
          file.kind === 'ipa'
            ? { versionCode: null, versionName: file.versionName }
            : { versionCode: file.versionCode, versionName: file.versionName };
        return { package: flags.pkg ?? file.package, version };
      },
      until,
      watch: Boolean(flags.watch),
      intervalMs,
      timeoutMs,
      clock: scaledClock(Number(ctx.env.APPSTORES_TIME_SCALE ?? 1)),
      signal: ctx.signal,
      onChange: (status) => {
        if (!flags.watch) return;
        if (json) ctx.out(ndjsonEvent('status', statusJson(status)));
        else if (board) board.update(status);
        else ctx.err(`${statusLine(status)}\n`);
      },
    });
    if (ctx.signal.aborted) throw new InterruptedError();
    const { statuses, timedOut } = outcome;
    const errors = statuses.flatMap((s) => (s.error ? [s.error] : []));
    const exitCode = statuses.some((s) => failed(s.state))
      ? EXIT.storeFailed
      : errors.length > 0
        ? exitCodeForAll(errors)
        : timedOut.length > 0
          ? EXIT.timedOut
          : EXIT.ok;
    if (json) {
      const summary = {
        ok: exitCode === EXIT.ok,
        exitCode,
        until,
        reached: flags.watch ? statuses.every((s) => reached(s.state, until)) : undefined,
        timedOut,
        stores: statuses.map(statusJson),
      };
      ctx.out(flags.watch ? ndjsonEvent('summary', summary) : `${JSON.stringify(summary, null, 2)}\n`);
    } else {
      ctx.out(`${statuses.map(statusLine).join('\n')}\n`);
      for (const s of statuses) if (s.error) ctx.err(renderError(s.error));
      if (timedOut.length > 0)
        ctx.err(
          `timed out: ${timedOut.join(', ')} did not reach ${until} before --timeout ${flags.timeout ?? '72h'}\n`,
        );
    }
    return exitCode;
  } finally {
    await close();
  }
}

function statusJson(status: StoreStatus) {
  const { error, ...rest } = status;
  return {
    ...rest,
    error: error
      ? { code: error.code, category: error.category, message: error.message, hint: error.hint ?? null }
      : null,
  };
}

function minutes(ms: number): string {
  return ms >= 3_600_000 ? `${ms / 3_600_000} h` : ms >= 60_000 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}
