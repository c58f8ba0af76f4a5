/**
 * Secrets never leave the process: every command, with --verbose, against a config whose secrets
 * are given as a literal, through the environment and from a file, on success and failure paths.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, withSandbox, type CliResult, type SandboxSetup } from './helpers.js';

let sb: SandboxSetup;
let configPath: string;
const env: Record<string, string> = {};
const outputs: CliResult[] = [];

beforeAll(async () => {
  sb = await withSandbox();
  const stores = sb.sandbox.config().stores;
  writeFileSync(join(sb.dir, 'xiaomi-private-key.txt'), `${stores.xiaomi!.privateKey as string}\n`);
  writeFileSync(join(sb.dir, 'xiaomi.cer'), stores.xiaomi!.publicKey as string);
  env.VIVO_SECRET = stores.vivo!.accessSecret as string;
  const config = {
    stores: {
      // literal
      oppo: { ...stores.oppo },
      // ${NAME} and { env }
      vivo: { ...stores.vivo, accessSecret: '${VIVO_SECRET}', accessKey: { env: 'VIVO_KEY' } },
      // { file }
      xiaomi: {
        ...stores.xiaomi,
        privateKey: { file: './xiaomi-private-key.txt' },
        publicKey: { file: './xiaomi.cer' },
      },
      honor: { ...stores.honor },
      yyb: { ...stores.yyb, accessSecret: { env: 'YYB_SECRET' } },
      huawei: { ...stores.huawei },
    },
  };
  env.VIVO_KEY = stores.vivo!.accessKey as string;
  env.YYB_SECRET = stores.yyb!.accessSecret as string;
  configPath = join(sb.dir, 'secrets.config.json');
  writeFileSync(configPath, JSON.stringify(config));
});
afterAll(() => sb.close());

const run = async (args: string[], extra: Record<string, string> = {}) => {
  const result = await runCli([...args, '--config', configPath], { env: { ...sb.env, ...env, ...extra }, cwd: sb.dir });
  outputs.push(result);
  return result;
};

const SECRETS = () => {
  const stores = sb.sandbox.config().stores;
  return [
    stores.oppo!.clientSecret,
    stores.vivo!.accessSecret,
    stores.vivo!.accessKey,
    stores.xiaomi!.privateKey,
    stores.honor!.clientSecret,
    stores.yyb!.accessSecret,
    stores.huawei!.clientSecret,
  ] as string[];
};

describe('secrets', () => {
  it('never appear in the output of any command, on success or failure', async () => {
    const apk = fixture('apk/app-universal.apk');
    const ok = [
      await run(['doctor', '--verbose']),
      await run(['info', '--pkg', 'com.foo.bar', '--verbose', '--raw']),
      await run(['info', '--pkg', 'com.foo.bar', '--verbose', '--json', '--raw']),
      await run(['publish', apk, '--notes', 'Bug fixes', '--dry-run', '--verbose']),
      await run(['publish', apk, '--notes', 'Bug fixes', '--verbose', '--json']),
    ];
    for (const r of ok) expect(r.code, r.stderr).toBe(0);

    // Wrong credentials: the values that were refused must not be echoed either.
    const wrong = {
      APPSTORES_OPPO_CLIENT_SECRET: 'wrong-oppo-secret-4c1e9a',
      APPSTORES_VIVO_ACCESS_SECRET: 'wrong-vivo-secret-77d0b2',
      APPSTORES_XIAOMI_PRIVATE_KEY: 'wrong-xiaomi-key-e5a3f1',
      APPSTORES_HONOR_CLIENT_SECRET: 'wrong-honor-secret-2b8d0c',
      APPSTORES_YYB_ACCESS_SECRET: 'wrong-yyb-secret-91fe3a',
      APPSTORES_HUAWEI_CLIENT_SECRET: 'wrong-huawei-secret-91ab0c',
    };
    const failed = [
      await run(['doctor', '--verbose', '--json'], wrong),
      await run(['info', '--pkg', 'com.foo.bar', '--verbose'], wrong),
      await run(['publish', apk, '--notes', 'Bug fixes', '--verbose'], wrong),
    ];
    for (const r of failed) expect(r.code).not.toBe(0);
    await run(['inspect', apk, '--json']);
    await run(['stores']);

    // The verbose logs were really there, with credential parameters masked.
    const all = outputs.map((r) => r.stdout + r.stderr).join('\n');
    expect(all).toMatch(/\[oppo\] GET .*access_token=\*\*\*/);
    expect(all).toMatch(/\[vivo\] POST /);
    expect(all).toMatch(/\[xiaomi\] POST .*\/dev\/query/);
    expect(all).toMatch(/\[huawei\] PUT .*\/obs\/.*X-Amz-Signature=\*\*\*/);

    expect(all).toMatch(/\[honor\] POST .*\/auth\/token/);
    expect(all).toMatch(/\[yyb\] PUT \*\*\*/);

    // Huawei's tokens and the signatures of its pre-signed upload URLs are credentials too.
    const huaweiSignatures = [...sb.stores.huawei.state.uploads.values()].map(
      (u) => /Signature=(\w+)$/.exec(u.headers.authorization!)![1]!,
    );
    expect(huaweiSignatures.length).toBeGreaterThan(0);
    const tokens = [
      ...sb.stores.oppo.state.tokens.keys(),
      ...sb.stores.honor.state.tokens.keys(),
      ...sb.stores.huawei.state.tokens.keys(),
      ...huaweiSignatures,
    ];
    expect(tokens.length).toBeGreaterThan(1);
    // YYB's pre-signed upload URLs: neither the URL nor its signature may be printed.
    const preSigned = [...sb.stores.yyb.state.uploads.values()].flatMap((u) => [
      u.preSignUrl,
      new URL(u.preSignUrl).searchParams.get('q-signature')!,
    ]);
    expect(preSigned.length).toBeGreaterThan(0);
    for (const secret of [...SECRETS(), ...Object.values(wrong), ...tokens, ...preSigned]) {
      expect(all).not.toContain(secret);
    }
    // Ten CLI runs against five stores: ~15 s idle, twice that with the whole suite on two cores.
  }, 120_000);

  it('are not written to the token cache', () => {
    const dir = sb.env.APPSTORES_CACHE_DIR!;
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const secret of SECRETS()) expect(text).not.toContain(secret);
      expect(text).not.toContain('1000000000000000001'); // nor the client id
      expect(text).not.toContain('sandbox-honor-client-id');
    }
  });
});
