/** enroll_in_sequence: the record's contact, through the sequences' own enrollContacts rules. */
import { enrollContacts } from '../../sequences/enroll.js';
import { SequenceRuleError } from '../../sequences/rules.js';
import type { ActionParams } from '../schema.js';
import { ActionError, linksOf, mailboxFor, type RunContext } from './context.js';

export async function enrollInSequence(ctx: RunContext, p: ActionParams<'enroll_in_sequence'>) {
  const { contact_id } = linksOf(ctx);
  if (!contact_id) throw new ActionError('enroll_in_sequence: the record has no contact');
  const mailbox = await mailboxFor(ctx, p.mailbox_id);
  try {
    const result = await enrollContacts(
      { workspaceId: ctx.workspaceId, sequenceId: p.sequence_id, emailAccountId: mailbox.id, contactIds: [contact_id] },
      ctx.transaction,
    );
    const skipped = Object.entries(result.skipped).filter(([, n]) => n > 0).map(([reason]) => reason);
    return { contact_id, enrollment_id: result.enrollmentIds[0] ?? null, ...(skipped.length && { skipped: skipped.join(', ') }) };
  } catch (err) {
    if (err instanceof SequenceRuleError) throw new ActionError(`enroll_in_sequence: ${err.message}`);
    throw err;
  }
}
