/**
 * "Mark won" / "Mark lost" (S2 won_reason / lost_reason, S3 lost_to_competitor): the deal moves
 * to its pipeline's won or lost stage through moveDealStage, so the stage's required fields,
 * the history row, auto tasks, status, close date and probability follow the one rule. What
 * this adds is the question the panel asks: a reason is required, a competitor is optional.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import { isUuid } from '../uuid.js';
import { moveDealStage, type MoveDealStageResult } from './move-stage.js';
import { DealStageError } from './stage-rules.js';

export type DealOutcome = 'won' | 'lost';

export interface CloseDealInput {
  workspaceId: string;
  dealId: string;
  outcome: DealOutcome;
  reason: string | null | undefined;
  /** Who won it instead (lost only). */
  competitor?: string | null;
  actorId: string;
}

/** Long enough for a sentence or two; a pasted e-mail thread belongs in an activity. */
export const MAX_REASON_LENGTH = 1000;

/** Statuses a deal may be closed from: closing a closed deal again would rewrite its history. */
const CLOSABLE = new Set(['open', 'on_hold', 'abandoned']);

export async function closeDeal(input: CloseDealInput, transaction: Transaction): Promise<MoveDealStageResult & { stageName: string }> {
  const reason = (input.reason ?? '').trim();
  const competitor = input.outcome === 'lost' ? (input.competitor ?? '').trim() || null : null;
  if (!reason) throw new DealStageError(`Give the reason the deal was ${input.outcome}`, [input.outcome === 'won' ? 'won_reason' : 'lost_reason']);
  if (reason.length > MAX_REASON_LENGTH) throw new DealStageError(`The reason is too long (at most ${MAX_REASON_LENGTH} characters)`);
  if (competitor && competitor.length > 200) throw new DealStageError('The competitor name is too long (at most 200 characters)');

  const [deal] = isUuid(input.dealId)
    ? await sequelize.query<{ status: string; pipeline_id: string | null; pipeline_name: string | null }>(
      `SELECT d.status::text, d.pipeline_id, p.name AS pipeline_name
         FROM deals d LEFT JOIN pipelines p ON p.id = d.pipeline_id
        WHERE d.id = :id AND d.workspace_id = :workspaceId FOR UPDATE OF d`,
      { type: QueryTypes.SELECT, replacements: { id: input.dealId, workspaceId: input.workspaceId }, transaction },
    )
    : [];
  if (!deal) throw new DealStageError('This deal does not exist in your workspace');
  if (!CLOSABLE.has(deal.status)) {
    throw new DealStageError(`This deal is already ${deal.status}: move it back to an open stage first to reopen it`);
  }
  if (!deal.pipeline_id) throw new DealStageError('This deal is in no pipeline: give it a pipeline and stage first');

  const [stage] = await sequelize.query<{ id: string; name: string }>(
    `SELECT id, name FROM pipeline_stages WHERE pipeline_id = :pipelineId AND ${input.outcome === 'won' ? 'is_won' : 'is_lost'}
      ORDER BY order_index, created_at LIMIT 1`,
    { type: QueryTypes.SELECT, replacements: { pipelineId: deal.pipeline_id }, transaction },
  );
  if (!stage) throw new DealStageError(`Pipeline "${deal.pipeline_name}" has no ${input.outcome} stage: add one first`);

  const result = await moveDealStage({ dealId: input.dealId, stageId: stage.id, actorId: input.actorId, reason, competitor }, transaction);
  // An abandoned deal left in the lost stage: nothing moved, so the reason would be lost silently.
  if (!result.moved) throw new DealStageError(`This deal is already in stage "${stage.name}"`);
  return { ...result, stageName: stage.name };
}
