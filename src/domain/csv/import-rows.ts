/**
 * Runs one CSV import (a data_imports row) to the end: streams the stored file, validates each
 * row like form input, and writes the good rows in batches, each batch one transaction:
 *
 *   lock the import row (checkpoint check) -> check references (one query per referenced table)
 *   -> find the rows' existing records (one query) -> ONE set-based statement that updates the
 *   matched rows and inserts the others (jsonb_populate_record over the batch as one JSON
 *   parameter, so the database converts every value to its column type) -> progress, counts and
 *   errors on data_imports.
 *
 * Resumable: processed_rows is the checkpoint and commits with the batch it counts, so a killed
 * worker's retry skips exactly the rows already written; upserts by key make a replay harmless
 * anyway. Good rows land even when others fail: invalid rows are skipped and reported with their
 * line and field; a row the database still refuses (a rule no validation mirrors) is isolated by
 * halving the statement under savepoints and reported with the database's message.
 *
 * Duplicate keys inside one file are applied in file order, like successive form submissions:
 * the first occurrence creates (or updates) the record, later ones update it, so for each
 * column the last non-empty value wins; each occurrence counts once, as created or updated.
 */
import { setImmediate } from 'node:timers/promises';
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import { DATA_IMPORT_ERROR_LIMIT, type DataImportError, type DataImportStatus } from '../../models/data-import.model.js';
import { CSV_DELIMITERS, CsvSyntaxError, readRecords, type CsvDelimiter, type CsvOptions, type CsvRecord } from './parse.js';
import { checkMapping, resourceDef, type ImportResourceDef, type ReferenceTable } from './resources.js';
import { rowValidator, type CellProblem, type RowValidator, type RowValues } from './validate.js';

export const DEFAULT_BATCH_SIZE = 5000;

/** The import itself cannot run (it does not exist, its mapping no longer fits): retrying cannot help. */
export class ImportFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFailedError';
  }
}

export interface ImportOutcome {
  id: string;
  status: DataImportStatus;
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  errorCount: number;
}

export interface RunImportOptions {
  batchSize?: number;
  /** Called after each committed batch (the job reports it as BullMQ progress). */
  onProgress?: (progress: { processed: number; total: number }) => unknown;
}

interface ImportRow {
  id: string;
  workspace_id: string;
  user_id: string | null;
  resource: string;
  mapping: Record<string, string>;
  options: { delimiter?: string };
  total_rows: number;
  processed_rows: number;
  created_count: number;
  updated_count: number;
  error_count: number;
  status: DataImportStatus;
}

interface Row {
  line: number;
  values: RowValues;
}

interface Plan {
  importId: string;
  workspaceId: string;
  userId: string | null;
  def: ImportResourceDef;
  /** [column, index of its cell in a record] for every mapped column. */
  cells: [string, number][];
  headerCount: number;
  validate: RowValidator;
  writeSql: string;
}

interface BatchResult {
  created: number;
  updated: number;
  rejected: number;
  errors: DataImportError[];
}

const q = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

const SELECT = QueryTypes.SELECT;

async function select<T extends object>(sql: string, bind: unknown[], transaction?: Transaction): Promise<T[]> {
  return sequelize.query<T>(sql, { bind, type: SELECT, transaction });
}

// ---------------------------------------------------------------- the statement of a batch

const defaultsCache = new Map<string, Map<string, string>>();

/** column -> its DEFAULT expression, from the catalog (trusted SQL, e.g. 'new'::enum_contacts_status). */
async function columnDefaults(table: string): Promise<Map<string, string>> {
  let defaults = defaultsCache.get(table);
  if (!defaults) {
    const rows = await select<{ column_name: string; column_default: string }>(
      `SELECT column_name, column_default FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = $1 AND column_default IS NOT NULL`,
      [table],
    );
    defaults = new Map(rows.map((r) => [r.column_name, r.column_default]));
    defaultsCache.set(table, defaults);
  }
  return defaults;
}

/** The table columns a batch writes: the mapped ones plus those the import fills itself. */
function writeColumns(def: ImportResourceDef, mapped: string[]): string[] {
  const columns = new Set(mapped.filter((c) => !def.pseudoColumns?.[c]));
  if (def.match === 'id') columns.delete('id'); // the id names the target, it is not written
  if (def.match === 'user_email') columns.add('user_id');
  for (const c of def.filledByImport ?? []) columns.add(c);
  if (def.resource === 'deals' && columns.has('stage_id')) columns.add('pipeline_id'); // filled from the stage
  return [...columns];
}

/**
 * One statement for a round of rows ($1: JSON array of row objects, each with "_target" = the id
 * of the record it updates, or none to create; $2 workspace; $3 importing user). Updates keep a
 * stored value where the cell was empty; inserts take the column default for an empty cell.
 */
async function buildWriteSql(def: ImportResourceDef, mapped: string[]): Promise<string> {
  const table = def.model.getTableName() as string;
  const defaults = await columnDefaults(table);
  const columns = writeColumns(def, mapped);
  const keyColumns = new Set([def.primaryKey, ...(def.match === 'email' ? ['email'] : [])]);
  const updatable = columns.filter((c) => !keyColumns.has(c));
  const insertColumns = ['workspace_id', ...columns, ...(def.resource === 'contacts' ? ['created_by'] : [])];
  const insertValues = [
    '$2::uuid',
    ...columns.map((c) => (defaults.has(c) ? `COALESCE(i.${q(c)}, ${defaults.get(c)})` : `i.${q(c)}`)),
    ...(def.resource === 'contacts' ? ['$3::uuid'] : []),
  ];
  const pk = q(def.primaryKey);
  const target = `i."_target" IS NOT NULL AND t.${pk} = i."_target" AND t.workspace_id = $2::uuid`;
  // A row whose values are all unchanged is not rewritten (no dead tuple, updated_at kept); it
  // still counts as updated: `matched` counts every record the batch named.
  const updated = updatable.length
    ? `UPDATE ${q(table)} AS t SET ${updatable.map((c) => `${q(c)} = COALESCE(i.${q(c)}, t.${q(c)})`).join(', ')}
         FROM input AS i
        WHERE ${target}
          AND (${updatable.map((c) => `t.${q(c)}`).join(', ')}) IS DISTINCT FROM (${updatable.map((c) => `COALESCE(i.${q(c)}, t.${q(c)})`).join(', ')})
       RETURNING 1`
    : 'SELECT 1 WHERE false';
  return `
    WITH input AS (
      SELECT (e.doc ->> '_target')::uuid AS "_target", r.*
        FROM jsonb_array_elements($1::jsonb) AS e(doc)
        CROSS JOIN LATERAL jsonb_populate_record(NULL::${q(table)}, e.doc) AS r
    ),
    updated AS (${updated}),
    matched AS (SELECT 1 FROM ${q(table)} AS t JOIN input AS i ON ${target}),
    inserted AS (
      INSERT INTO ${q(table)} (${insertColumns.map(q).join(', ')})
      SELECT ${insertValues.join(', ')} FROM input AS i WHERE i."_target" IS NULL
      RETURNING 1
    )
    -- $3 is named even where no column takes it: PostgreSQL refuses a parameter it cannot type.
    SELECT (SELECT count(*) FROM matched)::int AS updated, (SELECT count(*) FROM inserted)::int AS created,
           (SELECT count(*) FROM updated)::int AS changed, $3::uuid AS by_user`;
}

// ---------------------------------------------------------------- references

const REFERENCE_NOUN: Record<ReferenceTable, string> = {
  users: 'a user', accounts: 'an account', contacts: 'a contact', leads: 'a lead', pipelines: 'a pipeline',
  pipeline_stages: 'a pipeline stage', opportunities: 'an opportunity', outreach: 'an outreach',
  deals: 'a deal', job_postings: 'a job posting',
};

/** Rows of the workspace (users: members, not deleted) among `ids`; pipeline_stages with their pipeline. */
async function existingReferences(table: ReferenceTable, ids: string[], workspaceId: string, t: Transaction): Promise<Map<string, string | null>> {
  let rows: { id: string; extra: string | null }[];
  if (table === 'users') {
    rows = await select(
      `SELECT u.id, NULL AS extra FROM users u
        WHERE u.id = ANY($1::uuid[]) AND u.deleted_at IS NULL
          AND (u.workspace_id = $2 OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.workspace_id = $2))`,
      [ids, workspaceId], t,
    );
  } else {
    const extra = table === 'pipeline_stages' ? 'pipeline_id' : 'NULL';
    rows = await select(`SELECT id, ${extra} AS extra FROM ${q(table)} WHERE workspace_id = $2 AND id = ANY($1::uuid[])`, [ids, workspaceId], t);
  }
  return new Map(rows.map((r) => [r.id, r.extra]));
}

/** Checks every reference of the rows; fills what follows from them. Returns the problems per row. */
async function checkReferences(plan: Plan, rows: Row[], t: Transaction): Promise<Map<Row, CellProblem[]>> {
  const problems = new Map<Row, CellProblem[]>();
  const add = (row: Row, problem: CellProblem) => problems.set(row, [...(problems.get(row) ?? []), problem]);
  const { def, workspaceId } = plan;

  const wanted = new Map<ReferenceTable, Set<string>>();
  for (const row of rows) {
    for (const [column, table] of Object.entries(def.references)) {
      const value = row.values[column];
      if (typeof value === 'string') wanted.set(table, (wanted.get(table) ?? new Set()).add(value));
    }
  }
  const found = new Map<ReferenceTable, Map<string, string | null>>();
  for (const [table, ids] of wanted) found.set(table, await existingReferences(table, [...ids], workspaceId, t));

  for (const row of rows) {
    for (const [column, table] of Object.entries(def.references)) {
      const value = row.values[column];
      if (typeof value !== 'string' || found.get(table)!.has(value)) continue;
      add(row, {
        field: column,
        message: column === 'id'
          ? `no ${def.noun} with this id in this workspace (got "${value}")`
          : `is not ${REFERENCE_NOUN[table]} of this workspace (got "${value}")`,
      });
    }
    // deals: the stage must be one of the deal's pipeline (deals_stage_in_pipeline_fkey); a
    // stage alone implies its pipeline.
    if (def.resource === 'deals' && typeof row.values.stage_id === 'string') {
      const stagePipeline = found.get('pipeline_stages')?.get(row.values.stage_id);
      if (stagePipeline) {
        if (row.values.pipeline_id === undefined) row.values.pipeline_id = stagePipeline;
        else if (row.values.pipeline_id !== stagePipeline) add(row, { field: 'stage_id', message: 'is a stage of another pipeline than pipeline_id' });
      }
    }
  }

  if (def.match === 'user_email') {
    const emails = [...new Set(rows.map((r) => r.values.email as string))];
    const users = await select<{ email: string; id: string; profile_workspace_id: string | null }>(
      `SELECT u.email, u.id, p.workspace_id AS profile_workspace_id
         FROM users u LEFT JOIN candidate_profiles p ON p.user_id = u.id
        WHERE u.email = ANY($1::text[]) AND u.deleted_at IS NULL
          AND (u.workspace_id = $2 OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.workspace_id = $2))`,
      [emails, workspaceId], t,
    );
    const byEmail = new Map(users.map((u) => [u.email, u]));
    for (const row of rows) {
      const user = byEmail.get(row.values.email as string);
      if (!user) add(row, { field: 'email', message: `is not a user of this workspace (got "${row.values.email as string}")` });
      else if (user.profile_workspace_id && user.profile_workspace_id !== workspaceId) {
        add(row, { field: 'email', message: "this user's candidate profile belongs to another workspace" });
      } else row.values.user_id = user.id;
    }
  }
  return problems;
}

// ---------------------------------------------------------------- matching

/** The id of the record each row updates, or null where the row creates one. */
async function matchTargets(plan: Plan, rows: Row[], t: Transaction): Promise<(string | null)[]> {
  const { def, workspaceId } = plan;
  const table = def.model.getTableName() as string;
  const targets: (string | null)[] = rows.map(() => null);
  if (def.match === 'id') return rows.map((r) => (typeof r.values.id === 'string' ? r.values.id : null));

  let found: { n: number; id: string }[] = [];
  if (def.match === 'email') {
    const keyed = rows.map((r, n) => [r.values.email, n] as const).filter(([email]) => typeof email === 'string');
    found = await select(
      `SELECT k.n, t.id FROM unnest($1::text[], $2::int[]) AS k(email, n)
         JOIN ${q(table)} t ON t.workspace_id = $3 AND t.email = k.email`,
      [keyed.map(([e]) => e), keyed.map(([, n]) => n), workspaceId], t,
    );
  } else if (def.match === 'user_email') {
    found = await select(
      `SELECT k.n, p.user_id AS id FROM unnest($1::uuid[], $2::int[]) AS k(user_id, n)
         JOIN candidate_profiles p ON p.user_id = k.user_id AND p.workspace_id = $3`,
      [rows.map((r) => r.values.user_id), rows.map((_, n) => n), workspaceId], t,
    );
  } else {
    // accounts (see resources.ts): the same domain first, else the same name where a domain is missing.
    found = await select(
      `WITH k AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) AS k(domain, name, n)),
       candidates AS (
         SELECT k.n, a.id, 0 AS rank, a.created_at FROM k JOIN accounts a ON a.workspace_id = $4 AND a.domain = k.domain
         UNION ALL
         SELECT k.n, a.id, 1 AS rank, a.created_at FROM k JOIN accounts a
             ON a.workspace_id = $4 AND lower(a.name) = lower(k.name) AND (k.domain IS NULL OR a.domain IS NULL)
       )
       SELECT DISTINCT ON (n) n, id FROM candidates ORDER BY n, rank, created_at, id`,
      [rows.map((r) => r.values.domain ?? null), rows.map((r) => r.values.name ?? null), rows.map((_, n) => n), workspaceId], t,
    );
  }
  for (const { n, id } of found) targets[n] = id;
  return targets;
}

/** Keys under which two rows of one statement would touch the same record. */
function identities(def: ImportResourceDef, row: Row, target: string | null): string[] {
  const keys = target ? [`t:${target}`] : [];
  const v = row.values;
  if (def.match === 'email' && typeof v.email === 'string') keys.push(`e:${v.email}`);
  if (def.match === 'user_email') keys.push(`t:${v.user_id as string}`);
  if (def.match === 'domain_or_name') {
    if (typeof v.domain === 'string') keys.push(`d:${v.domain}`);
    if (typeof v.name === 'string') keys.push(`n:${v.name.toLowerCase()}`);
  }
  return keys;
}

// ---------------------------------------------------------------- writing

const pgError = (err: unknown) => {
  const e = err as { parent?: PgError; original?: PgError } & PgError;
  return e.parent ?? e.original ?? e;
};
interface PgError {
  code?: string;
  column?: string;
  message: string;
}
/** Data exceptions (22) and integrity violations (23) belong to rows; anything else to the batch. */
const isRowError = (err: unknown) => /^2[23]/.test(pgError(err).code ?? '');

/**
 * Writes one round (no two rows touch the same record) with one statement; when the database
 * refuses it, halves the round under savepoints until the refused rows are isolated.
 */
async function writeRound(plan: Plan, rows: Row[], targets: (string | null)[], t: Transaction): Promise<BatchResult> {
  const docs = rows.map((row, n) => (targets[n] ? { ...row.values, _target: targets[n] } : row.values));
  await sequelize.query('SAVEPOINT csv_import_round', { transaction: t });
  try {
    const [result] = await select<{ created: number; updated: number }>(plan.writeSql, [JSON.stringify(docs), plan.workspaceId, plan.userId], t);
    await sequelize.query('RELEASE SAVEPOINT csv_import_round', { transaction: t });
    return { created: result!.created, updated: result!.updated, rejected: 0, errors: [] };
  } catch (err) {
    await sequelize.query('ROLLBACK TO SAVEPOINT csv_import_round', { transaction: t });
    if (!isRowError(err)) throw err;
    if (rows.length === 1) {
      const e = pgError(err);
      return { created: 0, updated: 0, rejected: 1, errors: [{ row: rows[0]!.line, field: e.column ?? null, message: e.message }] };
    }
    const half = Math.ceil(rows.length / 2);
    const first = await writeRound(plan, rows.slice(0, half), targets.slice(0, half), t);
    const second = await writeRound(plan, rows.slice(half), targets.slice(half), t);
    return {
      created: first.created + second.created,
      updated: first.updated + second.updated,
      rejected: first.rejected + second.rejected,
      errors: [...first.errors, ...second.errors],
    };
  }
}

/** Writes valid rows in file order; rounds only split where one file repeats a key. */
async function writeRows(plan: Plan, rows: Row[], t: Transaction): Promise<BatchResult> {
  const total: BatchResult = { created: 0, updated: 0, rejected: 0, errors: [] };
  let pending = rows;
  while (pending.length) {
    const targets = await matchTargets(plan, pending, t);
    const round: Row[] = [];
    const roundTargets: (string | null)[] = [];
    const later: Row[] = [];
    const used = new Set<string>();
    pending.forEach((row, n) => {
      const keys = identities(plan.def, row, targets[n]!);
      // A row whose record an earlier row of this round touches waits for the next round, and
      // so does every later row sharing a key with it: file order is kept per record.
      if (keys.some((k) => used.has(k))) later.push(row);
      else {
        round.push(row);
        roundTargets.push(targets[n]!);
      }
      for (const k of keys) used.add(k);
    });
    const result = await writeRound(plan, round, roundTargets, t);
    total.created += result.created;
    total.updated += result.updated;
    total.rejected += result.rejected;
    total.errors.push(...result.errors);
    pending = later;
  }
  return total;
}

// ---------------------------------------------------------------- the import

async function planFor(row: ImportRow, headers: string[]): Promise<Plan> {
  const def = resourceDef(row.resource);
  const problems = checkMapping(def, headers, row.mapping);
  if (problems.length) throw new ImportFailedError(`the mapping does not fit the file: ${problems.join('; ')}`);
  const columns = Object.values(row.mapping);
  return {
    importId: row.id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    def,
    cells: Object.entries(row.mapping).map(([header, column]) => [column, headers.indexOf(header)]),
    headerCount: headers.length,
    validate: rowValidator(def, columns, row.user_id),
    writeSql: await buildWriteSql(def, columns),
  };
}

interface PreparedBatch {
  /** Records the batch consumes (valid or not): the checkpoint advances by this much. */
  size: number;
  valid: Row[];
  rejected: number;
  errors: DataImportError[];
}

/** Validates a batch's records (no I/O): the next batch is prepared while the previous one writes. */
function prepareBatch(plan: Plan, records: CsvRecord[]): PreparedBatch {
  const batch: PreparedBatch = { size: records.length, valid: [], rejected: 0, errors: [] };
  for (const record of records) {
    if (record.cells.length !== plan.headerCount) {
      batch.rejected += 1;
      batch.errors.push({ row: record.line, field: null, message: `has ${record.cells.length} fields; the header has ${plan.headerCount}` });
      continue;
    }
    const cells: Record<string, string> = {};
    for (const [column, index] of plan.cells) cells[column] = record.cells[index]!;
    const check = plan.validate(cells);
    if (check.ok) batch.valid.push({ line: record.line, values: check.values });
    else {
      batch.rejected += 1;
      for (const p of check.problems) batch.errors.push({ row: record.line, ...p });
    }
  }
  return batch;
}

/** Writes a prepared batch and advances the import's checkpoint and report, in one transaction. */
async function commitBatch(plan: Plan, batch: PreparedBatch, checkpoint: number): Promise<BatchResult> {
  let { rejected } = batch;
  const errors = [...batch.errors];
  return sequelize.transaction(async (t) => {
    const [state] = await select<{ processed_rows: number; status: string }>(
      'SELECT processed_rows, status FROM data_imports WHERE id = $1 FOR UPDATE', [plan.importId], t,
    );
    if (state?.status !== 'running' || state.processed_rows !== checkpoint) {
      throw new Error(`data import ${plan.importId} moved on elsewhere (checkpoint ${checkpoint}, now ${state?.processed_rows} ${state?.status})`);
    }
    // Imports into the same table and workspace take turns, so their key matching cannot race.
    const table = plan.def.model.getTableName() as string;
    await select('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`csv-import:${table}:${plan.workspaceId}`], t);

    const refProblems = await checkReferences(plan, batch.valid, t);
    const writable = batch.valid.filter((row) => {
      const problems = refProblems.get(row);
      if (!problems) return true;
      rejected += 1;
      for (const p of problems) errors.push({ row: row.line, ...p });
      return false;
    });
    const written = writable.length ? await writeRows(plan, writable, t) : { created: 0, updated: 0, rejected: 0, errors: [] };
    rejected += written.rejected;
    errors.push(...written.errors);
    errors.sort((a, b) => a.row - b.row);

    await sequelize.query(
      `UPDATE data_imports SET
          processed_rows = $2, total_rows = greatest(total_rows, $2),
          created_count = created_count + $3, updated_count = updated_count + $4, error_count = error_count + $5,
          errors = errors || (SELECT coalesce(jsonb_agg(x.e ORDER BY x.o), '[]'::jsonb)
                                FROM jsonb_array_elements($6::jsonb) WITH ORDINALITY AS x(e, o)
                               WHERE x.o <= $7 - jsonb_array_length(errors))
        WHERE id = $1`,
      {
        bind: [plan.importId, checkpoint + batch.size, written.created, written.updated, rejected, JSON.stringify(errors), DATA_IMPORT_ERROR_LIMIT],
        transaction: t,
      },
    );
    return { created: written.created, updated: written.updated, rejected, errors };
  });
}

const outcomeOf = (r: ImportRow): ImportOutcome => ({
  id: r.id,
  status: r.status,
  totalRows: r.total_rows,
  processedRows: r.processed_rows,
  createdCount: r.created_count,
  updatedCount: r.updated_count,
  errorCount: r.error_count,
});

const COLUMNS = `id, workspace_id, user_id, resource, mapping, options, status,
  total_rows, processed_rows, created_count, updated_count, error_count`;

/**
 * Runs (or resumes) an import to completion and returns its outcome. An import that is already
 * completed or failed is left as it is. Throws ImportFailedError when the import cannot run at
 * all; any other error leaves it resumable (status running, checkpoint at the last batch).
 */
export async function runImport(importId: string, options: RunImportOptions = {}): Promise<ImportOutcome> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const [claimed] = await select<ImportRow>(
    `UPDATE data_imports SET status = 'running', started_at = coalesce(started_at, now())
      WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${COLUMNS}`,
    [importId],
  );
  if (!claimed) {
    const [row] = await select<ImportRow>(`SELECT ${COLUMNS} FROM data_imports WHERE id = $1`, [importId]);
    if (!row) throw new ImportFailedError(`data import ${importId} does not exist`);
    return outcomeOf(row);
  }
  const [{ csv }] = (await select<{ csv: Buffer }>('SELECT csv FROM data_imports WHERE id = $1', [importId])) as [{ csv: Buffer }];
  const delimiter = (claimed.options.delimiter ?? ',') as CsvDelimiter;
  if (!CSV_DELIMITERS.includes(delimiter)) throw new ImportFailedError(`unsupported delimiter ${JSON.stringify(delimiter)}`);
  const csvOptions: CsvOptions = { delimiter };

  let plan: Plan | undefined;
  const resumeAfter = claimed.processed_rows;
  let checkpoint = resumeAfter;
  let seen = 0;
  let records: CsvRecord[] = [];
  // Batches commit one after the other (the checkpoint must advance in file order), but the
  // next batch is read and validated while the previous one is being written.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = prepareBatch(plan!, records);
    records = [];
    await writing;
    writing = commitBatch(plan!, batch, checkpoint).then(async () => {
      checkpoint += batch.size;
      await options.onProgress?.({ processed: checkpoint, total: Math.max(claimed.total_rows, checkpoint) });
    });
    writing.catch(() => undefined); // awaited (and rethrown) at the next flush or at the end
  };
  try {
    for await (const record of readRecords(csv, csvOptions)) {
      if (!plan) {
        plan = await planFor(claimed, record.cells.map((h) => h.trim()));
        continue;
      }
      seen += 1;
      // Parsing alone never waits for I/O: let the database client's replies in, so the batch
      // being written does not stall behind the one being read.
      if (seen % 500 === 0) await setImmediate();
      if (seen <= resumeAfter) continue; // written by an earlier run
      records.push(record);
      if (records.length >= batchSize) await flush();
    }
    if (!plan) throw new ImportFailedError('the file is empty');
    if (records.length) await flush();
  } catch (err) {
    await writing.catch(() => undefined); // never leave a batch committing behind our back
    // The file was readable at upload (startImport), so this is a corrupted copy: final.
    throw err instanceof CsvSyntaxError ? new ImportFailedError(err.message) : err;
  }
  await writing;

  const [done] = await sequelize.transaction(async (t) => {
    // Completed: the file is no longer needed (its rows are in the table), so it is cleared;
    // the audit log records who imported what.
    const rows = await select<ImportRow>(
      `UPDATE data_imports SET status = 'completed', finished_at = now(), csv = ''::bytea, total_rows = processed_rows
        WHERE id = $1 AND status = 'running' RETURNING ${COLUMNS}`,
      [importId], t,
    );
    await sequelize.query(
      `INSERT INTO audit_logs (workspace_id, user_id, user_email, action, severity, resource_type, resource_id, description, metadata)
       SELECT d.workspace_id, d.user_id, u.email, 'import', CASE WHEN d.error_count > 0 THEN 'warn' ELSE 'success' END::enum_audit_logs_severity,
              'data_imports', d.id,
              format('CSV import of %s into %s: %s created, %s updated, %s rejected', d.file_name, d.resource, d.created_count, d.updated_count, d.error_count),
              jsonb_build_object('resource', d.resource, 'file_name', d.file_name, 'rows', d.processed_rows,
                                 'created', d.created_count, 'updated', d.updated_count, 'rejected', d.error_count)
         FROM data_imports d LEFT JOIN users u ON u.id = d.user_id
        WHERE d.id = $1 AND d.status = 'completed'`,
      { bind: [importId], transaction: t },
    );
    return rows;
  });
  if (!done) {
    const [row] = await select<ImportRow>(`SELECT ${COLUMNS} FROM data_imports WHERE id = $1`, [importId]);
    return outcomeOf(row!);
  }
  return outcomeOf(done);
}

/** Marks an import failed (the job gave up); the file stays so that the import can be re-run. */
export async function markImportFailed(importId: string, reason: string): Promise<void> {
  await sequelize.query(
    `UPDATE data_imports SET status = 'failed', failure_reason = $2, finished_at = now()
      WHERE id = $1 AND status IN ('queued', 'running')`,
    { bind: [importId, reason.slice(0, 2000)] },
  );
}
