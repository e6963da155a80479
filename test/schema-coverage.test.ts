/**
 * Nothing of the five seeds is dropped: on a database migrated from empty, every seed column,
 * seed index / UNIQUE and enum value of the design maps is present; every table has exactly the
 * design's columns; and migrate:down followed by migrate works.
 */
import { QueryTypes } from 'sequelize';
import { createMigrator } from '../src/migrator.js';
import * as catalog from './helpers/catalog.js';
import { createEmptyDatabase } from './helpers/database.js';
import { enumValues, seedColumns, seedIndexes, targetColumns } from './helpers/design-maps.js';

// Tables the product adds beyond SCHEMA.md (bookkeeping, not business data).
const PRODUCT_TABLES = new Set(['schema_migrations', 'data_imports', 'domain_events']);

// SCHEMA "Decisions": example-only value lists are TEXT whose values the panel offers as choices.
const OPEN_LISTS = new Set([
  'email_campaigns.ab_test_variant',
  'external_job_postings.source',
  'external_job_postings.job_type',
  'audit_logs.action_type',
  'candidate_profiles.job_type_preference',
  'candidate_profiles.shift_preference',
  'candidate_profiles.sector_preference',
  'candidate_profiles.reservation_category',
  'candidate_profiles.preferred_contact_mode',
]);
// SCHEMA "Decisions": S3 tasks' `open` is stored as `pending`.
const MAPPED_VALUES = new Map([['tasks.status:open', 'pending']]);

let db: Awaited<ReturnType<typeof createEmptyDatabase>>;
let cols: catalog.ColumnInfo[];
let idx: catalog.IndexInfo[];
let labels: Map<string, string[]>;
let checks: Map<string, string[]>;

beforeAll(async () => {
  db = await createEmptyDatabase('coverage');
  await createMigrator(db.sequelize).up();
  [cols, idx, labels, checks] = await Promise.all([
    catalog.columns(db.sequelize),
    catalog.indexes(db.sequelize),
    catalog.enumLabels(db.sequelize),
    catalog.checkConstraints(db.sequelize),
  ]);
});

afterAll(async () => {
  await db?.dispose();
});

const has = (table: string, column: string) => cols.some((c) => c.table === table && c.column === column);

test('every seed column lives in its target table and column', () => {
  const missing = seedColumns()
    .flatMap((r) => r.columns.map((c) => ({ ...r, column: c })))
    .filter((r) => !has(r.table, r.column))
    .map((r) => `${r.seed}.${r.seedTable}.${r.seedColumn} -> ${r.table}.${r.column}`);
  expect(missing).toEqual([]);
  expect(seedColumns().length).toBeGreaterThanOrEqual(1177);
});

test('the tables are exactly the design tables, each with exactly its columns', () => {
  const design = targetColumns();
  const live = new Map<string, string[]>();
  for (const c of cols) live.set(c.table, [...(live.get(c.table) ?? []), c.column]);
  const liveBusiness = [...live.keys()].filter((t) => !PRODUCT_TABLES.has(t)).sort();
  expect(liveBusiness).toEqual([...design.keys()].sort());
  expect(design.size).toBe(59);
  for (const [table, expected] of design) {
    expect({ table, columns: [...(live.get(table) ?? [])].sort() }).toEqual({ table, columns: [...expected].sort() });
  }
});

test('every seed index and UNIQUE is covered by an index with those leading columns', () => {
  const covered = (r: ReturnType<typeof seedIndexes>[number]) =>
    idx.some((i) => {
      if (i.table !== r.table) return false;
      const lead = i.columns[0] === 'workspace_id' && r.columns[0] !== 'workspace_id' ? i.columns.slice(1) : i.columns;
      if (!r.columns.every((c, n) => lead[n] === c)) return false;
      if (/UNIQUE|PRIMARY KEY/.test(r.kind)) {
        // A unique rule is enforced only by an index on exactly those columns (per workspace allowed).
        return i.unique && lead.length === r.columns.length && !i.predicate;
      }
      const partial = /WHERE status = '(\w+)'\s*$/.exec(r.note.split(';')[0]!.replace(/.*-> WHERE/, 'WHERE'));
      return partial ? (i.predicate ?? '').includes(`'${partial[1]}'`) : true;
    });
  const rows = seedIndexes();
  expect(rows.length).toBe(223);
  expect(rows.filter((r) => !covered(r)).map((r) => `${r.seed} ${r.seedTable} ${r.kind} (${r.columns}) on ${r.table}`)).toEqual([]);
});

test('every foreign key column is indexed', async () => {
  const fks = await db.sequelize.query<{ table: string; column: string }>(
    `SELECT c.conrelid::regclass::text AS "table", a.attname::text AS "column"
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
    { type: QueryTypes.SELECT },
  );
  const unindexed = fks.filter(
    // ON DELETE checks and joins look rows up by the FK column alone: it must lead an index.
    (fk) => !idx.some((i) => i.table === fk.table && i.columns[0] === fk.column),
  );
  expect(unindexed.map((f) => `${f.table}.${f.column}`)).toEqual([]);
});

test('every enum holds the union of its seed values', async () => {
  const roleRows = await db.sequelize.query<{ name: string }>('SELECT name FROM roles', { type: QueryTypes.SELECT });
  const problems: string[] = [];
  for (const e of enumValues()) {
    const key = `${e.table}.${e.column}`;
    const col = cols.find((c) => c.table === e.table && c.column === e.column);
    if (e.table === 'roles' && e.column === 'name') {
      if (!roleRows.some((r) => r.name === e.value)) problems.push(`role row ${e.value}`);
      continue;
    }
    if (!col) {
      problems.push(`${key} missing`);
      continue;
    }
    if (OPEN_LISTS.has(key)) {
      if (col.dataType === 'USER-DEFINED') problems.push(`${key} is an open list and should be TEXT`);
      continue;
    }
    const value = MAPPED_VALUES.get(`${key}:${e.value}`) ?? e.value;
    const inEnum = col.dataType === 'USER-DEFINED' && (labels.get(col.udtName) ?? []).includes(value);
    const inCheck = (checks.get(e.table) ?? []).some((def) => def.includes(e.column) && def.includes(`'${value}'`));
    if (!inEnum && !inCheck) problems.push(`${key} lacks '${value}'`);
  }
  expect(problems).toEqual([]);
});

test('updated_at is kept by a trigger on every table that has it', async () => {
  const triggers = await db.sequelize.query<{ table: string }>(
    `SELECT event_object_table AS "table" FROM information_schema.triggers
      WHERE trigger_schema = 'public' AND action_statement LIKE '%set_updated_at()%' AND event_manipulation = 'UPDATE'`,
    { type: QueryTypes.SELECT },
  );
  const withTrigger = new Set(triggers.map((t) => t.table));
  const without = [...new Set(cols.filter((c) => c.column === 'updated_at').map((c) => c.table))].filter((t) => !withTrigger.has(t));
  expect(without).toEqual([]);
});

test('migrate:down removes everything and migrate re-applies cleanly', async () => {
  const migrator = createMigrator(db.sequelize);
  const applied = (await migrator.executed()).length;
  expect(applied).toBeGreaterThan(1);
  await migrator.down({ to: 0 });
  expect((await catalog.tables(db.sequelize)).filter((t) => !PRODUCT_TABLES.has(t))).toEqual([]);
  expect((await catalog.enumLabels(db.sequelize)).size).toBe(0);
  await migrator.up();
  expect((await migrator.executed()).length).toBe(applied);
  expect((await catalog.columns(db.sequelize)).length).toBe(cols.length);
});
