import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile, access } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { InputError } from '../core/errors.js';
import { packageFile } from '../core/package-files.js';
import type { CommandContext } from './context.js';

const EXAMPLE = packageFile('appstores.config.example.json');
const SCHEMA = packageFile('schema', 'appstores.config.schema.json');

/**
 * Where the written config's `$schema` points, so editors check it: this installation's schema file
 * when it sits in the project (node_modules beside the config, portable for a team), else the
 * published file of this very version, which matches this CLI's fields.
 */
export function schemaReference(configDir: string, schemaFile = SCHEMA, version = packageVersion()): string {
  const path = relative(configDir, schemaFile);
  if (existsSync(schemaFile) && path.split(sep).includes('node_modules') && !path.startsWith('..')) {
    return `./${path.split(sep).join('/')}`;
  }
  return `https://unpkg.com/appstores@${version}/schema/appstores.config.schema.json`;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export async function initCommand(ctx: CommandContext, flags: { force?: boolean; output: string }): Promise<number> {
  const target = resolve(ctx.cwd, flags.output);
  const exists = await access(target).then(
    () => true,
    () => false,
  );
  if (exists && !flags.force) {
    throw new InputError(`${target} already exists`, { code: 'CONFIG_EXISTS', hint: 'pass --force to overwrite it' });
  }
  const schema = schemaReference(dirname(target));
  // Only the "$schema" value changes: the example's layout and comments-by-example stay as written.
  const text = (await readFile(EXAMPLE, 'utf8')).replace(
    /("\$schema":\s*)"[^"]*"/,
    (_, key: string) => `${key}${JSON.stringify(schema)}`,
  );
  await writeFile(target, text).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`cannot write ${target} (${error.code ?? error.message})`, {
      code: 'CANNOT_WRITE',
      hint: 'check that the directory exists and is writable, or choose another path with -o',
    });
  });
  ctx.out(
    `wrote ${target}\n` +
      `schema: ${schema} (editors check the file against it; \`appstores schema\` prints it)\n` +
      'next: fill in the credentials (`appstores stores` says where each store keeps them), then run `appstores doctor`\n',
  );
  return 0;
}
