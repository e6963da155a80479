/** Reads the live schema from information_schema and pg_catalog. */
import { QueryTypes, type Sequelize } from 'sequelize';

export interface ColumnInfo {
  table: string;
  column: string;
  dataType: string; // information_schema data_type, e.g. 'uuid', 'ARRAY', 'USER-DEFINED'
  udtName: string; // e.g. 'uuid', '_text', 'enum_deals_status'
  nullable: boolean;
  default: string | null;
  generated: boolean;
}

export async function columns(sequelize: Sequelize): Promise<ColumnInfo[]> {
  const rows = await sequelize.query<Record<string, string>>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, is_generated
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({
    table: r.table_name!, column: r.column_name!, dataType: r.data_type!, udtName: r.udt_name!,
    nullable: r.is_nullable === 'YES', default: r.column_default ?? null, generated: r.is_generated === 'ALWAYS',
  }));
}

export interface IndexInfo {
  table: string;
  name: string;
  unique: boolean;
  columns: (string | null)[]; // key columns in order; null for an expression
  predicate: string | null;
}

export async function indexes(sequelize: Sequelize): Promise<IndexInfo[]> {
  const rows = await sequelize.query<{ table: string; name: string; unique: boolean; columns: (string | null)[]; predicate: string | null }>(
    `SELECT t.relname AS "table", i.relname AS name, x.indisunique AS "unique",
            ARRAY(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                   WHERE k.ord <= x.indnkeyatts ORDER BY k.ord) AS columns,
            pg_get_expr(x.indpred, x.indrelid) AS predicate
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public'`,
    { type: QueryTypes.SELECT },
  );
  return rows;
}

/** enum type name -> labels in order. */
export async function enumLabels(sequelize: Sequelize): Promise<Map<string, string[]>> {
  const rows = await sequelize.query<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    { type: QueryTypes.SELECT },
  );
  return new Map(rows.map((r) => [r.name, r.labels]));
}

/** table -> the text of its CHECK constraints. */
export async function checkConstraints(sequelize: Sequelize): Promise<Map<string, string[]>> {
  const rows = await sequelize.query<{ table: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS "table", pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c WHERE c.contype = 'c' AND c.connamespace = 'public'::regnamespace`,
    { type: QueryTypes.SELECT },
  );
  const byTable = new Map<string, string[]>();
  for (const r of rows) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r.def]);
  return byTable;
}

export async function tables(sequelize: Sequelize): Promise<string[]> {
  const rows = await sequelize.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => r.name);
}
