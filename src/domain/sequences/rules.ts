/**
 * The states of sequences and enrollments that the enrolling and holding rules talk about, and
 * the error a refused request raises. Kept here so that the panel's choices, the domain checks
 * and the action buttons read the same lists.
 */
import { RuleError } from '../rule-error.js';
import type { SequenceStatus } from '../../models/sequence.model.js';
import type { SequenceEnrollmentStatus } from '../../models/sequence-enrollment.model.js';

/**
 * Contacts may be enrolled into these. A paused sequence takes enrollments (they wait until it
 * is activated, as the stepper only runs active sequences); archived and completed ones do not.
 */
export const ENROLLABLE_SEQUENCE_STATUSES: readonly SequenceStatus[] = ['active', 'paused'];

/** The statuses an enrollment moves between by hand; every other status has ended it for good. */
export const RUNNING_ENROLLMENT_STATUSES: readonly SequenceEnrollmentStatus[] = ['active', 'paused'];

/** Why a contact of a selection was not enrolled. */
export const SKIP_REASONS = ['alreadyEnrolled', 'unsubscribed', 'bounced', 'noEmail', 'outsideWorkspace'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** A request the sequence rules refuse; the message says why and nothing was written. */
export class SequenceRuleError extends RuleError {}
