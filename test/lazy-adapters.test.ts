/**
 * Load only what runs (issue 12): a command imports only the adapters it uses. The CLI runs with
 * `--import test/record-modules.mjs`, which writes every loaded module URL to a file. The CLI is
 * the bundle (dist/cli/, scripts/bundle.mjs): each chunk it loads is read for the source modules in
 * it (rolldown marks each with a `// dist/<path>.js` or `// node_modules/<path>` line), so an
 * adapter that ended up in a chunk another command loads shows up as loaded.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, ROOT, runCli, withSandbox, type SandboxSetup } from './helpers.js';

const HOOK = pathToFileURL(join(ROOT, 'test', 'record-modules.mjs')).href;
const ADAPTER_DIRS = ['xiaomi', 'oppo', 'vivo', 'honor', 'yyb', 'huawei', 'apple'];

const CHUNKS = pathToFileURL(join(ROOT, 'dist', 'cli')).href;
const MODULE_MARK = /^\/\/ ((?:dist|node_modules)\/\S+\.[cm]?js)$/gm;

/** The chunks of the bundle the run loaded. */
function chunksLoaded(log: string): string[] {
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith(`${CHUNKS}/`));
}

/** The source modules the run loaded: those bundled in the chunks it loaded, and any other file. */
function urlsLoaded(log: string): string[] {
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((url) =>
      url.startsWith(`${CHUNKS}/`)
        ? [...readFileSync(new URL(url), 'utf8').matchAll(MODULE_MARK)].map(
            ([, path]) => pathToFileURL(join(ROOT, path!)).href,
          )
        : [url],
    );
}

/** The adapters (src/stores/<id>/ under dist/) whose modules the run loaded. */
function adaptersLoaded(log: string): string[] {
  const urls = urlsLoaded(log);
  return ADAPTER_DIRS.filter((id) => urls.some((url) => url.includes(`/dist/stores/${id}/`)));
}

/** The packages under node_modules/ the run loaded modules of. */
function packagesLoaded(log: string): string[] {
  const names = urlsLoaded(log).map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]);
  return [...new Set(names.filter((name): name is string => name !== undefined))].sort();
}

function recording(): { log: string; env: Record<string, string> } {
  const log = join(mkdtempSync(join(tmpdir(), 'appstores-modules-')), 'modules.txt');
  return { log, env: { NODE_OPTIONS: `--import=${HOOK}`, APPSTORES_MODULE_LOG: log } };
}

let sb: SandboxSetup | undefined;
afterEach(() => sb?.close());

describe('which adapters a command loads', () => {
  it('info --store oppo imports the OPPO adapter and no other', async () => {
    sb = await withSandbox(['oppo']);
    const { log, env } = recording();
    const r = await sb.run(['info', '--store', 'oppo', '--pkg', 'com.foo.bar'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(adaptersLoaded(log)).toEqual(['oppo']);
    // zod's 57 locales are not bundled: it registers English itself, on its first schema.
    const locales = urlsLoaded(log).filter((url) => url.includes('/node_modules/zod/v4/locales/'));
    expect(locales.map((url) => url.split('/').at(-1))).toEqual(['en.js']);
  });

  it('info --store oppo with a config naming all seven stores loads only OPPO (and no cosmiconfig for a .json)', async () => {
    sb = await withSandbox();
    expect(Object.keys(sb.sandbox.config().stores).sort()).toEqual([...ADAPTER_DIRS].sort());
    const { log, env } = recording();
    const r = await sb.run(['info', '--store', 'oppo', '--pkg', 'com.foo.bar'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(adaptersLoaded(log)).toEqual(['oppo']);
    expect(packagesLoaded(log)).not.toContain('cosmiconfig');
    // Publishing an APK to OPPO: no other adapter, and neither the App Bundle reader (protobuf)
    // nor the IPA reader (plist).
    const apk = recording();
    const dry = await sb.run(
      ['publish', fixture('apk/app-universal.apk'), '--store', 'oppo', '--notes', 'Lazy check', '--dry-run'],
      apk.env,
    );
    expect(dry.code).toBe(0);
    expect(adaptersLoaded(apk.log)).toEqual(['oppo']);
    expect(urlsLoaded(apk.log).some((url) => url.endsWith('/dist/artifacts/apk.js'))).toBe(true);
    const publishPackages = packagesLoaded(apk.log);
    expect(publishPackages).not.toContain('@bufbuild/protobuf');
    expect(publishPackages.filter((name) => name.startsWith('@plist/'))).toEqual([]);
    // Without --store, info asks every configured store: all seven adapters load.
    const everyStore = recording();
    const all = await sb.run(['info', '--pkg', 'com.foo.bar'], everyStore.env);
    expect(all.stderr).not.toContain('internal');
    expect(adaptersLoaded(everyStore.log)).toEqual(ADAPTER_DIRS);
  });

  it('--version and --help load no adapter and no zod; --version not even commander', async () => {
    for (const flag of ['--version', '-v', '--help']) {
      const { log, env } = recording();
      const r = await runCli([flag], { env });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toBe('');
      expect(adaptersLoaded(log)).toEqual([]);
      // The bundle ran (its entry holds src/main.ts), in a few chunks.
      expect(chunksLoaded(log)[0]).toBe(`${CHUNKS}/main.js`);
      expect(urlsLoaded(log).some((url) => url.endsWith('/dist/main.js'))).toBe(true);
      const packages = packagesLoaded(log);
      expect(packages).not.toContain('zod');
      expect(packages).not.toContain('chalk');
      if (flag === '--help') expect(packages).toEqual(['commander']);
      else expect(packages).toEqual([]);
    }
  });

  it('--help loads no adapter; stores loads all seven (the recording sees adapters)', async () => {
    const help = recording();
    expect((await runCli(['--help'], { env: help.env })).code).toBe(0);
    expect(adaptersLoaded(help.log)).toEqual([]);
    const stores = recording();
    expect((await runCli(['stores'], { env: stores.env })).code).toBe(0);
    expect(adaptersLoaded(stores.log)).toEqual(ADAPTER_DIRS);
  });
});
