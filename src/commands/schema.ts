/** `appstores schema`: the config's JSON Schema, generated from the adapters (src/config/json-schema.ts). */
import { configJsonSchemaText } from '../config/json-schema.js';
import { loadAdapters } from '../stores/registry.js';
import type { CommandContext } from './context.js';

export async function schemaCommand(ctx: CommandContext): Promise<number> {
  ctx.out(configJsonSchemaText(await loadAdapters()));
  return 0;
}
