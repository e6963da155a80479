/**
 * What a person does to one email by hand (S4): "Send now", "Cancel", and a mailbox's "Send test
 * email". None of them sends anything itself: they set the row so the worker's pipe (dispatch →
 * send-email, with every guard) takes it or leaves it, so a hand-made send obeys the same consent,
 * bounce and budget rules as any other. Each locks the row, refuses with an EmailRuleError that
 * says why (changing nothing), and returns the columns it changed for the audit entry.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { z } from 'zod';
import { sequelize } from '../../db.js';
import { RuleError } from '../rule-error.js';
import type { StatusChange } from '../status-change.js';
import { isUuid } from '../uuid.js';

export class EmailRuleError extends RuleError {}

export interface EmailRef { workspaceId: string; id: string }

type Row = Record<string, unknown>;
const COLUMNS = 'status, scheduled_at, next_retry_at, error_code, error_message';

/** Waiting for its time: the only states a person may still send early or call off. */
const WAITING = ['draft', 'scheduled', 'queued'];

const select = <T extends Row>(sql: string, replacements: Row, transaction: Transaction) =>
  sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction });

interface LockedEmail extends Row {
  status: string;
  to_email: string | null;
  enrollment_id: string | null;
  step_number: number | null;
  mailbox_email: string | null;
  mailbox_active: boolean | null;
}

async function lockedEmail({ workspaceId, id }: EmailRef, transaction: Transaction): Promise<LockedEmail> {
  const [row] = isUuid(id) ? await select<LockedEmail>(
    `SELECT e.${COLUMNS.replaceAll(', ', ', e.')}, e.to_email, e.enrollment_id, st.step_number,
            mb.email AS mailbox_email, mb.is_active AS mailbox_active
       FROM emails e
       LEFT JOIN sequence_steps st ON st.id = e.sequence_step_id
       LEFT JOIN email_accounts mb ON mb.id = e.email_account_id
      WHERE e.id = :id AND e.workspace_id = :workspaceId
      FOR UPDATE OF e`,
    { id, workspaceId }, transaction,
  ) : [];
  if (!row) throw new EmailRuleError('This email does not exist in your workspace');
  return row;
}

function refuseUnlessWaiting(email: LockedEmail, verb: string): void {
  if (email.status === 'pending') throw new EmailRuleError(`This email is being sent right now: too late to ${verb} it`);
  if (!WAITING.includes(email.status)) {
    throw new EmailRuleError(`This email is ${email.status}: only a draft or scheduled email can be ${verb === 'send' ? 'sent now' : 'cancelled'}`);
  }
}

const pick = (row: Row): Row => Object.fromEntries(COLUMNS.split(', ').map((c) => [c, row[c]]));

/** Due now: the dispatcher hands it to the sender within seconds, guards and all. */
export async function sendEmailNow(ref: EmailRef, transaction: Transaction): Promise<StatusChange> {
  const email = await lockedEmail(ref, transaction);
  refuseUnlessWaiting(email, 'send');
  if (email.status === 'queued') throw new EmailRuleError('This email is already on its way to the sender');
  if (!email.to_email) throw new EmailRuleError('This email has no recipient address');
  if (email.mailbox_active === false) {
    throw new EmailRuleError(`Mailbox ${email.mailbox_email} is paused: activate it first, or the email would only wait`);
  }
  const [after] = await select(
    `UPDATE emails SET status = 'scheduled', scheduled_at = now(), next_retry_at = NULL
      WHERE id = :id RETURNING ${COLUMNS}`,
    { id: ref.id }, transaction,
  );
  return { before: pick(email), after: after! };
}

/**
 * Called off: `dropped` with error_code `cancelled` (kept, so the history says what happened).
 * A sequence step that is cancelled is skipped, not left hanging: its enrollment moves on to the
 * next step after that step's delay, as if this one had gone out (the stepper completes it when
 * there is none).
 */
export async function cancelEmail(ref: EmailRef & { byName: string }, transaction: Transaction): Promise<StatusChange> {
  const email = await lockedEmail(ref, transaction);
  refuseUnlessWaiting(email, 'cancel');
  const [after] = await select(
    `UPDATE emails SET status = 'dropped', error_code = 'cancelled', error_message = :message, next_retry_at = NULL
      WHERE id = :id RETURNING ${COLUMNS}`,
    { id: ref.id, message: `Cancelled by ${ref.byName}` }, transaction,
  );
  if (email.enrollment_id && email.step_number !== null) {
    await sequelize.query(
      `UPDATE sequence_enrollments en
          SET next_email_scheduled_at = now() + make_interval(days => COALESCE(
                (SELECT st.delay_days FROM sequence_steps st
                  WHERE st.sequence_id = en.sequence_id AND st.step_number > en.current_step
                  ORDER BY st.step_number LIMIT 1), 0))
        WHERE en.id = :enrollmentId AND en.current_step = :stepNumber AND en.status IN ('active', 'paused')`,
      { replacements: { enrollmentId: email.enrollment_id, stepNumber: email.step_number }, transaction },
    );
  }
  return { before: pick(email), after: after! };
}

export const testEmailRequest = z.object({
  to: z.string().trim().toLowerCase().email('Enter a valid email address').max(320),
});

export interface TestEmail extends z.infer<typeof testEmailRequest> {
  workspaceId: string;
  mailboxId: string;
  /** Who asked: the email is theirs (owner) in the mailbox's history. */
  userId: string;
}

/**
 * A short email from the mailbox, due now, through the same pipe as any one-off: the quickest
 * proof that the mailbox's settings (SMTP password, OAuth tokens) work. Not tracked.
 */
export async function createTestEmail(request: TestEmail, transaction: Transaction): Promise<string> {
  const [mailbox] = isUuid(request.mailboxId) ? await select<{ email: string; display_name: string | null; is_active: boolean }>(
    `SELECT email, display_name, is_active FROM email_accounts WHERE id = :mailboxId AND workspace_id = :workspaceId FOR SHARE`,
    { mailboxId: request.mailboxId, workspaceId: request.workspaceId }, transaction,
  ) : [];
  if (!mailbox) throw new EmailRuleError('This mailbox does not exist in your workspace');
  if (!mailbox.is_active) throw new EmailRuleError(`Mailbox ${mailbox.email} is paused: activate it before testing it`);
  const [row] = await select<{ id: string }>(
    `INSERT INTO emails (workspace_id, email_account_id, owner_id, from_email, to_email, subject, body_text,
                         status, scheduled_at, send_metadata)
     VALUES (:workspaceId, :mailboxId, :userId, :from, :to, :subject, :text, 'scheduled', now(),
             jsonb_build_object('kind', 'test', 'track', false))
     RETURNING id`,
    {
      ...request,
      from: mailbox.email,
      subject: `Test email from ${mailbox.display_name ?? mailbox.email}`,
      text: `This is a test email sent from the CRM back office through ${mailbox.email}.\n\nIf you can read it, the mailbox works.`,
    },
    transaction,
  );
  return row!.id;
}
