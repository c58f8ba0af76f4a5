/** `appstores sandbox`: the emulated stores on loopback, until Ctrl-C. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createEmulators } from '../sandbox/emulators.js';
import { startSandbox } from '../sandbox/server.js';
import { InputError, UsageError } from '../core/errors.js';
import type { CommandContext } from './context.js';

export async function sandboxCommand(
  ctx: CommandContext,
  flags: { port?: string; writeConfig?: string; log?: boolean },
): Promise<number> {
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port ${flags.port} is not a port number`);
  const sandbox = await startSandbox(createEmulators(), {
    port,
    onRequest: flags.log
      ? (e) =>
          ctx.err(
            `${e.store} ${e.method} ${e.path}${e.query ? `?${e.query}` : ''} -> ${e.status ?? 'dropped'}${e.fault ? ` (fault: ${e.fault})` : ''}\n`,
          )
      : undefined,
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
      throw new UsageError(`cannot listen on 127.0.0.1:${port} (${error.code})`, 'leave out --port to use a free port');
    }
    throw error;
  });
  const config = JSON.stringify(sandbox.config(), null, 2);
  if (flags.writeConfig) {
    const target = resolve(ctx.cwd, flags.writeConfig);
    try {
      await writeFile(target, `${config}\n`);
    } catch (error) {
      await sandbox.close();
      throw new InputError(`cannot write ${target} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
        code: 'CANNOT_WRITE',
        hint: 'check that the directory exists and is writable',
      });
    }
    ctx.err(`wrote ${flags.writeConfig}\n`);
  }
  ctx.out(`${config}\n`);
  ctx.err(`sandbox listening on ${sandbox.url} (Ctrl-C to stop); these credentials work only here\n`);
  await new Promise<void>((done) => ctx.signal.addEventListener('abort', () => done(), { once: true }));
  await sandbox.close();
  return 0;
}
