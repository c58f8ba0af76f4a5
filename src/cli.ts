/**
 * The commander program. Only commander is loaded up front; each command's module (and with it zod,
 * undici, the adapters) is imported when that command runs, so `--help` starts instantly.
 */
import { Command, Option } from 'commander';
import type { CommandContext } from './commands/context.js';

export function buildProgram(ctx: CommandContext, version: string, setExit: (code: number) => void): Command {
  const program = new Command('appstores')
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
    .addHelpText(
      'after',
      `
Examples:
  $ appstores sandbox --write-config sandbox.json     emulated stores on 127.0.0.1
  $ appstores publish app.apk --config sandbox.json --notes "Bug fixes"
  $ appstores publish app-v7a.apk app-arm64.apk --store oppo,vivo --schedule 2026-12-01T10:00:00+08:00
  $ appstores info --store oppo --pkg com.foo.bar
  $ appstores inspect app.apk --json

Exit codes: 0 ok · 1 a store failed · 2 usage · 3 config, credentials or input invalid · 70 internal · 130 interrupted`,
    );

  const withConfig = (cmd: Command) =>
    cmd
      .option('-c, --config <path>', 'config file (default: searched from the current directory)')
      .option('--verbose', 'log every HTTP request (secrets redacted) to stderr')
      .option('--json', 'print the result as JSON on stdout');

  withConfig(
    program
      .command('publish')
      .description('upload and submit for review, to every configured store in parallel')
      .argument('[files...]', 'APK / IPA files; bind one to a store as oppo=app-oppo.apk')
      .option('-s, --store <ids>', 'comma-separated stores (default: all configured)')
      .option('-n, --notes <text>', 'release notes')
      .option('--notes-file <path>', 'read the release notes from a file')
      .option('--schedule <time>', 'go live at this ISO-8601 time after review, e.g. 2026-12-01T10:00:00+08:00')
      .option('--phased [percent]', 'start a phased release (Huawei: percent of users; Apple: its fixed 7-day schedule)')
      .option('--manual-release', 'after approval, hold the version until it is released by hand (Apple)')
      .option('--wait <duration>', "how long to wait for a store's processing of the upload, e.g. 30m (Apple builds; default 30m)")
      .option('--dry-run', 'verify credentials and check every store, upload nothing')
      .option('--keep-going', 'publish to the stores that passed the checks even if others failed'),
  ).action(async (files: string[], opts) => {
    const { publishCommand } = await import('./commands/publish.js');
    setExit(await publishCommand(ctx, files, opts));
  });

  withConfig(
    program
      .command('info')
      .description('show the app as the store sees it: live version, version in review, review state')
      .requiredOption('-p, --pkg <package>', 'the package name / bundle id')
      .option('-s, --store <ids>', 'comma-separated stores (default: all configured)')
      .option('--raw', "include the store's own response"),
  ).action(async (opts) => {
    const { infoCommand } = await import('./commands/info.js');
    setExit(await infoCommand(ctx, opts));
  });

  withConfig(
    program
      .command('doctor')
      .description('check the config and credentials against each store, changing nothing')
      .option('-s, --store <ids>', 'comma-separated stores (default: all configured)'),
  ).action(async (opts) => {
    const { doctorCommand } = await import('./commands/doctor.js');
    setExit(await doctorCommand(ctx, opts));
  });

  program
    .command('inspect')
    .description('what appstores reads from an APK or IPA')
    .argument('<file>', 'an .apk or .ipa file')
    .option('--json', 'print JSON on stdout')
    .action(async (file: string, opts) => {
      const { inspectCommand } = await import('./commands/inspect.js');
      setExit(await inspectCommand(ctx, file, opts));
    });

  program
    .command('stores')
    .description('the stores, what each can do, and the config fields each needs')
    .option('--json', 'print JSON on stdout')
    .action(async (opts) => {
      const { storesCommand } = await import('./commands/stores.js');
      setExit(await storesCommand(ctx, opts));
    });

  program
    .command('cache')
    .description('the token cache')
    .command('clear')
    .description('remove the cached access tokens (the next command fetches new ones)')
    .option('--json', 'print JSON on stdout')
    .action(async (opts) => {
      const { cacheClearCommand } = await import('./commands/cache.js');
      setExit(await cacheClearCommand(ctx, opts));
    });

  program
    .command('init')
    .description('write a starter config (appstores.config.json)')
    .option('--force', 'overwrite an existing file')
    .option('-o, --output <path>', 'where to write it', 'appstores.config.json')
    .action(async (opts) => {
      const { initCommand } = await import('./commands/init.js');
      setExit(await initCommand(ctx, opts));
    });

  program
    .command('sandbox')
    .description('run the emulated stores on 127.0.0.1 and print a config that points at them')
    .option('--port <n>', 'port (default: a free one)')
    .option('--write-config <path>', 'also write the config to this file')
    .addOption(new Option('--log', 'print each request (secrets hidden) to stderr'))
    .action(async (opts) => {
      const { sandboxCommand } = await import('./commands/sandbox.js');
      setExit(await sandboxCommand(ctx, opts));
    });

  return program;
}
