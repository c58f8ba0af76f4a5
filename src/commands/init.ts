import { copyFile, access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors.js';
import type { CommandContext } from './context.js';

const EXAMPLE = fileURLToPath(new URL('../../appstores.config.example.json', import.meta.url));

export async function initCommand(ctx: CommandContext, flags: { force?: boolean; output: string }): Promise<number> {
  const target = resolve(ctx.cwd, flags.output);
  const exists = await access(target).then(
    () => true,
    () => false,
  );
  if (exists && !flags.force) {
    throw new InputError(`${target} already exists`, { code: 'CONFIG_EXISTS', hint: 'pass --force to overwrite it' });
  }
  await copyFile(EXAMPLE, target).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`cannot write ${target} (${error.code ?? error.message})`, {
      code: 'CANNOT_WRITE',
      hint: 'check that the directory exists and is writable, or choose another path with -o',
    });
  });
  ctx.out(`wrote ${target}\nnext: fill in the credentials (\`appstores stores\` says where each store keeps them), then run \`appstores doctor\`\n`);
  return 0;
}
