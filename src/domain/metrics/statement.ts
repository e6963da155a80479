/**
 * The shape every metric ETL statement shares: one SQL statement that
 *   1. computes the metric rows of the periods in `scope` from the source tables (GROUP BY),
 *   2. upserts them on the table's UNIQUE dimensions key (last_updated = now()), and
 *   3. deletes the table's rows inside `scope` that were not produced, so a period (or a
 *      dimension combination) that lost all its source rows reads as absent, not as stale.
 * Data-modifying CTEs see one snapshot, so the DELETE never sees the rows the INSERT created, and
 * rows the upsert updated are excluded by id.
 *
 * `scope` is a CTE (workspace_id, lo, hi, lo_ts, hi_ts): half-open date ranges per workspace,
 * one per touched period for an incremental run, one per workspace for a backfill.
 */

export interface UpsertSpec {
  table: string;
  /** Name of the UNIQUE NULLS NOT DISTINCT dimensions constraint (the upsert's arbiter). */
  constraint: string;
  /** Dimension columns, then measure columns, in the order `select` produces them. */
  dimensions: string[];
  measures: string[];
  /** Extra CTEs after scope ("a AS (...), b AS (...)"), may be empty. */
  ctes: string;
  /** The SELECT producing dimensions + measures, one row per key. */
  select: string;
  /** Predicate on `m` (the metric table) and `s` (scope): the row lies in the scope's periods. */
  inScope: string;
}

/** Scope CTE body for date ranges per workspace; `ranges` yields (workspace_id, lo date, hi date). */
export const scopeCte = (ranges: string): string =>
  `scope AS MATERIALIZED (
     SELECT r.workspace_id, r.lo, r.hi,
            (r.lo::timestamp AT TIME ZONE 'UTC') AS lo_ts, (r.hi::timestamp AT TIME ZONE 'UTC') AS hi_ts
       FROM (${ranges}) r (workspace_id, lo, hi))`;

export function upsertStatement(spec: UpsertSpec, scope: string): string {
  const columns = [...spec.dimensions, ...spec.measures];
  return `
    WITH ${scope}${spec.ctes ? `,\n ${spec.ctes}` : ''},
    computed AS (${spec.select}),
    upserted AS (
      INSERT INTO ${spec.table} (${columns.join(', ')}, last_updated)
      SELECT ${columns.join(', ')}, now() FROM computed
      ON CONFLICT ON CONSTRAINT ${spec.constraint} DO UPDATE SET
        ${spec.measures.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, last_updated = now()
      RETURNING id
    ),
    pruned AS (
      DELETE FROM ${spec.table} m USING scope s
       WHERE ${spec.inScope}
         AND NOT EXISTS (SELECT 1 FROM upserted u WHERE u.id = m.id)
      RETURNING m.id
    )
    SELECT (SELECT count(*) FROM upserted)::int AS upserted, (SELECT count(DISTINCT id) FROM pruned)::int AS deleted`;
}

/**
 * A source timestamptz inside the scope's overall bounds (:boundLo, :boundHi, literals set by
 * the runner). Redundant with the join on the scope, so it changes no result; it is there for
 * the planner, which cannot see through the scope's ranges but reads literal bounds against the
 * column's statistics: a one-day run is estimated at one day of rows and driven by index.
 */
export const inBounds = (column: string): string =>
  `${column} >= (:boundLo::timestamp AT TIME ZONE 'UTC') AND ${column} < (:boundHi::timestamp AT TIME ZONE 'UTC')`;

/** `inScope` for tables keyed by a DATE column. */
export const dateInScope = (column: string): string =>
  `m.workspace_id = s.workspace_id AND m.${column} >= s.lo AND m.${column} < s.hi`;

/** The same computation without writing (the benchmark's floor): the bare SELECT ... GROUP BY. */
export function selectStatement(spec: UpsertSpec, scope: string): string {
  return `WITH ${scope}${spec.ctes ? `,\n ${spec.ctes}` : ''},
    computed AS MATERIALIZED (${spec.select})
    SELECT count(*)::int AS upserted, 0 AS deleted FROM computed`;
}
