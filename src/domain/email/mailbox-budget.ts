/**
 * A mailbox's `daily_send_limit` is one budget shared by every kind of send and every worker.
 * A send takes one unit with a single conditional UPDATE: PostgreSQL's row lock makes the
 * check-and-increment atomic across processes, so the limit is never exceeded however many
 * workers race. The day is the mailbox owner's calendar day (users.timezone); the counter
 * starts again at its first send of a new day (`last_sent_reset` says when it last did).
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';

// Midnight today in the owner's time zone (safe_time_zone: an unknown zone counts as UTC).
const DAY_START = `(date_trunc('day', now() AT TIME ZONE z.tz) AT TIME ZONE z.tz)`;
const OWNER_ZONE = `(SELECT safe_time_zone(COALESCE(u.timezone, 'UTC')) AS tz FROM email_accounts m LEFT JOIN users u ON u.id = m.user_id WHERE m.id = :emailAccountId)`;

export type Reservation = { ok: true } | { ok: false; retryAt: Date };

/** Takes one send from today's budget, or says when the next day's budget opens. */
export async function reserveSend(emailAccountId: string): Promise<Reservation> {
  const rows = await sequelize.query<{ id: string }>(
    `WITH z AS ${OWNER_ZONE}
     UPDATE email_accounts a
        SET daily_sent_count = CASE WHEN a.last_sent_reset IS NULL OR a.last_sent_reset < ${DAY_START}
                                    THEN 1 ELSE a.daily_sent_count + 1 END,
            last_sent_reset = CASE WHEN a.last_sent_reset IS NULL OR a.last_sent_reset < ${DAY_START}
                                   THEN now() ELSE a.last_sent_reset END
       FROM z
      WHERE a.id = :emailAccountId AND a.daily_send_limit > 0
        AND (a.last_sent_reset IS NULL OR a.last_sent_reset < ${DAY_START} OR a.daily_sent_count < a.daily_send_limit)
     RETURNING a.id`,
    { type: QueryTypes.SELECT, replacements: { emailAccountId } },
  );
  if (rows.length) return { ok: true };
  const [next] = await sequelize.query<{ at: Date }>(
    `WITH z AS ${OWNER_ZONE} SELECT ${DAY_START} + interval '1 day' AS at FROM z`,
    { type: QueryTypes.SELECT, replacements: { emailAccountId } },
  );
  return { ok: false, retryAt: next?.at ?? new Date(Date.now() + 24 * 3600_000) };
}

/** Gives a unit back when the send did not happen (a temporary failure that will be retried). */
export async function releaseSend(emailAccountId: string): Promise<void> {
  await sequelize.query(
    `UPDATE email_accounts SET daily_sent_count = GREATEST(daily_sent_count - 1, 0) WHERE id = :emailAccountId`,
    { replacements: { emailAccountId } },
  );
}
