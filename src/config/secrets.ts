/**
 * Resolves secret references in a store's config before validation:
 *   "literal"             as it is
 *   "${NAME}"             from the environment (anywhere in a string)
 *   { "env": "NAME" }     from the environment
 *   { "file": "path" }    the file's text, relative to the config file (trailing newlines dropped)
 * Problems are collected with their dotted paths, never thrown one at a time.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

export interface ResolveContext {
  env: NodeJS.ProcessEnv;
  /** Directory that `{ "file": ... }` paths are relative to. */
  baseDir: string;
  problems: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function resolveReference(value: unknown, path: string, ctx: ResolveContext): unknown {
  if (typeof value === 'string') return interpolate(value, path, ctx);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'env') {
    const name = value.env;
    if (typeof name !== 'string' || name === '') {
      ctx.problems.push(`${path}.env: must be the name of an environment variable`);
      return undefined;
    }
    return fromEnv(name, path, ctx);
  }
  if (keys.length === 1 && keys[0] === 'file') {
    const file = value.file;
    if (typeof file !== 'string' || file === '') {
      ctx.problems.push(`${path}.file: must be a file path`);
      return undefined;
    }
    const full = isAbsolute(file) ? file : resolve(ctx.baseDir, file);
    try {
      return readFileSync(full, 'utf8').replace(/[\r\n]+$/, '');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
      ctx.problems.push(`${path}: file ${full} ${reason}`);
      return undefined;
    }
  }
  return value;
}

function interpolate(text: string, path: string, ctx: ResolveContext): string | undefined {
  let missing = false;
  const out = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = fromEnv(name, path, ctx);
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : out;
}

function fromEnv(name: string, path: string, ctx: ResolveContext): string | undefined {
  const value = ctx.env[name];
  if (value === undefined || value === '') {
    ctx.problems.push(`${path}: environment variable ${name} is not set`);
    return undefined;
  }
  return value;
}

/** `clientSecret` -> `CLIENT_SECRET`, for the APPSTORES_<STORE>_<FIELD> overlay. */
export function envName(store: string, field: string): string {
  return `APPSTORES_${store.toUpperCase()}_${field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}
