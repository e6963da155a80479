/**
 * S3 lead scoring: the points each lead activity is worth and the interest flag it sets — the
 * one place these live — and the SQL that applies them.
 *
 * Where the rule runs: in PostgreSQL, as statement triggers on `lead_activities` (migration
 * 20261123150200). Every path that records an activity (panel, CSV import, the public form, the
 * e-mail event trigger, a job, psql) goes through an INSERT, so none can forget to score; a
 * statement trigger sums a whole batch per lead in one UPDATE. The migration builds the trigger
 * functions from the table below (`leadScoringSql`) and the nightly recompute calls the same
 * generated function, so the incremental and the full computation cannot disagree on weights.
 *
 * Changing a weight: edit LEAD_ACTIVITY_SCORING, add a migration that runs `leadScoringSql()`
 * again (CREATE OR REPLACE), and the next nightly recompute re-scores every lead with it.
 * test/leads.test.ts checks that the database's `lead_activity_points` equals this table.
 *
 * This module imports nothing: migrations load it.
 */

/** The labels of enum_lead_activities_activity_type (S3). */
export type LeadActivityType =
  | 'page_view' | 'form_submit' | 'email_open' | 'email_click' | 'demo_request'
  | 'pricing_viewed' | 'signup_started' | 'resource_downloaded';

/** The leads columns that say an activity of some type happened at least once. */
export type LeadInterestFlag = 'requested_demo' | 'viewed_pricing' | 'started_signup' | 'downloaded_resource';

/**
 * S3 "update_lead_score()": demo request +50, pricing viewed +20, signup started +30, resource
 * downloaded +15, email opened +5, email clicked +10, page view +1. The seed states no cap and no
 * decay, so the score is the plain sum (leads.lead_score has no 0-100 CHECK). A form submit
 * scores nothing by itself: the demo request it carries scores. A reply to an e-mail is recorded
 * as an email_click (see the migration): the activity enum has no reply label.
 */
export const LEAD_ACTIVITY_SCORING: Record<LeadActivityType, { points: number; flag?: LeadInterestFlag }> = {
  demo_request: { points: 50, flag: 'requested_demo' },
  pricing_viewed: { points: 20, flag: 'viewed_pricing' },
  signup_started: { points: 30, flag: 'started_signup' },
  resource_downloaded: { points: 15, flag: 'downloaded_resource' },
  email_open: { points: 5 },
  email_click: { points: 10 },
  page_view: { points: 1 },
  form_submit: { points: 0 },
};

const TYPES = Object.keys(LEAD_ACTIVITY_SCORING) as LeadActivityType[];
const FLAGS = [...new Set(TYPES.map((t) => LEAD_ACTIVITY_SCORING[t].flag).filter((f): f is LeadInterestFlag => !!f))];
const typesSetting = (flag: LeadInterestFlag) => TYPES.filter((t) => LEAD_ACTIVITY_SCORING[t].flag === flag).map((t) => `'${t}'`).join(', ');

/** Per-lead totals of the activities in `source` (a table or transition table aliased a). */
function totalsSelect(source: string, where = ''): string {
  return `SELECT a.lead_id, sum(lead_activity_points(a.activity_type))::integer AS points,
            ${FLAGS.map((f) => `bool_or(a.activity_type IN (${typesSetting(f)})) AS ${f}`).join(',\n            ')},
            max(a.created_at) AS last_at
       FROM ${source} AS a ${where}
      GROUP BY a.lead_id`;
}

/**
 * Recompute: score = the sum over all the lead's activities; a flag stays set once set (the
 * panel and the form may set one without an activity, e.g. requested_sales_contact); last
 * activity never moves back. Rows whose values would not change are not rewritten (no dead
 * tuple, no updated_at change). `filter` restricts the leads (NULL-free SQL on l.id).
 */
function recomputeStatement(filter: string): string {
  // Read from l (the row as locked), not x (the join's copy): a concurrent change is kept.
  const target = (x: string) =>
    `coalesce(t.points, 0), ${FLAGS.map((f) => `${x}.${f} OR coalesce(t.${f}, false)`).join(', ')}, greatest(${x}.last_activity_at, t.last_at)`;
  return `WITH totals AS (${totalsSelect('lead_activities', `WHERE ${filter.replace(/l\.id/g, 'a.lead_id')}`)}),
    changed AS (
      UPDATE leads AS l
         SET (lead_score, ${FLAGS.join(', ')}, last_activity_at) = (${target('l')})
        FROM leads AS x LEFT JOIN totals AS t ON t.lead_id = x.id
       WHERE l.id = x.id AND ${filter.replace(/l\.id/g, 'x.id')}
         AND (l.lead_score, ${FLAGS.map((f) => `l.${f}`).join(', ')}, l.last_activity_at) IS DISTINCT FROM (${target('l')})
      RETURNING 1)
    SELECT count(*)::integer FROM changed`;
}

/**
 * DDL (CREATE OR REPLACE, so a later migration re-runs it after a weight change):
 * - lead_activity_points(type): the weights as an immutable, inlinable SQL function;
 * - recompute_lead_scores(ids): the full computation for some leads, or all when ids is NULL,
 *   in one statement; returns how many leads changed;
 * - lead_activities_score_inserted(): the incremental rule (AFTER INSERT, per statement);
 * - lead_activities_score_changed(): deleted or edited activities re-score their leads fully.
 */
export function leadScoringSql(): string {
  return `
    CREATE OR REPLACE FUNCTION lead_activity_points(t enum_lead_activities_activity_type)
    RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT CASE t ${TYPES.map((t) => `WHEN '${t}' THEN ${LEAD_ACTIVITY_SCORING[t].points}`).join(' ')} ELSE 0 END
    $$;

    CREATE OR REPLACE FUNCTION recompute_lead_scores(only_leads uuid[] DEFAULT NULL)
    RETURNS integer LANGUAGE plpgsql AS $$
    DECLARE n integer;
    BEGIN
      -- Two statements, not one with "only_leads IS NULL OR ...": each gets its own plan (a
      -- hash join over everything at night, index lookups for a few leads).
      IF only_leads IS NULL THEN
        ${recomputeStatement('true')} INTO n;
      ELSE
        ${recomputeStatement('l.id = ANY (only_leads)')} INTO n;
      END IF;
      RETURN n;
    END $$;

    CREATE OR REPLACE FUNCTION lead_activities_score_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE leads AS l
         SET lead_score = l.lead_score + t.points,
             ${FLAGS.map((f) => `${f} = l.${f} OR t.${f}`).join(',\n             ')},
             last_activity_at = greatest(l.last_activity_at, t.last_at)
        FROM (${totalsSelect('inserted_activities')}) AS t
       WHERE l.id = t.lead_id;
      RETURN NULL;
    END $$;

    CREATE OR REPLACE FUNCTION lead_activities_score_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        PERFORM recompute_lead_scores(ARRAY(SELECT DISTINCT lead_id FROM old_activities));
      ELSE
        PERFORM recompute_lead_scores(ARRAY(SELECT lead_id FROM old_activities UNION SELECT lead_id FROM new_activities));
      END IF;
      RETURN NULL;
    END $$;
  `;
}
