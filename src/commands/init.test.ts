import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaReference } from './init.js';

describe('the $schema that init writes', () => {
  it('points into node_modules when the package is installed in the project', () => {
    const project = mkdtempSync(join(tmpdir(), 'appstores-init-'));
    const schema = join(project, 'node_modules', 'appstores', 'schema', 'appstores.config.schema.json');
    mkdirSync(join(project, 'node_modules', 'appstores', 'schema'), { recursive: true });
    writeFileSync(schema, '{}');
    expect(schemaReference(project, schema, '1.2.3')).toBe(
      './node_modules/appstores/schema/appstores.config.schema.json',
    );
    expect(schemaReference(join(project, 'app'), schema, '1.2.3')).toMatch(/^https:/);
  });

  it('is the published file of this version when the CLI is installed elsewhere (global, npx)', () => {
    const project = mkdtempSync(join(tmpdir(), 'appstores-init-'));
    const elsewhere = join(
      tmpdir(),
      'global',
      'lib',
      'node_modules',
      'appstores',
      'schema',
      'appstores.config.schema.json',
    );
    expect(schemaReference(project, elsewhere, '1.2.3')).toBe(
      'https://unpkg.com/appstores@1.2.3/schema/appstores.config.schema.json',
    );
  });
});
