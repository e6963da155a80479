/**
 * Every metric formula, written once. Each function returns a SQL expression over aggregated
 * values, so the daily statements and the roll-ups compute a rate the same way.
 *
 * Conventions (decisions; the seeds give Float only):
 * - Periods are UTC calendar days, ISO weeks starting Monday, calendar months and quarters. A
 *   workspace has no time zone of its own, and a per-user zone would split one team's day.
 * - Rates are percentages as NUMERIC(5,2): 100 x numerator / denominator, rounded half away from
 *   zero to 2 decimals (PostgreSQL numeric round), NULL when the denominator is 0 or NULL
 *   ("0 % open rate" would be a false statement when nothing was delivered). A rate whose
 *   numerator can, in odd data, exceed its denominator (an open on an email that also bounced)
 *   is capped at 100 so the column's CHECK holds.
 * - Growth rates are percent change against the previous period, NUMERIC(10,2), may be negative,
 *   NULL when the previous period was 0 (growth from nothing is undefined, not infinite).
 * - Averages, minimums, maximums and medians are NULL over an empty set (SQL does that already).
 */

/** The UTC calendar day of a timestamptz. */
export const utcDay = (ts: string): string => `((${ts}) AT TIME ZONE 'UTC')::date`;

/** The instant a UTC calendar day starts (for index-friendly range predicates on timestamptz). */
export const utcStart = (date: string): string => `((${date})::timestamp AT TIME ZONE 'UTC')`;

/** A percentage of num over den, NUMERIC(5,2), NULL for an empty denominator, capped at 100. */
export const ratePct = (num: string, den: string): string =>
  `(CASE WHEN (${den}) > 0 THEN round(least(100.0, 100.0 * (${num}) / (${den}))::numeric, 2) END)`;

/** Percent change of cur against prev, NUMERIC(10,2); NULL when prev is 0 or unknown. */
export const growthPct = (cur: string, prev: string): string =>
  `(CASE WHEN (${prev}) <> 0 THEN round((100.0 * ((${cur}) - (${prev})) / (${prev}))::numeric, 2) END)`;

/** Money average: NUMERIC(15,2), NULL when there is nothing to average. */
export const moneyAvg = (sum: string, count: string): string =>
  `(CASE WHEN (${count}) > 0 THEN round((${sum})::numeric / (${count}), 2) END)`;

/** Hours and days between two timestamptz, as double precision. */
export const hoursBetween = (from: string, to: string): string => `(extract(epoch FROM (${to}) - (${from})) / 3600.0)::float8`;
export const daysBetween = (from: string, to: string): string => `(extract(epoch FROM (${to}) - (${from})) / 86400.0)::float8`;

/** Continuous median (interpolated between the two middle values). */
export const median = (expr: string): string => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${expr})`;

/** email_metrics (counts per email; see email-metrics.ts for what each count is). */
export const EMAIL = {
  /** SMTP gives no delivery receipt: delivered = sent minus bounced (delivered_at is not used). */
  delivered: (sent: string, bounced: string) => `(${sent}) - (${bounced})`,
  openRate: (uniqueOpens: string, delivered: string) => ratePct(uniqueOpens, delivered),
  clickRate: (uniqueClicks: string, delivered: string) => ratePct(uniqueClicks, delivered),
  bounceRate: (bounced: string, sent: string) => ratePct(bounced, sent),
  clickToOpenRate: (uniqueClicks: string, uniqueOpens: string) => ratePct(uniqueClicks, uniqueOpens),
};

/** call_metrics. */
export const CALL = {
  /** Answered over calls whose result was logged (a call without a result says nothing). */
  answerRate: (answered: string, withResult: string) => ratePct(answered, withResult),
  recordingRate: (recorded: string, total: string) => ratePct(recorded, total),
};

/** activity_metrics. */
export const ACTIVITY = {
  /** Completed over activities that were not cancelled (a cancelled one cannot be completed). */
  completionRate: (completed: string, total: string, cancelled: string) => ratePct(completed, `(${total}) - (${cancelled})`),
};

/** contact_metrics. */
export const CONTACT = {
  conversionRate: (converted: string, total: string) => ratePct(converted, total),
  /** S2: a "high score" lead scores above 70. */
  highScoreThreshold: 70,
};

/** document_metrics. */
export const DOCUMENT = {
  /** Signed over sent (a draft was never asked to be signed). */
  completionRate: (signed: string, sent: string) => ratePct(signed, sent),
};

/** pipeline_metrics. */
export const PIPELINE = {
  /** Won over decided (won + lost) deals closed in the period. */
  winRate: (won: string, lost: string) => ratePct(won, `(${won}) + (${lost})`),
  /** Cohort conversion: of the deals created in the period, the share won so far. */
  conversionRate: (cohortWon: string, created: string) => ratePct(cohortWon, created),
};

/** revenue_metrics and quotas. */
export const REVENUE = {
  /** A won deal's revenue: its actual value when recorded, else its value. */
  dealRevenue: (alias: string) => `coalesce(${alias}.actual_value, ${alias}.value)`,
  /** Forecast = weighted pipeline: sum of value x probability of open deals expected in the month. */
  forecast: (weightedValueSum: string) => `coalesce(${weightedValueSum}, 0)`,
  /** Quota attainment: revenue won over the quota's revenue target, percent (may exceed 100). */
  quotaAttainment: (revenue: string, target: string) =>
    `(CASE WHEN (${target}) > 0 THEN round((100.0 * (${revenue}) / (${target}))::numeric, 2) END)`,
};

/** deals: the day a closed deal closed (actual_close_date, else the day it entered its closing stage). */
export const dealClosedOn = (d: string): string =>
  `coalesce(${d}.actual_close_date, ${utcDay(`${d}.stage_entered_at`)}, ${utcDay(`${d}.updated_at`)})`;
