/** What every metric ETL module provides to the runner (run-metric-etl.ts). */
export const METRIC_NAMES = ['pipeline', 'activity', 'email', 'call', 'contact', 'document', 'revenue'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export interface MetricEtl {
  name: MetricName;
  table: string;
  /**
   * The unit of a recomputed period: `day` for the tables keyed by `date` (and pipeline's daily
   * rows), `month` for revenue_metrics (year, month).
   */
  grain: 'day' | 'month';
  /**
   * SELECT (workspace_id, day) of the periods whose source rows were created or changed at or
   * after :since (a timestamptz replacement), mapped to the period the metric files them under
   * (an open two days after the send -> the send's day). Days, even for a month grain.
   */
  touched: string;
  /** Widens a backfill range [lo, hi) (SQL date expressions) to whole periods. */
  widen?: (lo: string, hi: string) => [string, string];
  /** The statements (normally one) that recompute the periods of `scope` (see statement.ts). */
  statements: (scope: string) => string[];
  /** The same SELECTs without the writes (bench/etl.bench.ts measures them as the floor). */
  floors: (scope: string) => string[];
}
