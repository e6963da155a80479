/**
 * The analytics dashboard's numbers, read from the metric tables only (the ETL has already
 * aggregated the big tables; the few small tables joined here give names and quotas). Every
 * section is read under the actor's policy for its table (dashboard-scope.ts) and the filters
 * (dashboard-filters.ts); a section the actor may not read says why instead of showing zeros.
 *
 * Sums over days re-derive their rates from the summed counts with the ETL's own formulas
 * (formulas.ts): an average of daily rates would weigh a quiet day like a busy one.
 */
import { QueryTypes, type Sequelize } from 'sequelize';
import { sequelize as appSequelize } from '../../db.js';
import type { Actor } from '../permissions/actor.js';
import { type DashboardFilters } from './dashboard-filters.js';
import { checkFilterReach, filterOptions, metricReach, type FilterOptions, type Reach } from './dashboard-scope.js';
import { CALL, CONTACT, DOCUMENT, EMAIL, PIPELINE } from './formulas.js';

/** Months of forecast shown after the range: the forecast is about what is ahead. */
export const FORECAST_MONTHS = 3;

export type Section<T> = ({ available: true } & T) | { available: false; reason: string };
type Row = Record<string, unknown>;

export interface DashboardData {
  filters: DashboardFilters;
  /** The unit the time series are bucketed by (day for short ranges, week, month for long ones). */
  bucket: 'day' | 'week' | 'month';
  currency: string;
  options: Omit<FilterOptions, 'scope'>;
  scope: FilterOptions['scope'];
  pipeline: Section<{
    totals: { deals: number; value: number; weighted: number; won: number; lost: number; wonValue: number; winRate: number | null; cycleDays: number | null };
    stages: { pipelineId: string; pipeline: string; stageId: string; stage: string; order: number; deals: number; value: number; weighted: number }[];
    months: { month: string; won: number; lost: number; winRate: number | null; cycleDays: number | null }[];
  }>;
  email: Section<{
    totals: EmailRates;
    series: ({ bucket: string } & EmailRates)[];
    byCampaign: ({ id: string | null; name: string } & EmailRates)[];
    byRep: ({ id: string | null; name: string } & EmailRates)[];
    campaignSeries: ({ bucket: string; id: string | null } & EmailRates)[];
    repSeries: ({ bucket: string; id: string | null } & EmailRates)[];
  }>;
  activity: Section<{
    totals: { activities: number; completed: number; calls: number; answered: number; answerRate: number | null; days: number };
    days: { day: string; userId: string | null; activities: number; calls: number }[];
    reps: { id: string | null; name: string; activities: number; calls: number; answered: number; answerRate: number | null }[];
    /** Why calls (or activities) are missing when only one of the two tables is readable. */
    note: string | null;
  }>;
  leads: Section<{
    totals: { contacts: number; qualified: number; converted: number; conversionRate: number | null };
    sources: { source: string; contacts: number; qualified: number; converted: number; conversionRate: number | null }[];
  }>;
  documents: Section<{
    totals: { sent: number; signed: number; completionRate: number | null; signHours: number | null };
    months: { month: string; sent: number; signed: number; signHours: number | null }[];
    types: { type: string; sent: number; signed: number; signHours: number | null }[];
  }>;
  revenue: Section<{
    totals: { revenue: number; quota: number | null; attainment: number | null; forecast: number; deals: number };
    months: { month: string; ahead: boolean; revenue: number; quota: number | null; forecast: number; pipeline: number }[];
    quotaNote: string | null;
  }>;
}

export interface EmailRates {
  sent: number; delivered: number; opens: number; clicks: number; bounced: number;
  openRate: number | null; clickRate: number | null; bounceRate: number | null;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function bucketFor(filters: DashboardFilters): DashboardData['bucket'] {
  const days = (Date.parse(filters.to) - Date.parse(filters.from)) / 86_400_000 + 1;
  return days <= 62 ? 'day' : days <= 370 ? 'week' : 'month';
}

/** Reads one section when its table is readable, else passes the reason on. */
async function section<T>(reach: Reach, read: (where: string) => Promise<T>): Promise<Section<T>> {
  if (!reach.ok) return { available: false, reason: reach.reason };
  return { available: true, ...(await read(reach.where)) };
}

/** Names of users and campaigns for the ids a section returned (small lookups by key). */
async function names(db: Sequelize, table: 'users' | 'email_campaigns', ids: (string | null)[], workspaceId: string): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const label = table === 'users' ? `btrim(t.first_name || ' ' || coalesce(t.last_name, ''))` : 't.name';
  const rows = await db.query<{ id: string; name: string }>(
    `SELECT t.id, ${label} AS name FROM ${table} t WHERE t.workspace_id = :workspaceId AND t.id IN (:wanted)`,
    { type: QueryTypes.SELECT, replacements: { workspaceId, wanted } },
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function loadDashboard(actor: Actor, filters: DashboardFilters, db: Sequelize = appSequelize): Promise<DashboardData> {
  const options = await filterOptions(db, actor);
  checkFilterReach(filters, options);
  const bucket = bucketFor(filters);
  const replacements = { workspaceId: actor.workspaceId, from: filters.from, to: filters.to, ownerId: filters.ownerId, teamId: filters.teamId, bucket };
  const select = <T extends object = Row>(sql: string) => db.query<T>(sql, { type: QueryTypes.SELECT, replacements });
  const reach = (table: string, label: string, alias = 'm') => metricReach(actor, table, filters, label, alias);
  const userNames = (ids: (string | null)[]) => names(db, 'users', ids, actor.workspaceId);
  const nameOf = (map: Map<string, string>, id: string | null, none: string) => (id ? map.get(id) ?? 'Unknown' : none);

  const [{ currency }] = await select<{ currency: string }>(
    `SELECT coalesce(settings->>'currency', 'USD') AS currency FROM workspaces WHERE id = :workspaceId`,
  );

  // ---- pipeline funnel, win rate, cycle time (pipeline_metrics, daily rows of the range) ----
  const pipeline = await section(reach('pipeline_metrics', 'pipeline metrics'), async (where) => {
    const inRange = `m.period_type = 'daily' AND m.metric_date BETWEEN :from AND :to AND ${where}`;
    // Workspace-level rows (no pipeline, no stage) count every deal once, pipeline-less ones too.
    const wonOf = 'coalesce(sum(m.deals_won), 0)';
    const lostOf = 'coalesce(sum(m.deals_lost), 0)';
    // A daily average times its count of won deals is that day's sum: the weighted mean is exact.
    const cycle = 'sum(m.avg_duration_days * m.deals_won) / nullif(sum(m.deals_won) FILTER (WHERE m.avg_duration_days IS NOT NULL), 0)';
    const [t] = await select(
      `SELECT coalesce(sum(m.deals_created), 0)::int AS deals, coalesce(sum(m.total_value), 0)::float8 AS value,
              coalesce(sum(m.weighted_pipeline_value), 0)::float8 AS weighted, ${wonOf}::int AS won, ${lostOf}::int AS lost,
              coalesce(sum(m.won_value), 0)::float8 AS won_value, ${PIPELINE.winRate(wonOf, lostOf)}::float8 AS win_rate,
              (${cycle})::float8 AS cycle_days
         FROM pipeline_metrics m WHERE m.pipeline_id IS NULL AND m.stage_id IS NULL AND ${inRange}`,
    );
    const stages = await select(
      `SELECT p.id AS pipeline_id, p.name AS pipeline, st.id AS stage_id, st.name AS stage, st.order_index,
              coalesce(sum(m.deals_created), 0)::int AS deals, coalesce(sum(m.total_value), 0)::float8 AS value,
              coalesce(sum(m.weighted_pipeline_value), 0)::float8 AS weighted
         FROM pipeline_stages st JOIN pipelines p ON p.id = st.pipeline_id
         LEFT JOIN pipeline_metrics m ON m.stage_id = st.id AND ${inRange}
        WHERE st.workspace_id = :workspaceId
        GROUP BY p.id, p.name, st.id, st.name, st.order_index
        ORDER BY p.name, p.id, st.order_index`,
    );
    const months = await select(
      `SELECT date_trunc('month', m.metric_date)::date::text AS month, ${wonOf}::int AS won, ${lostOf}::int AS lost,
              ${PIPELINE.winRate(wonOf, lostOf)}::float8 AS win_rate, (${cycle})::float8 AS cycle_days
         FROM pipeline_metrics m WHERE m.pipeline_id IS NULL AND m.stage_id IS NULL AND ${inRange}
        GROUP BY 1 ORDER BY 1`,
    );
    // A pipeline none of whose stages saw a deal in the range is left out (an empty funnel says nothing).
    const busy = new Set(stages.filter((s) => num(s.deals) > 0).map((s) => s.pipeline_id));
    return {
      totals: {
        deals: num(t!.deals), value: num(t!.value), weighted: num(t!.weighted), won: num(t!.won), lost: num(t!.lost),
        wonValue: num(t!.won_value), winRate: numOrNull(t!.win_rate), cycleDays: numOrNull(t!.cycle_days),
      },
      stages: stages.filter((s) => busy.has(s.pipeline_id)).map((s) => ({
        pipelineId: String(s.pipeline_id), pipeline: String(s.pipeline), stageId: String(s.stage_id), stage: String(s.stage),
        order: num(s.order_index), deals: num(s.deals), value: num(s.value), weighted: num(s.weighted),
      })),
      months: months.map((m) => ({
        month: String(m.month), won: num(m.won), lost: num(m.lost), winRate: numOrNull(m.win_rate), cycleDays: numOrNull(m.cycle_days),
      })),
    };
  });

  // ---- e-mail rates over time, per campaign and per rep (email_metrics) ----
  const email = await section(reach('email_metrics', 'e-mail metrics'), async (where) => {
    const sent = 'coalesce(sum(x.sent), 0)';
    const bounced = 'coalesce(sum(x.bounced), 0)';
    const delivered = EMAIL.delivered(sent, bounced);
    const rows = await select(
      `SELECT x.bucket::text AS bucket, x.campaign_id, x.user_id, GROUPING(x.bucket) AS g_bucket,
              GROUPING(x.campaign_id) AS g_campaign, GROUPING(x.user_id) AS g_user,
              ${sent}::int AS sent, (${delivered})::int AS delivered, coalesce(sum(x.unique_opens), 0)::int AS opens,
              coalesce(sum(x.unique_clicks), 0)::int AS clicks, ${bounced}::int AS bounced,
              ${EMAIL.openRate('coalesce(sum(x.unique_opens), 0)', delivered)}::float8 AS open_rate,
              ${EMAIL.clickRate('coalesce(sum(x.unique_clicks), 0)', delivered)}::float8 AS click_rate,
              ${EMAIL.bounceRate(bounced, sent)}::float8 AS bounce_rate
         FROM (SELECT date_trunc(:bucket, m.date)::date AS bucket, m.* FROM email_metrics m
                WHERE m.date BETWEEN :from AND :to AND ${where}) x
        GROUP BY GROUPING SETS ((), (x.bucket), (x.campaign_id), (x.user_id), (x.bucket, x.campaign_id), (x.bucket, x.user_id))
        ORDER BY 1 NULLS FIRST`,
    );
    const rates = (r: Row): EmailRates => ({
      sent: num(r.sent), delivered: num(r.delivered), opens: num(r.opens), clicks: num(r.clicks), bounced: num(r.bounced),
      openRate: numOrNull(r.open_rate), clickRate: numOrNull(r.click_rate), bounceRate: numOrNull(r.bounce_rate),
    });
    const is = (r: Row, bucketed: boolean, by: 'campaign' | 'user' | null) =>
      Number(r.g_bucket) === (bucketed ? 0 : 1) && Number(r.g_campaign) === (by === 'campaign' ? 0 : 1) && Number(r.g_user) === (by === 'user' ? 0 : 1);
    const campaigns = await names(db, 'email_campaigns', rows.map((r) => r.campaign_id as string | null), actor.workspaceId);
    const users = await userNames(rows.map((r) => r.user_id as string | null));
    const bySent = (a: EmailRates, b: EmailRates) => b.sent - a.sent;
    const total = rows.find((r) => is(r, false, null));
    return {
      totals: total ? rates(total) : rates({}),
      series: rows.filter((r) => is(r, true, null)).map((r) => ({ bucket: String(r.bucket), ...rates(r) })),
      byCampaign: rows.filter((r) => is(r, false, 'campaign')).map((r) => ({
        id: r.campaign_id as string | null, name: nameOf(campaigns, r.campaign_id as string | null, 'No campaign (one-off and sequence e-mails)'), ...rates(r),
      })).sort(bySent),
      byRep: rows.filter((r) => is(r, false, 'user')).map((r) => ({
        id: r.user_id as string | null, name: nameOf(users, r.user_id as string | null, 'No sender'), ...rates(r),
      })).sort(bySent),
      campaignSeries: rows.filter((r) => is(r, true, 'campaign')).map((r) => ({ bucket: String(r.bucket), id: r.campaign_id as string | null, ...rates(r) })),
      repSeries: rows.filter((r) => is(r, true, 'user')).map((r) => ({ bucket: String(r.bucket), id: r.user_id as string | null, ...rates(r) })),
    };
  });

  // ---- activities and calls per rep per day, answer rate (activity_metrics, call_metrics) ----
  const activityReach = reach('activity_metrics', 'activity metrics');
  const callReach = reach('call_metrics', 'call metrics');
  const activity = await section(activityReach.ok ? activityReach : callReach, async () => {
    const perDay = new Map<string, { day: string; userId: string | null; activities: number; calls: number }>();
    const perRep = new Map<string | null, { activities: number; calls: number; answered: number }>();
    const rep = (id: string | null) => perRep.get(id) ?? perRep.set(id, { activities: 0, calls: 0, answered: 0 }).get(id)!;
    const day = (d: string, id: string | null) => perDay.get(`${d}|${id}`) ?? perDay.set(`${d}|${id}`, { day: d, userId: id, activities: 0, calls: 0 }).get(`${d}|${id}`)!;
    let completed = 0;
    if (activityReach.ok) {
      const rows = await select(
        `SELECT m.date::text AS day, m.user_id, sum(m.total_count)::int AS activities, sum(m.completed_count)::int AS completed
           FROM activity_metrics m WHERE m.date BETWEEN :from AND :to AND ${activityReach.where}
          GROUP BY m.date, m.user_id`,
      );
      for (const r of rows) {
        const id = r.user_id as string | null;
        day(String(r.day), id).activities += num(r.activities);
        rep(id).activities += num(r.activities);
        completed += num(r.completed);
      }
    }
    // Per rep and day, per rep, and overall; the answer rate by the ETL's rule (answered over
    // calls with a logged result) from the summed counts.
    const callRate = new Map<string, number | null>();
    const rateKey = (id: string | null | undefined) => (id === undefined ? '*' : `${id}`);
    if (callReach.ok) {
      const answered = 'sum(m.answered)';
      const withResult = 'sum(m.answered + m.missed + m.voicemail)';
      const rows = await select(
        `SELECT m.date::text AS day, m.user_id, GROUPING(m.date) AS g_day, GROUPING(m.user_id) AS g_user,
                sum(m.total_calls)::int AS calls, ${answered}::int AS answered, ${CALL.answerRate(answered, withResult)}::float8 AS rate
           FROM call_metrics m WHERE m.date BETWEEN :from AND :to AND ${callReach.where}
          GROUP BY GROUPING SETS ((m.date, m.user_id), (m.user_id), ())`,
      );
      for (const r of rows) {
        const id = r.user_id as string | null;
        if (Number(r.g_day) === 0) {
          day(String(r.day), id).calls += num(r.calls);
        } else if (Number(r.g_user) === 0) {
          const agg = rep(id);
          agg.calls += num(r.calls);
          agg.answered += num(r.answered);
          callRate.set(rateKey(id), numOrNull(r.rate));
        } else {
          callRate.set(rateKey(undefined), numOrNull(r.rate));
        }
      }
    }
    const users = await userNames([...perRep.keys()]);
    const reps = [];
    for (const [id, agg] of perRep) {
      reps.push({ id, name: nameOf(users, id, 'Unassigned'), activities: agg.activities, calls: agg.calls, answered: agg.answered,
        answerRate: callRate.get(rateKey(id)) ?? null });
    }
    reps.sort((a, b) => b.activities + b.calls - (a.activities + a.calls) || a.name.localeCompare(b.name));
    const sum = (k: 'activities' | 'calls' | 'answered') => [...perRep.values()].reduce((s, a) => s + a[k], 0);
    const days = (Date.parse(filters.to) - Date.parse(filters.from)) / 86_400_000 + 1;
    return {
      totals: { activities: sum('activities'), completed, calls: sum('calls'), answered: sum('answered'),
        answerRate: callRate.get(rateKey(undefined)) ?? null, days },
      days: [...perDay.values()].sort((a, b) => a.day.localeCompare(b.day)),
      reps,
      note: !activityReach.ok ? activityReach.reason : !callReach.ok ? callReach.reason : null,
    };
  });

  // ---- lead sources and their conversion (contact_metrics: cohorts created in the range) ----
  const leads = await section(reach('contact_metrics', 'contact metrics'), async (where) => {
    const converted = 'coalesce(sum(m.converted_contacts), 0)';
    const total = 'coalesce(sum(m.total_contacts), 0)';
    const rows = await select(
      `SELECT coalesce(m.source, '') AS source, GROUPING(m.source) AS g, ${total}::int AS contacts,
              coalesce(sum(m.qualified_contacts), 0)::int AS qualified, ${converted}::int AS converted,
              ${CONTACT.conversionRate(converted, total)}::float8 AS rate
         FROM contact_metrics m WHERE m.date BETWEEN :from AND :to AND ${where}
        GROUP BY GROUPING SETS ((), (m.source))`,
    );
    const shape = (r: Row | undefined) => ({
      contacts: num(r?.contacts), qualified: num(r?.qualified), converted: num(r?.converted), conversionRate: numOrNull(r?.rate),
    });
    return {
      totals: shape(rows.find((r) => Number(r.g) === 1)),
      sources: rows.filter((r) => Number(r.g) === 0)
        .map((r) => ({ source: String(r.source) || 'Unknown', ...shape(r) }))
        .sort((a, b) => b.contacts - a.contacts),
    };
  });

  // ---- document signing (document_metrics: cohorts created in the range) ----
  const documents = await section(reach('document_metrics', 'document metrics'), async (where) => {
    const sent = 'coalesce(sum(m.sent_documents), 0)';
    const signed = 'coalesce(sum(m.signed_documents), 0)';
    // Each row's average weighted by its signed documents: the mean signing time of the range.
    const hours = 'sum(m.avg_time_to_sign_hours * m.signed_documents) / nullif(sum(m.signed_documents) FILTER (WHERE m.avg_time_to_sign_hours IS NOT NULL), 0)';
    const rows = await select(
      `SELECT date_trunc('month', m.date)::date::text AS month, coalesce(m.document_type, '') AS type,
              GROUPING(date_trunc('month', m.date)) AS g_month, GROUPING(m.document_type) AS g_type,
              ${sent}::int AS sent, ${signed}::int AS signed, ${DOCUMENT.completionRate(signed, sent)}::float8 AS rate, (${hours})::float8 AS hours
         FROM document_metrics m WHERE m.date BETWEEN :from AND :to AND ${where}
        GROUP BY GROUPING SETS ((), (date_trunc('month', m.date)), (m.document_type))
        ORDER BY 1`,
    );
    const total = rows.find((r) => Number(r.g_month) === 1 && Number(r.g_type) === 1);
    return {
      totals: { sent: num(total?.sent), signed: num(total?.signed), completionRate: numOrNull(total?.rate), signHours: numOrNull(total?.hours) },
      months: rows.filter((r) => Number(r.g_month) === 0).map((r) => ({ month: String(r.month), sent: num(r.sent), signed: num(r.signed), signHours: numOrNull(r.hours) })),
      types: rows.filter((r) => Number(r.g_type) === 0).map((r) => ({ type: String(r.type) || 'Other', sent: num(r.sent), signed: num(r.signed), signHours: numOrNull(r.hours) })),
    };
  });

  // ---- revenue per month against quota, with the forecast (revenue_metrics, sales_quotas) ----
  const quotaReach = reach('sales_quotas', 'quotas', 'q');
  const revenue = await section(reach('revenue_metrics', 'revenue metrics'), async (where) => {
    // A quota's revenue target spread evenly over the calendar months it spans.
    const spanned = `((date_part('year', q.end_date) - date_part('year', q.start_date)) * 12 + date_part('month', q.end_date) - date_part('month', q.start_date) + 1)::int`;
    const rows = await select(
      `WITH months AS (
         SELECT g::date AS month FROM generate_series(date_trunc('month', :from::date),
                date_trunc('month', :to::date) + interval '${FORECAST_MONTHS} months', interval '1 month') g),
       rev AS (
         SELECT make_date(m.year, m.month, 1) AS month, sum(m.total_revenue) AS revenue, sum(m.total_deals) AS deals,
                sum(m.forecasted_revenue) AS forecast, sum(m.pipeline_value) AS pipeline
           FROM revenue_metrics m
          WHERE make_date(m.year, m.month, 1) BETWEEN (SELECT min(month) FROM months) AND (SELECT max(month) FROM months) AND ${where}
          GROUP BY 1),
       quota AS (
         SELECT mo.month, sum(q.revenue_target / ${spanned}) AS quota
           FROM months mo JOIN sales_quotas q ON q.is_active AND q.revenue_target IS NOT NULL
            AND date_trunc('month', q.start_date) <= mo.month AND q.end_date >= mo.month
            AND ${quotaReach.ok ? quotaReach.where : 'FALSE'}
          GROUP BY mo.month)
       SELECT mo.month::text AS month, mo.month > date_trunc('month', :to::date) AS ahead,
              coalesce(r.revenue, 0)::float8 AS revenue, coalesce(r.deals, 0)::int AS deals,
              coalesce(r.forecast, 0)::float8 AS forecast, coalesce(r.pipeline, 0)::float8 AS pipeline,
              round(qu.quota, 2)::float8 AS quota
         FROM months mo LEFT JOIN rev r ON r.month = mo.month LEFT JOIN quota qu ON qu.month = mo.month
        ORDER BY mo.month`,
    );
    const months = rows.map((r) => ({
      month: String(r.month), ahead: r.ahead === true, revenue: num(r.revenue), quota: quotaReach.ok ? numOrNull(r.quota) : null,
      forecast: num(r.forecast), pipeline: num(r.pipeline), deals: num(r.deals),
    }));
    const inRange = months.filter((m) => !m.ahead);
    const revenueTotal = inRange.reduce((s, m) => s + m.revenue, 0);
    const quotaTotal = quotaReach.ok ? inRange.reduce((s, m) => s + (m.quota ?? 0), 0) : null;
    return {
      totals: {
        revenue: revenueTotal,
        quota: quotaTotal,
        attainment: quotaTotal ? Math.round((10_000 * revenueTotal) / quotaTotal) / 100 : null,
        forecast: months.filter((m) => m.ahead).reduce((s, m) => s + m.forecast, 0),
        deals: inRange.reduce((s, m) => s + m.deals, 0),
      },
      months: months.map(({ deals: _d, ...m }) => m),
      quotaNote: quotaReach.ok ? null : quotaReach.reason,
    };
  });

  return {
    filters, bucket, currency,
    options: { owners: options.owners, teams: options.teams },
    scope: options.scope,
    pipeline, email, activity, leads, documents, revenue,
  };
}
