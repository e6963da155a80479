/**
 * revenue_metrics: one row per (workspace, year, month, pipeline, owner, owner's team) with
 * revenue or pipeline in that month. NULL pipeline / owner / team: the deals had none.
 *
 *   total_revenue / total_deals  won deals closed in the month (formulas.ts dealClosedOn; actual
 *                                value when recorded, else value); avg_deal_size = revenue / deals
 *   revenue_growth_rate, deal_growth_rate  against the previous month of the same dimensions,
 *                                NULL when that month had none
 *   pipeline_value               value of open deals expected to close in the month
 *   forecasted_revenue           weighted pipeline: their weighted_value (value x probability)
 * Quota attainment joins these rows with sales_quotas (quotaAttainmentSql below).
 */
import { dealClosedOn, growthPct, moneyAvg, REVENUE } from './formulas.js';
import { selectStatement, upsertStatement, type UpsertSpec } from './statement.js';
import type { MetricEtl } from './types.js';

const closedMonth = `date_trunc('month', ${dealClosedOn('d')})::date`;

const spec: UpsertSpec = {
  table: 'revenue_metrics',
  constraint: 'revenue_metrics_dimensions_key',
  dimensions: ['workspace_id', 'year', 'month', 'pipeline_id', 'owner_id', 'team_id'],
  measures: ['quarter', 'total_revenue', 'total_deals', 'avg_deal_size', 'revenue_growth_rate', 'deal_growth_rate',
    'forecasted_revenue', 'pipeline_value'],
  ctes: `
    facts AS (
      -- won deals of the scope's months and of the month before each (for growth)
      SELECT d.workspace_id, d.pipeline_id, d.owner_id, u.team_id, ${closedMonth} AS month,
             ${REVENUE.dealRevenue('d')} AS revenue, 1 AS won, 0::numeric AS open_value, 0::numeric AS weighted
        FROM scope s JOIN deals d ON d.workspace_id = s.workspace_id AND d.status = 'won'
         AND ${dealClosedOn('d')} >= (s.lo - interval '1 month') AND ${dealClosedOn('d')} < s.hi
        LEFT JOIN users u ON u.id = d.owner_id
      UNION ALL
      SELECT d.workspace_id, d.pipeline_id, d.owner_id, u.team_id, date_trunc('month', d.expected_close_date)::date,
             0, 0, d.value, d.weighted_value
        FROM scope s JOIN deals d ON d.workspace_id = s.workspace_id AND d.status = 'open'
         AND d.expected_close_date >= s.lo AND d.expected_close_date < s.hi
        LEFT JOIN users u ON u.id = d.owner_id
    ),
    monthly AS (
      SELECT workspace_id, pipeline_id, owner_id, team_id, month,
             sum(revenue) AS revenue, sum(won) AS deals, sum(open_value) AS open_value, sum(weighted) AS weighted
        FROM facts GROUP BY workspace_id, pipeline_id, owner_id, team_id, month
    )`,
  select: `
    SELECT c.workspace_id, extract(year FROM c.month)::int AS year, extract(month FROM c.month)::int AS month,
           c.pipeline_id, c.owner_id, c.team_id, extract(quarter FROM c.month)::int AS quarter,
           c.revenue AS total_revenue, c.deals::int AS total_deals, ${moneyAvg('c.revenue', 'c.deals')} AS avg_deal_size,
           ${growthPct('c.revenue', 'p.revenue')} AS revenue_growth_rate,
           ${growthPct('c.deals', 'p.deals')} AS deal_growth_rate,
           ${REVENUE.forecast('c.weighted')} AS forecasted_revenue, c.open_value AS pipeline_value
      FROM monthly c
      LEFT JOIN monthly p ON p.workspace_id = c.workspace_id AND p.month = (c.month - interval '1 month')::date
       AND p.pipeline_id IS NOT DISTINCT FROM c.pipeline_id AND p.owner_id IS NOT DISTINCT FROM c.owner_id
       AND p.team_id IS NOT DISTINCT FROM c.team_id
     WHERE EXISTS (SELECT 1 FROM scope s WHERE s.workspace_id = c.workspace_id AND c.month >= s.lo AND c.month < s.hi)`,
  inScope: `m.workspace_id = s.workspace_id AND make_date(m.year, m.month, 1) >= s.lo AND make_date(m.year, m.month, 1) < s.hi`,
};

export const revenueMetrics: MetricEtl = {
  name: 'revenue',
  table: 'revenue_metrics',
  grain: 'month',
  // Deals created or edited since: their close month, their expected close month, and the month
  // after the close (its growth rate compares with this one). A close date moved to another
  // month leaves the old month stale until the next full run (monthly schedule) or a backfill.
  touched: `
    SELECT d.workspace_id, unnest(ARRAY[
             CASE WHEN d.status = 'won' THEN ${dealClosedOn('d')} END,
             CASE WHEN d.status = 'won' THEN (${dealClosedOn('d')} + interval '1 month')::date END,
             d.expected_close_date]) AS day
      FROM deals d WHERE d.updated_at >= :since`,
  widen: (lo, hi) => [`date_trunc('month', ${lo}::date)::date`, `(date_trunc('month', (${hi}::date - 1)) + interval '1 month')::date`],
  statements: (scope) => [upsertStatement(spec, scope)],
  floors: (scope) => [selectStatement(spec, scope)],
};

/**
 * Quota attainment per active quota overlapping [from, to): revenue won by the quota's user in
 * the months the quota covers (from revenue_metrics) over its revenue target, percent. A quota
 * whose months are only partly recorded counts what is there. For the dashboard.
 */
export const quotaAttainmentSql = `
  SELECT q.id AS quota_id, q.user_id, q.quota_period, q.start_date, q.end_date, q.revenue_target,
         coalesce(sum(r.total_revenue), 0) AS revenue,
         ${REVENUE.quotaAttainment('coalesce(sum(r.total_revenue), 0)', 'q.revenue_target')} AS attainment_pct
    FROM sales_quotas q
    LEFT JOIN revenue_metrics r ON r.workspace_id = q.workspace_id AND r.owner_id = q.user_id
     AND make_date(r.year, r.month, 1) >= date_trunc('month', q.start_date) AND make_date(r.year, r.month, 1) <= q.end_date
   WHERE q.workspace_id = :workspaceId AND q.is_active AND q.start_date < :to AND q.end_date >= :from
   GROUP BY q.id`;
