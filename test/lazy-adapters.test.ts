/**
 * Load only what runs (issue 12): a command imports only the adapters it uses. The CLI runs with
 * `--import test/record-modules.mjs`, which writes every loaded module URL to a file.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, runCli, withSandbox, type SandboxSetup } from './helpers.js';

const HOOK = pathToFileURL(join(ROOT, 'test', 'record-modules.mjs')).href;
const ADAPTER_DIRS = ['xiaomi', 'oppo', 'vivo', 'honor', 'yyb', 'huawei', 'apple'];

/** The adapters (src/stores/<id>/ under dist/) whose modules the run loaded. */
function adaptersLoaded(log: string): string[] {
  const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return ADAPTER_DIRS.filter((id) => urls.some((url) => url.includes(`/dist/stores/${id}/`)));
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
