/**
 * Pages → "Pipeline board": a pipeline's deals as columns by stage, with each column's count,
 * value and weighted value (src/domain/deals/pipeline-board.ts), and a move per card (drag to a
 * column, or "Move to") that goes through the stage-move rule and shows its refusal.
 *
 * A page is not a resource action, so the API guard does not cover it: this handler checks the
 * actor itself. Reading the board needs `list` on deals and shows the deals of that scope (a rep
 * their own); a move needs `edit` on deals and the deal inside the edit scope. Refusals are
 * logged like the guard's, and answered with an error notice and nothing written.
 */
import type { ActionRequest, AdminJSOptions } from 'adminjs';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import { logSecurityEvent } from '../../domain/auth/security-log.js';
import { moveDealOnBoard, pipelineBoard } from '../../domain/deals/pipeline-board.js';
import { DealStageError } from '../../domain/deals/stage-rules.js';
import { actorScope, type Actor } from '../../domain/permissions/actor.js';
import { scopeCondition } from '../../domain/permissions/scope-sql.js';
import { isUuid } from '../../domain/uuid.js';
import { isActor } from '../access.js';
import { component } from '../components/loader.js';
import { recordAudit } from '../data/audit.js';
import { currentRequestMeta } from '../request-context.js';
import { withActorTransaction } from '../data/actor-transaction.js';

type Page = NonNullable<AdminJSOptions['pages']>[string];

/** The deals the actor may use `action` on, as a condition over alias `d`; null when refused. */
function dealCondition(actor: Actor, action: 'list' | 'edit'): string | null {
  const scope = actorScope(actor, 'deals', action);
  if (!scope) return null;
  // The board shows the workspace worked in, even to a root admin.
  return scopeCondition(actor, 'deals', scope === 'all' ? 'workspace' : scope, 'd') ?? 'TRUE';
}

const error = (message: string) => ({ notice: { message, type: 'error' as const } });

async function refused(actor: Actor, action: string, details: Record<string, unknown>) {
  const meta = currentRequestMeta();
  await logSecurityEvent({
    type: 'permission_denied', workspaceId: actor.workspaceId, userId: actor.id, userEmail: actor.email,
    description: `Refused ${action} on the pipeline board`, details: { page: 'pipelineBoard', action, ...details },
    meta: { ip: meta?.ip, userAgent: meta?.userAgent },
  }).catch((err) => console.error('security log failed', err));
}

async function board(actor: Actor, pipelineId: string | null) {
  const condition = dealCondition(actor, 'list')!;
  return { board: await pipelineBoard(actor.workspaceId, pipelineId, condition), canMove: dealCondition(actor, 'edit') !== null };
}

async function move(actor: Actor, payload: Record<string, unknown>) {
  const dealId = String(payload.dealId ?? '');
  const stageId = String(payload.stageId ?? '');
  const editable = dealCondition(actor, 'edit');
  if (!editable) {
    await refused(actor, 'move', { dealId });
    return error('You may not move deals');
  }
  const [deal] = isUuid(dealId)
    ? await sequelize.query<{ id: string; stage_id: string | null; status: string }>(
      `SELECT d.id, d.stage_id, d.status::text FROM deals d WHERE d.id = :dealId AND d.workspace_id = :workspaceId AND (${editable})`,
      { type: QueryTypes.SELECT, replacements: { dealId, workspaceId: actor.workspaceId } },
    )
    : [];
  if (!deal) {
    await refused(actor, 'move', { dealId });
    return error('This deal does not exist or is not yours to move');
  }
  try {
    const result = await withActorTransaction(actor, async (transaction) => {
      const moved = await moveDealOnBoard({
        workspaceId: actor.workspaceId, dealId, stageId, actorId: actor.id,
        reason: payload.reason === undefined ? null : String(payload.reason),
        competitor: payload.competitor === undefined ? null : String(payload.competitor),
      }, transaction);
      if (moved.moved) {
        await recordAudit({
          actor, action: 'update', table: 'deals', id: dealId, transaction, description: `Moved deal ${dealId} on the pipeline board`,
          before: { workspace_id: actor.workspaceId, stage_id: deal.stage_id, status: deal.status },
          after: { workspace_id: actor.workspaceId, stage_id: moved.toStageId, status: moved.status },
        });
      }
      return moved;
    });
    return { notice: { message: result.moved ? `Moved to "${result.stageName}"` : `Already in "${result.stageName}"`, type: 'success' as const }, move: result };
  } catch (err) {
    if (err instanceof DealStageError) return { ...error(err.message), missingFields: err.missingFields };
    throw err;
  }
}

export const pipelineBoardPage: Page = {
  icon: 'Columns',
  component: component('PipelineBoard', 'pipeline-board.jsx'),
  handler: async (request: ActionRequest, _response: unknown, context: { currentAdmin?: unknown }) => {
    const actor = context.currentAdmin;
    if (!isActor(actor as never)) return error('Log in first');
    const me = actor as Actor;
    if (!dealCondition(me, 'list')) {
      await refused(me, 'view', {});
      return error('You may not see deals');
    }
    const pipelineId = request.query?.pipelineId ? String(request.query.pipelineId) : null;
    if (request.method === 'post') {
      const payload = (request.payload ?? {}) as Record<string, unknown>;
      const outcome = await move(me, payload);
      const pipeline = payload.pipelineId ? String(payload.pipelineId) : pipelineId;
      return { ...outcome, ...(await board(me, pipeline)) };
    }
    return board(me, pipelineId);
  },
};
