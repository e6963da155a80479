/**
 * call_metrics: one row per (workspace, call owner, UTC day the call took place), from
 * activities of type 'call' (SCHEMA: no calls table; calls carry call_result and is_recorded).
 * A call counts on the day of `occurred_at`; a call that has not happened yet (occurred_at NULL)
 * is not counted.
 *
 *   total_calls          calls that day; answered / missed / voicemail by call_result
 *   total_duration_sec   sum of duration_minutes x 60 (the source keeps minutes); avg/min/max over
 *                        calls with a duration
 *   answer_rate          answered / calls with a logged result (formulas.ts)
 *   recorded_calls       is_recorded; recording_rate = recorded / total_calls
 *   deals_advanced       distinct deals of those calls that moved to a later stage (higher
 *                        order_index) the same UTC day
 *   followups_scheduled  calls whose next_action was filled in
 */
import { CALL, utcDay } from './formulas.js';
import { dateInScope, inBounds, selectStatement, upsertStatement, type UpsertSpec } from './statement.js';
import type { MetricEtl } from './types.js';

const spec: UpsertSpec = {
  table: 'call_metrics',
  constraint: 'call_metrics_dimensions_key',
  dimensions: ['workspace_id', 'user_id', 'date'],
  measures: ['total_calls', 'answered', 'missed', 'voicemail', 'total_duration_sec', 'avg_duration_sec',
    'min_duration_sec', 'max_duration_sec', 'answer_rate', 'recorded_calls', 'recording_rate', 'deals_advanced',
    'followups_scheduled'],
  ctes: `
    calls AS MATERIALIZED (
      SELECT a.id, a.workspace_id, a.owner_id AS user_id, ${utcDay('a.occurred_at')} AS date, a.call_result,
             a.is_recorded, a.duration_minutes * 60 AS duration_sec, a.deal_id,
             nullif(btrim(a.next_action), '') IS NOT NULL AS followup
        FROM scope s JOIN activities a
          ON a.workspace_id = s.workspace_id AND a.type = 'call'
         AND a.occurred_at >= s.lo_ts AND a.occurred_at < s.hi_ts
       WHERE ${inBounds('a.occurred_at')}
    ),
    -- Counted per rep and day once, then joined (a per-group subquery re-scanned every call).
    advanced AS (
      SELECT c.workspace_id, c.user_id, c.date, count(DISTINCT c.deal_id)::int AS deals
        FROM calls c
        JOIN deal_stage_history h ON h.deal_id = c.deal_id AND ${utcDay('h.moved_at')} = c.date
        JOIN pipeline_stages f ON f.id = h.from_stage_id
        JOIN pipeline_stages t ON t.id = h.to_stage_id
       WHERE t.order_index > f.order_index
       GROUP BY c.workspace_id, c.user_id, c.date
    )`,
  select: `
    SELECT c.workspace_id, c.user_id, c.date,
           count(*)::int AS total_calls,
           (count(*) FILTER (WHERE c.call_result = 'answered'))::int AS answered,
           (count(*) FILTER (WHERE c.call_result = 'missed'))::int AS missed,
           (count(*) FILTER (WHERE c.call_result = 'voicemail'))::int AS voicemail,
           coalesce(sum(c.duration_sec), 0)::int AS total_duration_sec,
           avg(c.duration_sec)::float8 AS avg_duration_sec,
           min(c.duration_sec)::int AS min_duration_sec,
           max(c.duration_sec)::int AS max_duration_sec,
           ${CALL.answerRate(`count(*) FILTER (WHERE c.call_result = 'answered')`, 'count(c.call_result)')} AS answer_rate,
           (count(*) FILTER (WHERE c.is_recorded))::int AS recorded_calls,
           ${CALL.recordingRate('count(*) FILTER (WHERE c.is_recorded)', 'count(*)')} AS recording_rate,
           coalesce(max(adv.deals), 0)::int AS deals_advanced,
           (count(*) FILTER (WHERE c.followup))::int AS followups_scheduled
      FROM calls c
      LEFT JOIN advanced adv
        ON adv.workspace_id = c.workspace_id AND adv.user_id IS NOT DISTINCT FROM c.user_id AND adv.date = c.date
     GROUP BY c.workspace_id, c.user_id, c.date`,
  inScope: dateInScope('date'),
};

export const callMetrics: MetricEtl = {
  name: 'call',
  table: 'call_metrics',
  grain: 'day',
  // Calls created or edited since (a result or recording logged later re-computes the call's
  // day; updated_at is kept by trigger), and stage moves since (deals_advanced).
  touched: `
    SELECT a.workspace_id, ${utcDay('a.occurred_at')} AS day FROM activities a
     WHERE a.type = 'call' AND a.occurred_at IS NOT NULL AND a.updated_at >= :since
    UNION
    SELECT h.workspace_id, ${utcDay('h.moved_at')} FROM deal_stage_history h WHERE h.updated_at >= :since`,
  statements: (scope) => [upsertStatement(spec, scope)],
  floors: (scope) => [selectStatement(spec, scope)],
};
