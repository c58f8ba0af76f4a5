import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../stores/catalog.js';
import { loadAdapters } from '../stores/registry.js';
import { STORE_IDS } from '../stores/types.js';
import { envTableMarkdown, withEnvTable } from './env-table.js';
import { envName } from './secrets.js';

const ADAPTERS = await loadAdapters();

const README = readFileSync(join(resolve(import.meta.dirname, '..', '..'), 'README.md'), 'utf8');

describe('the README table of APPSTORES_* variables', () => {
  it('is the generated one (run `npm run gen` after changing a store)', () => {
    expect(README).toBe(withEnvTable(README, envTableMarkdown(ADAPTERS)));
  });

  it('names the variable of every field of every store', () => {
    const table = envTableMarkdown(ADAPTERS);
    for (const id of STORE_IDS) {
      for (const field of ADAPTERS[id]?.fields ?? CATALOG[id].plannedFields)
        expect(table).toContain(`\`${envName(id, field.name)}\``);
    }
    expect(table).toContain('`APPSTORES_OPPO_CLIENT_SECRET` | `clientSecret` | required, secret |');
  });

  it('refuses a README without the markers rather than appending', () => {
    expect(() => withEnvTable('# no markers\n', 'x')).toThrow(/markers/);
  });
});
