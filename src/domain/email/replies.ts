/**
 * What mail coming back does to the email it answers (kinds from inbound.ts), each in one
 * transaction: a reply marks the email replied and ends its enrollment; an out-of-office holds
 * the enrollment until the person is back; a bounce report goes to recordBounce (outcomes.ts).
 * Repeats are harmless: the provider may post the same message twice.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize, withTransaction } from '../../db.js';
import { storedForms, type InboundMessage } from './inbound.js';
import { endEnrollments, recordBounce, recordDeferred } from './outcomes.js';

export type InboundOutcome =
  | { result: 'replied'; emailId: string; duplicate: boolean }
  | { result: 'out_of_office'; emailId: string; heldUntil: string; returnDateFound: boolean; enrollmentHeld: boolean }
  | { result: 'bounced'; emailId: string; type: 'hard' | 'soft'; duplicate: boolean }
  | { result: 'ignored'; reason: string };

interface MatchedEmail {
  id: string;
  enrollment_id: string | null;
  message_id: string;
}

const select = <T extends object>(sql: string, replacements: Record<string, unknown>, transaction: Transaction) =>
  sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction });

/**
 * Our email with the first of `refs` (in their order of preference) as its Message-ID, locked
 * so that two deliveries of the same message serialise on it.
 */
async function findEmail(refs: string[], transaction: Transaction): Promise<MatchedEmail | null> {
  if (!refs.length) return null;
  const rows = await select<MatchedEmail>(
    `SELECT id, enrollment_id, message_id FROM emails WHERE message_id IN (:candidates) ORDER BY id FOR UPDATE`,
    { candidates: storedForms(refs) }, transaction,
  );
  const byId = new Map(rows.map((row) => [row.message_id.startsWith('<') ? row.message_id : `<${row.message_id}>`, row]));
  for (const ref of refs) {
    const row = byId.get(ref);
    if (row) return row;
  }
  return null;
}

/** Applies a classified message; 'ignored' (nothing written) when it matches none of our emails. */
export async function applyInbound(message: InboundMessage): Promise<InboundOutcome> {
  if (message.kind === 'ignored') return { result: 'ignored', reason: message.reason };
  if (!message.refs.length) return { result: 'ignored', reason: 'no matching email: the message names no Message-ID of ours' };
  return withTransaction(async (transaction) => {
    const email = await findEmail(message.refs, transaction);
    if (!email) return { result: 'ignored', reason: 'no matching email' };
    switch (message.kind) {
      case 'reply':
        return recordReply(email, message, transaction);
      case 'auto_reply':
        return holdForAutoReply(email, message.resumeAt, message.returnDateFound, transaction);
      case 'bounce': {
        const changed = await recordBounce(email.id, { type: message.type, reason: message.reason, source: 'report' }, transaction);
        return { result: 'bounced', emailId: email.id, type: message.type, duplicate: !changed };
      }
    }
  });
}

/**
 * One 'replied' event per reply message (keyed by its Message-ID: a second, different reply is
 * recorded too; the same one posted again is not); the email's replied_at is the first reply.
 * A bounced email stays bounced (its enrollment already ended), as opens and clicks leave it.
 */
async function recordReply(
  email: MatchedEmail,
  reply: Extract<InboundMessage, { kind: 'reply' }>,
  transaction: Transaction,
): Promise<InboundOutcome> {
  const seen = await select(
    `SELECT 1 FROM email_events WHERE email_id = :emailId AND event_type = 'replied' AND metadata->>'message_id' = :key`,
    { emailId: email.id, key: reply.key }, transaction,
  );
  if (seen.length) return { result: 'replied', emailId: email.id, duplicate: true };
  await select(
    `WITH e AS (
       UPDATE emails SET replied_at = COALESCE(replied_at, now()),
              status = CASE WHEN status = 'bounced' THEN status ELSE 'replied'::enum_emails_status END
        WHERE id = :emailId
       RETURNING id, workspace_id
     )
     INSERT INTO email_events (workspace_id, email_id, event_type, metadata)
     SELECT workspace_id, id, 'replied', jsonb_build_object('from', :from::text, 'subject', :subject::text, 'message_id', :key::text) FROM e
     RETURNING id`,
    { emailId: email.id, from: reply.from, subject: reply.subject?.slice(0, 1000) ?? null, key: reply.key }, transaction,
  );
  if (email.enrollment_id) await endEnrollments({ enrollmentId: email.enrollment_id }, 'replied', transaction);
  return { result: 'replied', emailId: email.id, duplicate: false };
}

/**
 * Holds the sequence until the person is back. The enrollment stays 'active' with its next send
 * pushed to the return date, rather than 'paused': the stepper only picks active enrollments
 * whose next_email_scheduled_at is due, so this resumes by itself on that date, while 'paused'
 * means "a person must resume it" (a failed send, a rep's pause) and sequence_enrollments has no
 * column to tell the two apart. An auto-reply is not an answer: the email is not marked replied
 * and the enrollment does not end. A next send already planned later than the return stays.
 * A step email already waiting as 'scheduled' is deferred to the same date.
 */
async function holdForAutoReply(email: MatchedEmail, until: Date, returnDateFound: boolean, transaction: Transaction): Promise<InboundOutcome> {
  const held = email.enrollment_id
    ? await select<{ next_email_scheduled_at: Date }>(
        `UPDATE sequence_enrollments SET next_email_scheduled_at = GREATEST(next_email_scheduled_at, :until::timestamptz)
          WHERE id = :enrollmentId AND status = 'active'
         RETURNING next_email_scheduled_at`,
        { enrollmentId: email.enrollment_id, until }, transaction,
      )
    : [];
  if (held.length) {
    const waiting = await select<{ id: string }>(
      `SELECT id FROM emails WHERE enrollment_id = :enrollmentId AND status = 'scheduled' AND scheduled_at < :until`,
      { enrollmentId: email.enrollment_id, until }, transaction,
    );
    for (const { id } of waiting) await recordDeferred(id, until, { reason: 'out_of_office' }, transaction);
  }
  return {
    result: 'out_of_office',
    emailId: email.id,
    heldUntil: (held[0]?.next_email_scheduled_at ?? until).toISOString(),
    returnDateFound,
    enrollmentHeld: held.length > 0,
  };
}
