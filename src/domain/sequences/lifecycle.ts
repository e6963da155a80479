/**
 * Holding and resuming (S4): an enrollment moves only between active and paused (completed,
 * replied, bounced and unsubscribed end it for good); a sequence is activated, paused or
 * archived. The stepper only sends for active enrollments of active sequences, so pausing either
 * stops the mail without losing the place: current_step and next_email_scheduled_at are kept.
 * Each function locks the row, refuses with a clear SequenceRuleError (changing nothing) and
 * returns the changed columns before and after, for the caller's audit entry.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize, withTransaction } from '../../db.js';
import type { SequenceStatus } from '../../models/sequence.model.js';
import type { StatusChange } from '../status-change.js';
import { isUuid } from '../uuid.js';
import { SequenceRuleError } from './rules.js';

type Row = Record<string, unknown>;
export type { StatusChange };

export interface EnrollmentRef { workspaceId: string; enrollmentId: string }

const ENROLLMENT_COLUMNS = 'status, paused_at, next_email_scheduled_at, current_step';

const select = <T extends Row>(sql: string, replacements: Row, transaction: Transaction) =>
  sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction });

const inTransaction = <T>(transaction: Transaction | undefined, work: (t: Transaction) => Promise<T>): Promise<T> =>
  transaction ? work(transaction) : withTransaction(work);

async function lockedEnrollment({ workspaceId, enrollmentId }: EnrollmentRef, transaction: Transaction): Promise<Row> {
  const [row] = isUuid(enrollmentId) ? await select(
    `SELECT ${ENROLLMENT_COLUMNS} FROM sequence_enrollments
      WHERE id = :enrollmentId AND workspace_id = :workspaceId FOR UPDATE`,
    { enrollmentId, workspaceId }, transaction,
  ) : [];
  if (!row) throw new SequenceRuleError('This enrollment does not exist in your workspace');
  return row;
}

async function updateEnrollment(ref: EnrollmentRef, set: string, transaction: Transaction): Promise<Row> {
  const [after] = await select(
    `UPDATE sequence_enrollments SET ${set} WHERE id = :enrollmentId RETURNING ${ENROLLMENT_COLUMNS}`,
    { enrollmentId: ref.enrollmentId }, transaction,
  );
  return after!;
}

/** Stops an active enrollment where it is; its next step stays scheduled for when it resumes. */
export function pauseEnrollment(ref: EnrollmentRef, transaction?: Transaction): Promise<StatusChange> {
  return inTransaction(transaction, async (t) => {
    const before = await lockedEnrollment(ref, t);
    if (before.status === 'paused') throw new SequenceRuleError('This enrollment is already paused');
    if (before.status !== 'active') throw new SequenceRuleError(`This enrollment has ended (${before.status}): there is nothing to pause`);
    const after = await updateEnrollment(ref, `status = 'paused', paused_at = now()`, t);
    return { before, after };
  });
}

/**
 * Continues a paused enrollment from the step where it was: the step that was due goes out at
 * its time, or at once when that time passed during the pause (or was never set).
 */
export function resumeEnrollment(ref: EnrollmentRef, transaction?: Transaction): Promise<StatusChange> {
  return inTransaction(transaction, async (t) => {
    const before = await lockedEnrollment(ref, t);
    if (before.status === 'active') throw new SequenceRuleError('This enrollment is already active');
    if (before.status !== 'paused') {
      throw new SequenceRuleError(`This enrollment has ended (${before.status}) and cannot be resumed; enroll the contact in another sequence instead`);
    }
    const after = await updateEnrollment(
      ref, `status = 'active', paused_at = NULL, next_email_scheduled_at = COALESCE(next_email_scheduled_at, now())`, t,
    );
    return { before, after };
  });
}

/** The statuses a user sets on a sequence ('completed' is not set by hand). */
export const SETTABLE_SEQUENCE_STATUSES = ['active', 'paused', 'archived'] as const satisfies readonly SequenceStatus[];
export type SettableSequenceStatus = (typeof SETTABLE_SEQUENCE_STATUSES)[number];

/**
 * Activates, pauses or archives a sequence. Activating needs at least one step (an active
 * sequence without steps would complete every enrollment without sending anything). Archiving
 * ends no enrollment: it only closes the sequence to new ones; pausing holds every enrollment.
 */
export function setSequenceStatus(
  { workspaceId, sequenceId, status }: { workspaceId: string; sequenceId: string; status: SettableSequenceStatus },
  transaction?: Transaction,
): Promise<StatusChange> {
  if (!SETTABLE_SEQUENCE_STATUSES.includes(status)) {
    return Promise.reject(new SequenceRuleError(`A sequence can be set to ${SETTABLE_SEQUENCE_STATUSES.join(', ')}, not ${status}`));
  }
  return inTransaction(transaction, async (t) => {
    const [before] = isUuid(sequenceId) ? await select<{ name: string; status: string; steps_count: number }>(
      `SELECT name, status, steps_count FROM sequences WHERE id = :sequenceId AND workspace_id = :workspaceId FOR UPDATE`,
      { sequenceId, workspaceId }, t,
    ) : [];
    if (!before) throw new SequenceRuleError('This sequence does not exist in your workspace');
    if (before.status === status) throw new SequenceRuleError(`The sequence "${before.name}" is already ${status}`);
    // steps_count is exact: a trigger keeps it equal to the number of steps.
    if (status === 'active' && before.steps_count === 0) {
      throw new SequenceRuleError(`The sequence "${before.name}" has no steps: add a step before activating it`);
    }
    const [after] = await select(
      `UPDATE sequences SET status = :status::enum_sequences_status WHERE id = :sequenceId RETURNING status`,
      { sequenceId, status }, t,
    );
    return { before: { status: before.status }, after: after! };
  });
}
