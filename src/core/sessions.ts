/**
 * What every command that talks to stores does first: load the config, pick the stores, and
 * connect one adapter session per store with its own HTTP client, token cache and redacted
 * --verbose log. (Orchestration lives in core/; the commands only turn flags into these calls.)
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Agent, envHttpProxyAgent, type Dispatcher } from '../http/undici.js';
import { loadConfig, type LoadedConfig } from '../config/load.js';
import { scaledClock } from './clock.js';
import { createStoreContext } from './context.js';
import { InputError, UsageError } from './errors.js';
import { hasAdapter, loadAdapters } from '../stores/registry.js';
import { CATALOG } from '../stores/catalog.js';
import { STORE_IDS, type StoreAdapter, type StoreId, type StoreSession } from '../stores/types.js';

/** What the process gives a run: where it is, its environment, stderr and the interrupt signal. */
export interface RunEnv {
  cwd: string;
  env: NodeJS.ProcessEnv;
  err: (text: string) => void;
  signal: AbortSignal;
}

export interface SessionOptions {
  config?: string;
  verbose?: boolean;
}

export interface Connected {
  adapter: StoreAdapter;
  session: StoreSession;
}

export function parseStoreList(value: string | undefined): StoreId[] | undefined {
  if (value === undefined) return undefined;
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0)
    throw new UsageError('--store needs at least one store id', `the stores are ${STORE_IDS.join(', ')}`);
  for (const id of ids) {
    if (!(STORE_IDS as readonly string[]).includes(id)) {
      throw new UsageError(`unknown store "${id}"`, `the stores are ${STORE_IDS.join(', ')}`);
    }
    if (!hasAdapter(id as StoreId)) {
      throw new UsageError(
        `${CATALOG[id as StoreId].title} is not supported yet`,
        'run `appstores stores` to see what is available',
      );
    }
  }
  return [...new Set(ids)] as StoreId[];
}

export async function loadStores(
  ctx: RunEnv,
  options: SessionOptions,
  requested: StoreId[] | undefined,
): Promise<{ config: LoadedConfig; stores: StoreId[] }> {
  const config = await loadConfig({
    configPath: options.config,
    cwd: ctx.cwd,
    env: ctx.env,
    adapters: loadAdapters,
    ...(requested ? { only: requested } : {}),
  });
  for (const id of config.planned) {
    if (!requested) ctx.err(`note: ${id} is configured but not supported yet; skipping it\n`);
  }
  const configured = STORE_IDS.filter((id) => config.stores[id] !== undefined);
  const stores = requested ?? configured;
  for (const id of stores) {
    if (config.stores[id] === undefined) {
      throw new InputError(`${id} is not configured`, {
        code: 'STORE_NOT_CONFIGURED',
        store: id,
        hint: `add stores.${id} to ${config.source ?? 'appstores.config.json'} or set its APPSTORES_${id.toUpperCase()}_* variables; \`appstores stores\` lists the fields`,
      });
    }
  }
  if (stores.length === 0) {
    const found = config.source ? `${config.source} configures no store` : 'no store is configured';
    throw new InputError(found, {
      code: 'NO_STORES',
      hint: config.source
        ? `add a store under "stores" in ${config.source}; \`appstores stores\` lists the fields each store needs`
        : 'run `appstores init` to write a config, or `appstores sandbox` to try it against emulated stores',
    });
  }
  return { config, stores };
}

export function cacheDir(env: NodeJS.ProcessEnv): string {
  if (env.APPSTORES_CACHE_DIR) return env.APPSTORES_CACHE_DIR;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'appstores');
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? homedir(), 'appstores', 'cache');
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'appstores');
}

/** Connects a session per store; `close()` releases the connections so the process can exit. */
export function connectStores(
  ctx: RunEnv,
  options: SessionOptions,
  config: LoadedConfig,
  stores: StoreId[],
  /** Where retry notices go; by default a line on stderr (with --verbose the request log says it). */
  notice: (store: StoreId, line: string) => void = (_, line) => ctx.err(`${line}\n`),
): { connected: Connected[]; close: () => Promise<void> } {
  const dispatcher = createDispatcher(ctx.env);
  const log = options.verbose ? (line: string) => ctx.err(`${line}\n`) : undefined;
  const connected = stores.map((id) => {
    const adapter = config.adapters[id]!;
    const storeCtx = createStoreContext(adapter, config.stores[id], {
      dispatcher,
      clock: scaledClock(Number(ctx.env.APPSTORES_TIME_SCALE ?? 1)),
      cacheDir: cacheDir(ctx.env),
      signal: ctx.signal,
      log,
      notice: options.verbose ? undefined : notice,
    });
    return { adapter, session: adapter.connect(storeCtx) };
  });
  return { connected, close: () => dispatcher.close() };
}

/** HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured when set (corporate CI networks). */
function createDispatcher(env: NodeJS.ProcessEnv): Dispatcher {
  const options = { connect: { timeout: 30_000 } };
  const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => env[name]);
  return proxied ? envHttpProxyAgent(options) : new Agent(options);
}
