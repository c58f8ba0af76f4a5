/**
 * The commander program. Only commander is loaded up front; each command's module (and with it zod,
 * undici, the adapters) is imported when that command runs, so `--help` starts instantly.
 */
import { Argument, Command, Option } from 'commander';
import type { CommandContext } from './commands/context.js';
import { refuseFlagLikeValues } from './commands/option-guard.js';
import { exampleSchedule } from './core/schedule.js';

/** The exit codes a command can end with, as its --help lists them (design.md). */
const EXIT_TEXT: Record<number, string> = {
  0: 'ok',
  1: 'a store failed',
  2: 'usage error',
  3: 'config, credentials or input invalid (nothing sent)',
  70: 'internal error',
  75: 'status --watch timed out before every store reached the target',
  130: 'interrupted',
};

/** The exit codes of a command that works on the configured stores. */
const STORE_COMMAND_EXITS = [0, 1, 2, 3, 70, 130];

/** `--store`, with one wording for every command that has it. */
const STORE_FLAG = ['-s, --store <ids>', 'comma-separated stores (default: all configured)'] as const;

/** Two or three examples and the exit codes, after a subcommand's --help. */
function helpFooter(cmd: Command, examples: string[], codes: number[]): Command {
  const width = Math.max(...examples.map((e) => e.split('  #')[0]!.length));
  const lines = examples.map((e) => {
    const [command, note] = e.split('  #');
    return `  $ ${note ? `${command!.padEnd(width)}  # ${note.trim()}` : command}`;
  });
  return cmd.addHelpText(
    'after',
    `\nExamples:\n${lines.join('\n')}\n\nExit codes: ${codes.map((c) => `${c} ${EXIT_TEXT[c]}`).join(' · ')}`,
  );
}

export function buildProgram(ctx: CommandContext, version: string, setExit: (code: number) => void): Command {
  const program: Command = new Command('appstores')
    .description('Publish mobile apps to Xiaomi, OPPO, vivo, Honor, Tencent YYB, Huawei AppGallery and the App Store.')
    .version(version, '-v, --version')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false })
    // Set before the commands are added: commander copies these settings to each new subcommand.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.out(text),
      writeErr: (text) => ctx.err(text),
      // Usage errors are printed by src/main.ts as one line plus a hint.
      outputError: () => {},
    })
    // Before any command runs: no option may have swallowed a flag as its value.
    .hook('preAction', (_program, command): void => refuseFlagLikeValues(program, command))
    .addHelpText(
      'after',
      `
Examples:
  $ appstores sandbox --write-config sandbox.json     emulated stores on 127.0.0.1
  $ appstores publish app.apk --config sandbox.json --notes "Bug fixes"
  $ appstores publish app-v7a.apk app-arm64.apk --store oppo,vivo --schedule ${exampleSchedule(Date.now())}
  $ appstores info --store oppo --pkg com.foo.bar
  $ appstores inspect app.apk --json

Colour: --color / --no-color on any command; NO_COLOR and FORCE_COLOR are honoured.
Exit codes: 0 ok · 1 a store failed · 2 usage · 3 config, credentials or input invalid · 70 internal · 75 status --watch timed out · 130 interrupted`,
    );

  const withConfig = (cmd: Command) =>
    cmd
      .option('-c, --config <path>', 'config file (default: searched from the current directory)')
      .option('--verbose', 'log every HTTP request (secrets redacted) to stderr')
      .option('--json', 'print the result as JSON on stdout');

  const publish = withConfig(
    program
      .command('publish')
      .description('upload and submit for review, to every configured store in parallel')
      .argument('[files...]', 'APK / AAB / IPA files; bind one to a store as oppo=app-oppo.apk')
      .option(...STORE_FLAG)
      .option('-n, --notes <text>', 'release notes')
      .option('--notes-file <path>', 'read the release notes from a file')
      .option(
        '--notes-dir <dir>',
        'notes per locale: <dir>/<locale>/changelogs/<versionCode>.txt or default.txt; <store>.txt wins for that store',
      )
      .option('--schedule <time>', `go live at this ISO-8601 time after review, e.g. ${exampleSchedule(Date.now())}`)
      .option(
        '--phased [percent]',
        'start a phased release (Huawei: percent of users; Apple: its fixed 7-day schedule)',
      )
      .option('--phased-end <time>', 'when the phased release ends, an ISO-8601 time (with --phased)')
      .option('--manual-release', 'after approval, hold the version until it is released by hand (Apple)')
      .option(
        '--wait <duration>',
        "how long to wait for a store's processing of the upload, e.g. 30m (Apple builds; default 30m)",
      )
      .option('--dry-run', 'verify credentials and check every store, upload nothing')
      .option('--keep-going', 'publish to the stores that passed the checks even if others failed')
      .addOption(
        new Option(
          '--progress <mode>',
          'progress on stderr: a bar on a terminal, plain lines in CI, NDJSON events, or none',
        )
          .choices(['auto', 'plain', 'ndjson', 'none'])
          .default('auto'),
      )
      .option('-q, --quiet', 'no progress: only the summary and errors'),
  );
  helpFooter(
    publish,
    [
      'appstores publish app-release.apk --notes-file CHANGELOG.md',
      'appstores publish app-v7a.apk app-arm64.apk --store oppo,vivo --dry-run  # a 32/64-bit pair, checks only',
      'appstores publish oppo=app-oppo.apk vivo=app-vivo.apk --json --progress ndjson  # channel packages, for scripts',
    ],
    STORE_COMMAND_EXITS,
  ).action(async (files: string[], opts) => {
    const { publishCommand } = await import('./commands/publish.js');
    setExit(await publishCommand(ctx, files, opts));
  });

  const info = withConfig(
    program
      .command('info')
      .description('show the app as the store sees it: live version, version in review, review state')
      .requiredOption('-p, --pkg <package>', 'the package name / bundle id')
      .option(...STORE_FLAG)
      .option('--raw', "include the store's own response"),
  );
  helpFooter(
    info,
    [
      'appstores info --store oppo --pkg com.foo.bar',
      'appstores info --pkg com.foo.bar --json  # every configured store, as a JSON array',
      "appstores info --store vivo --pkg com.foo.bar --raw --json  # with the store's own answer",
    ],
    STORE_COMMAND_EXITS,
  ).action(async (opts) => {
    const { infoCommand } = await import('./commands/info.js');
    setExit(await infoCommand(ctx, opts));
  });

  const status = withConfig(
    program
      .command('status')
      .description("each store's review state for a version; --watch follows it until reviewed or live")
      .argument('[files...]', 'the APK / AAB / IPA of the version (default: what each store has for --pkg)')
      .option('-p, --pkg <package>', 'the package name / bundle id (instead of, or to override, the files)')
      .option(...STORE_FLAG)
      .option('--watch', 'follow the review at a rate each store tolerates')
      .option('--interval <duration>', 'ask this often (never more often than the store tolerates), e.g. 30m')
      .option('--timeout <duration>', 'with --watch: give up after this long, exit 75 (default 72h)')
      .addOption(
        new Option('--until <state>', 'with --watch: the state to wait for')
          .choices(['reviewed', 'live'])
          .default('reviewed'),
      ),
  );
  helpFooter(
    status,
    [
      'appstores status app-release.apk',
      'appstores status app.apk app.ipa --watch --timeout 48h  # until every store approved it',
      'appstores status --pkg com.foo.bar --watch --until live --json  # NDJSON events, then a summary',
    ],
    [0, 1, 2, 3, 70, 75, 130],
  ).action(async (files: string[], opts) => {
    const { statusCommand } = await import('./commands/status.js');
    setExit(await statusCommand(ctx, files, opts));
  });

  const withdraw = withConfig(
    program
      .command('withdraw')
      .description('cancel the submission still in review, at every store whose API allows it')
      .argument('[files...]', 'the APK / AAB / IPA of the app (or --pkg)')
      .option('-p, --pkg <package>', 'the package name / bundle id')
      .option(...STORE_FLAG)
      .option('-y, --yes', 'do not ask (needed when not on a terminal, e.g. in CI)'),
  );
  helpFooter(
    withdraw,
    [
      'appstores withdraw --pkg com.foo.bar  # asks first',
      'appstores withdraw --store apple --pkg com.foo.bar --yes  # in CI',
    ],
    STORE_COMMAND_EXITS,
  ).action(async (files: string[], opts) => {
    const { withdrawCommand } = await import('./commands/withdraw.js');
    setExit(await withdrawCommand(ctx, files, opts));
  });

  const doctor = withConfig(
    program
      .command('doctor')
      .description('check the config and credentials against each store, changing nothing')
      .option(...STORE_FLAG),
  );
  helpFooter(
    doctor,
    [
      'appstores doctor',
      'appstores doctor --store oppo,vivo --config ci.json',
      'appstores doctor --json  # for a CI gate',
    ],
    STORE_COMMAND_EXITS,
  ).action(async (opts) => {
    const { doctorCommand } = await import('./commands/doctor.js');
    setExit(await doctorCommand(ctx, opts));
  });

  const release = withConfig(
    program
      .command('release')
      .description('release a version that is approved and held for a manual release (Apple MANUAL)')
      .argument('[files...]', 'the APK / AAB / IPA of the version (or --pkg for the newest held one)')
      .option('-p, --pkg <package>', 'the package name / bundle id')
      .option(...STORE_FLAG),
  );
  helpFooter(
    release,
    [
      'appstores release --store apple --pkg com.foo.bar',
      'appstores release app.ipa app-release.apk --json  # the version of these files, every configured store',
    ],
    STORE_COMMAND_EXITS,
  ).action(async (files: string[], opts) => {
    const { lifecycleCommand } = await import('./commands/lifecycle.js');
    setExit(await lifecycleCommand(ctx, { kind: 'release' }, files, opts));
  });

  const rollout = withConfig(
    program
      .command('rollout')
      .description('control a phased release: pause, resume, complete, or set its percent (Huawei, Honor)')
      .addArgument(new Argument('<operation>', 'the change').choices(['pause', 'resume', 'complete', 'percent']))
      .argument('[percent]', 'with percent: the share of users, above 0 and up to 100')
      .option('-p, --pkg <package>', 'the package name / bundle id')
      .option(...STORE_FLAG),
  );
  helpFooter(
    rollout,
    [
      'appstores rollout pause --store apple --pkg com.foo.bar',
      'appstores rollout percent 20 --store huawei --pkg com.foo.bar  # Apple has no percent: its 7 days are fixed',
      'appstores rollout complete --pkg com.foo.bar --json',
    ],
    STORE_COMMAND_EXITS,
  ).action(async (operation: string, percent: string | undefined, opts) => {
    const { lifecycleCommand, rolloutCommandOf } = await import('./commands/lifecycle.js');
    setExit(await lifecycleCommand(ctx, rolloutCommandOf(operation, percent), [], opts));
  });

  helpFooter(
    program
      .command('inspect')
      .description('what appstores reads from an APK, App Bundle or IPA')
      .argument('<file>', 'an .apk, .aab or .ipa file')
      .option('--json', 'print JSON on stdout'),
    [
      'appstores inspect app-release.apk',
      'appstores inspect app-release.aab',
      'appstores inspect app.apk --json | jq .versionCode',
    ],
    [0, 2, 3, 70],
  ).action(async (file: string, opts) => {
    const { inspectCommand } = await import('./commands/inspect.js');
    setExit(await inspectCommand(ctx, file, opts));
  });

  helpFooter(
    program
      .command('stores')
      .description('the stores, what each can do, and the config fields each needs')
      .option('--json', 'print JSON on stdout'),
    ['appstores stores', "appstores stores --json | jq '.[] | select(.supported) | .id'"],
    [0],
  ).action(async (opts) => {
    const { storesCommand } = await import('./commands/stores.js');
    setExit(await storesCommand(ctx, opts));
  });

  const cache = helpFooter(
    program.command('cache').description('the token cache'),
    ['appstores cache clear', 'appstores cache clear --json  # how many files were removed'],
    [0, 2, 3],
  );
  helpFooter(
    cache
      .command('clear')
      .description('remove the cached access tokens (the next command fetches new ones)')
      .option('--json', 'print JSON on stdout'),
    ['appstores cache clear', 'APPSTORES_CACHE_DIR=/tmp/ci-cache appstores cache clear --json'],
    [0, 3],
  ).action(async (opts) => {
    const { cacheClearCommand } = await import('./commands/cache.js');
    setExit(await cacheClearCommand(ctx, opts));
  });

  helpFooter(
    program
      .command('init')
      .description('write a starter config (appstores.config.json)')
      .option('--force', 'overwrite an existing file')
      .option('-o, --output <path>', 'where to write it', 'appstores.config.json'),
    ['appstores init', 'appstores init -o config/appstores.config.json --force'],
    [0, 2, 3],
  ).action(async (opts) => {
    const { initCommand } = await import('./commands/init.js');
    setExit(await initCommand(ctx, opts));
  });

  helpFooter(
    program
      .command('sandbox')
      .description('run the emulated stores on 127.0.0.1 and print a config that points at them')
      .option('--port <n>', 'port (default: a free one)')
      .option('--write-config <path>', 'also write the config to this file')
      .addOption(new Option('--log', 'print each request (secrets hidden) to stderr')),
    [
      'appstores sandbox --write-config sandbox.json &  # then: appstores publish app.apk --config sandbox.json',
      'appstores sandbox --port 4873 --log',
    ],
    [2, 3, 130],
  ).action(async (opts) => {
    const { sandboxCommand } = await import('./commands/sandbox.js');
    setExit(await sandboxCommand(ctx, opts));
  });

  helpFooter(
    program.command('schema').description("print the config file's JSON Schema (for editors)"),
    ['appstores schema > appstores.schema.json', 'appstores schema | jq .properties.stores.properties.oppo'],
    [0],
  ).action(async () => {
    const { schemaCommand } = await import('./commands/schema.js');
    setExit(await schemaCommand(ctx));
  });

  helpFooter(
    program
      .command('completion')
      .description('print a shell completion script (commands, flags, store ids)')
      .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish'])),
    [
      'source <(appstores completion bash)  # in ~/.bashrc',
      'appstores completion zsh > "${fpath[1]}/_appstores"',
      'appstores completion fish > ~/.config/fish/completions/appstores.fish',
    ],
    [0, 2],
  ).action(async (shell: string) => {
    const { completionCommand } = await import('./commands/completion.js');
    setExit(await completionCommand(ctx, shell, program));
  });

  return program;
}
