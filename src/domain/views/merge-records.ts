/**
 * Merging two records of the same person (two contacts, two leads) into one, in one transaction:
 *
 * 1. every foreign key that points to the loser is repointed to the winner. The referencing
 *    columns are read from the catalog (pg_constraint), not listed here, so a table added later
 *    is covered without touching this file;
 * 2. where repointing would break a unique constraint (the same contact enrolled twice in one
 *    sequence), the winner's row is kept and the loser's removed, after the rows that point to
 *    the removed row were themselves repointed to the kept one (same rule, one level down), and
 *    the result says so;
 * 3. the winner's empty fields are filled from the loser (text, dates, numbers: only when empty;
 *    tags: the union; JSON objects: the loser's keys the winner lacks; flags: true if either is,
 *    so an unsubscribe or a bounce recorded on either record is never lost);
 * 4. the loser is deleted (soft-deleted when its table has `deleted_at`);
 * 5. `audit_logs` (action_type merge): an update of the winner with its changes, the loser's
 *    full row and what moved, and a delete of the loser naming the winner.
 *
 * Refused with a MergeError and nothing written: an unknown or unmergeable kind, two kinds, the
 * same record twice, a malformed id, a record missing or out of the actor's `edit` scope (the
 * loser also out of `delete`), records of two workspaces.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize, withTransaction } from '../../db.js';
import { setEventContext } from '../events/context.js';
import { actorScope, type Actor } from '../permissions/actor.js';
import { scopeCondition } from '../permissions/scope-sql.js';
import { isUuid } from '../uuid.js';
import { RuleError } from '../rule-error.js';

export class MergeError extends RuleError {}

/** The kinds that merge, and their tables (person-search.ts kinds). */
export const MERGE_TABLES = { contact: 'contacts', lead: 'leads' } as const;
export type MergeKind = keyof typeof MERGE_TABLES;

export interface MergeInput {
  winner: { kind: string; id: string };
  loser: { kind: string; id: string };
}

/** Where the request came from, for the audit row (the panel passes its request's). */
export interface MergeRequestMeta {
  ip?: string | null;
  userAgent?: string | null;
  method?: string | null;
  path?: string | null;
}

export interface MovedReference { table: string; column: string; rows: number }
export interface Collision { table: string; column: string; removedId: string | null; keptId: string | null; constraint: string }

export interface MergeResult {
  kind: MergeKind;
  table: string;
  winnerId: string;
  loserId: string;
  moved: MovedReference[];
  collisions: Collision[];
  /** Winner fields that took the loser's value (or were combined with it). */
  filled: string[];
  loserRemoved: 'deleted' | 'soft-deleted';
  auditLogId: string;
  /** One sentence for the notice. */
  summary: string;
}

type Row = Record<string, unknown>;
const MAX_DEPTH = 3;
/** Never copied from the loser: identity, tenancy, bookkeeping. */
const NOT_FILLED = new Set(['id', 'workspace_id', 'created_at', 'updated_at', 'deleted_at', 'created_by']);

function select<T extends object = Row>(sql: string, replacements: Row, transaction: Transaction): Promise<T[]> {
  return sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction });
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface Reference { table: string; column: string }

/** Single-column foreign keys pointing at `table` (to its primary key), from the catalog. */
async function referencesTo(table: string, t: Transaction): Promise<Reference[]> {
  return select<Reference>(
    `SELECT c.conrelid::regclass::text AS table, a.attname AS column
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.confrelid = to_regclass(:table) AND cardinality(c.conkey) = 1
      ORDER BY 1, 2`,
    { table }, t,
  );
}

interface UniqueIndex { name: string; columns: string[]; nulls_not_distinct: boolean }

/** Plain (no expression, not partial) unique indexes of `table` that include `column`. */
async function uniqueIndexesWith(table: string, column: string, t: Transaction): Promise<UniqueIndex[]> {
  const rows = await select<UniqueIndex & { plain: boolean }>(
    `SELECT i.indexrelid::regclass::text AS name, i.indnullsnotdistinct AS nulls_not_distinct,
            (i.indpred IS NULL AND NOT (0 = ANY (i.indkey::int2[]))) AS plain,
            ARRAY(SELECT att.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, ord)
                    JOIN pg_attribute att ON att.attrelid = i.indrelid AND att.attnum = k.n ORDER BY k.ord) AS columns
       FROM pg_index i
      WHERE i.indrelid = to_regclass(:table) AND i.indisunique`,
    { table }, t,
  );
  // A partial or expression index that the move would break fails the UPDATE: the transaction
  // rolls back with the database's message, nothing half-merged.
  return rows.filter((r) => r.plain && r.columns.includes(column));
}

async function primaryKey(table: string, t: Transaction): Promise<string[]> {
  const [row] = await select<{ columns: string[] }>(
    `SELECT ARRAY(SELECT att.attname::text FROM unnest(i.indkey::int2[]) k(n)
                    JOIN pg_attribute att ON att.attrelid = i.indrelid AND att.attnum = k.n) AS columns
       FROM pg_index i WHERE i.indrelid = to_regclass(:table) AND i.indisprimary`,
    { table }, t,
  );
  return row?.columns ?? [];
}

/**
 * Points every reference to `fromId` (a row of `table`) at `toId`. Rows that would then collide
 * with a row already pointing at `toId` under a unique index are removed in favour of that row,
 * after their own references were moved to it.
 */
async function repoint(table: string, fromId: string, toId: string, depth: number, t: Transaction, result: { moved: MovedReference[]; collisions: Collision[] }): Promise<void> {
  if (depth > MAX_DEPTH) throw new MergeError(`References nest deeper than ${MAX_DEPTH} levels under ${table}: merge refused`);
  for (const ref of await referencesTo(table, t)) {
    const tbl = ref.table; // regclass text: already quoted where needed
    const col = quoteIdent(ref.column);
    const pk = await primaryKey(tbl, t);
    for (const index of await uniqueIndexesWith(tbl, ref.column, t)) {
      const same = index.columns
        .filter((c) => c !== ref.column)
        .map((c) => (index.nulls_not_distinct ? `l.${quoteIdent(c)} IS NOT DISTINCT FROM w.${quoteIdent(c)}` : `l.${quoteIdent(c)} = w.${quoteIdent(c)}`));
      const pairs = await select<{ removed: string | null; kept: string | null }>(
        `SELECT ${pk.length === 1 ? `l.${quoteIdent(pk[0]!)}::text AS removed, w.${quoteIdent(pk[0]!)}::text AS kept` : 'NULL AS removed, NULL AS kept'}, l.ctid::text AS ctid
           FROM ${tbl} l JOIN ${tbl} w ON ${['TRUE', ...same].join(' AND ')}
          WHERE l.${col} = :fromId AND w.${col} = :toId`,
        { fromId, toId }, t,
      );
      for (const pair of pairs as Array<{ removed: string | null; kept: string | null; ctid: string }>) {
        if (pair.removed && pair.kept) await repoint(tbl, pair.removed, pair.kept, depth + 1, t, result);
        await sequelize.query(`DELETE FROM ${tbl} WHERE ctid = CAST(:ctid AS tid)`, { replacements: { ctid: pair.ctid }, transaction: t });
        result.collisions.push({ table: tbl, column: ref.column, removedId: pair.removed, keptId: pair.kept, constraint: index.name });
      }
    }
    const [{ n }] = await select<{ n: number }>(
      `WITH moved AS (UPDATE ${tbl} SET ${col} = :toId WHERE ${col} = :fromId RETURNING 1) SELECT count(*)::int AS n FROM moved`,
      { fromId, toId }, t,
    );
    if (n > 0) result.moved.push({ table: tbl, column: ref.column, rows: n });
  }
}

/** The SET list that fills the winner (alias w) from the loser's row (alias l), per column type. */
async function fillAssignments(table: string, t: Transaction): Promise<string[]> {
  const columns = await select<{ name: string; type: string; generated: string; identity: string }>(
    `SELECT column_name AS name, data_type AS type, is_generated AS generated, is_identity AS identity
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = :table ORDER BY ordinal_position`,
    { table }, t,
  );
  return columns
    .filter((c) => !NOT_FILLED.has(c.name) && c.generated !== 'ALWAYS' && c.identity !== 'YES')
    .map(({ name, type }) => {
      const w = `w.${quoteIdent(name)}`;
      const l = `l.${quoteIdent(name)}`;
      let value: string;
      if (type === 'text' || type === 'character varying' || type === 'character') {
        value = `CASE WHEN ${w} IS NULL OR btrim(${w}) = '' THEN ${l} ELSE ${w} END`;
      } else if (type === 'ARRAY') {
        value = `CASE WHEN ${l} IS NULL THEN ${w} WHEN ${w} IS NULL THEN ${l}
                      ELSE ${w} || ARRAY(SELECT x FROM unnest(${l}) x WHERE NOT (x = ANY (${w}))) END`;
      } else if (type === 'jsonb' || type === 'json') {
        value = `CASE WHEN ${w} IS NULL OR ${w}::jsonb IN ('{}'::jsonb, '[]'::jsonb, 'null'::jsonb) THEN ${l}
                      WHEN jsonb_typeof(${w}::jsonb) = 'object' AND jsonb_typeof(${l}::jsonb) = 'object' THEN (${l}::jsonb || ${w}::jsonb)::${type}
                      ELSE ${w} END`;
      } else if (type === 'boolean') {
        value = `CASE WHEN ${w} IS NULL THEN ${l} ELSE ${w} OR COALESCE(${l}, false) END`;
      } else {
        value = `COALESCE(${w}, ${l})`;
      }
      return `${quoteIdent(name)} = ${value}`;
    });
}

function changedFields(before: Row, after: Row): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (key === 'updated_at') continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}

/** Checks what needs no database: kinds, ids, the role's rights on the table. */
function checkRequest(actor: Actor, input: MergeInput): { kind: MergeKind; table: string; winnerId: string; loserId: string } {
  const winnerKind = String(input?.winner?.kind ?? '');
  const loserKind = String(input?.loser?.kind ?? '');
  if (winnerKind !== loserKind) throw new MergeError(`A ${winnerKind || 'record'} and a ${loserKind || 'record'} are different kinds of record: only two records of the same kind can be merged`);
  if (!(winnerKind in MERGE_TABLES)) throw new MergeError(`Records of kind "${winnerKind}" cannot be merged (only ${Object.keys(MERGE_TABLES).join(' and ')}s)`);
  const kind = winnerKind as MergeKind;
  const winnerId = String(input.winner.id ?? '').toLowerCase();
  const loserId = String(input.loser.id ?? '').toLowerCase();
  if (!isUuid(winnerId) || !isUuid(loserId)) throw new MergeError('Both records must be given by their id');
  if (winnerId === loserId) throw new MergeError(`That is the same ${kind} twice: choose two different records to merge`);
  const table = MERGE_TABLES[kind];
  if (!actorScope(actor, table, 'edit') || !actorScope(actor, table, 'delete')) {
    throw new MergeError(`Your role may not merge ${table}: merging needs the right to edit and to delete them`);
  }
  return { kind, table, winnerId, loserId };
}

/** Locks both rows and checks they exist, are in the actor's scopes and in one workspace. */
async function lockPair(actor: Actor, table: string, kind: string, winnerId: string, loserId: string, t: Transaction): Promise<{ workspaceId: string }> {
  const cond = (action: string) => scopeCondition(actor, table, actorScope(actor, table, action)!, 'x') ?? 'TRUE';
  // Locked in id order, so two merges of the same pair cannot deadlock.
  const rows = await select<{ id: string; workspace_id: string; editable: boolean; deletable: boolean }>(
    `SELECT x.id::text AS id, x.workspace_id, (${cond('edit')}) AS editable, (${cond('delete')}) AS deletable
       FROM ${table} x WHERE x.id IN (:winnerId, :loserId) ORDER BY x.id FOR UPDATE`,
    { winnerId, loserId }, t,
  );
  const winner = rows.find((r) => r.id === winnerId);
  const loser = rows.find((r) => r.id === loserId);
  // Missing and out of scope read the same: another rep's record is not ours to reveal.
  if (!winner || !winner.editable) throw new MergeError(`No ${kind} ${winnerId} that you may edit`);
  if (!loser || !loser.editable || !loser.deletable) throw new MergeError(`No ${kind} ${loserId} that you may edit and delete`);
  if (winner.workspace_id !== loser.workspace_id) throw new MergeError(`The two ${table} belong to different workspaces: they cannot be merged`);
  return { workspaceId: winner.workspace_id };
}

/** Merges `loser` into `winner` (see the file's comment). Throws MergeError on a refusal, having written nothing. */
export async function mergeRecords(actor: Actor, input: MergeInput, meta: MergeRequestMeta = {}): Promise<MergeResult> {
  const { kind, table, winnerId, loserId } = checkRequest(actor, input);
  return withTransaction(async (t) => {
    await setEventContext(t, { actorId: actor.id });
    const { workspaceId } = await lockPair(actor, table, kind, winnerId, loserId, t);
    const snapshot = async (id: string) =>
      (await select<{ row: Row }>(`SELECT to_jsonb(x) AS row FROM ${table} x WHERE x.id = :id`, { id }, t))[0]!.row;
    const before = await snapshot(winnerId);
    const loserRow = await snapshot(loserId);

    const result = { moved: [] as MovedReference[], collisions: [] as Collision[] };
    await repoint(table, loserId, winnerId, 0, t, result);

    // The loser goes before the winner takes its values: a unique e-mail moves over without clashing.
    const softDelete = 'deleted_at' in loserRow;
    if (softDelete) await sequelize.query(`UPDATE ${table} SET deleted_at = now() WHERE id = :loserId`, { replacements: { loserId }, transaction: t });
    else await sequelize.query(`DELETE FROM ${table} WHERE id = :loserId`, { replacements: { loserId }, transaction: t });

    const assignments = await fillAssignments(table, t);
    await sequelize.query(
      `UPDATE ${table} w SET ${assignments.join(', ')}
         FROM jsonb_populate_record(NULL::${table}, CAST(:loser AS jsonb)) l
        WHERE w.id = :winnerId`,
      { replacements: { loser: JSON.stringify(loserRow), winnerId }, transaction: t },
    );
    const after = await snapshot(winnerId);
    const changes = changedFields(before, after);
    const filled = Object.keys(changes);

    const movedCount = result.moved.reduce((sum, m) => sum + m.rows, 0);
    const summary = [
      `Merged ${kind} ${loserId} into ${winnerId}`,
      `${movedCount} reference${movedCount === 1 ? '' : 's'} moved`,
      result.collisions.length
        ? `${result.collisions.length} duplicate row${result.collisions.length === 1 ? '' : 's'} removed where the winner already had one (${[...new Set(result.collisions.map((c) => c.table))].join(', ')})`
        : null,
      filled.length ? `filled ${filled.join(', ')}` : null,
    ].filter(Boolean).join('; ');

    const [{ id: auditLogId }] = await select<{ id: string }>(
      `INSERT INTO audit_logs (workspace_id, user_id, user_email, action, action_type, severity, resource_type, resource_id,
                               description, changes, ip_address, user_agent, request_method, request_path, metadata)
       VALUES (:workspaceId, :userId, :userEmail, 'update', 'merge', 'warn', :table, :winnerId,
               :summary, CAST(:changes AS jsonb), CAST(:ip AS inet), :userAgent, :method, :path, CAST(:metadata AS jsonb))
       RETURNING id`,
      {
        workspaceId, userId: actor.id, userEmail: actor.email, table, winnerId, summary: summary.slice(0, 2000),
        changes: JSON.stringify({ ...changes, merged_from: { from: null, to: loserId } }),
        ip: meta.ip ?? null, userAgent: meta.userAgent ?? null, method: meta.method ?? null, path: meta.path ?? null,
        metadata: JSON.stringify({ merge: { kind, loser: loserRow, moved: result.moved, collisions: result.collisions } }),
      },
      t,
    );
    // The loser's own history ends with where it went: its audit trail points to the winner.
    await sequelize.query(
      `INSERT INTO audit_logs (workspace_id, user_id, user_email, action, action_type, severity, resource_type, resource_id,
                               description, ip_address, user_agent, request_method, request_path, metadata)
       VALUES (:workspaceId, :userId, :userEmail, 'delete', 'merge', 'warn', :table, :loserId,
               :description, CAST(:ip AS inet), :userAgent, :method, :path, CAST(:metadata AS jsonb))`,
      {
        replacements: {
          workspaceId, userId: actor.id, userEmail: actor.email, table, loserId,
          description: `Merged ${kind} ${loserId} into ${winnerId}`,
          ip: meta.ip ?? null, userAgent: meta.userAgent ?? null, method: meta.method ?? null, path: meta.path ?? null,
          metadata: JSON.stringify({ merge: { winnerId, auditLogId } }),
        },
        transaction: t,
      },
    );
    return {
      kind, table, winnerId, loserId, moved: result.moved, collisions: result.collisions, filled,
      loserRemoved: softDelete ? 'soft-deleted' : 'deleted', auditLogId, summary,
    };
  });
}
