/**
 * run(argv): the one place that prints errors and decides the exit code. Everything that leaves
 * the process, on stdout or stderr, passes through the redactor first.
 */
import { readFileSync } from 'node:fs';
import type { CommandContext } from './commands/context.js';
import { ConfigError, EXIT, InterruptedError, exitCodeFor, toAppError, type AppError } from './core/errors.js';
import { packageFile } from './core/package-files.js';
import { chooseColor } from './output/color.js';
import { renderError } from './output/error.js';
import { redactor } from './http/redact.js';
import { ndjsonEvent } from './output/ndjson.js';

const redacted = new WeakSet<NodeJS.WritableStream>();

/** How long a run may take to stop cleanly after the first Ctrl-C or SIGTERM. */
const STOP_GRACE_MS = 4_000;

/** Routes every write to these streams through the redactor, whoever writes. */
export function installRedaction(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (redacted.has(stream)) continue;
    redacted.add(stream);
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : null;
      return write(text === null ? chunk : redactor.redact(text), ...rest);
    }) as typeof stream.write;
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export async function run(rawArgv: string[]): Promise<number> {
  installRedaction();
  // --color / --no-color / NO_COLOR / FORCE_COLOR, decided once for every chalk call.
  const { color, argv } = chooseColor(rawArgv, process.env, Boolean(process.stdout.isTTY));
  // `appstores --version` alone needs neither commander nor chalk (issue 12: start-up); it prints
  // what commander's own --version prints.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    process.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const [{ buildProgram }, { CommanderError }] = await Promise.all([import('./cli.js'), import('commander')]);
  const controller = new AbortController();
  // Ctrl-C, or CI cancelling the job: stop cleanly (locks released, summary printed), 130.
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write('\ninterrupted: stopping (press Ctrl-C again to quit at once)\n');
    controller.abort(new InterruptedError());
    // The first signal ends the run even if something does not heed the abort (a stuck file system call).
    setTimeout(() => {
      process.stderr.write(
        `interrupted: not stopped after ${STOP_GRACE_MS / 1000} s, quitting; a store may have received an upload or submit: \`appstores info\` shows what it has\n`,
      );
      process.exit(EXIT.interrupted);
    }, STOP_GRACE_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const json = argv.includes('--json');
  const ndjson = argv.some((a, i) => a === '--progress=ndjson' || (a === '--progress' && argv[i + 1] === 'ndjson'));
  // With --progress ndjson, a run that stops before or outside any store still ends in an event.
  const errorEvent = (error: Parameters<typeof errorBody>[0]) => {
    if (ndjson) ctx.err(ndjsonEvent('error', errorBody(error).error));
  };

  const ctx: CommandContext = {
    cwd: process.cwd(),
    env: process.env,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    live: Boolean(process.stderr.isTTY) && !process.env.CI,
    columns: process.stderr.columns || 80,
    signal: controller.signal,
  };

  let exitCode: number = EXIT.ok;
  const program = buildProgram(ctx, version(), (code) => {
    exitCode = code;
  });
  // chalk (for summaries, bars and tables) is loaded only when a command runs, not for --help.
  program.hook('preAction', async () => {
    const { default: chalk } = await import('chalk');
    chalk.level = color ? chalk.level || 1 : 0;
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return controller.signal.aborted ? EXIT.interrupted : exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; help shown because no command was given is a usage error.
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) {
        return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      }
      const command = argv.find((a) => !a.startsWith('-'));
      const help =
        command && program.commands.some((c) => c.name() === command)
          ? `appstores ${command} --help`
          : 'appstores --help';
      const hint = `see \`${help}\``;
      ctx.err(`${error.message}\nhint: ${hint}\n`);
      const usage = {
        code: 'USAGE' as const,
        category: 'config' as const,
        message: error.message.replace(/^error: /, ''),
        hint,
      };
      if (json) ctx.out(jsonError(usage));
      errorEvent(usage);
      return EXIT.usage;
    }
    const appError = controller.signal.aborted ? new InterruptedError() : toAppError(error);
    ctx.err(renderError(appError));
    if (json) ctx.out(jsonError(appError));
    errorEvent(appError);
    if (appError.category === 'internal' && process.env.APPSTORES_DEBUG && error instanceof Error) {
      ctx.err(`${error.stack ?? ''}\n`);
    }
    return exitCodeFor(appError);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** With --json, a failure is JSON on stdout too, so `appstores ... --json | jq .ok` always works. */
function jsonError(error: Pick<AppError, 'code' | 'category' | 'message' | 'hint'> & Partial<AppError>): string {
  return `${JSON.stringify(errorBody(error), null, 2)}\n`;
}

function errorBody(error: Pick<AppError, 'code' | 'category' | 'message' | 'hint'> & Partial<AppError>) {
  const problems = error instanceof ConfigError ? { problems: error.problems } : {};
  const body = {
    ok: false,
    error: {
      code: error.code,
      category: error.category,
      message: error.message,
      store: error.store ?? null,
      storeCode: error.storeCode ?? null,
      hint: error.hint ?? null,
      ...problems,
    },
  };
  return body;
}
