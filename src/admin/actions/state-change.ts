/**
 * A record action that moves a row to another state through a domain function (pause, resume,
 * activate, archive): shown only where it applies, the change and its audit entry in one
 * transaction, a refusal of the rules shown as an error notice with nothing changed. The role
 * policy guards it like any action (these names fall back to the table's `edit` rights).
 *
 * It acts on POST only: AdminJS opens a record action with a GET, and a GET must not change
 * anything (a link from another site carries the SameSite=Lax session cookie). The component
 * asks the question and posts the answer.
 */
import { NotFoundError, ValidationError, type Action, type ActionResponse, type BaseRecord, type Before } from 'adminjs';
import type { Transaction } from 'sequelize';
import type { Actor } from '../../domain/permissions/actor.js';
import type { StatusChange } from '../../domain/status-change.js';
import { RuleError } from '../../domain/rule-error.js';
import { component } from '../components/loader.js';
import { recordAudit } from '../data/audit.js';
import { withActorTransaction } from '../data/actor-transaction.js';

const stateChangeComponent = component('StateChange', 'state-change.jsx');

export interface StateChange {
  icon: string;
  /** What the confirmation page asks ("Pause this sequence? …"). */
  question: string;
  /** Whether the button is offered for this row (the domain refuses the other cases anyway). */
  appliesTo: (status: string, record: BaseRecord) => boolean;
  change: (target: { workspaceId: string; id: string; actor: Actor }, transaction: Transaction) => Promise<StatusChange>;
  /** The notice, and the audit entry's description. */
  done: string;
}

export function stateChangeAction({ icon, question, appliesTo, change, done }: StateChange): Partial<Action<ActionResponse>> {
  return {
    actionType: 'record',
    icon,
    component: stateChangeComponent,
    custom: { question },
    isVisible: ({ record }) => !!record && appliesTo(String(record.param('status')), record),
    handler: async (request, _response, context) => {
      const { record, resource, currentAdmin, h } = context;
      if (!record) throw new NotFoundError('No record given', 'stateChange');
      if (request.method !== 'post') return { record: record.toJSON(currentAdmin) };
      const actor = currentAdmin as Actor;
      const id = String(record.id());
      // The row was read under the actor's scope: its workspace is one they may act in.
      const workspaceId = String(record.param('workspace_id'));
      try {
        await withActorTransaction(actor, async (transaction) => {
          const { before, after } = await change({ workspaceId, id, actor }, transaction);
          await recordAudit({
            actor,
            action: 'update',
            table: resource.id(),
            id,
            before: { workspace_id: workspaceId, ...before },
            after: { workspace_id: workspaceId, ...after },
            description: `${done}: ${resource.id()} ${id}`,
            transaction,
          });
        });
      } catch (error) {
        if (error instanceof RuleError) {
          return { record: record.toJSON(currentAdmin), notice: { message: error.message, type: 'error' } };
        }
        throw error;
      }
      const fresh = await resource.findOne(id, context);
      return {
        record: (fresh ?? record).toJSON(currentAdmin),
        notice: { message: done, type: 'success' },
        redirectUrl: h.recordActionUrl({ resourceId: resource.id(), recordId: id, actionName: 'show' }),
      };
    },
  };
}

/**
 * A `before` hook for `new` and `edit` of a table whose status only the state-change actions
 * move (their rules would be bypassed by typing a status into the form or the API): a new row
 * gets the column's default status, an edit keeps the row's.
 */
export function statusOnlyThroughActions(actionNames: string): Before {
  return async (request, context) => {
    const sent = request.payload?.status;
    if (request.method !== 'post' || sent === undefined) return request;
    const model = (context.resource as unknown as { model?: { getAttributes(): Record<string, { defaultValue?: unknown }> } }).model;
    const current = context.record ? context.record.param('status') : model?.getAttributes().status?.defaultValue;
    if (sent === current) return request;
    throw new ValidationError({ status: { message: `The status changes only with ${actionNames}` } });
  };
}
