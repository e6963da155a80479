/**
 * email_metrics: one row per (workspace, campaign, template, sending user, UTC day of sending).
 * NULL campaign / template / user means the emails had none (no roll-up rows are written; the
 * dashboard sums). An email belongs to the day of its `sent_at`; emails never handed to SMTP
 * (drafts, scheduled, failed before sending) are not counted. Its events count in the send's day
 * whenever they arrive, so a late open re-computes the send's day (see `touched`).
 *
 *   sent          emails sent that day
 *   bounced       of them, bounced (bounced_at set, by SMTP or a later bounce report)
 *   delivered     sent - bounced (formulas.ts)
 *   opened        open events (every pixel load), clicked: click events (every click)
 *   unique_opens  emails with an open OR a click event (a click proves the email was opened with
 *                 images blocked; keeps click-to-open <= 100 %)
 *   unique_clicks emails with a click event; unsubscribed: emails with an unsubscribe event
 *   rates         open = unique_opens / delivered, click = unique_clicks / delivered,
 *                 bounce = bounced / sent, click-to-open = unique_clicks / unique_opens
 */
import { EMAIL, utcDay } from './formulas.js';
import { dateInScope, inBounds, selectStatement, upsertStatement, type UpsertSpec } from './statement.js';
import type { MetricEtl } from './types.js';

const spec: UpsertSpec = {
  table: 'email_metrics',
  constraint: 'email_metrics_dimensions_key',
  dimensions: ['workspace_id', 'campaign_id', 'template_id', 'user_id', 'date'],
  measures: ['sent', 'delivered', 'opened', 'clicked', 'bounced', 'unsubscribed', 'unique_opens', 'unique_clicks',
    'open_rate', 'click_rate', 'bounce_rate', 'click_to_open_rate'],
  // Events are driven by the emails of the scope (index email_events (email_id, event_type)), so
  // a one-day recompute reads that day's events, never a hash of every event of the workspace.
  ctes: `
    src AS MATERIALIZED (
      SELECT e.id, e.workspace_id, e.campaign_id, e.template_id, e.owner_id AS user_id,
             ${utcDay('e.sent_at')} AS date, e.bounced_at IS NOT NULL AS bounced
        FROM scope s JOIN emails e
          ON e.workspace_id = s.workspace_id AND e.sent_at >= s.lo_ts AND e.sent_at < s.hi_ts
       WHERE ${inBounds('e.sent_at')}
    ),
    ev AS (
      SELECT ev.email_id,
             count(*) FILTER (WHERE ev.event_type = 'opened') AS opens,
             count(*) FILTER (WHERE ev.event_type = 'clicked') AS clicks,
             bool_or(ev.event_type = 'unsubscribed') AS unsubscribed
        FROM src JOIN email_events ev ON ev.email_id = src.id
       WHERE ev.event_type IN ('opened', 'clicked', 'unsubscribed')
       GROUP BY ev.email_id
    ),
    agg AS (
      SELECT src.workspace_id, src.campaign_id, src.template_id, src.user_id, src.date,
             count(*)::int AS sent,
             (count(*) FILTER (WHERE src.bounced))::int AS bounced,
             coalesce(sum(ev.opens), 0)::int AS opened,
             coalesce(sum(ev.clicks), 0)::int AS clicked,
             (count(*) FILTER (WHERE ev.unsubscribed))::int AS unsubscribed,
             (count(*) FILTER (WHERE ev.opens > 0 OR ev.clicks > 0))::int AS unique_opens,
             (count(*) FILTER (WHERE ev.clicks > 0))::int AS unique_clicks
        FROM src LEFT JOIN ev ON ev.email_id = src.id
       GROUP BY src.workspace_id, src.campaign_id, src.template_id, src.user_id, src.date
    )`,
  select: `
    SELECT workspace_id, campaign_id, template_id, user_id, date,
           sent, ${EMAIL.delivered('sent', 'bounced')} AS delivered, opened, clicked, bounced, unsubscribed,
           unique_opens, unique_clicks,
           ${EMAIL.openRate('unique_opens', EMAIL.delivered('sent', 'bounced'))} AS open_rate,
           ${EMAIL.clickRate('unique_clicks', EMAIL.delivered('sent', 'bounced'))} AS click_rate,
           ${EMAIL.bounceRate('bounced', 'sent')} AS bounce_rate,
           ${EMAIL.clickToOpenRate('unique_clicks', 'unique_opens')} AS click_to_open_rate
      FROM agg`,
  inScope: dateInScope('date'),
};

export const emailMetrics: MetricEtl = {
  name: 'email',
  table: 'email_metrics',
  grain: 'day',
  // Sent since (index emails (workspace_id, sent_at)) and emails with events since (index
  // email_events (workspace_id, created_at)), per workspace so both indexes lead on workspace.
  // Bounces and unsubscribes write an event too. Hand edits of an email's campaign, template or
  // owner are not detected: a backfill (`npm run etl -- --metric email --from ... --to ...`) or a
  // full run corrects them.
  touched: `
    SELECT w.id AS workspace_id, d.day
      FROM workspaces w
      CROSS JOIN LATERAL (
        SELECT DISTINCT ${utcDay('e.sent_at')} AS day FROM emails e
         WHERE e.workspace_id = w.id AND e.sent_at >= :since
        UNION
        SELECT DISTINCT ${utcDay('e.sent_at')} FROM email_events ev JOIN emails e ON e.id = ev.email_id
         WHERE ev.workspace_id = w.id AND ev.created_at >= :since AND e.sent_at IS NOT NULL
      ) d`,
  statements: (scope) => [upsertStatement(spec, scope)],
  floors: (scope) => [selectStatement(spec, scope)],
};
