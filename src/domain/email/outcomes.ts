/**
 * What became of a send attempt, written once for every kind of send (sequence step, campaign,
 * workflow, one-off, system mail): the email's status and timestamps, an `email_events` row for
 * the states that have an event type (sent, bounced), the campaign's totals, the campaign queue
 * item and the sequence enrollment. Each writes the email and everything that follows from it
 * atomically: in the caller's transaction, or as one statement (recordSent, recordDeferred).
 *
 * Status flow: scheduled → queued (handed to the worker) → pending (claimed, at the SMTP server)
 * → sent | bounced | failed | dropped, or back to scheduled (deferred by a guard, or a temporary
 * failure waiting for its retry).
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { queryPrepared, sequelize } from '../../db.js';
import { pauseMailboxIfBouncing } from './mailbox-health.js';

const run = (sql: string, replacements: Record<string, unknown>, transaction?: Transaction) =>
  sequelize.query<Record<string, unknown>>(sql, { type: QueryTypes.SELECT, replacements, transaction });

/** Ends the running enrollments of an email's enrollment (or of every contact with its address). */
export async function endEnrollments(
  target: { enrollmentId?: string | null; workspaceId?: string; address?: string },
  status: 'bounced' | 'unsubscribed' | 'replied',
  transaction: Transaction,
): Promise<void> {
  await run(
    `UPDATE sequence_enrollments SET status = :status::enum_sequence_enrollments_status,
            completed_at = now(), next_email_scheduled_at = NULL
      WHERE status IN ('active', 'paused')
        AND (id = :enrollmentId
             OR contact_id IN (SELECT id FROM contacts WHERE workspace_id = :workspaceId AND email = :address))
      RETURNING id`,
    { status, enrollmentId: target.enrollmentId ?? null, workspaceId: target.workspaceId ?? null, address: target.address ?? null },
    transaction,
  );
}

const setQueueItem = (emailId: string, status: 'sent' | 'failed' | 'cancelled', transaction: Transaction) =>
  run(
    `UPDATE email_queue SET status = :status::enum_email_queue_status WHERE email_send_id = :emailId RETURNING id`,
    { emailId, status }, transaction,
  );

export interface SentInfo {
  providerMessageId: string | null;
  response: string;
}

/**
 * The mailbox's SMTP server accepted the message. One statement (atomic on its own, and one
 * round trip on the hot path): the email, its event, the campaign's totals, the queue item, and
 * the enrollment's next step — due after that step's delay_days — or its completion. Prepared:
 * planned once per connection.
 */
export async function recordSent(emailId: string, info: SentInfo): Promise<void> {
  await queryPrepared('email-send-sent',
    `WITH e AS (
       UPDATE emails SET status = 'sent', sent_at = now(), provider_message_id = $2::text,
              next_retry_at = NULL, error_message = NULL, error_code = NULL
        WHERE id = $1 AND status = 'pending'
       RETURNING id, workspace_id, campaign_id, enrollment_id
     ), ev AS (
       INSERT INTO email_events (workspace_id, email_id, event_type, metadata)
       SELECT workspace_id, id, 'sent', jsonb_build_object('response', $3::text) FROM e
     ), c AS (
       UPDATE email_campaigns SET total_sent = total_sent + 1, last_sent_at = now()
         FROM e WHERE email_campaigns.id = e.campaign_id
     ), q AS (
       UPDATE email_queue SET status = 'sent' FROM e WHERE email_queue.email_send_id = e.id
     ), en AS (
       UPDATE sequence_enrollments en
          SET last_email_sent_at = now(),
              next_email_scheduled_at = CASE WHEN nx.step_number IS NULL THEN NULL
                                             ELSE now() + make_interval(days => nx.delay_days) END,
              status = CASE WHEN nx.step_number IS NULL THEN 'completed' ELSE en.status END,
              completed_at = CASE WHEN nx.step_number IS NULL THEN now() ELSE en.completed_at END
         FROM e
         LEFT JOIN LATERAL (
           SELECT st.step_number, st.delay_days FROM sequence_enrollments cur
             JOIN sequence_steps st ON st.sequence_id = cur.sequence_id AND st.step_number > cur.current_step
            WHERE cur.id = e.enrollment_id ORDER BY st.step_number LIMIT 1
         ) nx ON true
        WHERE en.id = e.enrollment_id AND en.status IN ('active', 'paused')
     )
     SELECT id FROM e`,
    [emailId, info.providerMessageId, info.response.slice(0, 1000)],
  );
}

export interface BounceInfo {
  /** hard: the address does not exist (5xx, permanent DSN); soft: it may work later. */
  type: 'hard' | 'soft';
  reason: string;
  /** Where we learned it: the SMTP answer, or a bounce report that came back later. */
  source: 'smtp' | 'report';
}

/**
 * The email bounced. A hard bounce marks every contact with the address bounced and ends their
 * sequences, so no kind of send reaches it again; any bounce counts against the mailbox's
 * bounce rate. False when the email was already marked bounced (a repeated report).
 */
export async function recordBounce(emailId: string, bounce: BounceInfo, transaction: Transaction): Promise<boolean> {
  const [email] = await run(
    `WITH e AS (
       UPDATE emails SET status = 'bounced', bounced_at = now(), bounce_type = :type, bounce_reason = :reason,
              next_retry_at = NULL
        WHERE id = :emailId AND status <> 'bounced'
       RETURNING id, workspace_id, campaign_id, enrollment_id, email_account_id, lower(to_email) AS address
     ), ev AS (
       INSERT INTO email_events (workspace_id, email_id, event_type, metadata)
       SELECT workspace_id, id, 'bounced', jsonb_build_object('type', :type, 'reason', :reason, 'source', :source) FROM e
     ), c AS (
       UPDATE email_campaigns SET total_bounced = total_bounced + 1 FROM e WHERE email_campaigns.id = e.campaign_id
     )
     SELECT * FROM e`,
    { emailId, type: bounce.type, reason: bounce.reason.slice(0, 2000), source: bounce.source }, transaction,
  );
  if (!email) return false;
  const workspaceId = email.workspace_id as string;
  const address = email.address as string;
  await setQueueItem(emailId, 'failed', transaction);
  if (bounce.type === 'hard') {
    await run(
      `UPDATE contacts SET bounced = true WHERE workspace_id = :workspaceId AND email = :address AND NOT bounced RETURNING id`,
      { workspaceId, address }, transaction,
    );
    await endEnrollments({ enrollmentId: email.enrollment_id as string | null, workspaceId, address }, 'bounced', transaction);
  } else if (email.enrollment_id) {
    await endEnrollments({ enrollmentId: email.enrollment_id as string }, 'bounced', transaction);
  }
  if (email.email_account_id) await pauseMailboxIfBouncing(email.email_account_id as string, transaction);
  return true;
}

export interface FailureInfo {
  code: string;
  message: string;
}

/**
 * The email cannot be sent as it is (a missing merge field, no retries left): it stays visible
 * as failed with the reason, and its enrollment is paused so the rep fixes it and resumes.
 */
export async function recordFailed(emailId: string, failure: FailureInfo, transaction: Transaction): Promise<void> {
  const [email] = await run(
    `UPDATE emails SET status = 'failed', error_code = :code, error_message = :message, next_retry_at = NULL
      WHERE id = :emailId AND status NOT IN ('sent', 'bounced')
     RETURNING enrollment_id`,
    { emailId, code: failure.code, message: failure.message.slice(0, 2000) }, transaction,
  );
  if (!email) return;
  await setQueueItem(emailId, 'failed', transaction);
  if (email.enrollment_id) {
    await run(
      `UPDATE sequence_enrollments SET status = 'paused', paused_at = now()
        WHERE id = :enrollmentId AND status = 'active' RETURNING id`,
      { enrollmentId: email.enrollment_id }, transaction,
    );
  }
}

/** Why a guard stopped an email for good (never to be sent). */
export type DropReason = 'unsubscribed' | 'bounced' | 'enrollment_ended' | 'no_mailbox';

/**
 * A guard stopped the email: the address is unsubscribed or bounced, or its enrollment ended.
 * Consent problems end the recipient's sequences too.
 */
export async function recordDropped(emailId: string, reason: DropReason, message: string, transaction: Transaction): Promise<void> {
  const [email] = await run(
    `UPDATE emails SET status = 'dropped', error_code = :reason, error_message = :message, next_retry_at = NULL
      WHERE id = :emailId AND status NOT IN ('sent', 'bounced')
     RETURNING workspace_id, enrollment_id, lower(to_email) AS address`,
    { emailId, reason, message }, transaction,
  );
  if (!email) return;
  await setQueueItem(emailId, 'cancelled', transaction);
  if (reason === 'unsubscribed' || reason === 'bounced') {
    await endEnrollments(
      { enrollmentId: email.enrollment_id as string | null, workspaceId: email.workspace_id as string, address: email.address as string },
      reason, transaction,
    );
  }
}

/** Back to scheduled: a guard deferred it (quiet hours, send window, daily limit) or it waits for a retry. */
export async function recordDeferred(
  emailId: string,
  until: Date,
  why: { reason: string; retry?: FailureInfo },
  transaction?: Transaction,
): Promise<void> {
  await run(
    `UPDATE emails SET status = 'scheduled', scheduled_at = :until,
            retry_count = retry_count + CASE WHEN :isRetry THEN 1 ELSE 0 END,
            next_retry_at = CASE WHEN :isRetry THEN :until::timestamptz ELSE NULL END,
            error_code = COALESCE(:code, error_code), error_message = COALESCE(:message, error_message),
            send_metadata = send_metadata || jsonb_build_object('deferred_reason', :reason::text)
      WHERE id = :emailId AND status IN ('queued', 'pending', 'scheduled')
     RETURNING id`,
    {
      emailId, until, reason: why.reason, isRetry: !!why.retry,
      code: why.retry?.code ?? null, message: why.retry?.message.slice(0, 2000) ?? null,
    },
    transaction,
  );
}

/**
 * The enrollment or its sequence was paused while this step's email waited: the email is
 * dropped and the enrollment is put back before the step, due at once, so on resume the stepper
 * makes the step again (with the contact's data as it is then) and continues from there.
 */
export async function recordHeld(emailId: string, message: string, transaction: Transaction): Promise<void> {
  const [email] = await run(
    `UPDATE emails e SET status = 'dropped', error_code = 'held', error_message = :message, next_retry_at = NULL
       FROM sequence_steps st
      WHERE e.id = :emailId AND st.id = e.sequence_step_id AND e.status NOT IN ('sent', 'bounced')
     RETURNING e.enrollment_id, st.sequence_id, st.step_number`,
    { emailId, message }, transaction,
  );
  if (!email?.enrollment_id) return;
  await run(
    `UPDATE sequence_enrollments
        SET current_step = COALESCE((SELECT max(step_number) FROM sequence_steps
                                      WHERE sequence_id = :sequenceId AND step_number < :stepNumber), 0),
            next_email_scheduled_at = now()
      WHERE id = :enrollmentId AND current_step = :stepNumber
     RETURNING id`,
    { enrollmentId: email.enrollment_id, sequenceId: email.sequence_id, stepNumber: email.step_number }, transaction,
  );
}
