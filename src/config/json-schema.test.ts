import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadAdapters } from '../stores/registry.js';
import { STORE_IDS } from '../stores/types.js';
import { configJsonSchema, configJsonSchemaText } from './json-schema.js';

const ADAPTERS = await loadAdapters();

const ROOT = resolve(import.meta.dirname, '..', '..');
const COMMITTED = join(ROOT, 'schema', 'appstores.config.schema.json');
const validate = new Ajv({ allErrors: true, strict: false, formats: { email: true } }).compile(
  configJsonSchema(ADAPTERS),
);
const errors = () => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

describe('the config JSON Schema', () => {
  it('is committed exactly as generated from the adapters (run `npm run gen` after changing a store)', () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(configJsonSchemaText(ADAPTERS));
  });

  it('accepts the example config and a sandbox config', () => {
    const example = JSON.parse(readFileSync(join(ROOT, 'appstores.config.example.json'), 'utf8'));
    expect(validate(example), errors().join('\n')).toBe(true);
    const sandbox = {
      stores: {
        oppo: { clientId: '1234567890123456789', clientSecret: 'secret', baseUrl: 'http://127.0.0.1:4000/oppo' },
        vivo: { accessKey: 'k', accessSecret: 's', sandbox: true },
      },
    };
    expect(validate(sandbox), errors().join('\n')).toBe(true);
  });

  it('takes every documented form of a secret: literal, ${NAME}, { env }, { file }', () => {
    for (const value of ['literal-secret', '${OPPO_SECRET}', { env: 'OPPO_SECRET' }, { file: './oppo.secret' }]) {
      expect(validate({ stores: { oppo: { clientId: '1', clientSecret: value } } }), JSON.stringify(value)).toBe(true);
    }
    // ${NAME} also where the field itself has a format (an email) or is not text (a flag).
    expect(
      validate({ stores: { xiaomi: { account: '${XIAOMI_ACCOUNT}' }, vivo: { sandbox: '${VIVO_SANDBOX}' } } }),
    ).toBe(true);
    expect(validate({ stores: { oppo: { clientSecret: { env: 'A', file: 'b' } } } })).toBe(false);
    expect(validate({ stores: { oppo: { clientSecret: { env: '' } } } })).toBe(false);
  });

  it('rejects what the loader rejects: unknown stores, unknown keys, wrong types', () => {
    expect(validate({ stores: { googleplay: {} } })).toBe(false);
    expect(validate({ store: {} })).toBe(false);
    expect(validate({ stores: { oppo: { clientSecrett: 'x' } } })).toBe(false);
    expect(validate({ stores: { oppo: { clientId: 1234567890123456789 } } })).toBe(false);
    expect(validate({ stores: { xiaomi: { account: 'not an email' } } })).toBe(false);
    expect(validate({ stores: { vivo: { sandbox: 'yes' } } })).toBe(false);
  });

  it('leaves required fields to the environment overlay, so a partial store is not an editor error', () => {
    expect(validate({ stores: { oppo: { clientId: '1' } } })).toBe(true);
  });

  it('describes every field with the text `appstores stores` shows, and names its variable', () => {
    const stores = (configJsonSchema(ADAPTERS).properties as any).stores.properties;
    expect(Object.keys(stores)).toEqual([...STORE_IDS]);
    for (const [id, adapter] of Object.entries(ADAPTERS)) {
      const properties = stores[id].properties;
      expect(Object.keys(properties).sort()).toEqual(adapter!.fields.map((f) => f.name).sort());
      for (const field of adapter!.fields) {
        expect(properties[field.name].description).toContain(field.description);
        expect(properties[field.name].description).toMatch(/APPSTORES_[A-Z_]+/);
      }
    }
  });
});

describe('the schema of a store whose config is a union', () => {
  it('takes the fields of every variant, each with its text', async () => {
    const { z } = await import('zod');
    const huaweiLike = {
      ...ADAPTERS.oppo!,
      id: 'huawei' as const,
      configSchema: z.union([
        z.object({ clientId: z.string(), clientSecret: z.string() }).strict(),
        z.object({ serviceAccount: z.string() }).strict(),
      ]),
      fields: [
        { name: 'clientId', description: 'the client id', required: false, secret: false },
        { name: 'clientSecret', description: 'the key', required: false, secret: true },
        { name: 'serviceAccount', description: 'the AGC key file', required: false, secret: true, path: true },
      ],
    };
    const check = new Ajv({ strict: false }).compile(configJsonSchema({ huawei: huaweiLike }));
    const huawei = (configJsonSchema({ huawei: huaweiLike }).properties as any).stores.properties.huawei;
    expect(Object.keys(huawei.properties)).toEqual(['clientId', 'clientSecret', 'serviceAccount']);
    expect(huawei.properties.serviceAccount.description).toContain('the AGC key file');
    expect(check({ stores: { huawei: { serviceAccount: { file: './agc.json' } } } })).toBe(true);
    expect(check({ stores: { huawei: { clientSecret: 1 } } })).toBe(false);
    expect(check({ stores: { huawei: { region: 'cn' } } })).toBe(false);
  });
});
