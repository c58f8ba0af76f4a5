/** Human text for command results (stdout); progress and errors go to stderr. */
import chalk from 'chalk';
import type { PublishReport, StoreResult } from '../core/publish.js';
import type { AppInfo } from '../stores/types.js';
import { formatDuration, pad } from './format.js';

const MARK: Record<StoreResult['status'], string> = {
  submitted: chalk.green('✔'),
  skipped: chalk.green('='),
  planned: chalk.cyan('○'),
  failed: chalk.red('✖'),
  cancelled: chalk.yellow('-'),
};

export function publishSummary(report: PublishReport): string {
  const lines: string[] = [];
  for (const artifact of report.artifacts) {
    const version =
      artifact.kind !== 'ipa'
        ? `${artifact.versionName} (${artifact.versionCode}) ${artifact.abis.join(', ') || 'no native code'}`
        : `${artifact.versionName} (${artifact.buildNumber})`;
    lines.push(`${artifact.kind.toUpperCase()} ${artifact.package} ${version}`);
  }
  for (const r of report.results) {
    const code =
      r.status === 'failed'
        ? ` [${r.category}] ${r.code}${r.storeCode !== undefined ? ` (store code ${r.storeCode})` : ''}:`
        : '';
    lines.push(
      `${MARK[r.status]} ${pad(r.store, 7)} ${pad(r.status, 10)}${code} ${r.message} ${chalk.dim(formatDuration(r.durationMs))}`,
    );
    if (r.hint) lines.push(`  ${' '.repeat(19)}${chalk.dim(`hint: ${r.hint}`)}`);
  }
  const counts = new Map<string, number>();
  for (const r of report.results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const tally = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  lines.push(report.dryRun ? `Dry run: ${tally}; nothing was uploaded or submitted.` : `Result: ${tally}.`);
  return `${lines.join('\n')}\n`;
}

export function infoText(info: AppInfo): string {
  const version = (v: AppInfo['live']) =>
    v ? `${v.versionName} (${v.versionCode ?? 'versionCode not shown by the store'})` : '—';
  const rows: Array<[string, string]> = [
    ['store', info.store],
    ['package', info.package],
    ['app', `${info.appName ?? '—'}${info.appId ? `  (id ${info.appId})` : ''}`],
    // OPPO and vivo describe only their latest version: while one is pending, the live one is unknown.
    ['live', info.live || !info.pending ? version(info.live) : '— (not shown by the store while a version is pending)'],
    ['pending', version(info.pending)],
    ['review', `${info.review.state}${info.review.storeState ? `  (${info.review.storeState})` : ''}`],
  ];
  if (info.review.reason) rows.push(['reason', info.review.reason]);
  return `${rows.map(([k, v]) => `${pad(k, 8)} ${v}`).join('\n')}\n`;
}
