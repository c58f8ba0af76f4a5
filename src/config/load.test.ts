import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.js';
import { redactor } from '../http/redact.js';
import { fakeAdapter } from '../testing/fake-adapter.js';
import { loadConfig, syntaxProblem } from './load.js';
import { envName } from './secrets.js';
import type { StoreId } from '../stores/types.js';

const adapters = { oppo: fakeAdapter('oppo'), vivo: fakeAdapter('vivo') };

function dirWith(config: unknown, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'appstores-config-'));
  writeFileSync(join(dir, 'appstores.config.json'), JSON.stringify(config));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('loadConfig', () => {
  it('resolves literal, ${NAME}, {env} and {file} secrets (file relative to the config)', async () => {
    const cwd = dirWith(
      {
        stores: {
          oppo: { clientId: 'id-${SUFFIX}', clientSecret: { file: './secret.txt' } },
          vivo: { clientId: { env: 'VIVO_ID' }, clientSecret: 'literal-secret' },
        },
      },
      { 'secret.txt': 'file-secret-value\n' },
    );
    const config = await loadConfig({ cwd, env: { SUFFIX: '42', VIVO_ID: 'vivo-id' }, adapters });
    expect(config.stores.oppo).toEqual({ clientId: 'id-42', clientSecret: 'file-secret-value' });
    expect(config.stores.vivo).toEqual({ clientId: 'vivo-id', clientSecret: 'literal-secret' });
    expect(redactor.redact('x file-secret-value literal-secret')).toBe('x *** ***');
  });

  it('masks a secret written as a bare number in the problem that quotes it', async () => {
    const cwd = dirWith({ stores: { oppo: { clientId: 'id', clientSecret: 98765432101 } } });
    const error = (await loadConfig({ cwd, env: {}, adapters }).catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    const text = redactor.redact(error.problems.join('\n'));
    expect(text).toContain('stores.oppo.clientSecret:');
    expect(text).not.toContain('98765432101');
  });

  it('reports every problem at once, each with its dotted path', async () => {
    const cwd = dirWith({
      extra: 1,
      stores: {
        oppo: { clientId: '', clientSecret: { env: 'MISSING_SECRET' }, baseUrl: 'http://example.com', bogus: true },
        vivo: { clientSecret: { file: 'nope.txt' } },
        nokia: {},
      },
    });
    const error = (await loadConfig({ cwd, env: {}, adapters }).catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    const text = error.problems.join('\n');
    expect(text).toContain('extra: unknown top-level key');
    expect(text).toContain('stores.nokia: unknown store');
    expect(text).toContain('stores.oppo.clientSecret: environment variable MISSING_SECRET is not set');
    expect(text).toContain('stores.oppo.clientId: clientId must not be empty');
    expect(text).toContain('stores.oppo.baseUrl: plain http:// is refused except on loopback');
    expect(text).toMatch(/stores\.oppo: Unrecognized key: "bogus"/);
    expect(text).toMatch(/stores\.vivo\.clientSecret: file .*nope\.txt does not exist/);
    expect(text).toContain('stores.vivo.clientId: clientId is required');
    expect(error.problems.length).toBe(8);
  });

  it('configures a store from APPSTORES_<STORE>_<FIELD> alone, with no file', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'appstores-noconfig-'));
    const env = { [envName('oppo', 'clientId')]: '123', [envName('oppo', 'clientSecret')]: 'env-only-secret' };
    expect(envName('oppo', 'clientSecret')).toBe('APPSTORES_OPPO_CLIENT_SECRET');
    const config = await loadConfig({ cwd, env, adapters });
    expect(config.source).toBeNull();
    expect(config.stores).toEqual({ oppo: { clientId: '123', clientSecret: 'env-only-secret' } });
  });

  it('lets the environment override a field of the file, and allows http on loopback', async () => {
    const cwd = dirWith({
      stores: { oppo: { clientId: 'a', clientSecret: 'b-secret', baseUrl: 'http://127.0.0.1:9/oppo/' } },
    });
    const config = await loadConfig({ cwd, env: { APPSTORES_OPPO_CLIENT_ID: 'from-env' }, adapters });
    expect(config.stores.oppo).toMatchObject({ clientId: 'from-env', baseUrl: 'http://127.0.0.1:9/oppo' });
  });

  it('keeps stores without an adapter aside as planned', async () => {
    const cwd = dirWith({ stores: { honor: { clientId: 'x', clientSecret: 'y' } } });
    const config = await loadConfig({ cwd, env: {}, adapters });
    expect(config.planned).toEqual(['honor']);
    expect(config.stores).toEqual({});
  });

  it('with `only`, loads and validates just the stores the command uses (issue 12)', async () => {
    const cwd = dirWith({
      stores: {
        oppo: { clientId: '123', clientSecret: 'only-oppo-secret' },
        vivo: { clientSecret: { file: 'nope.txt' }, bogus: true },
      },
    });
    const asked: StoreId[][] = [];
    const loader = async (ids: StoreId[]) => {
      asked.push(ids);
      return Object.fromEntries(ids.map((id) => [id, adapters[id as 'oppo' | 'vivo']]));
    };
    // vivo's mistakes do not stop a command that uses only oppo, and vivo's adapter is not loaded.
    const oppoOnly = await loadConfig({ cwd, env: {}, adapters: loader, only: ['oppo'] });
    expect(asked).toEqual([['oppo']]);
    expect(oppoOnly.stores).toEqual({ oppo: { clientId: '123', clientSecret: 'only-oppo-secret' } });
    expect(Object.keys(oppoOnly.adapters)).toEqual(['oppo']);
    // A store that is used reports exactly what a run over every store reports for it.
    const all = (await loadConfig({ cwd, env: {}, adapters }).catch((e: unknown) => e)) as ConfigError;
    const vivoOnly = (await loadConfig({ cwd, env: {}, adapters, only: ['vivo'] }).catch(
      (e: unknown) => e,
    )) as ConfigError;
    expect(vivoOnly).toBeInstanceOf(ConfigError);
    expect(vivoOnly.problems.length).toBeGreaterThan(0);
    expect(vivoOnly.problems).toEqual(all.problems.filter((p) => p.startsWith('stores.vivo')));
    expect(all.problems.length).toBe(vivoOnly.problems.length);
  });

  it('reads --config x.json itself, with the same result and messages as cosmiconfig', async () => {
    const cwd = dirWith({ stores: { oppo: { clientId: '123', clientSecret: 'json-secret' } } });
    writeFileSync(join(cwd, 'null.json'), 'null');
    writeFileSync(join(cwd, 'empty.json'), ' \n');
    const viaFile = await loadConfig({ cwd, configPath: 'appstores.config.json', env: {}, adapters });
    const searched = await loadConfig({ cwd, env: {}, adapters });
    expect(viaFile).toEqual(searched);
    for (const name of ['null.json', 'empty.json']) {
      expect((await loadConfig({ cwd, configPath: name, env: {}, adapters })).stores).toEqual({});
    }
    writeFileSync(join(cwd, 'broken.json'), '{ "stores": ');
    const broken = (await loadConfig({ cwd, configPath: 'broken.json', env: {}, adapters }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(broken.message).toBe(`cannot read the config: ${join(cwd, 'broken.json')}: Unexpected end of JSON input`);
  });

  it('says clearly when --config points nowhere or the file is not valid JSON', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'appstores-badconfig-'));
    await expect(loadConfig({ cwd, configPath: 'missing.json', env: {}, adapters })).rejects.toMatchObject({
      code: 'CONFIG_NOT_FOUND',
    });
    writeFileSync(join(cwd, 'broken.json'), '{ "stores": ');
    await expect(loadConfig({ cwd, configPath: 'broken.json', env: {}, adapters })).rejects.toMatchObject({
      code: 'CONFIG_UNREADABLE',
    });
  });
});

describe('syntaxProblem', () => {
  it('keeps the file, the line and the reason, and drops the code frame that may hold a secret', () => {
    const json =
      'JSON Error in /x/appstores.config.json: \n\n  3 |     "oppo": { "clientSecret": "topsecret-xyz" \n  4 |   }\n> 5 |\n    | ^\n\n' +
      "Expected ',' or '}' after property value in JSON at position 67 while parsing '{  \"stores\": {    \"oppo\": { \"clientSec' \n";
    expect(syntaxProblem(json)).toBe(
      "/x/appstores.config.json line 5: Expected ',' or '}' after property value in JSON",
    );
    const yaml =
      'YAML Error in /x/y.yaml:\nunexpected end of the stream within a double quoted scalar (4:1)\n\n 3 |    clientSecret: "abc\n';
    expect(syntaxProblem(yaml)).toBe('/x/y.yaml line 4: unexpected end of the stream within a double quoted scalar');
  });

  it('copes with a coloured code frame', () => {
    const coloured =
      'JSON Error in /x/a.json: \x1b[0m \x1b[90m 3 |\x1b[39m     \x1b[32m"oppo"\x1b[39m: \x1b[32m"topsecret-xyz"\x1b[39m\n' +
      '\x1b[0m\x1b[31m\x1b[1m>\x1b[22m\x1b[39m\x1b[90m 5 |\x1b[39m\n\nUnexpected end of JSON input while parsing \'{ "stores"\'';
    const text = syntaxProblem(coloured);
    expect(text).toBe('/x/a.json line 5: Unexpected end of JSON input');
    expect(text).not.toContain('topsecret');
  });
});
