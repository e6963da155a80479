/**
 * A mailbox that bounces too much hurts its domain's reputation for every other send: when the
 * bounce rate over its last 100 sends passes 5%, the mailbox is paused (is_active = false, which
 * stops every kind of send from it) and its owner gets an action-queue item to look at it.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';

export const BOUNCE_WINDOW = 100;
export const MAX_BOUNCE_RATE = 0.05;
// Below this many sends one early bounce would be "20%": too little evidence to stop a mailbox.
export const MIN_SENDS_FOR_RATE = 20;

/** Pauses the mailbox when its recent bounce rate is over the limit; true when it paused it now. */
export async function pauseMailboxIfBouncing(emailAccountId: string, transaction: Transaction): Promise<boolean> {
  const rows = await sequelize.query(
    `WITH recent AS (
       SELECT status = 'bounced' AS bounced FROM emails
        WHERE email_account_id = :emailAccountId AND (sent_at IS NOT NULL OR status = 'bounced')
        ORDER BY COALESCE(sent_at, bounced_at) DESC LIMIT ${BOUNCE_WINDOW}
     ), rate AS (
       SELECT count(*) AS sends, count(*) FILTER (WHERE bounced) AS bounces FROM recent
     ), paused AS (
       UPDATE email_accounts a
          SET is_active = false,
              settings = a.settings || jsonb_build_object('paused_reason',
                format('bounce rate %s%% over the last %s sends', round(100.0 * r.bounces / r.sends, 1), r.sends),
                'paused_at', now())
         FROM rate r
        WHERE a.id = :emailAccountId AND a.is_active
          AND r.sends >= ${MIN_SENDS_FOR_RATE} AND r.bounces::numeric / r.sends > ${MAX_BOUNCE_RATE}
       RETURNING a.id, a.workspace_id, a.user_id, a.email, a.settings->>'paused_reason' AS reason
     )
     INSERT INTO action_queue (workspace_id, user_id, type, title, description, priority)
     SELECT workspace_id, user_id, 'intervention_needed', 'Mailbox ' || email || ' paused',
            'Sending from ' || email || ' stopped: ' || reason ||
            '. Check the bounced e-mails and the list they came from, then reactivate the mailbox.', 'high'
       FROM paused
     RETURNING id`,
    { type: QueryTypes.SELECT, replacements: { emailAccountId }, transaction },
  );
  return rows.length > 0;
}
