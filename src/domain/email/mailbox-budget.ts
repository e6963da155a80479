/**
 * A mailbox's `daily_send_limit` is one budget shared by every kind of send and every worker.
 * A send takes one unit with a single conditional UPDATE: PostgreSQL's row lock makes the
 * check-and-increment atomic across processes, so the limit is never exceeded however many
 * workers race. The day is the mailbox owner's calendar day (users.timezone; safe_time_zone: an
 * unknown zone counts as UTC); the counter starts again at its first send of a new day
 * (`last_sent_reset` says when it last did). An inactive mailbox has no budget.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';

/**
 * CTEs that take one unit from the budget of the mailbox `mailboxId` (an SQL expression):
 * `budget` holds a row when the unit was taken, `budget_day.next_day` is when the next day's
 * budget opens. The sender uses them inside its claim statement (one round trip per email).
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

export type Reservation = { ok: true } | { ok: false; retryAt: Date };

/** Takes one send from today's budget, or says when the next day's budget opens. */
export async function reserveSend(emailAccountId: string): Promise<Reservation> {
  const [row] = await sequelize.query<{ ok: boolean; next_day: Date | null }>(
    `WITH ${reserveBudgetCtes(':emailAccountId')}
     SELECT EXISTS (SELECT 1 FROM budget) AS ok, (SELECT next_day FROM budget_day) AS next_day`,
    { type: QueryTypes.SELECT, replacements: { emailAccountId } },
  );
  if (row?.ok) return { ok: true };
  return { ok: false, retryAt: row?.next_day ?? new Date(Date.now() + 24 * 3600_000) };
}

/** Gives a unit back when the send did not happen (a guard stopped it, or a temporary failure). */
export async function releaseSend(emailAccountId: string): Promise<void> {
  await sequelize.query(
    `UPDATE email_accounts SET daily_sent_count = GREATEST(daily_sent_count - 1, 0) WHERE id = :emailAccountId`,
    { replacements: { emailAccountId } },
  );
}
