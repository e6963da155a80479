/**
 * What recipients do with a sent email: opens, clicks and unsubscribes. Each is one transaction
 * that writes the `email_events` row and keeps the email's counters and first/last timestamps
 * and its campaign's totals true. Campaign totals count unique opens and clicks (the first
 * one of each email), the email's counters count every one. A status only moves forward
 * (sent → opened → clicked), never back from replied or bounced.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize, withTransaction } from '../../db.js';
import { describeUserAgent } from '../user-agent.js';
import { normalizeIp } from '../auth/security-log.js';

export interface Visitor {
  ip?: string | null;
  userAgent?: string | null;
}

const visitorValues = (visitor: Visitor) => ({
  ip: normalizeIp(visitor.ip),
  userAgent: visitor.userAgent?.slice(0, 1000) ?? null,
  deviceType: describeUserAgent(visitor.userAgent ?? null).deviceType,
});

const exists = (rows: unknown[]) => rows.length > 0;

/** Whether an email went out (only those have opens, clicks and unsubscribes). */
export async function wasSent(emailId: string): Promise<boolean> {
  return exists(await sequelize.query(`SELECT 1 FROM emails WHERE id = :emailId AND sent_at IS NOT NULL`, {
    type: QueryTypes.SELECT, replacements: { emailId },
  }));
}

/** Records an open of a sent email; false when there is no such email (nothing written). */
export async function recordOpen(emailId: string, visitor: Visitor): Promise<boolean> {
  const rows = await sequelize.query(
    `WITH e AS (
       UPDATE emails SET open_count = open_count + 1,
              opened_at = COALESCE(opened_at, now()), first_opened_at = COALESCE(first_opened_at, now()),
              last_opened_at = now(),
              status = CASE WHEN status IN ('sent', 'delivered') THEN 'opened'::enum_emails_status ELSE status END
        WHERE id = :emailId AND sent_at IS NOT NULL
       RETURNING id, workspace_id, campaign_id, open_count = 1 AS first
     ), ev AS (
       INSERT INTO email_events (workspace_id, email_id, event_type, ip_address, user_agent, device_type)
       SELECT workspace_id, id, 'opened', :ip, :userAgent, :deviceType FROM e
     ), c AS (
       UPDATE email_campaigns SET total_opened = total_opened + 1
         FROM e WHERE email_campaigns.id = e.campaign_id AND e.first
     )
     SELECT id FROM e`,
    { type: QueryTypes.SELECT, replacements: { emailId, ...visitorValues(visitor) } },
  );
  return exists(rows);
}

/** Records a click on one of the email's links; false when there is no such sent email. */
export async function recordClick(emailId: string, url: string, visitor: Visitor): Promise<boolean> {
  const rows = await sequelize.query(
    `WITH e AS (
       UPDATE emails SET click_count = click_count + 1,
              clicked_at = COALESCE(clicked_at, now()), first_clicked_at = COALESCE(first_clicked_at, now()),
              last_clicked_at = now(),
              links_clicked = CASE WHEN :url = ANY (links_clicked) THEN links_clicked ELSE array_append(links_clicked, :url) END,
              status = CASE WHEN status IN ('sent', 'delivered', 'opened') THEN 'clicked'::enum_emails_status ELSE status END
        WHERE id = :emailId AND sent_at IS NOT NULL
       RETURNING id, workspace_id, campaign_id, click_count = 1 AS first
     ), ev AS (
       INSERT INTO email_events (workspace_id, email_id, event_type, link_url, ip_address, user_agent, device_type)
       SELECT workspace_id, id, 'clicked', :url, :ip, :userAgent, :deviceType FROM e
     ), c AS (
       UPDATE email_campaigns SET total_clicked = total_clicked + 1
         FROM e WHERE email_campaigns.id = e.campaign_id AND e.first
     )
     SELECT id FROM e`,
    { type: QueryTypes.SELECT, replacements: { emailId, url: url.slice(0, 4000), ...visitorValues(visitor) } },
  );
  return exists(rows);
}

export interface UnsubscribeResult {
  email: string;
  /** False when the address was already out (a second click changes nothing). */
  changed: boolean;
}

/**
 * Unsubscribes the recipient of an email from everything of its workspace: one consent record
 * per address (email_unsubscribes, type `all`), the matching contacts flagged, their running
 * enrollments ended as `unsubscribed`. Null when there is no such sent email.
 */
export async function unsubscribeRecipient(
  emailId: string,
  visitor: Visitor,
  via: 'link' | 'complaint' = 'link',
): Promise<UnsubscribeResult | null> {
  return withTransaction(async (transaction: Transaction) => {
    const [email] = await sequelize.query<{ workspace_id: string; to_email: string; unsubscribed_at: string | null }>(
      `SELECT workspace_id, lower(to_email) AS to_email, unsubscribed_at FROM emails
        WHERE id = :emailId AND sent_at IS NOT NULL FOR UPDATE`,
      { type: QueryTypes.SELECT, replacements: { emailId }, transaction },
    );
    if (!email) return null;
    const replacements = { emailId, workspaceId: email.workspace_id, address: email.to_email, via, ...visitorValues(visitor) };
    const inserted = await sequelize.query(
      `INSERT INTO email_unsubscribes (workspace_id, email, unsubscribe_type, unsubscribed_from_email_id, unsubscribed_via)
       VALUES (:workspaceId, :address, 'all', :emailId, :via)
       ON CONFLICT (workspace_id, lower(email), unsubscribe_type) WHERE is_active DO NOTHING
       RETURNING id`,
      { type: QueryTypes.SELECT, replacements, transaction },
    );
    await sequelize.query(
      `WITH c AS (
         UPDATE contacts SET unsubscribed = true, unsubscribed_at = COALESCE(unsubscribed_at, now())
          WHERE workspace_id = :workspaceId AND email = :address  -- stored lower-case (CHECK)
         RETURNING id
       )
       UPDATE sequence_enrollments SET status = 'unsubscribed', completed_at = now()
        WHERE contact_id IN (SELECT id FROM c) AND status IN ('active', 'paused')`,
      { replacements, transaction },
    );
    if (!email.unsubscribed_at) {
      await sequelize.query(
        `WITH e AS (
           UPDATE emails SET unsubscribed_at = now() WHERE id = :emailId RETURNING id, workspace_id, campaign_id
         ), ev AS (
           INSERT INTO email_events (workspace_id, email_id, event_type, ip_address, user_agent, device_type)
           SELECT workspace_id, id, 'unsubscribed', :ip, :userAgent, :deviceType FROM e
         )
         UPDATE email_campaigns SET total_unsubscribed = total_unsubscribed + 1 FROM e WHERE email_campaigns.id = e.campaign_id`,
        { replacements, transaction },
      );
    }
    return { email: email.to_email, changed: inserted.length > 0 };
  });
}
