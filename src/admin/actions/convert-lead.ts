/**
 * Leads → "Convert lead": asks for the pipeline the deal starts in, the deal's title and the
 * conversion value (and whether an opportunity is opened), then convertLead
 * (src/domain/leads/convert-lead.ts) creates or links the contact, account, opportunity and
 * deal and marks the lead converted, with an audit entry per row, all in one transaction. A
 * refusal (already converted, no open stage, a required field of the first stage) is an error
 * notice and nothing is written. The lead is read under the action's row scope (a rep converts
 * their own leads); the policy names the action `convertLead` (a table's `*` covers it).
 *
 * GET (the page opening) returns the choices only; the conversion happens on POST.
 */
import { NotFoundError, ValidationError, type Action, type ActionResponse, type Before } from 'adminjs';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import { DealStageError } from '../../domain/deals/stage-rules.js';
import { convertLead, LeadConversionError } from '../../domain/leads/convert-lead.js';
import type { Actor } from '../../domain/permissions/actor.js';
import { component } from '../components/loader.js';
import { recordAudit } from '../data/audit.js';
import { respond } from './record-response.js';
import { withActorTransaction } from '../data/actor-transaction.js';

const NOT_CONVERTIBLE = new Set(['converted', 'lost']);

/** Active pipelines of the workspace that have an open stage for the new deal to enter. */
function pipelineChoices(workspaceId: string) {
  return sequelize.query<{ id: string; name: string; is_default: boolean; first_stage: string }>(
    `SELECT p.id, p.name, p.is_default,
            (SELECT s.name FROM pipeline_stages s WHERE s.pipeline_id = p.id AND NOT s.is_won AND NOT s.is_lost
              ORDER BY s.order_index, s.created_at LIMIT 1) AS first_stage
       FROM pipelines p
      WHERE p.workspace_id = :workspaceId AND p.is_active
        AND EXISTS (SELECT 1 FROM pipeline_stages s WHERE s.pipeline_id = p.id AND NOT s.is_won AND NOT s.is_lost)
      ORDER BY p.is_default DESC, p.order_index, p.name`,
    { type: QueryTypes.SELECT, replacements: { workspaceId } },
  );
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export const convertLeadAction: Partial<Action<ActionResponse>> = {
  actionType: 'record',
  icon: 'Repeat',
  component: component('ConvertLead', 'convert-lead.jsx'),
  isVisible: ({ record }) => !!record && !NOT_CONVERTIBLE.has(String(record.param('status'))),
  handler: async (request, _response, context) => {
    const { record, currentAdmin } = context;
    if (!record) throw new NotFoundError('No lead given', 'convertLead');
    const actor = currentAdmin as Actor;
    const workspaceId = String(record.param('workspace_id'));
    if (request.method !== 'post') {
      const person = [record.param('first_name'), record.param('last_name')].filter(Boolean).join(' ');
      return {
        record: record.toJSON(currentAdmin),
        pipelines: await pipelineChoices(workspaceId),
        defaults: {
          dealTitle: text(record.param('company_name')) || person || text(record.param('email')),
          conversionValue: text(record.param('estimated_value')),
        },
      } as ActionResponse;
    }

    const payload = (request.payload ?? {}) as Record<string, unknown>;
    const leadId = String(record.id());
    try {
      // The outbox triggers stamp the contact_created / deal_created events with who did it.
      const result = await withActorTransaction(actor, async (transaction) => {
        const converted = await convertLead({
          workspaceId,
          leadId,
          actorId: actor.id,
          pipelineId: text(payload.pipelineId),
          dealTitle: text(payload.dealTitle),
          conversionValue: text(payload.conversionValue),
          createOpportunity: text(payload.createOpportunity) !== 'false',
        }, transaction);
        const audit = (table: string, id: string, action: 'create' | 'update', description: string, before?: Record<string, unknown>, after?: Record<string, unknown>) =>
          recordAudit({ actor, action, table, id, transaction, description, before: before ?? null,
            after: { workspace_id: workspaceId, ...(after ?? {}) }, metadata: { converted_lead_id: leadId } });
        await audit('leads', leadId, 'update', `Converted lead ${leadId}`,
          { workspace_id: workspaceId, status: record.param('status'), conversion_value: record.param('conversion_value') ?? null },
          { status: 'converted', conversion_value: converted.conversionValue });
        if (converted.accountCreated) await audit('accounts', converted.accountId!, 'create', `Account created by converting lead ${leadId}`);
        if (converted.contactCreated) await audit('contacts', converted.contactId, 'create', `Contact created by converting lead ${leadId}`);
        if (converted.opportunityId) await audit('opportunities', converted.opportunityId, 'create', `Opportunity created by converting lead ${leadId}`);
        await audit('deals', converted.dealId, 'create', `Deal created by converting lead ${leadId}`, undefined, { stage_id: converted.stageId });
        return converted;
      });
      const linked = [
        result.contactCreated ? 'a new contact' : 'the existing contact',
        result.accountId ? (result.accountCreated ? 'a new account' : 'the existing account') : null,
        result.opportunityId ? 'an opportunity' : null,
      ].filter(Boolean).join(', ');
      return {
        ...(await respond(context, { message: `Lead converted: a deal with ${linked}`, type: 'success' })),
        result,
        redirectUrl: context.h.recordActionUrl({ resourceId: 'deals', recordId: result.dealId, actionName: 'show' }),
      } as ActionResponse;
    } catch (error) {
      if (error instanceof LeadConversionError || error instanceof DealStageError) {
        const message = error instanceof DealStageError ? `The deal cannot enter the pipeline's first stage: ${error.message}` : error.message;
        return respond(context, { message, type: 'error' });
      }
      throw error;
    }
  },
};

/**
 * A `before` hook for the lead form's `new` and `edit`: "converted" means the conversion's rows
 * exist, so the status is not typed in; the convert actions set it.
 */
export const convertedOnlyByConversion: Before = async (request, context) => {
  const sent = request.payload?.status;
  if (request.method !== 'post' || sent !== 'converted') return request;
  if (context.record && context.record.param('status') === 'converted') return request;
  throw new ValidationError({ status: { message: 'A lead becomes converted with "Convert lead" (or "Convert to client"), not in the form' } });
};
