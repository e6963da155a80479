/**
 * "One score per person" (S3): opens, clicks and replies of any e-mail sent to a lead's address
 * — sequences, campaigns, one-off mail: rows of `emails` whose to_email is the lead's email in
 * the same workspace — are that lead's activities, and so score through the lead_activities
 * trigger like any other.
 *
 * Two statement triggers (migration 20261123150200) share the statement below:
 * - AFTER INSERT ON email_events: the event becomes an activity of every lead with the address;
 * - AFTER INSERT ON leads: a new lead collects the engagement its address already had.
 * Each event is recorded once per lead: an event and a lead committed concurrently cannot both
 * see each other (each trigger runs before its own commit), so neither path doubles the other.
 *
 * A reply is recorded as an email_click: the activity enum (S3) has no reply label and the seed
 * gives replies no weight; a reply is at least the engagement of a click. activity_data keeps the
 * real event type. Addresses compare as stored: leads' are lower-case by CHECK, and contacts'
 * (the recipients of sequences and campaigns) too.
 *
 * This module imports nothing: migrations load it.
 */

/** The e-mail events that count as the lead's engagement. */
export const ENGAGEMENT_EVENTS = ['opened', 'clicked', 'replied'] as const;

/** INSERT … SELECT of the activities for the events (aliased e, emails m, leads l) of `from`. */
export function emailEngagementInsertSql(from: string): string {
  return `
    INSERT INTO lead_activities (workspace_id, lead_id, activity_type, activity_data, page_url, ip_address, user_agent, country, city, created_at)
    SELECT l.workspace_id, l.id,
           (CASE e.event_type WHEN 'opened' THEN 'email_open' ELSE 'email_click' END)::enum_lead_activities_activity_type,
           jsonb_strip_nulls(jsonb_build_object(
             'source', 'email_event', 'email_event_id', e.id, 'email_id', e.email_id, 'event_type', e.event_type,
             'campaign_id', m.campaign_id, 'sequence_id', m.sequence_id)),
           e.link_url, e.ip_address, e.user_agent, e.country, e.city, e.created_at
      ${from}
     WHERE e.event_type IN (${ENGAGEMENT_EVENTS.map((t) => `'${t}'`).join(', ')})`;
}

/** DDL of the two trigger functions (CREATE OR REPLACE). */
export function emailEngagementSql(): string {
  return `
    CREATE OR REPLACE FUNCTION email_events_record_lead_activities() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${emailEngagementInsertSql(`FROM inserted_events AS e
      JOIN emails AS m ON m.id = e.email_id
      JOIN leads AS l ON l.workspace_id = m.workspace_id AND l.email = m.to_email`)};
      RETURN NULL;
    END $$;

    CREATE OR REPLACE FUNCTION leads_collect_email_activities() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${emailEngagementInsertSql(`FROM inserted_leads AS n
      JOIN leads AS l ON l.id = n.id
      JOIN emails AS m ON m.to_email = n.email AND m.workspace_id = n.workspace_id
      JOIN email_events AS e ON e.email_id = m.id`)};
      RETURN NULL;
    END $$;
  `;
}
