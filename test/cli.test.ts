import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'appstores-cli-'));

describe('appstores (command surface)', () => {
  it('prints help with examples and exit codes, exit 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['publish', 'info', 'doctor', 'inspect', 'stores', 'init', 'sandbox']) {
      expect(r.stdout).toContain(command);
    }
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('3 config, credentials or input invalid');
  });

  it('prints its version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('refuses an unknown flag with one line and a hint, exit 2', async () => {
    const r = await runCli(['publish', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: unknown option '--frobnicate'\nhint: see `appstores publish --help`\n");
  });

  it('refuses an unknown command with a suggestion, exit 2', async () => {
    const r = await runCli(['pubish']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'pubish'/);
    expect(r.stderr).toMatch(/publish/);
  });

  it('refuses an unknown store id, exit 2', async () => {
    const r = await runCli(['info', '--store', 'nokia', '--pkg', 'a.b']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown store "nokia" \[USAGE\]\nhint: the stores are xiaomi, oppo/);
  });

  it('lists the seven stores with their fields, env names and console steps', async () => {
    const r = await runCli(['stores', '--json']);
    expect(r.code).toBe(0);
    const stores = JSON.parse(r.stdout) as Array<{
      id: string;
      supported: boolean;
      fields: Array<{ name: string; env: string; secret: boolean }>;
      steps: string[];
    }>;
    expect(stores.map((s) => s.id)).toEqual(['xiaomi', 'oppo', 'vivo', 'honor', 'yyb', 'huawei', 'apple']);
    const oppo = stores.find((s) => s.id === 'oppo')!;
    expect(oppo.supported).toBe(true);
    expect(oppo.fields).toContainEqual(
      expect.objectContaining({ name: 'clientSecret', secret: true, env: 'APPSTORES_OPPO_CLIENT_SECRET' }),
    );
    expect(oppo.steps.join(' ')).toMatch(/我的API/);
    const yyb = stores.find((s) => s.id === 'yyb')!;
    expect(yyb.supported).toBe(true);
    expect(yyb.fields).toContainEqual(expect.objectContaining({ name: 'appIds', env: 'APPSTORES_YYB_APP_IDS' }));
    expect(yyb.steps.join(' ')).toMatch(/API发布接口/);
    const honor = stores.find((s) => s.id === 'honor')!;
    expect(honor.fields.map((f) => f.name)).toEqual(['clientId', 'clientSecret', 'appId', 'baseUrl', 'authUrl']);
    expect(honor.steps.join(' ')).toMatch(/凭证/);
    const human = await runCli(['stores']);
    // Every store has its adapter now: none is listed as planned.
    expect(human.stdout).not.toMatch(/not supported yet/);
  });

  it('init writes the example config and will not overwrite it without --force', async () => {
    const dir = tmp();
    const first = await runCli(['init'], { cwd: dir });
    expect(first.code).toBe(0);
    const written = join(dir, 'appstores.config.json');
    const example = JSON.parse(readFileSync(join(ROOT, 'appstores.config.example.json'), 'utf8'));
    const config = JSON.parse(readFileSync(written, 'utf8'));
    // The example's stores, and a $schema that editors can reach from where the file was written.
    expect(config).toEqual({
      ...example,
      $schema: expect.stringMatching(
        /^https:\/\/unpkg\.com\/appstores@\d+\.\d+\.\d+\/schema\/appstores\.config\.schema\.json$/,
      ),
    });
    expect(first.stdout).toContain(`schema: ${config.$schema}`);
    // The example's text as written, but for the $schema value.
    expect(readFileSync(written, 'utf8')).toBe(
      readFileSync(join(ROOT, 'appstores.config.example.json'), 'utf8').replace(
        './schema/appstores.config.schema.json',
        config.$schema,
      ),
    );
    writeFileSync(written, '{"stores":{}}');
    const second = await runCli(['init'], { cwd: dir });
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/already exists \[CONFIG_EXISTS\]\nhint: pass --force/);
    expect(readFileSync(written, 'utf8')).toBe('{"stores":{}}');
    expect((await runCli(['init', '--force'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(written, 'utf8')).not.toBe('{"stores":{}}');
  });

  it('reports every mistake of a config with its dotted path, exit 3, and sends nothing', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'appstores.config.json'),
      JSON.stringify({
        stores: {
          oppo: { clientId: '', clientSecret: { env: 'NOT_SET_ANYWHERE' }, baseUrl: 'http://oppo.example.com' },
          vivo: { accessKey: 'k', accessSecret: 'v', sandbox: 'maybe' },
          xiaomi: { account: 'not-an-email', publicKey: 'garbage', privateKey: 'x' },
          nokia: {},
        },
      }),
    );
    const r = await runCli(['doctor'], { cwd: dir });
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(
      /^error: \d+ problems in the configuration in .*appstores\.config\.json \[CONFIG_INVALID\]$/,
    );
    for (const path of [
      'stores.nokia:',
      'stores.oppo.clientId:',
      'stores.oppo.clientSecret: environment variable NOT_SET_ANYWHERE is not set',
      'stores.oppo.baseUrl: plain http:// is refused except on loopback',
      'stores.vivo.sandbox:',
      'stores.xiaomi.account:',
      'stores.xiaomi.publicKey:',
    ]) {
      expect(r.stderr).toContain(`  ${path}`);
    }
    expect(lines.at(-1)).toMatch(/^hint: /);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('says when no store is configured, exit 3', async () => {
    const r = await runCli(['doctor'], { cwd: tmp() });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no store is configured \[NO_STORES\]\nhint: run `appstores init`/);
  });

  it('refuses publish without files, exit 2', async () => {
    const r = await runCli(['publish'], { cwd: tmp() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no file to publish/);
  });
});

describe('appstores (failure output)', () => {
  it('exits 2 with the help on stderr when no command is given', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: appstores');
  });

  it('prints a JSON error on stdout with --json, so `| jq .ok` always works', async () => {
    const r = await runCli(['info', '--store', 'oppo', '--pkg', 'a.b', '--json'], { cwd: tmp() });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'STORE_NOT_CONFIGURED',
        category: 'config',
        store: 'oppo',
        hint: expect.any(String),
      }),
    });
    const usage = await runCli(['publish', '--json', '--bogus']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout).error.code).toBe('USAGE');
  });

  it('says which line of a broken config is wrong, without echoing its contents', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'appstores.config.json'),
      '{\n  "stores": {\n    "oppo": { "clientSecret": "literal-secret-d41d8c" \n  }\n',
    );
    const r = await runCli(['doctor'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: cannot read the config: .*appstores\.config\.json line \d+: Expected/);
    expect(r.stderr).not.toContain('literal-secret-d41d8c');
  });
});
