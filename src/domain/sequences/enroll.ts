/**
 * Enrolling contacts in a sequence (S4): one transaction, one INSERT … SELECT for the whole
 * selection. Contacts that must not get sequence mail (already in the sequence, unsubscribed,
 * bounced, without an address, of another workspace) are skipped and counted by reason; a
 * sequence or mailbox that cannot take enrollments refuses the whole request and writes nothing.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize, withTransaction } from '../../db.js';
import { isUuid } from '../uuid.js';
import { ENROLLABLE_SEQUENCE_STATUSES, SequenceRuleError, SKIP_REASONS, type SkipReason } from './rules.js';

export interface EnrollInput {
  /** The workspace the enrollments land in; the sequence, mailbox and contacts must be of it. */
  workspaceId: string;
  sequenceId: string;
  /** The mailbox that sends the steps; its owner becomes the enrollment's user (see below). */
  emailAccountId: string;
  contactIds: string[];
}

export interface EnrollResult {
  enrolled: number;
  enrollmentIds: string[];
  /** How many contacts were left out, by reason. */
  skipped: Record<SkipReason, number>;
  /** The contacts left out, by reason. */
  skippedContactIds: Record<SkipReason, string[]>;
}

/** Malformed input is a refusal like any other: a clear message, nothing written. */
function checkInput(input: EnrollInput): string[] {
  const problems: string[] = [];
  if (!isUuid(input.workspaceId)) problems.push('workspaceId must be a UUID');
  if (!isUuid(input.sequenceId)) problems.push('Choose a sequence');
  if (!isUuid(input.emailAccountId)) problems.push('Choose a mailbox to send from');
  if (!Array.isArray(input.contactIds) || input.contactIds.length === 0) problems.push('Select at least one contact to enroll');
  else if (!input.contactIds.every(isUuid)) problems.push('Every selected contact id must be a UUID');
  return problems;
}

type Row = Record<string, unknown>;
const select = <T extends Row>(sql: string, replacements: Row, transaction: Transaction) =>
  sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction });

/** The sequence, locked against a concurrent archive until the enrollments commit; its first delay. */
async function enrollableSequence(workspaceId: string, sequenceId: string, transaction: Transaction): Promise<{ name: string; firstDelayDays: number }> {
  const [sequence] = await select<{ workspace_id: string; name: string; status: string }>(
    `SELECT workspace_id, name, status FROM sequences WHERE id = :sequenceId FOR SHARE`,
    { sequenceId }, transaction,
  );
  // Another workspace's sequence is reported exactly like a missing one: its existence is not ours to reveal.
  if (!sequence || sequence.workspace_id !== workspaceId) throw new SequenceRuleError('This sequence does not exist in your workspace');
  if (!ENROLLABLE_SEQUENCE_STATUSES.includes(sequence.status as never)) {
    throw new SequenceRuleError(`The sequence "${sequence.name}" is ${sequence.status}: contacts can no longer be enrolled in it`);
  }
  // The first step is the lowest step_number (numbers may have gaps after a step was deleted).
  const [first] = await select<{ delay_days: number }>(
    `SELECT delay_days FROM sequence_steps WHERE sequence_id = :sequenceId ORDER BY step_number LIMIT 1`,
    { sequenceId }, transaction,
  );
  if (!first) throw new SequenceRuleError(`The sequence "${sequence.name}" has no steps yet: add a step before enrolling contacts`);
  return { name: sequence.name, firstDelayDays: first.delay_days };
}

/** The sending mailbox's owner. Not locked: a mailbox paused a moment later is handled by the sender. */
async function activeMailboxOwner(workspaceId: string, emailAccountId: string, transaction: Transaction): Promise<string> {
  const [mailbox] = await select<{ workspace_id: string; user_id: string; email: string; is_active: boolean }>(
    `SELECT workspace_id, user_id, email, is_active FROM email_accounts WHERE id = :emailAccountId`,
    { emailAccountId }, transaction,
  );
  if (!mailbox || mailbox.workspace_id !== workspaceId) throw new SequenceRuleError('This mailbox does not exist in your workspace');
  if (!mailbox.is_active) throw new SequenceRuleError(`The mailbox ${mailbox.email} is inactive: activate it or choose another`);
  return mailbox.user_id;
}

/**
 * Classifies every selected contact and inserts the eligible ones in one statement. New
 * enrollments start before step 1 (current_step 0) with step 1 due after its own delay. The
 * enrollment's user is the mailbox owner, not the enrolling user: an enrollment is worked by the
 * person whose mailbox sends it and receives the replies, and `own` scopes on enrollments go by
 * that user (an admin enrolling for a rep leaves the rep able to see and pause them). Who
 * enrolled is the caller's audit entry. A row inserted concurrently for the same contact makes
 * ON CONFLICT skip it, reported as already enrolled.
 */
export async function enrollContacts(input: EnrollInput, transaction?: Transaction): Promise<EnrollResult> {
  const problems = checkInput(input);
  if (problems.length) throw new SequenceRuleError(problems.join('; '));
  const { workspaceId, sequenceId, emailAccountId } = input;
  const contactIds = [...new Set(input.contactIds.map((id) => id.toLowerCase()))];

  const work = async (t: Transaction): Promise<EnrollResult> => {
    const { firstDelayDays } = await enrollableSequence(workspaceId, sequenceId, t);
    const ownerId = await activeMailboxOwner(workspaceId, emailAccountId, t);
    const rows = await select<{ contact_id: string; reason: SkipReason | 'enrolled'; enrollment_id: string | null }>(
      `WITH selected AS (
         SELECT DISTINCT unnest(ARRAY[:contactIds]::uuid[]) AS id
       ), classified AS (
         SELECT s.id AS contact_id,
                CASE
                  WHEN c.id IS NULL THEN 'outsideWorkspace'
                  WHEN EXISTS (SELECT 1 FROM sequence_enrollments e
                                WHERE e.sequence_id = :sequenceId AND e.contact_id = c.id) THEN 'alreadyEnrolled'
                  WHEN c.email IS NULL THEN 'noEmail'
                  -- The contact's flag, or a consent record for its address (contacts.email is
                  -- stored lower-case; the unique index is on lower(email) WHERE is_active).
                  WHEN c.unsubscribed OR EXISTS (
                         SELECT 1 FROM email_unsubscribes u
                          WHERE u.workspace_id = :workspaceId AND lower(u.email) = c.email
                            AND u.unsubscribe_type = 'all' AND u.is_active) THEN 'unsubscribed'
                  WHEN c.bounced THEN 'bounced'
                  ELSE 'eligible'
                END AS reason
           FROM selected s
           LEFT JOIN contacts c ON c.id = s.id AND c.workspace_id = :workspaceId
       ), inserted AS (
         INSERT INTO sequence_enrollments
           (workspace_id, sequence_id, contact_id, user_id, email_account_id, current_step, status, next_email_scheduled_at)
         SELECT :workspaceId, :sequenceId, contact_id, :ownerId, :emailAccountId, 0, 'active',
                now() + make_interval(days => :firstDelayDays)
           FROM classified WHERE reason = 'eligible'
         ON CONFLICT (sequence_id, contact_id) DO NOTHING
         RETURNING id, contact_id
       )
       SELECT c.contact_id,
              CASE WHEN i.id IS NOT NULL THEN 'enrolled'
                   WHEN c.reason = 'eligible' THEN 'alreadyEnrolled'
                   ELSE c.reason END AS reason,
              i.id AS enrollment_id
         FROM classified c LEFT JOIN inserted i ON i.contact_id = c.contact_id`,
      { contactIds, workspaceId, sequenceId, emailAccountId, ownerId, firstDelayDays }, t,
    );
    const skippedContactIds = Object.fromEntries(SKIP_REASONS.map((r) => [r, [] as string[]])) as Record<SkipReason, string[]>;
    const enrollmentIds: string[] = [];
    for (const row of rows) {
      if (row.reason === 'enrolled') enrollmentIds.push(row.enrollment_id!);
      else skippedContactIds[row.reason].push(row.contact_id);
    }
    return {
      enrolled: enrollmentIds.length,
      enrollmentIds,
      skipped: Object.fromEntries(SKIP_REASONS.map((r) => [r, skippedContactIds[r].length])) as Record<SkipReason, number>,
      skippedContactIds,
    };
  };
  return transaction ? work(transaction) : withTransaction(work);
}

const REASON_WORDS: Record<SkipReason, string> = {
  alreadyEnrolled: 'already enrolled',
  unsubscribed: 'unsubscribed',
  bounced: 'bounced',
  noEmail: 'without an email address',
  outsideWorkspace: 'not in this workspace',
};

/** "Enrolled 8; skipped 2 (1 already enrolled, 1 unsubscribed)". */
export function describeEnrollment(result: Pick<EnrollResult, 'enrolled' | 'skipped'>): string {
  const parts = SKIP_REASONS.filter((r) => result.skipped[r] > 0).map((r) => `${result.skipped[r]} ${REASON_WORDS[r]}`);
  const total = SKIP_REASONS.reduce((sum, r) => sum + result.skipped[r], 0);
  return total ? `Enrolled ${result.enrolled}; skipped ${total} (${parts.join(', ')})` : `Enrolled ${result.enrolled}`;
}
