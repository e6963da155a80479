/**
 * activity_metrics: one row per (workspace, owner, activity type, UTC day), over every activity
 * type (calls included: call_metrics looks at calls in more detail). An activity belongs to the
 * day it is due, else the day it took place, else the day it was logged: the day a manager asks
 * "what was on the plate that day, and how much got done?".
 *
 *   total_count     activities of the day; completed / overdue / pending / cancelled by the
 *                   stored status (not by comparing due_at with now(): that would change the
 *                   numbers between two runs over the same data)
 *   completion_rate completed / (total - cancelled)
 *   avg_completion_time_hours  created_at -> completed_at of completed activities
 *   avg_duration_minutes       over activities with a duration
 */
import { ACTIVITY, hoursBetween, utcDay } from './formulas.js';
import { dateInScope, selectStatement, upsertStatement, type UpsertSpec } from './statement.js';
import type { MetricEtl } from './types.js';

/** The activity's day, as a timestamptz (the range predicate) and as a date. */
const activityInstant = 'coalesce(a.due_at, a.occurred_at, a.created_at)';

const spec: UpsertSpec = {
  table: 'activity_metrics',
  constraint: 'activity_metrics_dimensions_key',
  dimensions: ['workspace_id', 'user_id', 'activity_type', 'date'],
  measures: ['total_count', 'completed_count', 'overdue_count', 'pending_count', 'cancelled_count',
    'completion_rate', 'avg_completion_time_hours', 'avg_duration_minutes'],
  ctes: `
    acts AS (
      SELECT a.workspace_id, a.owner_id AS user_id, a.type::text AS activity_type, ${utcDay(activityInstant)} AS date,
             a.status, a.created_at, a.completed_at, a.duration_minutes
        FROM scope s JOIN activities a
          ON a.workspace_id = s.workspace_id AND ${activityInstant} >= s.lo_ts AND ${activityInstant} < s.hi_ts
    )`,
  select: `
    SELECT workspace_id, user_id, activity_type, date,
           count(*)::int AS total_count,
           (count(*) FILTER (WHERE status = 'completed'))::int AS completed_count,
           (count(*) FILTER (WHERE status = 'overdue'))::int AS overdue_count,
           (count(*) FILTER (WHERE status = 'pending'))::int AS pending_count,
           (count(*) FILTER (WHERE status = 'cancelled'))::int AS cancelled_count,
           ${ACTIVITY.completionRate(`count(*) FILTER (WHERE status = 'completed')`, 'count(*)', `count(*) FILTER (WHERE status = 'cancelled')`)}
             AS completion_rate,
           (avg(${hoursBetween('created_at', 'completed_at')}) FILTER (WHERE status = 'completed'))::float8
             AS avg_completion_time_hours,
           avg(duration_minutes)::float8 AS avg_duration_minutes
      FROM acts
     GROUP BY workspace_id, user_id, activity_type, date`,
  inScope: dateInScope('date'),
};

export const activityMetrics: MetricEtl = {
  name: 'activity',
  table: 'activity_metrics',
  grain: 'day',
  // Activities created or edited since (updated_at, kept by trigger). An edit that moves an
  // activity to another day re-computes the new day; the old day keeps counting it until a
  // backfill or full run over it (the previous due date is not recorded anywhere).
  touched: `
    SELECT a.workspace_id, ${utcDay(activityInstant)} AS day FROM activities a WHERE a.updated_at >= :since`,
  statements: (scope) => [upsertStatement(spec, scope)],
  floors: (scope) => [selectStatement(spec, scope)],
};
