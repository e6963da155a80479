/**
 * Models mirror the migrated database: every table has a model, every model attribute is a
 * column of the same name with a compatible type and the same nullability, enum attributes
 * list exactly the database's labels, and no column lacks an attribute.
 */
import { DataTypes, type ModelAttributeColumnOptions, type ModelStatic, type Model } from 'sequelize';
import { sequelize } from '../src/db.js';
import { allModels } from '../src/models/index.js';
import * as catalog from './helpers/catalog.js';

const PRODUCT_TABLES = new Set(['schema_migrations']);

// Sequelize type key -> the udt_name PostgreSQL reports for it.
const UDT: Record<string, string> = {
  UUID: 'uuid', TEXT: 'text', STRING: 'varchar', CHAR: 'bpchar', CITEXT: 'citext',
  INTEGER: 'int4', BIGINT: 'int8', SMALLINT: 'int2', DECIMAL: 'numeric',
  'DOUBLE PRECISION': 'float8', FLOAT: 'float8', REAL: 'float4', BOOLEAN: 'bool',
  DATE: 'timestamptz', DATEONLY: 'date', TIME: 'time', JSONB: 'jsonb', JSON: 'json', INET: 'inet', BLOB: 'bytea',
};

type SqlType = { key: string; type?: SqlType; values?: string[] };

function expectedUdt(type: SqlType): string | null {
  if (type.key === 'ARRAY') return `_${UDT[type.type!.key] ?? type.type!.key.toLowerCase()}`;
  if (type.key === 'ENUM') return null; // compared by labels below
  return UDT[type.key] ?? `unknown:${type.key}`;
}

let cols: catalog.ColumnInfo[];
let labels: Map<string, string[]>;

beforeAll(async () => {
  [cols, labels] = await Promise.all([catalog.columns(sequelize), catalog.enumLabels(sequelize)]);
});
afterAll(() => sequelize.close());

test('every table has a model and every model a table', () => {
  const tables = new Set(cols.map((c) => c.table).filter((t) => !PRODUCT_TABLES.has(t)));
  const modelTables = new Set(allModels.map((m) => m.getTableName() as string));
  expect([...tables].filter((t) => !modelTables.has(t))).toEqual([]);
  expect([...modelTables].filter((t) => !tables.has(t))).toEqual([]);
  expect(allModels.length).toBe(tables.size);
});

describe.each(allModels.map((m) => [m.getTableName() as string, m] as const))('%s', (table, model: ModelStatic<Model>) => {
  const attributes = Object.entries(model.getAttributes() as Record<string, ModelAttributeColumnOptions & { field?: string }>)
    .filter(([, a]) => !(a.type instanceof DataTypes.VIRTUAL));

  test('attributes and columns are the same set, named alike', () => {
    const live = cols.filter((c) => c.table === table).map((c) => c.column).sort();
    expect(attributes.map(([name]) => name).sort()).toEqual(live);
    expect(attributes.filter(([name, a]) => (a.field ?? name) !== name).map(([n]) => n)).toEqual([]);
  });

  test('types and nullability match', () => {
    const problems: string[] = [];
    for (const [name, attr] of attributes) {
      const col = cols.find((c) => c.table === table && c.column === name);
      if (!col) continue;
      const type = attr.type as unknown as SqlType;
      if (type.key === 'ENUM') {
        const dbLabels = col.dataType === 'USER-DEFINED' ? labels.get(col.udtName) : undefined;
        if (JSON.stringify(dbLabels) !== JSON.stringify(type.values)) {
          problems.push(`${name}: enum ${JSON.stringify(type.values)} vs ${col.udtName} ${JSON.stringify(dbLabels)}`);
        }
      } else if (expectedUdt(type) !== col.udtName) {
        problems.push(`${name}: model ${type.key} vs column ${col.udtName}`);
      }
      const modelNullable = attr.primaryKey ? false : attr.allowNull !== false;
      if (modelNullable !== col.nullable) problems.push(`${name}: model allowNull=${modelNullable}, column nullable=${col.nullable}`);
      // A NOT NULL column with a database default must have the default mirrored, or creates fail validation.
      if (!col.nullable && col.default !== null && attr.defaultValue === undefined && !attr.primaryKey && !col.generated) {
        problems.push(`${name}: column has DEFAULT ${col.default} but the model has no defaultValue`);
      }
    }
    expect(problems).toEqual([]);
  });
});
