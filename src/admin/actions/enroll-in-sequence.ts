/**
 * Contacts → "Enroll in sequence" on the selected rows. The selection arrives already read under
 * the action's row scope (a sales rep's own contacts; ids out of scope drop out and are counted
 * here); the sequence and mailbox must be among the choices the actor's role allows; the rules
 * of enrolling are enrollContacts'. The enrollments and their audit entry commit together.
 */
import type { Action, ActionRequest, ActionResponse, BaseRecord } from 'adminjs';
import { describeEnrollment, enrollContacts } from '../../domain/sequences/enroll.js';
import { enrollmentChoices } from '../../domain/sequences/enroll-choices.js';
import { SequenceRuleError } from '../../domain/sequences/rules.js';
import { actorScope, type Actor } from '../../domain/permissions/actor.js';
import { component } from '../components/loader.js';
import { recordAudit } from '../data/audit.js';
import { withActorTransaction } from '../data/actor-transaction.js';

/** Distinct ids the caller asked for (AdminJS passes them as ?recordIds=a,b,c). */
function requestedIds(request: ActionRequest): string[] {
  return [...new Set(String(request.query?.recordIds ?? '').split(',').filter(Boolean))];
}

export const enrollInSequenceAction: Partial<Action<ActionResponse>> = {
  actionType: 'bulk',
  icon: 'Send',
  component: component('EnrollInSequence', 'enroll-in-sequence.jsx'),
  // Enrolling creates enrollments: the policy on contacts (edit rights) is not enough on its own.
  isAccessible: ({ currentAdmin }) =>
    !!(currentAdmin as Actor | undefined)?.policies && actorScope(currentAdmin as Actor, 'sequence_enrollments', 'new') !== null,
  handler: async (request, _response, context) => {
    const { records = [], currentAdmin } = context;
    const actor = currentAdmin as Actor;
    const json = (r: BaseRecord) => r.toJSON(currentAdmin);
    if (request.method !== 'post') return { records: records.map(json), ...(await enrollmentChoices(actor)) } as ActionResponse;

    const payload = (request.payload ?? {}) as Record<string, unknown>;
    const sequenceId = String(payload.sequenceId ?? '');
    const emailAccountId = String(payload.emailAccountId ?? '');
    const refuse = (message: string) => ({ records: records.map(json), notice: { message, type: 'error' } }) as ActionResponse;
    const chosen = await enrollmentChoices(actor, { sequenceId, emailAccountId });
    const sequence = chosen.sequences[0];
    if (!sequence) return refuse('Choose one of the sequences offered (active or paused, with steps)');
    if (chosen.mailboxes.length === 0) return refuse('Choose one of the mailboxes offered');

    const outOfScope = requestedIds(request).length - records.length;
    try {
      const result = await withActorTransaction(actor, async (transaction) => {
        const enrolled = await enrollContacts({
          workspaceId: actor.workspaceId,
          sequenceId,
          emailAccountId,
          contactIds: records.map((r) => String(r.id())),
        }, transaction);
        if (enrolled.enrolled > 0) {
          await recordAudit({
            actor,
            action: 'create',
            table: 'sequence_enrollments',
            // One entry for the batch (like a CSV import); the new rows' ids are in its metadata.
            id: undefined,
            description: `Enrolled ${enrolled.enrolled} contact${enrolled.enrolled === 1 ? '' : 's'} in sequence ${sequence.name}`,
            metadata: { sequence_id: sequenceId, email_account_id: emailAccountId, enrollment_ids: enrolled.enrollmentIds, skipped: enrolled.skippedContactIds },
            transaction,
          });
        }
        return enrolled;
      });
      const skipped = Object.values(result.skipped).some((n) => n > 0) || outOfScope > 0;
      const message = describeEnrollment(result)
        + (outOfScope > 0 ? `. ${outOfScope} selected contact${outOfScope === 1 ? ' is' : 's are'} not yours to enroll` : '');
      return {
        records: records.map(json),
        result,
        notice: { message, type: skipped ? 'info' : 'success' },
        redirectUrl: context.h.resourceUrl({ resourceId: context.resource.id() }),
      } as ActionResponse;
    } catch (error) {
      if (error instanceof SequenceRuleError) return refuse(error.message);
      throw error;
    }
  },
};
