/**
 * The GitHub Action's entry point (action.yml runs it with the inputs as INPUT_<NAME> variables).
 * It resolves the config the way the CLI does, to register every secret with ::add-mask:: before
 * anything runs, then runs `appstores publish --json` as a subprocess (progress streams to the log)
 * and turns the result into step outputs (`ok`, `results`), a job summary table and one
 * ::error annotation per failed store. Its exit code is the CLI's.
 */
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../config/load.js';
import type { PublishReport } from '../core/publish.js';
import { publishSummary } from '../output/summary.js';
import { loadAdapters } from '../stores/registry.js';
import type { StoreId } from '../stores/types.js';
import { annotation, maskCommands, summaryMarkdown, writeOutput } from './github.js';

const BIN = fileURLToPath(new URL('../../bin/appstores.js', import.meta.url));

/** The inputs of action.yml, each passed as INPUT_<NAME> with - as _ (INPUT_DRY_RUN). */
export const INPUTS = [
  'files',
  'stores',
  'notes',
  'notes-file',
  'notes-dir',
  'schedule',
  'dry-run',
  'config',
  'keep-going',
] as const;

type Env = NodeJS.ProcessEnv;
const input = (env: Env, name: (typeof INPUTS)[number]) =>
  (env[`INPUT_${name.replace(/-/g, '_').toUpperCase()}`] ?? '').trim();

class InputProblem extends Error {}

function booleanInput(env: Env, name: (typeof INPUTS)[number]): boolean {
  const value = input(env, name).toLowerCase();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new InputProblem(`input ${name} must be true or false, not "${value}"`);
}

/** The `appstores publish` arguments for the inputs. Files: one or more per line, separated by spaces. */
export function publishArgs(env: Env): string[] {
  const files = input(env, 'files').split(/\s+/).filter(Boolean);
  if (files.length === 0)
    throw new InputProblem(
      'input files is empty: give the APK / IPA paths, e.g. files: app/build/outputs/apk/release/app-release.apk',
    );
  const args = ['publish', '--json'];
  const valued: Array<[(typeof INPUTS)[number], string]> = [
    ['stores', '--store'],
    ['notes', '--notes'],
    ['notes-file', '--notes-file'],
    ['notes-dir', '--notes-dir'],
    ['schedule', '--schedule'],
    ['config', '--config'],
  ];
  // --flag=value: release notes often start with "-", which must not read as a flag.
  for (const [name, flag] of valued) if (input(env, name)) args.push(`${flag}=${input(env, name)}`);
  if (booleanInput(env, 'dry-run')) args.push('--dry-run');
  if (booleanInput(env, 'keep-going')) args.push('--keep-going');
  return [...args, '--', ...files];
}

/** Every secret the config resolves to (literal, ${NAME}, {env}, {file} or APPSTORES_* variable). */
export async function resolvedSecrets(env: Env, cwd: string, configPath: string | undefined): Promise<string[]> {
  try {
    const config = await loadConfig({ configPath, cwd, env, adapters: loadAdapters });
    const secrets: string[] = [];
    for (const [id, values] of Object.entries(config.stores) as Array<[StoreId, Record<string, unknown>]>) {
      for (const field of config.adapters[id]?.fields ?? []) {
        const value = values[field.name];
        if (field.secret && typeof value === 'string' && value !== '') secrets.push(value);
      }
    }
    return secrets;
  } catch {
    // The CLI reports a config problem itself, with the same wording as everywhere else.
    return [];
  }
}

function runCli(args: string[], env: Env, cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 130 : 70), stdout }));
  });
}

export async function runAction(
  env: Env = process.env,
  write: (text: string) => void = (t) => process.stdout.write(t),
): Promise<number> {
  const cwd = env.GITHUB_WORKSPACE || process.cwd();
  const outputFile = env.GITHUB_OUTPUT;
  const summaryFile = env.GITHUB_STEP_SUMMARY;
  const output = (name: string, value: string) => (outputFile ? writeOutput(outputFile, name, value) : undefined);

  let args: string[];
  try {
    args = publishArgs(env);
  } catch (error) {
    if (!(error instanceof InputProblem)) throw error;
    write(annotation('error', 'appstores', error.message));
    output('ok', 'false');
    return 2;
  }

  for (const secret of await resolvedSecrets(env, cwd, input(env, 'config') || undefined)) write(maskCommands(secret));

  const { code, stdout } = await runCli(args, env, cwd);
  let body:
    | (PublishReport & { error?: undefined })
    | { ok: false; error: { code: string; message: string; hint: string | null } };
  try {
    body = JSON.parse(stdout);
  } catch {
    write(annotation('error', 'appstores', `appstores exited with ${code} without a JSON result`));
    output('ok', 'false');
    return code === 0 ? 70 : code;
  }
  output('ok', String(body.ok));
  output('results', JSON.stringify(body));

  if (body.error) {
    const { message, hint, code: errorCode } = body.error;
    write(annotation('error', 'appstores', `${errorCode}: ${message}${hint ? ` (${hint})` : ''}`));
    if (summaryFile)
      appendFileSync(
        summaryFile,
        `### appstores publish: ❌ ${errorCode}\n\n${message}${hint ? `\n\nhint: ${hint}` : ''}\n`,
      );
    return code;
  }
  const report = body as PublishReport;
  write(publishSummary(report));
  for (const r of report.results) {
    if (r.status === 'failed')
      write(annotation('error', r.store, `${r.code}: ${r.message}${r.hint ? ` (hint: ${r.hint})` : ''}`));
    if (r.status === 'cancelled') write(annotation('warning', r.store, r.message));
  }
  if (summaryFile) {
    const adapters = await loadAdapters([...new Set(report.results.map((r) => r.store as StoreId))]);
    appendFileSync(
      summaryFile,
      summaryMarkdown(report, (store) => adapters[store as StoreId]?.capabilities.artifact ?? 'apk'),
    );
  }
  return code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runAction();
}
