/** move_deal_stage: the record's deal to another stage, through the deals' own moveDealStage rules. */
import { moveDealStage } from '../../deals/move-stage.js';
import { DealStageError } from '../../deals/stage-rules.js';
import type { ActionParams } from '../schema.js';
import { ActionError, one, recordOf, type RunContext } from './context.js';

export async function moveDealStageAction(ctx: RunContext, p: ActionParams<'move_deal_stage'>) {
  const { table, record } = recordOf(ctx);
  const dealId = table === 'deals' ? String(record.id) : (record.deal_id as string | null);
  if (!dealId) throw new ActionError('move_deal_stage: the record has no deal');
  const deal = await one(`SELECT id FROM deals WHERE id = :dealId AND workspace_id = :workspaceId`, { dealId, workspaceId: ctx.workspaceId }, ctx.transaction);
  if (!deal) throw new ActionError(`move_deal_stage: deal ${dealId} does not exist in this workspace`);
  try {
    const moved = await moveDealStage(
      { dealId, stageId: p.stage_id, actorId: null, autoMoved: true, reason: `workflow "${ctx.workflow.name}"` },
      ctx.transaction,
    );
    return { deal_id: dealId, from: moved.fromStageId, to: moved.toStageId, moved: moved.moved, history_id: moved.historyId };
  } catch (err) {
    if (err instanceof DealStageError) throw new ActionError(`move_deal_stage: ${err.message}`);
    throw err;
  }
}
