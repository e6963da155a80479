/**
 * Deals → "Mark won" / "Mark lost": the component asks for the reason (and, when lost, the
 * competitor who won it), then closeDeal (src/domain/deals/close-deal.ts) moves the deal to its
 * pipeline's won or lost stage through the one stage-move rule. The move and its audit entry
 * commit together; a refusal (no reason, already closed, a required field of that stage) is an
 * error notice with nothing written. The deal is read under the action's row scope (a rep
 * closes their own deals); the policy names the actions `markWon` / `markLost`.
 *
 * GET opens the question; only a POST changes anything.
 */
import { NotFoundError, ValidationError, type Action, type ActionResponse, type Before } from 'adminjs';
import { closeDeal, MAX_REASON_LENGTH, type DealOutcome } from '../../domain/deals/close-deal.js';
import { DealStageError } from '../../domain/deals/stage-rules.js';
import type { Actor } from '../../domain/permissions/actor.js';
import { component } from '../components/loader.js';
import { recordAudit } from '../data/audit.js';
import { respond } from './record-response.js';
import { withActorTransaction } from '../data/actor-transaction.js';

const closeDealComponent = component('CloseDeal', 'close-deal.jsx');
const CLOSABLE = new Set(['open', 'on_hold', 'abandoned']);

function closeDealAction(outcome: DealOutcome): Partial<Action<ActionResponse>> {
  return {
    actionType: 'record',
    icon: outcome === 'won' ? 'Award' : 'XCircle',
    component: closeDealComponent,
    custom: { outcome, maxReasonLength: MAX_REASON_LENGTH },
    isVisible: ({ record }) => !!record && CLOSABLE.has(String(record.param('status'))),
    handler: async (request, _response, context) => {
      const { record, currentAdmin } = context;
      if (!record) throw new NotFoundError('No deal given', outcome === 'won' ? 'markWon' : 'markLost');
      if (request.method !== 'post') return { record: record.toJSON(currentAdmin) };
      const actor = currentAdmin as Actor;
      const payload = (request.payload ?? {}) as Record<string, unknown>;
      const dealId = String(record.id());
      const workspaceId = String(record.param('workspace_id'));
      try {
        const result = await withActorTransaction(actor, async (transaction) => {
          const closed = await closeDeal({
            workspaceId, dealId, outcome, actorId: actor.id,
            reason: payload.reason === undefined ? null : String(payload.reason),
            competitor: payload.competitor === undefined ? null : String(payload.competitor),
          }, transaction);
          await recordAudit({
            actor, action: 'update', table: 'deals', id: dealId, transaction,
            before: { workspace_id: workspaceId, stage_id: closed.fromStageId, status: record.param('status') },
            after: { workspace_id: workspaceId, stage_id: closed.toStageId, status: closed.status },
            description: `Marked deal ${dealId} ${outcome}`,
          });
          return closed;
        });
        return respond(context, { message: `Deal marked ${outcome} (stage "${result.stageName}")`, type: 'success' }, { result });
      } catch (error) {
        if (error instanceof DealStageError) return respond(context, { message: error.message, type: 'error' });
        throw error;
      }
    },
  };
}

export const markWonAction = closeDealAction('won');
export const markLostAction = closeDealAction('lost');

const CLOSED = new Set(['won', 'lost']);

/**
 * A `before` hook for the deal form's `edit`: won and lost come with their stage, close date,
 * history and reason, so a status typed into the form cannot make them. When the same save
 * moves the stage, the move decides the status (the typed one is dropped); otherwise the form
 * points to Mark won / Mark lost.
 */
export const closedOnlyThroughStages: Before = async (request, context) => {
  const payload = request.payload;
  if (request.method !== 'post' || !payload || !context.record || payload.status === undefined) return request;
  const current = String(context.record.param('status'));
  const sent = String(payload.status);
  if (sent === current || !CLOSED.has(sent)) return request;
  const stageMoves = 'stage_id' in payload && payload.stage_id !== context.record.param('stage_id') && payload.stage_id;
  if (stageMoves) {
    const { status: _dropped, ...rest } = payload;
    return { ...request, payload: rest };
  }
  throw new ValidationError({ status: { message: `Use "Mark ${sent}" (it asks the reason) or move the deal to a ${sent} stage` } });
};
