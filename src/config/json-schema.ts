/**
 * The config's JSON Schema, for editors: generated from each adapter's zod schema (its input side,
 * what a user writes) and field list, so it cannot drift from what the loader accepts. Committed as
 * schema/appstores.config.schema.json by `npm run gen`; a test fails when the two differ.
 *
 * It must never reject a config the CLI accepts, so:
 * - every field also takes the reference forms the loader resolves first (src/config/secrets.ts):
 *   "${NAME}", { "env": "NAME" }, { "file": "path" };
 * - no field is `required`: a missing one may come from APPSTORES_<STORE>_<FIELD> in CI (the
 *   description says which fields are required and their variable's name).
 * draft-07, the dialect every editor's JSON support knows.
 */
import { z } from 'zod';
import { CATALOG } from '../stores/catalog.js';
import { STORE_IDS, type ConfigField, type StoreAdapter, type StoreId } from '../stores/types.js';
import { envName } from './secrets.js';

type JsonSchema = Record<string, unknown>;

const REFERENCES: JsonSchema = {
  interpolated: {
    type: 'string',
    pattern: '\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}',
    description: 'Text with ${NAME}: replaced by the environment variable NAME when the config is read.',
  },
  envReference: {
    type: 'object',
    properties: {
      env: { type: 'string', minLength: 1, description: 'The name of an environment variable holding the value.' },
    },
    required: ['env'],
    additionalProperties: false,
  },
  fileReference: {
    type: 'object',
    properties: {
      file: {
        type: 'string',
        minLength: 1,
        description: "A file holding the value, relative to this config file's directory.",
      },
    },
    required: ['file'],
    additionalProperties: false,
  },
};

const referenceForms = ['interpolated', 'envReference', 'fileReference'].map((name) => ({
  $ref: `#/definitions/${name}`,
}));

/** The field's text from `appstores stores`, then whether it is needed and its environment variable. */
export function fieldDescription(store: StoreId, field: ConfigField): string {
  const traits = [field.required ? 'required' : 'optional', field.secret ? 'secret' : null].filter(Boolean).join(', ');
  return `${field.description} (${traits}; or set ${envName(store, field.name)})`;
}

function storeSchema(id: StoreId, adapter: StoreAdapter | undefined): JsonSchema {
  const title = CATALOG[id].title;
  if (!adapter) {
    // No adapter yet: the loader only notes the store as planned, so any value of its fields is taken.
    const properties = Object.fromEntries(
      CATALOG[id].plannedFields.map((f) => [f.name, { description: fieldDescription(id, f) }]),
    );
    return { type: 'object', description: `${title}: not supported yet (appstores stores)`, properties };
  }
  const generated = z.toJSONSchema(adapter.configSchema, {
    io: 'input',
    target: 'draft-7',
    unrepresentable: 'any',
  }) as JsonSchema;
  // A store whose config is a union (say a key file or a client id and secret): each variant's fields.
  const variants = ((generated.anyOf ?? generated.oneOf ?? [generated]) as JsonSchema[]).filter((v) => v.properties);
  const own: Record<string, JsonSchema[]> = {};
  for (const variant of variants) {
    for (const [name, schema] of Object.entries(variant.properties as Record<string, JsonSchema>)) {
      own[name] = [...(own[name] ?? []), schema];
    }
  }
  // A field the adapter lists but the schema does not show (a preprocessed value) still gets its text.
  for (const field of adapter.fields) own[field.name] ??= [];
  const properties: Record<string, JsonSchema> = {};
  for (const [name, schemas] of Object.entries(own)) {
    const field = adapter.fields.find((f) => f.name === name);
    const unique = [...new Map(schemas.map((schema) => [JSON.stringify(schema), schema])).values()];
    properties[name] = {
      ...(field ? { description: fieldDescription(id, field) } : {}),
      ...(unique.length > 0 ? { anyOf: [...unique, ...referenceForms] } : {}),
    };
  }
  const closed = variants.length > 0 && variants.every((v) => v.additionalProperties === false);
  return { type: 'object', description: title, properties, ...(closed ? { additionalProperties: false } : {}) };
}

export function configJsonSchema(adapters: Partial<Record<StoreId, StoreAdapter>>): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'appstores config',
    description:
      'appstores.config.json: one entry per store under "stores". `appstores stores` says where each value comes from.',
    type: 'object',
    properties: {
      $schema: { type: 'string', description: 'This schema, so that editors check the file.' },
      defaultLocale: {
        type: 'string',
        description: 'The release-notes locale (publish --notes-dir) single-language stores get; zh-CN unless set.',
      },
      stores: {
        type: 'object',
        properties: Object.fromEntries(STORE_IDS.map((id) => [id, storeSchema(id, adapters[id])])),
        additionalProperties: false,
      },
    },
    additionalProperties: false,
    definitions: REFERENCES,
  };
}

/** The committed file's exact text. */
export function configJsonSchemaText(adapters: Partial<Record<StoreId, StoreAdapter>>): string {
  return `${JSON.stringify(configJsonSchema(adapters), null, 2)}\n`;
}
