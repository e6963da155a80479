/**
 * `cleanup` (hourly, payload {}): house-keeping that keeps tables small and the panel truthful.
 * The statements live here because they belong to no business rule: the login and the sender
 * already refuse what these remove (src/admin/auth/session-store.ts reads only unrevoked,
 * unexpired sessions; password-reset.ts only unused, unexpired tokens; mailbox-budget.ts starts
 * a new day's count on its first send).
 *
 * - sessions that expired more than SESSION_RETENTION ago are deleted (a session's row, revoked
 *   or not, stays that long as its history on the Sessions page; logins stay in security_logs);
 * - password reset tokens past their expiry are deleted, used or not (they are useless then);
 * - mailbox counters of a day that has ended on the owner's clock (users.timezone) are zeroed,
 *   so the panel does not show yesterday's count as today's. Hourly, because owners' midnights
 *   fall at different hours. The condition is the sender's own (`last_sent_reset` before the
 *   owner's today), so a mailbox that already sent today is never touched;
 * - domain events handled more than EVENT_RETENTION ago leave the outbox (workflow_executions
 *   keep each run's trigger data); an event not yet handled is never removed, however old.
 *   At most PURGE_BATCH per workspace a run, read through the (workspace, created_at) index.
 */
import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import { sequelize } from '../db.js';
import type { JobDefinition } from './registry.js';

/** How long an ended session's row is kept. */
export const SESSION_RETENTION = '7 days';

const count = async (sql: string) => (await sequelize.query(sql, { type: QueryTypes.SELECT })).length;

export function deleteEndedSessions(): Promise<number> {
  return count(`DELETE FROM sessions WHERE expires_at < now() - interval '${SESSION_RETENTION}' RETURNING id`);
}

/** How long a handled domain event stays in the outbox (the panel lists them for that long). */
export const EVENT_RETENTION = '30 days';
const PURGE_BATCH = 10_000;

export function deleteHandledEvents(): Promise<number> {
  return count(
    `DELETE FROM domain_events d
      USING (SELECT old.id FROM workspaces w
               CROSS JOIN LATERAL (
                 SELECT e.id FROM domain_events e
                  WHERE e.workspace_id = w.id AND e.created_at < now() - interval '${EVENT_RETENTION}' AND e.handled_at IS NOT NULL
                  ORDER BY e.created_at LIMIT ${PURGE_BATCH}) old) purge
      WHERE d.id = purge.id
     RETURNING d.id`,
  );
}

export function deleteExpiredResetTokens(): Promise<number> {
  return count(`DELETE FROM password_reset_tokens WHERE expires_at <= now() RETURNING id`);
}

export function resetMailboxDailyCounters(): Promise<number> {
  return count(
    `UPDATE email_accounts a
        SET daily_sent_count = 0, last_sent_reset = d.day_start
       FROM (SELECT m.id, date_trunc('day', now() AT TIME ZONE z.tz) AT TIME ZONE z.tz AS day_start
               FROM email_accounts m
               LEFT JOIN users u ON u.id = m.user_id
              CROSS JOIN LATERAL (SELECT safe_time_zone(COALESCE(u.timezone, 'UTC')) AS tz) z
              WHERE m.daily_sent_count > 0) d
      WHERE a.id = d.id AND a.daily_sent_count > 0 AND (a.last_sent_reset IS NULL OR a.last_sent_reset < d.day_start)
     RETURNING a.id`,
  );
}

export async function runCleanup() {
  return {
    sessionsDeleted: await deleteEndedSessions(),
    resetTokensDeleted: await deleteExpiredResetTokens(),
    mailboxCountersReset: await resetMailboxDailyCounters(),
    eventsPurged: await deleteHandledEvents(),
  };
}

const payloadSchema = z.strictObject({});

export const cleanupJob = {
  name: 'cleanup',
  payloadSchema,
  process: () => runCleanup(),
} satisfies JobDefinition<'cleanup', typeof payloadSchema>;
