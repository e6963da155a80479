/**
 * The drain: due `email_queue` items become `emails` rows for the sender. One statement claims a
 * batch of pending items whose time has come (priority first, then scheduled_for) with
 * FOR UPDATE SKIP LOCKED, inserts one `emails` row per item (status 'scheduled', at the item's
 * scheduled_for) and marks the items 'processing' with the new email's id, so several workers
 * drain side by side and an item is never turned into two e-mails: an item a concurrent drain
 * holds is skipped, and one it has just committed is no longer pending.
 *
 * Sending is not done here: the sender picks the scheduled e-mail up, re-checks consent, quiet
 * hours, the send window and the mailbox's daily limit, and sets the queue item (found by
 * email_send_id) to sent, failed or cancelled. Only items of campaigns in `sending` are claimed,
 * so a paused or cancelled campaign stops handing out mail.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';

export interface DrainOptions {
  /** Items per statement. */
  batchSize?: number;
  /** Items due at or before this instant; default the database's now(). */
  now?: Date;
}

export interface DrainedItem {
  queue_item_id: string;
  email_id: string;
  campaign_id: string;
}

/**
 * Claims one batch and creates its e-mails (one statement, so all of it or none). The body
 * comes from the campaign when it has content of its own, else from its template, whole (never
 * one part from each). The mailbox is the workspace's email_accounts row with the campaign's
 * from address (NULL: the system relay sends it).
 */
export async function drainBatch(options: DrainOptions = {}): Promise<DrainedItem[]> {
  return sequelize.query<DrainedItem>(
    `WITH claimed AS MATERIALIZED (
       SELECT q.id, q.workspace_id, q.campaign_id, q.recipient_email, q.scheduled_for, q.queue_metadata,
              -- The fan-out records the contact in queue_metadata (email_queue has no contact column).
              CASE WHEN q.queue_metadata->>'contact_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                   THEN (q.queue_metadata->>'contact_id')::uuid END AS contact_id,
              gen_random_uuid() AS email_id
         FROM email_queue q
        WHERE q.status = 'pending' AND q.scheduled_for <= coalesce($1::timestamptz, now())
          AND EXISTS (SELECT 1 FROM email_campaigns c WHERE c.id = q.campaign_id AND c.status = 'sending')
        -- The order of the partial index email_queue_priority_scheduled_for_idx: read in index
        -- order and stopped at the limit, never a sort of the whole backlog.
        ORDER BY q.priority, q.scheduled_for
        LIMIT $2
        FOR UPDATE OF q SKIP LOCKED
     ), created AS (
       INSERT INTO emails (id, workspace_id, contact_id, campaign_id, template_id, email_account_id, owner_id,
                           to_email, recipient_name, subject, body_html, body_text, from_email,
                           status, scheduled_at, send_metadata)
       SELECT cl.email_id, cl.workspace_id, ct.id, c.id, c.template_id, box.id, c.created_by,
              cl.recipient_email, nullif(concat_ws(' ', ct.first_name, ct.last_name), ''),
              coalesce(nullif(c.subject_line, ''), t.subject),
              CASE WHEN own.content THEN c.html_content ELSE t.body_html END,
              CASE WHEN own.content THEN c.text_content ELSE t.body_text END,
              c.from_email, 'scheduled', cl.scheduled_for,
              jsonb_build_object('queue_item_id', cl.id, 'campaign_type', c.campaign_type,
                                 'ab_variant', cl.queue_metadata->'ab_variant')
         FROM claimed cl
         JOIN email_campaigns c ON c.id = cl.campaign_id
         CROSS JOIN LATERAL (SELECT coalesce(c.html_content, c.text_content, '') <> '' AS content) own
         LEFT JOIN email_templates t ON t.id = c.template_id
         -- The contact may have been deleted since the fan-out: the e-mail still goes to the address.
         LEFT JOIN contacts ct ON ct.id = cl.contact_id AND ct.workspace_id = cl.workspace_id
         LEFT JOIN email_accounts box ON box.workspace_id = c.workspace_id AND lower(box.email) = lower(c.from_email)
       RETURNING id
     )
     UPDATE email_queue q
        SET status = 'processing', attempts = q.attempts + 1, last_attempt_at = now(), email_send_id = cl.email_id
       FROM claimed cl
      WHERE q.id = cl.id
     RETURNING q.id AS queue_item_id, cl.email_id, q.campaign_id`,
    { type: QueryTypes.SELECT, bind: [options.now ?? null, options.batchSize ?? 500] },
  );
}

/**
 * Campaigns in `sending` with no pending or processing item left become `sent`; last_sent_at is
 * the last e-mail the sender sent (now when it sent none). Returns their ids.
 */
export async function completeSentCampaigns(): Promise<string[]> {
  const rows = await sequelize.query<{ id: string }>(
    `UPDATE email_campaigns c
        SET status = 'sent', sent_at = coalesce(c.sent_at, now()),
            last_sent_at = coalesce((SELECT max(e.sent_at) FROM emails e WHERE e.campaign_id = c.id), c.last_sent_at, now())
      WHERE c.status = 'sending'
        AND NOT EXISTS (SELECT 1 FROM email_queue q WHERE q.campaign_id = c.id AND q.status IN ('pending', 'processing'))
     RETURNING c.id`,
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => r.id);
}

export interface DrainResult {
  emailsCreated: number;
  campaignsCompleted: string[];
}

/** Drains every due item (batch after batch, at most `maxBatches`), then completes finished campaigns. */
export async function drainCampaignQueue(options: DrainOptions & { maxBatches?: number } = {}): Promise<DrainResult> {
  const batchSize = options.batchSize ?? 500;
  let emailsCreated = 0;
  for (let n = 0; n < (options.maxBatches ?? 20); n += 1) {
    const batch = await drainBatch({ ...options, batchSize });
    emailsCreated += batch.length;
    if (batch.length < batchSize) break;
  }
  return { emailsCreated, campaignsCompleted: await completeSentCampaigns() };
}
