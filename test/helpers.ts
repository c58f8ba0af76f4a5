/**
 * End-to-end helpers: the sandbox runs in the test process, the built CLI (bin/appstores.js ->
 * the bundle in dist/cli/) runs as a subprocess against it, exactly as a user or CI would run it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppleEmulator } from '../src/sandbox/apple.js';
import { createHonorEmulator } from '../src/sandbox/honor.js';
import { createHuaweiEmulator } from '../src/sandbox/huawei.js';
import { createOppoEmulator } from '../src/sandbox/oppo.js';
import type { Emulator } from '../src/sandbox/types.js';
import { startSandbox, type Sandbox } from '../src/sandbox/server.js';
import { createVivoEmulator } from '../src/sandbox/vivo.js';
import { createXiaomiEmulator } from '../src/sandbox/xiaomi.js';
import { createYybEmulator } from '../src/sandbox/yyb.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin', 'appstores.js');
/** Loaded into every CLI run: a connection to anything but loopback throws (tests never reach a real host). */
const NO_NETWORK = pathToFileURL(join(ROOT, 'test', 'no-network.mjs')).href;
export const fixture = (name: string) => join(ROOT, 'fixtures', name);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
}

export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', NO_NETWORK, BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      // A clean environment: nothing from the developer's shell leaks in. CI=1 gives plain progress lines.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), CI: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // A hung CLI must fail its test, not outlive the run.
      timeout: 60_000,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

function emulators() {
  return {
    xiaomi: createXiaomiEmulator(),
    oppo: createOppoEmulator(),
    vivo: createVivoEmulator(),
    honor: createHonorEmulator(),
    yyb: createYybEmulator(),
    huawei: createHuaweiEmulator(),
    apple: createAppleEmulator(),
  };
}

export interface SandboxSetup {
  sandbox: Sandbox;
  /** The emulators, to look at their state. */
  stores: ReturnType<typeof emulators>;
  dir: string;
  configPath: string;
  /** Env with a private token cache dir, so tests do not share tokens. */
  env: Record<string, string>;
  run(args: string[], extraEnv?: Record<string, string>): Promise<CliResult>;
  close(): Promise<void>;
}

/** Starts every emulator and writes a config pointing at them (optionally only some stores). */
export async function withSandbox(
  only?: string[],
  options: { wrap?: (emulator: Emulator) => Emulator } = {},
): Promise<SandboxSetup> {
  const stores = emulators();
  const sandbox = await startSandbox(
    Object.values(stores).map((emulator) => (options.wrap ? options.wrap(emulator) : emulator)),
  );
  const dir = mkdtempSync(join(tmpdir(), 'appstores-e2e-'));
  const config = sandbox.config();
  if (only) for (const id of Object.keys(config.stores)) if (!only.includes(id)) delete config.stores[id];
  const configPath = join(dir, 'appstores.config.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const env = { APPSTORES_CACHE_DIR: join(dir, 'cache'), APPSTORES_TIME_SCALE: '0.01' };
  return {
    sandbox,
    stores,
    dir,
    configPath,
    env,
    run: (args, extraEnv = {}) => runCli([...args, '--config', configPath], { env: { ...env, ...extraEnv }, cwd: dir }),
    close: () => sandbox.close(),
  };
}

/** The requests the emulators saw for one store, as `METHOD path` (plus vivo's method param). */
export function requests(sandbox: Sandbox, store: string): string[] {
  return sandbox.log
    .filter((e) => e.store === store)
    .map((e) => {
      const method = new URLSearchParams(e.query).get('method') ?? e.fields.method;
      return `${e.method} ${e.path}${method ? ` ${method}` : ''}`;
    });
}
