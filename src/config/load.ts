/**
 * Loads the configuration: cosmiconfig under the name `appstores` (or --config), secret references
 * resolved, APPSTORES_<STORE>_<FIELD> overlaid, then validated once with the schema assembled from
 * each store adapter's own schema. All problems are reported together, each with its dotted path.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError, InputError } from '../core/errors.js';
import { redactor } from '../http/redact.js';
import { CATALOG } from '../stores/catalog.js';
import { STORE_IDS, type StoreAdapter, type StoreId } from '../stores/types.js';
import { envName, resolveReference, type ResolveContext } from './secrets.js';

export interface LoadedConfig {
  /** The file the config came from, or null when it came only from the environment. */
  source: string | null;
  /** Validated config of each configured store that has an adapter. */
  stores: Partial<Record<StoreId, unknown>>;
  /** Stores present in the config that have no adapter yet. */
  planned: StoreId[];
  /** The adapters of the configured stores (only these are loaded). */
  adapters: Partial<Record<StoreId, StoreAdapter>>;
  /** Top-level `defaultLocale`: the notes locale single-language stores get (--notes-dir). */
  defaultLocale?: string;
}

export interface LoadOptions {
  configPath?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The adapters, or a loader given the stores the file or environment configures (registry.ts loadAdapters). */
  adapters:
    | Partial<Record<StoreId, StoreAdapter>>
    | ((ids: StoreId[]) => Promise<Partial<Record<StoreId, StoreAdapter>>>);
  /**
   * The stores the command uses (its --store list), when it names them. Only these are resolved,
   * validated and have their adapter loaded (issue 12: `info --store oppo` on a seven-store config
   * loads one adapter); the others are checked only for being known stores written as objects.
   * Left out: every configured store (publish to all, doctor, the GitHub Action's secret list).
   */
  only?: readonly StoreId[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export async function loadConfig(options: LoadOptions): Promise<LoadedConfig> {
  const { raw, source } = await readConfigFile(options);
  const problems: string[] = [];
  const ctx: ResolveContext = { env: options.env, baseDir: source ? dirname(source) : options.cwd, problems };

  if (raw !== null && (!isRecord(raw) || !isRecord(raw.stores ?? {}))) {
    throw new ConfigError(
      ['stores: must be an object of store configs, e.g. { "stores": { "oppo": { ... } } }'],
      source ?? undefined,
    );
  }
  const fileStores = (raw as { stores?: Record<string, unknown> } | null)?.stores ?? {};
  for (const key of Object.keys(raw ?? {})) {
    // `$schema` lets editors validate the file.
    if (key !== 'stores' && key !== '$schema' && key !== 'defaultLocale')
      problems.push(`${key}: unknown top-level key (only "stores" and "defaultLocale" are read)`);
  }
  const defaultLocale = (raw as { defaultLocale?: unknown } | null)?.defaultLocale;
  if (
    defaultLocale !== undefined &&
    (typeof defaultLocale !== 'string' || !/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(defaultLocale))
  )
    problems.push('defaultLocale: must be a locale such as "zh-CN" or "en-US"');

  const stores: Partial<Record<StoreId, unknown>> = {};
  const planned: StoreId[] = [];
  for (const id of Object.keys(fileStores)) {
    if (!(STORE_IDS as readonly string[]).includes(id)) {
      problems.push(`stores.${id}: unknown store; the stores are ${STORE_IDS.join(', ')}`);
    }
  }

  // Only the adapters of stores the file names or an APPSTORES_<STORE>_* variable sets are loaded,
  // and of those only the ones the command uses.
  const used = (id: StoreId) => options.only === undefined || options.only.includes(id);
  const candidates = STORE_IDS.filter(
    (id) =>
      used(id) &&
      (fileStores[id] !== undefined ||
        Object.entries(options.env).some(
          ([name, value]) => name.startsWith(`APPSTORES_${id.toUpperCase()}_`) && value,
        )),
  );
  const adapters = typeof options.adapters === 'function' ? await options.adapters(candidates) : options.adapters;
  const loaded: Partial<Record<StoreId, StoreAdapter>> = {};

  for (const id of STORE_IDS) {
    const adapter = candidates.includes(id) ? adapters[id] : undefined;
    const fields = adapter ? adapter.fields : CATALOG[id].plannedFields;
    const fromFile = fileStores[id];
    if (fromFile !== undefined && !isRecord(fromFile)) {
      problems.push(`stores.${id}: must be an object`);
      continue;
    }
    if (!used(id)) continue;
    const merged: Record<string, unknown> = { ...(fromFile ?? {}) };
    let fromEnv = false;
    for (const field of fields) {
      const value = options.env[envName(id, field.name)];
      if (value !== undefined && value !== '') {
        merged[field.name] = value;
        fromEnv = true;
      }
    }
    if (fromFile === undefined && !fromEnv) continue;
    if (!adapter) {
      planned.push(id);
      continue;
    }
    loaded[id] = adapter;

    const resolved: Record<string, unknown> = {};
    const unresolved = new Set<string>();
    for (const [key, value] of Object.entries(merged)) {
      const before = problems.length;
      resolved[key] = resolveReference(value, `stores.${id}.${key}`, ctx);
      if (problems.length > before) unresolved.add(key);
      if (typeof resolved[key] === 'string' && fields.some((f) => f.name === key && f.path)) {
        resolved[key] = resolve(ctx.baseDir, resolved[key] as string);
      }
      // Register before validation, so no message about the field can show its value: a secret
      // written as a bare JSON number is still the secret ("must be text, got <it> (a number)").
      const given = resolved[key];
      if ((typeof given === 'string' || typeof given === 'number') && fields.some((f) => f.name === key && f.secret)) {
        redactor.add(String(given));
      }
    }
    const result = adapter.configSchema.safeParse(resolved);
    if (result.success) {
      stores[id] = result.data;
    } else {
      for (const issue of result.error.issues) {
        // A reference that did not resolve was reported already; "is required" would repeat it.
        if (unresolved.has(String(issue.path[0]))) continue;
        const path = ['stores', id, ...issue.path.map(String)].join('.');
        problems.push(`${path}: ${issue.message}`);
      }
    }
  }

  if (problems.length > 0) throw new ConfigError(problems, source ?? undefined);
  return { source, stores, planned, adapters: loaded, ...(typeof defaultLocale === 'string' ? { defaultLocale } : {}) };
}

async function readConfigFile(options: LoadOptions): Promise<{ raw: unknown; source: string | null }> {
  try {
    // --config x.json that is plain valid JSON: read here, without loading cosmiconfig and its
    // loaders (issue 12: start-up). Anything else, a syntax error included, goes to cosmiconfig,
    // so its result and its messages stay the same.
    if (options.configPath?.endsWith('.json')) {
      const path = resolve(options.cwd, options.configPath);
      const raw = plainJson(await readFile(path, 'utf8'));
      if (raw !== undefined) return { raw: raw ?? {}, source: path };
    }
    return await readWithCosmiconfig(options);
  } catch (error) {
    throw readProblem(error, options);
  }
}

/** The parsed file, or undefined where cosmiconfig would do more than JSON.parse (or fail). */
function plainJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    // cosmiconfig 9 merges the files a `$import` key names.
    return isRecord(value) && '$import' in value ? undefined : value;
  } catch {
    return undefined;
  }
}

async function readWithCosmiconfig(options: LoadOptions): Promise<{ raw: unknown; source: string | null }> {
  const { cosmiconfig } = await import('cosmiconfig');
  // design.md names appstores.config.{json,yaml,mjs,ts}; cosmiconfig 9's defaults leave out .json
  // and .yaml, so the places are listed here. .ts is left out: loading it needs typescript at run
  // time, which an installed CLI does not have. Search walks up to the project root (package.json).
  const explorer = cosmiconfig('appstores', {
    searchStrategy: 'project',
    searchPlaces: [
      'package.json',
      '.appstoresrc',
      '.appstoresrc.json',
      '.appstoresrc.yaml',
      '.appstoresrc.yml',
      'appstores.config.json',
      'appstores.config.yaml',
      'appstores.config.yml',
      'appstores.config.mjs',
      'appstores.config.js',
    ],
  });
  if (options.configPath) {
    const path = resolve(options.cwd, options.configPath);
    const result = await explorer.load(path);
    return { raw: result?.config ?? {}, source: path };
  }
  const result = await explorer.search(options.cwd);
  return { raw: result?.config ?? null, source: result?.filepath ?? null };
}

function readProblem(error: unknown, options: LoadOptions): InputError {
  const err = error as NodeJS.ErrnoException;
  const path = options.configPath ?? 'the config file';
  if (err.code === 'ENOENT') {
    return new InputError(`config file ${path} does not exist`, {
      code: 'CONFIG_NOT_FOUND',
      hint: 'run `appstores init` to write one, or pass the right path to --config',
    });
  }
  if (err.code === 'EISDIR' || err.code === 'EACCES') {
    return new InputError(`cannot read ${path} (${err.code})`, {
      code: 'CONFIG_UNREADABLE',
      hint: '--config takes a readable file',
    });
  }
  return new InputError(`cannot read the config: ${syntaxProblem(err.message ?? String(error))}`, {
    code: 'CONFIG_UNREADABLE',
    hint: 'fix the syntax of the config file',
  });
}

/**
 * cosmiconfig's parse errors carry a code frame and a snippet of the file, which may hold a literal
 * secret: keep only the file, the reason and the line.
 */
export function syntaxProblem(raw: string): string {
  // The code frame is coloured when the terminal allows it.
  const message = raw.replace(/\x1b\[[0-9;]*m/g, '');
  const file = /^(JSON|YAML|JS|TS)?\s*Error in ([^:\n]+):/.exec(message)?.[2] ?? 'the config file';
  const line = /^>\s*(\d+)\s*\|/m.exec(message)?.[1] ?? /\((\d+):\d+\)/.exec(message)?.[1];
  const reason =
    message
      .split('\n')
      .slice(1)
      .map((l) => l.trim())
      // Never a code-frame line ("> 5 | ..."), which shows the file's text.
      .find((l) => l !== '' && !/^[>\d-]/.test(l) && !l.includes('|'))
      ?.replace(/ (at position \d+ )?while parsing .*$/, '')
      .replace(/ at position \d+$/, '')
      .replace(/ \(\d+:\d+\)$/, '') ?? 'not valid';
  return `${file}${line ? ` line ${line}` : ''}: ${reason}`;
}
