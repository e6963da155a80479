/**
 * Hands due emails to the worker. An email is due when it is `scheduled` and its time has come
 * (and its mailbox, if it has one, is active: a paused mailbox's mail simply waits). Claiming
 * moves it to `queued` with FOR UPDATE SKIP LOCKED, so two dispatchers never hand out the same
 * email; the caller adds one `email-send` job per claimed email under a job id made of the
 * email's id and due time, so adding the same email twice makes one job.
 *
 * An email left `queued` for longer than REQUEUE_AFTER (its dispatcher died before adding the
 * job, or the job was lost) is handed out again; the job id makes that harmless when the job
 * does exist.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';

export const REQUEUE_AFTER_SECONDS = 120;

export interface DueEmail {
  id: string;
  /** Identifies this send attempt: a deferred or retried email is due again at another time. */
  attempt: string;
}

export async function claimDueEmails(limit: number): Promise<DueEmail[]> {
  return sequelize.query<DueEmail>(
    `WITH due AS (
       SELECT e.id FROM emails e
        WHERE e.status = 'scheduled' AND e.scheduled_at <= now()
          AND (e.email_account_id IS NULL
               OR EXISTS (SELECT 1 FROM email_accounts mb WHERE mb.id = e.email_account_id AND mb.is_active))
        ORDER BY e.scheduled_at
        LIMIT :limit
        FOR UPDATE OF e SKIP LOCKED
     ), stale AS (
       SELECT e.id FROM emails e
        WHERE e.status = 'queued' AND e.updated_at < now() - make_interval(secs => ${REQUEUE_AFTER_SECONDS})
        LIMIT :limit
        FOR UPDATE OF e SKIP LOCKED
     )
     UPDATE emails e SET status = 'queued'
       FROM (SELECT id FROM due UNION SELECT id FROM stale) d
      WHERE e.id = d.id
     RETURNING e.id, (extract(epoch FROM e.scheduled_at) * 1000)::bigint::text AS attempt`,
    { type: QueryTypes.SELECT, replacements: { limit } },
  );
}
