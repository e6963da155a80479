/**
 * Runs one metric's ETL, in one of three modes:
 * - full: every period of every workspace (the weekly pipeline and monthly revenue schedules);
 * - range [from, to): a backfill of those periods (widened to whole periods), optionally for
 *   one workspace — the CLI and the admin action;
 * - incremental (neither): the periods touched since the last run (etl-state.ts); the first
 *   incremental run of a metric is a full run.
 * Every mode recomputes whole periods from all their source rows, so a backfill over a range
 * and the incremental runs over it write the same rows, and a repeated run changes nothing but
 * last_updated. One transaction per run, serialized per metric by an advisory lock.
 */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { sequelize as appSequelize } from '../../db.js';
import { activityMetrics } from './activity-metrics.js';
import { callMetrics } from './call-metrics.js';
import { contactMetrics } from './contact-metrics.js';
import { documentMetrics } from './document-metrics.js';
import { emailMetrics } from './email-metrics.js';
import { readEtlState, writeEtlState } from './etl-state.js';
import { pipelineMetrics } from './pipeline-metrics.js';
import { revenueMetrics } from './revenue-metrics.js';
import { scopeCte } from './statement.js';
import { METRIC_NAMES, type MetricEtl, type MetricName } from './types.js';

export { METRIC_NAMES, type MetricName };

export const METRICS: Record<MetricName, MetricEtl> = {
  pipeline: pipelineMetrics,
  activity: activityMetrics,
  email: emailMetrics,
  call: callMetrics,
  contact: contactMetrics,
  document: documentMetrics,
  revenue: revenueMetrics,
};

/**
 * Incremental runs look back this far before the last run's start: a row written by a
 * transaction that began before the last run but committed after it carries an older
 * updated_at than the watermark. Recomputing a period twice is harmless.
 */
export const WATERMARK_OVERLAP = '10 minutes';

/** "All time" for a full run: wider than any date the application stores. */
const ALL_TIME = { from: '1900-01-01', to: '2200-01-01' };

export interface EtlOptions {
  /** Backfill range [from, to), ISO dates. Both or neither. */
  from?: string;
  to?: string;
  full?: boolean;
  /** Limit a range or full run to one workspace (incremental runs cover all). */
  workspaceId?: string;
}

export interface EtlResult {
  metric: MetricName;
  mode: 'incremental' | 'range' | 'full';
  upserted: number;
  deleted: number;
  ms: number;
}

function periodRanges(etl: MetricEtl, day: string): [string, string] {
  return etl.grain === 'month'
    ? [`date_trunc('month', ${day})::date`, `(date_trunc('month', ${day}) + interval '1 month')::date`]
    : [day, `(${day} + 1)`];
}

/**
 * The periods a run recomputes, as (workspace_id, lo, hi) rows: for an incremental run the
 * touched periods, with periods that meet or overlap merged into one range (a run touching
 * 300 days of a year reads one range, not 300); else one [from, to) per workspace.
 */
export function rangesQuery(etl: MetricEtl, mode: EtlResult['mode']): string {
  if (mode === 'incremental') {
    const [lo, hi] = periodRanges(etl, 't.day');
    return `
      WITH p AS (SELECT DISTINCT t.workspace_id, ${lo} AS lo, ${hi} AS hi FROM (${etl.touched}) t WHERE t.day IS NOT NULL),
      starts AS (
        SELECT p.*, CASE WHEN p.lo <= max(p.hi) OVER (PARTITION BY p.workspace_id ORDER BY p.lo
                                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                         THEN 0 ELSE 1 END AS starts
          FROM p),
      islands AS (SELECT s.*, sum(s.starts) OVER (PARTITION BY s.workspace_id ORDER BY s.lo, s.hi) AS island FROM starts s)
      SELECT workspace_id, min(lo)::text AS lo, max(hi)::text AS hi FROM islands GROUP BY workspace_id, island ORDER BY 1, 2`;
  }
  const [lo, hi] = etl.widen ? etl.widen(':from', ':to') : [':from::date', ':to::date'];
  return `SELECT w.id AS workspace_id, (${lo})::text AS lo, (${hi})::text AS hi FROM workspaces w
           WHERE (:workspaceId::uuid IS NULL OR w.id = :workspaceId::uuid) ORDER BY 1`;
}

/**
 * The scope CTE of every statement (statement.ts): the ranges found by rangesQuery, handed in
 * as a literal (:ranges), with their overall bounds as literals too (:boundLo, :boundHi), so
 * the planner sees how small a one-day run is (statement.ts, `inBounds`) and drives it by index
 * instead of hashing whole source tables.
 */
export const SCOPE = scopeCte(`SELECT r.workspace_id, r.lo, r.hi FROM jsonb_to_recordset(:ranges::jsonb) AS r (workspace_id uuid, lo date, hi date)`);

export interface ScopeReplacements {
  ranges: string;
  boundLo: string;
  boundHi: string;
  /** Ranges in scope (0: nothing to recompute). */
  count: number;
}

/** Runs rangesQuery; the replacements SCOPE reads. */
export async function resolveScope(
  db: Sequelize, etl: MetricEtl, mode: EtlResult['mode'], replacements: Record<string, unknown>, transaction?: Transaction,
): Promise<ScopeReplacements> {
  const ranges = await db.query<{ workspace_id: string; lo: string; hi: string }>(rangesQuery(etl, mode), {
    type: QueryTypes.SELECT, replacements, transaction,
  });
  const los = ranges.map((r) => r.lo).sort();
  const his = ranges.map((r) => r.hi).sort();
  return {
    ranges: JSON.stringify(ranges),
    // With nothing in scope the bounds are an empty range: the statements then read nothing.
    boundLo: los[0] ?? ALL_TIME.from,
    boundHi: his[his.length - 1] ?? ALL_TIME.from,
    count: ranges.length,
  };
}

export async function runMetricEtl(metric: MetricName, options: EtlOptions = {}, db: Sequelize = appSequelize): Promise<EtlResult> {
  const etl = METRICS[metric];
  if (!etl) throw new Error(`unknown metric "${metric}" (known: ${METRIC_NAMES.join(', ')})`);
  if ((options.from === undefined) !== (options.to === undefined)) throw new Error('give both from and to, or neither');
  const started = performance.now();
  return db.transaction(async (transaction) => {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext(:key))`, { replacements: { key: `metrics-etl:${metric}` }, transaction });
    const [{ now }] = await db.query<{ now: string }>(`SELECT now()::text AS now`, { type: QueryTypes.SELECT, transaction });
    const previous = options.full || options.from ? null : await readEtlState(db, metric, transaction);
    const mode: EtlResult['mode'] = options.from ? 'range' : options.full || !previous ? 'full' : 'incremental';
    const range = mode === 'range' ? { from: options.from!, to: options.to! } : ALL_TIME;
    const replacements = {
      ...range,
      workspaceId: mode === 'incremental' ? null : options.workspaceId ?? null,
      since: previous ? previous.startedAt : null,
      overlap: WATERMARK_OVERLAP,
    };
    if (previous) {
      const [{ since }] = await db.query<{ since: string }>(`SELECT (:since::timestamptz - :overlap::interval)::text AS since`, {
        type: QueryTypes.SELECT, replacements, transaction,
      });
      replacements.since = since;
    }
    const scope = await resolveScope(db, etl, mode, replacements, transaction);
    let upserted = 0;
    let deleted = 0;
    // Nothing touched since the last run: nothing to recompute (the watermark still moves).
    for (const sql of scope.count > 0 ? etl.statements(SCOPE) : []) {
      const [counts] = await db.query<{ upserted: number; deleted: number }>(sql, {
        type: QueryTypes.SELECT, replacements: { ...replacements, ...scope }, transaction,
      })
        .catch((err: Error & { original?: Error }) => {
          throw new Error(`metrics-etl ${metric} (${mode}): ${err.original?.message ?? err.message}`, { cause: err });
        });
      upserted += counts.upserted;
      deleted += counts.deleted;
    }
    // A backfill of a range does not move the watermark: it says nothing about other periods.
    // A full run of one workspace does not either.
    if (mode !== 'range' && !(mode === 'full' && options.workspaceId)) {
      await writeEtlState(db, metric, { startedAt: now, mode, upserted, deleted }, transaction);
    }
    return { metric, mode, upserted, deleted, ms: Math.round(performance.now() - started) };
  });
}
