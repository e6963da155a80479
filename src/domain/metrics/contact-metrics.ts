/**
 * contact_metrics: one row per (workspace, source, current status, owner, UTC day the contact was
 * created): each row is a cohort of contacts that arrived the same day from the same source, as
 * they stand now. Cohorts (not running totals) keep a period's row a function of that period's
 * contacts only, so an incremental run recomputes just the cohorts that changed.
 *
 *   total_contacts      contacts of the cohort
 *   new_contacts        of them, still at status 'new' (not yet worked)
 *   qualified_contacts  of them, qualified or further (qualified, opportunity, customer)
 *   converted_contacts  of them, customers or with a won deal
 *   conversion_rate     converted / total
 *   avg_time_to_convert_days  contact created -> first won deal's close (converted with a won deal)
 *   avg_deal_value      average value of the cohort's won deals (actual value when recorded)
 *   avg_lead_score      over scored contacts; high_score_count: lead_score > 70 (S2)
 */
import { CONTACT, daysBetween, utcDay } from './formulas.js';
import { dateInScope, inBounds, selectStatement, upsertStatement, type UpsertSpec } from './statement.js';
import type { MetricEtl } from './types.js';

const spec: UpsertSpec = {
  table: 'contact_metrics',
  constraint: 'contact_metrics_dimensions_key',
  dimensions: ['workspace_id', 'source', 'status', 'owner_id', 'date'],
  measures: ['total_contacts', 'new_contacts', 'qualified_contacts', 'converted_contacts', 'conversion_rate',
    'avg_time_to_convert_days', 'avg_deal_value', 'avg_lead_score', 'high_score_count'],
  // The scope's days of a workspace as one multirange: an incremental run may touch a hundred
  // scattered cohort days (a deal won today converts a contact of any day), and a join on the
  // ranges themselves tests every contact against every range (100k x 82: 1.9 s of 3.3 s).
  ctes: `
    periods AS (
      SELECT workspace_id, range_agg(tstzrange(lo_ts, hi_ts)) AS days FROM scope GROUP BY workspace_id
    ),
    cohort AS MATERIALIZED (
      SELECT c.id, c.workspace_id, c.source::text AS source, c.status::text AS status, c.owner_id,
             ${utcDay('c.created_at')} AS date, c.created_at, c.lead_score
        FROM periods s JOIN contacts c ON c.workspace_id = s.workspace_id AND s.days @> c.created_at
       WHERE ${inBounds('c.created_at')}
    ),
    won AS (
      SELECT d.contact_id, min(d.actual_close_date) AS first_won_on,
             avg(coalesce(d.actual_value, d.value)) AS avg_value, count(*) AS won_deals
        FROM cohort JOIN deals d ON d.contact_id = cohort.id AND d.status = 'won'
       GROUP BY d.contact_id
    )`,
  select: `
    SELECT c.workspace_id, c.source, c.status, c.owner_id, c.date,
           count(*)::int AS total_contacts,
           (count(*) FILTER (WHERE c.status = 'new'))::int AS new_contacts,
           (count(*) FILTER (WHERE c.status IN ('qualified', 'opportunity', 'customer')))::int AS qualified_contacts,
           (count(*) FILTER (WHERE c.status = 'customer' OR won.contact_id IS NOT NULL))::int AS converted_contacts,
           ${CONTACT.conversionRate(`count(*) FILTER (WHERE c.status = 'customer' OR won.contact_id IS NOT NULL)`, 'count(*)')}
             AS conversion_rate,
           avg(${daysBetween('c.created_at', `(won.first_won_on::timestamp AT TIME ZONE 'UTC')`)})::float8
             AS avg_time_to_convert_days,
           round((sum(won.avg_value * won.won_deals) / nullif(sum(won.won_deals), 0))::numeric, 2) AS avg_deal_value,
           avg(c.lead_score)::float8 AS avg_lead_score,
           (count(*) FILTER (WHERE c.lead_score > ${CONTACT.highScoreThreshold}))::int AS high_score_count
      FROM cohort c LEFT JOIN won ON won.contact_id = c.id
     GROUP BY c.workspace_id, c.source, c.status, c.owner_id, c.date`,
  inScope: dateInScope('date'),
};

export const contactMetrics: MetricEtl = {
  name: 'contact',
  table: 'contact_metrics',
  grain: 'day',
  // Contacts created or edited since, and contacts whose deals changed since (a deal won
  // converts its contact's cohort).
  touched: `
    SELECT c.workspace_id, ${utcDay('c.created_at')} AS day FROM contacts c WHERE c.updated_at >= :since
    UNION
    SELECT c.workspace_id, ${utcDay('c.created_at')} FROM deals d JOIN contacts c ON c.id = d.contact_id
     WHERE d.updated_at >= :since`,
  statements: (scope) => [upsertStatement(spec, scope)],
  floors: (scope) => [selectStatement(spec, scope)],
};
