/**
 * The sequence stepper (S4): turns due enrollments into their next step's email, set-based.
 *
 * One statement claims a batch of due enrollments (active, in an active sequence,
 * next_email_scheduled_at reached) with FOR UPDATE SKIP LOCKED, so several workers share the work
 * and never take the same enrollment, and for each one:
 * - with no step left: completes it;
 * - with no mailbox or a contact without an address: pauses it (someone has to fix it);
 * - otherwise: creates the next step's email, due now, from the enrollment's mailbox, and moves
 *   `current_step` to that step. A step without a subject replies in the thread of the previous
 *   email ("Re: …", In-Reply-To). next_email_scheduled_at stays empty until the email is sent:
 *   outcomes.ts then sets it from the following step's delay_days, or completes the enrollment.
 * Merge fields are filled at send time (send-email.ts), with the contact's data as it is then.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';

export interface StepperRun {
  created: number;
  completed: number;
  paused: number;
}

/** One batch; `sequenceId` limits it to one sequence (a "run now" on that sequence, tests). */
export async function runSequenceSteps(limit = 1000, options: { sequenceId?: string } = {}): Promise<StepperRun> {
  const [row] = await sequelize.query<{ created: string; completed: string; paused: string }>(
    `WITH due AS (
       SELECT en.id, en.workspace_id, en.sequence_id, en.contact_id, en.user_id, en.email_account_id, en.current_step
         FROM sequence_enrollments en
         JOIN sequences s ON s.id = en.sequence_id AND s.status = 'active'
        WHERE en.status = 'active' AND en.next_email_scheduled_at <= now()
          AND (CAST(:sequenceId AS uuid) IS NULL OR en.sequence_id = :sequenceId)
        ORDER BY en.next_email_scheduled_at
        LIMIT :limit
        FOR UPDATE OF en SKIP LOCKED
     ), nxt AS (
       SELECT DISTINCT ON (due.id) due.*, st.id AS step_id, st.step_number, st.subject, st.body,
              c.email AS to_email, NULLIF(concat_ws(' ', c.first_name, c.last_name), '') AS recipient_name,
              mb.email AS mailbox_email, mb.user_id AS mailbox_owner
         FROM due
         JOIN sequence_steps st ON st.sequence_id = due.sequence_id AND st.step_number > due.current_step
         JOIN contacts c ON c.id = due.contact_id
         LEFT JOIN email_accounts mb ON mb.id = due.email_account_id
        ORDER BY due.id, st.step_number
     ), finished AS (
       UPDATE sequence_enrollments SET status = 'completed', completed_at = now(), next_email_scheduled_at = NULL
        WHERE id IN (SELECT id FROM due EXCEPT SELECT id FROM nxt)
       RETURNING id
     ), stuck AS (
       UPDATE sequence_enrollments SET status = 'paused', paused_at = now()
        WHERE id IN (SELECT id FROM nxt WHERE mailbox_email IS NULL OR to_email IS NULL)
       RETURNING id
     ), ready AS (
       SELECT n.*, '<' || gen_random_uuid() || '@' || split_part(n.mailbox_email, '@', 2) || '>' AS message_id,
              prev.subject AS prev_subject, prev.message_id AS prev_message_id, prev.thread_id AS prev_thread_id
         FROM nxt n
         LEFT JOIN LATERAL (
           SELECT subject, message_id, thread_id FROM emails
            WHERE enrollment_id = n.id AND sent_at IS NOT NULL ORDER BY sent_at DESC LIMIT 1
         ) prev ON true
        WHERE n.mailbox_email IS NOT NULL AND n.to_email IS NOT NULL
     ), created AS (
       INSERT INTO emails (workspace_id, contact_id, sequence_id, sequence_step_id, enrollment_id, email_account_id,
                           owner_id, subject, body_html, from_email, to_email, recipient_name, status, scheduled_at,
                           message_id, thread_id, send_metadata)
       SELECT workspace_id, contact_id, sequence_id, step_id, id, email_account_id,
              COALESCE(user_id, mailbox_owner),
              COALESCE(subject, 'Re: ' || regexp_replace(prev_subject, '^(re:\\s*)+', '', 'i'), ''),
              body, mailbox_email, to_email, recipient_name, 'scheduled', now(),
              message_id, COALESCE(prev_thread_id, message_id),
              CASE WHEN subject IS NULL AND prev_message_id IS NOT NULL
                   THEN jsonb_build_object('in_reply_to', prev_message_id) ELSE '{}'::jsonb END
         FROM ready
       RETURNING enrollment_id
     ), advanced AS (
       UPDATE sequence_enrollments en SET current_step = r.step_number, next_email_scheduled_at = NULL
         FROM ready r WHERE en.id = r.id
       RETURNING en.id
     )
     SELECT (SELECT count(*) FROM created) AS created, (SELECT count(*) FROM finished) AS completed,
            (SELECT count(*) FROM stuck) AS paused`,
    { type: QueryTypes.SELECT, replacements: { limit, sequenceId: options.sequenceId ?? null } },
  );
  return { created: Number(row!.created), completed: Number(row!.completed), paused: Number(row!.paused) };
}
