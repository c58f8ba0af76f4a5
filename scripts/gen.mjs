#!/usr/bin/env node
/**
 * Regenerates what depends on the list of stores, from the built adapters (run `npm run gen`,
 * which builds first): schema/appstores.config.schema.json and the APPSTORES_* table in README.md.
 * `--check` writes nothing and exits 1 when a committed file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configJsonSchemaText } from '../dist/config/json-schema.js';
import { envTableMarkdown, withEnvTable } from '../dist/config/env-table.js';
import { loadAdapters } from '../dist/stores/registry.js';

const ADAPTERS = await loadAdapters();

const root = resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const outputs = [
  [join(root, 'schema', 'appstores.config.schema.json'), () => configJsonSchemaText(ADAPTERS)],
  [join(root, 'README.md'), (current) => withEnvTable(current, envTableMarkdown(ADAPTERS))],
];

let stale = 0;
for (const [path, generate] of outputs) {
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {}
  const next = generate(current);
  if (next === current) continue;
  stale++;
  if (check) console.error(`out of date: ${path} (run \`npm run gen\`)`);
  else {
    writeFileSync(path, next);
    console.error(`wrote ${path}`);
  }
}
if (check && stale > 0) process.exit(1);
if (!check && stale === 0) console.error('up to date');
