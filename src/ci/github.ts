/**
 * GitHub Actions' workflow commands and files, written by hand (a few lines each, rather than
 * @actions/core): annotations and masks on stdout, step outputs in $GITHUB_OUTPUT, the job summary
 * in $GITHUB_STEP_SUMMARY. Formats from GitHub's "Workflow commands for GitHub Actions" page.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { PublishReport } from '../core/publish.js';
import { formatDuration } from '../output/format.js';

/** A command's message: %, CR and LF are escaped so that one message stays one command. */
export const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A command's property (title=...): also : and , which separate properties. */
export const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function annotation(level: 'error' | 'warning' | 'notice', title: string, message: string): string {
  return `::${level} title=${escapeProperty(title)}::${escapeData(message)}\n`;
}

/**
 * `::add-mask::` lines for a secret. The runner masks line by line, so a multi-line value (a PEM
 * key) is masked per line as well as whole.
 */
export function maskCommands(secret: string): string {
  const parts = new Set([secret, ...secret.split(/\r?\n/).map((l) => l.trim())].filter((p) => p.length >= 4));
  return [...parts].map((p) => `::add-mask::${escapeData(p)}\n`).join('');
}

/** Appends `name` to $GITHUB_OUTPUT with a random heredoc delimiter, which a value cannot forge. */
export function writeOutput(file: string, name: string, value: string): void {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

const cell = (text: string) => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

/** The job summary: one row per store. */
export function summaryMarkdown(report: PublishReport, kinds: (store: string) => 'apk' | 'ipa'): string {
  const version = (store: string) =>
    [
      ...new Set(
        report.artifacts
          .filter((a) => a.kind === kinds(store) || (a.kind === 'aab' && kinds(store) === 'apk'))
          .map((a) =>
            a.kind === 'ipa' ? `${a.versionName} (${a.buildNumber})` : `${a.versionName} (${a.versionCode})`,
          ),
      ),
    ].join(', ');
  const rows = report.results.map((r) => {
    const message = r.status === 'failed' ? `${r.code}: ${r.message}${r.hint ? ` — ${r.hint}` : ''}` : r.message;
    return `| ${r.store} | ${r.status} | ${cell(version(r.store))} | ${r.reference ? `\`${cell(r.reference)}\`` : ''} | ${cell(message)} | ${formatDuration(r.durationMs)} |`;
  });
  const title = report.dryRun ? 'appstores publish (dry run)' : 'appstores publish';
  const verdict = report.ok ? '✅ every store succeeded' : '❌ not every store succeeded';
  return [
    `### ${title}: ${verdict}`,
    '',
    '| store | status | version | reference | message | duration |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
