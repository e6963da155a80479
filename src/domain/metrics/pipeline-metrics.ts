/**
 * pipeline_metrics (S2 + S3 merged, SCHEMA D19): rows per (workspace, pipeline, stage, period).
 * period_type 'daily' rows are computed from deals and deal_stage_history; 'weekly' (ISO week,
 * Monday), 'monthly' and 'quarterly' rows are rolled up from the daily rows (metric_date = the
 * period's first day). Three levels per period: (pipeline, stage), (pipeline, stage NULL) = the
 * whole pipeline, and (NULL, NULL) = every deal of the workspace, pipeline-less ones included.
 *
 * Flow measures of period P (deals keep their current pipeline and stage, except moves):
 *   deals_created = deal_count   deals created in P (S2 deal_count has no period; D19 synonym)
 *   deals_active                 of those, still open
 *   total_value = total_pipeline_value  value of the deals created in P
 *   weighted_pipeline_value      weighted_value (value x probability) of those still open
 *   avg_value = average_deal_size total_value / deals_created
 *   deals_won / won_value, deals_lost / lost_value  deals closed in P (actual_close_date, else the
 *                                day they entered their closing stage); won value is the actual
 *                                value when recorded
 *   deals_moved_forward / _backward  stage moves in P to a higher / lower order_index, filed under
 *                                the stage entered (a deal that moved back counts as backward)
 *   avg_duration_days = average_cycle_time, fastest/slowest/median_duration_days  days from
 *                                creation to close of the deals won in P
 *   win_rate = won / (won + lost) in P; conversion_rate = of the deals created in P, the share won
 *   stages_velocity              {} (not computed yet: left to the dashboard issue)
 *
 * Roll-ups sum the daily rows for every additive column and derive averages and rates from the
 * summed counts; the median and the cohort conversion are not additive and are computed from
 * deals in the roll-up statement (a small read: won deals and created deals of the periods).
 */
import { dealClosedOn, daysBetween, median, moneyAvg, PIPELINE, REVENUE, utcDay, utcStart } from './formulas.js';
import { selectStatement, upsertStatement, type UpsertSpec } from './statement.js';
import type { MetricEtl } from './types.js';

const dimensions = ['workspace_id', 'pipeline_id', 'stage_id', 'period_type', 'metric_date'];
const measures = ['deal_count', 'deals_created', 'deals_active', 'deals_won', 'deals_lost', 'deals_moved_forward',
  'deals_moved_backward', 'total_value', 'total_pipeline_value', 'weighted_pipeline_value', 'won_value', 'lost_value',
  'avg_value', 'average_deal_size', 'avg_duration_days', 'average_cycle_time', 'fastest_deal_days', 'slowest_deal_days',
  'median_duration_days', 'conversion_rate', 'win_rate'];

/** The day a closed deal closed. */
const closedOn = dealClosedOn('d');
/** Days from creation to close (a DATE close counts from midnight UTC). */
const cycleDays = `greatest(0, ${daysBetween('d.created_at', utcStart(closedOn))})`;

/** Group sets: per stage, per pipeline, per workspace; a NULL dimension in a set is not a group. */
const levels = `GROUPING SETS ((workspace_id, metric_date, pipeline_id, stage_id), (workspace_id, metric_date, pipeline_id), (workspace_id, metric_date))
     HAVING NOT (GROUPING(pipeline_id) = 0 AND pipeline_id IS NULL) AND NOT (GROUPING(stage_id) = 0 AND stage_id IS NULL)`;

const daily: UpsertSpec = {
  table: 'pipeline_metrics',
  constraint: 'pipeline_metrics_dimensions_key',
  dimensions,
  measures,
  ctes: `
    facts AS (
      -- deals created in the period
      SELECT d.workspace_id, d.pipeline_id, d.stage_id, ${utcDay('d.created_at')} AS metric_date,
             1 AS created, (d.status = 'open')::int AS active, (d.status = 'won')::int AS cohort_won,
             d.value, CASE WHEN d.status = 'open' THEN d.weighted_value ELSE 0 END AS weighted,
             0 AS won, 0 AS lost, 0::numeric AS won_value, 0::numeric AS lost_value, NULL::float8 AS cycle_days,
             0 AS forward, 0 AS backward
        FROM scope s JOIN deals d ON d.workspace_id = s.workspace_id AND d.created_at >= s.lo_ts AND d.created_at < s.hi_ts
      UNION ALL
      -- deals closed in the period
      SELECT d.workspace_id, d.pipeline_id, d.stage_id, ${closedOn},
             0, 0, 0, 0, 0,
             (d.status = 'won')::int, (d.status = 'lost')::int,
             CASE WHEN d.status = 'won' THEN ${REVENUE.dealRevenue('d')} ELSE 0 END,
             CASE WHEN d.status = 'lost' THEN d.value ELSE 0 END,
             CASE WHEN d.status = 'won' THEN ${cycleDays} END,
             0, 0
        FROM scope s JOIN deals d ON d.workspace_id = s.workspace_id AND d.status IN ('won', 'lost')
         AND ${closedOn} >= s.lo AND ${closedOn} < s.hi
      UNION ALL
      -- stage moves in the period, filed under the stage entered
      SELECT h.workspace_id, t.pipeline_id, t.id, ${utcDay('h.moved_at')},
             0, 0, 0, 0, 0, 0, 0, 0, 0, NULL,
             (t.order_index > f.order_index)::int, (t.order_index < f.order_index)::int
        FROM scope s JOIN deal_stage_history h
          ON h.workspace_id = s.workspace_id AND h.moved_at >= s.lo_ts AND h.moved_at < s.hi_ts
        JOIN pipeline_stages t ON t.id = h.to_stage_id
        JOIN pipeline_stages f ON f.id = h.from_stage_id
    )`,
  select: `
    SELECT workspace_id, pipeline_id, stage_id, 'daily'::enum_pipeline_metrics_period_type AS period_type, metric_date,
           sum(created)::int AS deal_count, sum(created)::int AS deals_created, sum(active)::int AS deals_active,
           sum(won)::int AS deals_won, sum(lost)::int AS deals_lost,
           sum(forward)::int AS deals_moved_forward, sum(backward)::int AS deals_moved_backward,
           sum(value) AS total_value, sum(value) AS total_pipeline_value, sum(weighted) AS weighted_pipeline_value,
           sum(won_value) AS won_value, sum(lost_value) AS lost_value,
           ${moneyAvg('sum(value)', 'sum(created)')} AS avg_value, ${moneyAvg('sum(value)', 'sum(created)')} AS average_deal_size,
           avg(cycle_days) AS avg_duration_days, round(avg(cycle_days)::numeric, 2) AS average_cycle_time,
           min(cycle_days) AS fastest_deal_days, max(cycle_days) AS slowest_deal_days,
           ${median('cycle_days')} AS median_duration_days,
           ${PIPELINE.conversionRate('sum(cohort_won)', 'sum(created)')} AS conversion_rate,
           ${PIPELINE.winRate('sum(won)', 'sum(lost)')} AS win_rate
      FROM facts
     GROUP BY ${levels}`,
  inScope: `m.workspace_id = s.workspace_id AND m.period_type = 'daily' AND m.metric_date >= s.lo AND m.metric_date < s.hi`,
};

/** The roll-up periods touched by the daily scope: those holding a daily row, or a stale roll-up. */
const rollupScope = (dailyScope: string) => `${dailyScope.replace(/^\s*scope AS/, 'dscope AS')},
    scope AS MATERIALIZED (
      SELECT DISTINCT p.workspace_id, p.period_type, p.lo, p.hi, ${utcStart('p.lo')} AS lo_ts, ${utcStart('p.hi')} AS hi_ts
        FROM (
          SELECT m.workspace_id, t.period_type, date_trunc(t.unit, m.metric_date)::date AS lo,
                 (date_trunc(t.unit, m.metric_date) + t.length)::date AS hi
            FROM dscope s JOIN pipeline_metrics m
              ON m.workspace_id = s.workspace_id AND m.period_type = 'daily' AND m.metric_date >= s.lo AND m.metric_date < s.hi
            CROSS JOIN (VALUES ('weekly'::enum_pipeline_metrics_period_type, 'week', interval '1 week'), ('monthly', 'month', interval '1 month'),
                              ('quarterly', 'quarter', interval '3 months')) t (period_type, unit, length)
          UNION
          SELECT m.workspace_id, m.period_type, m.metric_date,
                 (m.metric_date + CASE m.period_type WHEN 'weekly' THEN interval '1 week' WHEN 'monthly' THEN interval '1 month' ELSE interval '3 months' END)::date
            FROM dscope s JOIN pipeline_metrics m
              ON m.workspace_id = s.workspace_id AND m.period_type <> 'daily'
             AND m.metric_date < s.hi AND m.metric_date >= (s.lo - interval '3 months')
           WHERE m.metric_date + CASE m.period_type WHEN 'weekly' THEN interval '1 week' WHEN 'monthly' THEN interval '1 month' ELSE interval '3 months' END > s.lo
        ) p)`;

const rollup: UpsertSpec = {
  table: 'pipeline_metrics',
  constraint: 'pipeline_metrics_dimensions_key',
  dimensions,
  measures,
  ctes: `
    summed AS (
      SELECT s.workspace_id, m.pipeline_id, m.stage_id, s.period_type, s.lo AS metric_date,
             sum(m.deals_created) AS created, sum(m.deals_active) AS active, sum(m.deals_won) AS won,
             sum(m.deals_lost) AS lost, sum(m.deals_moved_forward) AS forward, sum(m.deals_moved_backward) AS backward,
             sum(m.total_value) AS value, sum(m.weighted_pipeline_value) AS weighted,
             sum(m.won_value) AS won_value, sum(m.lost_value) AS lost_value,
             -- a daily average times its count is that day's sum: the weighted mean is exact
             sum(m.avg_duration_days * m.deals_won) / nullif(sum(m.deals_won), 0) AS avg_cycle,
             min(m.fastest_deal_days) AS fastest, max(m.slowest_deal_days) AS slowest
        FROM scope s JOIN pipeline_metrics m
          ON m.workspace_id = s.workspace_id AND m.period_type = 'daily' AND m.metric_date >= s.lo AND m.metric_date < s.hi
       GROUP BY s.workspace_id, m.pipeline_id, m.stage_id, s.period_type, s.lo
    ),
    -- Not additive: the median cycle time and the cohort conversion, from the deals themselves.
    won_cycles AS (
      SELECT s.workspace_id, d.pipeline_id, d.stage_id, s.period_type, s.lo AS metric_date, ${cycleDays} AS cycle_days
        FROM scope s JOIN deals d ON d.workspace_id = s.workspace_id AND d.status = 'won'
         AND ${closedOn} >= s.lo AND ${closedOn} < s.hi
    ),
    medians AS (
      SELECT workspace_id, pipeline_id, stage_id, period_type, metric_date, ${median('cycle_days')} AS median_days
        FROM won_cycles GROUP BY ${levels.replace(/metric_date/g, 'period_type, metric_date')}
    ),
    cohorts AS (
      SELECT workspace_id, pipeline_id, stage_id, period_type, metric_date, count(*) FILTER (WHERE won) AS cohort_won
        FROM (SELECT s.workspace_id, d.pipeline_id, d.stage_id, s.period_type, s.lo AS metric_date, d.status = 'won' AS won
                FROM scope s JOIN deals d ON d.workspace_id = s.workspace_id AND d.created_at >= s.lo_ts AND d.created_at < s.hi_ts) c
       GROUP BY ${levels.replace(/metric_date/g, 'period_type, metric_date')}
    )`,
  select: `
    SELECT x.workspace_id, x.pipeline_id, x.stage_id, x.period_type, x.metric_date,
           x.created::int AS deal_count, x.created::int AS deals_created, x.active::int AS deals_active,
           x.won::int AS deals_won, x.lost::int AS deals_lost, x.forward::int AS deals_moved_forward,
           x.backward::int AS deals_moved_backward,
           x.value AS total_value, x.value AS total_pipeline_value, x.weighted AS weighted_pipeline_value,
           x.won_value, x.lost_value,
           ${moneyAvg('x.value', 'x.created')} AS avg_value, ${moneyAvg('x.value', 'x.created')} AS average_deal_size,
           x.avg_cycle::float8 AS avg_duration_days, round(x.avg_cycle::numeric, 2) AS average_cycle_time,
           x.fastest AS fastest_deal_days, x.slowest AS slowest_deal_days, md.median_days AS median_duration_days,
           ${PIPELINE.conversionRate('coalesce(co.cohort_won, 0)', 'x.created')} AS conversion_rate,
           ${PIPELINE.winRate('x.won', 'x.lost')} AS win_rate
      FROM summed x
      LEFT JOIN medians md ON md.workspace_id = x.workspace_id AND md.period_type = x.period_type AND md.metric_date = x.metric_date
       AND md.pipeline_id IS NOT DISTINCT FROM x.pipeline_id AND md.stage_id IS NOT DISTINCT FROM x.stage_id
      LEFT JOIN cohorts co ON co.workspace_id = x.workspace_id AND co.period_type = x.period_type AND co.metric_date = x.metric_date
       AND co.pipeline_id IS NOT DISTINCT FROM x.pipeline_id AND co.stage_id IS NOT DISTINCT FROM x.stage_id`,
  inScope: `m.workspace_id = s.workspace_id AND m.period_type = s.period_type AND m.metric_date = s.lo`,
};

export const pipelineMetrics: MetricEtl = {
  name: 'pipeline',
  table: 'pipeline_metrics',
  grain: 'day',
  // Deals created or edited since (a close, a value change, a stage move) re-compute the day
  // they were created and the day they closed; moves since re-compute the move's day.
  touched: `
    SELECT d.workspace_id, unnest(ARRAY[${utcDay('d.created_at')}, CASE WHEN d.status IN ('won', 'lost') THEN ${closedOn} END]) AS day
      FROM deals d WHERE d.updated_at >= :since
    UNION
    SELECT h.workspace_id, ${utcDay('h.moved_at')} FROM deal_stage_history h WHERE h.updated_at >= :since`,
  // A backfill covers whole weeks and quarters, so every roll-up it writes sums complete periods.
  widen: (lo, hi) => [
    `least(date_trunc('week', ${lo}::date), date_trunc('quarter', ${lo}::date))::date`,
    `greatest(date_trunc('week', (${hi}::date - 1)) + interval '1 week', date_trunc('quarter', (${hi}::date - 1)) + interval '3 months')::date`,
  ],
  statements: (scope) => [upsertStatement(daily, scope), upsertStatement(rollup, rollupScope(scope))],
  floors: (scope) => [selectStatement(daily, scope), selectStatement(rollup, rollupScope(scope))],
};
