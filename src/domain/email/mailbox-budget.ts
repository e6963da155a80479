/**
 * A mailbox's `daily_send_limit` is one budget shared by every kind of send and every worker.
 * A send takes one unit with a single conditional UPDATE: PostgreSQL's row lock makes the
 * check-and-increment atomic across processes, so the limit is never exceeded however many
 * workers race. The day is the mailbox owner's calendar day (users.timezone; safe_time_zone: an
 * unknown zone counts as UTC); the counter starts again at its first send of a new day
 * (`last_sent_reset` says when it last did). An inactive mailbox has no budget.
 */
import { sequelize } from '../../db.js';

/**
 * CTEs that take one unit from the budget of the mailbox `mailboxId` (an SQL expression):
 * `budget` holds a row when the unit was taken, `budget_day.next_day` is when the next day's
 * budget opens. The sender runs them inside its claim statement (send-email.ts), so taking a
 * unit costs no round trip of its own.
 */
export function reserveBudgetCtes(mailboxId: string): string {
  return `budget_day AS (
       SELECT m.id, (date_trunc('day', now() AT TIME ZONE z.tz) AT TIME ZONE z.tz) AS day_start,
              (date_trunc('day', now() AT TIME ZONE z.tz) AT TIME ZONE z.tz) + interval '1 day' AS next_day
         FROM email_accounts m
         LEFT JOIN users u ON u.id = m.user_id
         CROSS JOIN LATERAL (SELECT safe_time_zone(COALESCE(u.timezone, 'UTC')) AS tz) z
        WHERE m.id = (${mailboxId})
     ), budget AS (
       UPDATE email_accounts a
          SET daily_sent_count = CASE WHEN a.last_sent_reset IS NULL OR a.last_sent_reset < d.day_start
                                      THEN 1 ELSE a.daily_sent_count + 1 END,
              last_sent_reset = CASE WHEN a.last_sent_reset IS NULL OR a.last_sent_reset < d.day_start
                                     THEN now() ELSE a.last_sent_reset END
         FROM budget_day d
        WHERE a.id = d.id AND a.is_active AND a.daily_send_limit > 0
          AND (a.last_sent_reset IS NULL OR a.last_sent_reset < d.day_start OR a.daily_sent_count < a.daily_send_limit)
       RETURNING a.id
     )`;
}

/** Gives a unit back when the send did not happen (a guard stopped it, or a temporary failure). */
export async function releaseSend(emailAccountId: string): Promise<void> {
  await sequelize.query(
    `UPDATE email_accounts SET daily_sent_count = GREATEST(daily_sent_count - 1, 0) WHERE id = :emailAccountId`,
    { replacements: { emailAccountId } },
  );
}
