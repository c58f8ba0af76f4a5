import chalk from 'chalk';
import { envName } from '../config/secrets.js';
import { capabilityTable } from '../output/capabilities.js';
import { CATALOG } from '../stores/catalog.js';
import { loadAdapters } from '../stores/registry.js';
import { STORE_IDS } from '../stores/types.js';
import type { CommandContext } from './context.js';

export async function storesCommand(ctx: CommandContext, flags: { json?: boolean }): Promise<number> {
  const adapters = await loadAdapters();
  const stores = STORE_IDS.map((id) => {
    const adapter = adapters[id];
    const entry = CATALOG[id];
    return {
      id,
      title: entry.title,
      supported: Boolean(adapter),
      capabilities: adapter?.capabilities ?? null,
      fields: (adapter?.fields ?? entry.plannedFields).map((f) => ({ ...f, env: envName(id, f.name) })),
      console: entry.console,
      steps: entry.steps,
    };
  });
  if (flags.json) {
    ctx.out(`${JSON.stringify(stores, null, 2)}\n`);
    return 0;
  }
  const blocks = stores.map((s) => {
    const head = `${chalk.bold(s.id)}  ${s.title}${s.supported ? '' : chalk.yellow('  (not supported yet)')}`;
    const caps = s.capabilities
      ? `  can: ${[
          s.capabilities.artifact.toUpperCase() + (s.capabilities.aab ? ' or AAB' : ''),
          s.capabilities.splitApk && '32/64-bit split',
          s.capabilities.schedule && 'scheduled release',
          s.capabilities.phasedRelease && 'phased release',
          s.capabilities.manualRelease && 'manual release',
          `review status ${s.capabilities.reviewStatus === 'api' ? 'from the API' : 'inferred'}`,
        ]
          .filter(Boolean)
          .join(', ')}`
      : null;
    const fields = s.fields.map(
      (f) =>
        `    ${f.name}${f.required ? '' : ' (optional)'}${f.secret ? ' [secret]' : ''}: ${f.description}  ${chalk.dim(f.env)}`,
    );
    const steps = s.steps.map((step, i) => `    ${i + 1}. ${step}`);
    return [head, caps, '  config:', ...fields, `  credentials: ${s.console}`, ...steps].filter(Boolean).join('\n');
  });
  const table = capabilityTable(
    stores.flatMap((s) => (s.capabilities ? [{ id: s.id, capabilities: s.capabilities }] : [])),
  );
  ctx.out(`${table}\n\n${blocks.join('\n\n')}\n`);
  return 0;
}
