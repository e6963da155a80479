/**
 * A pipeline as a board (S2 "Deals & Pipeline"): one column per stage in stage order with the
 * number of deals, their value and weighted value (value x probability, the deals' generated
 * column), and the deals as cards. Only the deals the viewer may list are read: the caller
 * passes the SQL condition of their row scope (a rep's own deals, a manager's team's).
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import { isUuid } from '../uuid.js';
import { MAX_REASON_LENGTH } from './close-deal.js';
import { moveDealStage, type MoveDealStageResult } from './move-stage.js';
import { DealStageError } from './stage-rules.js';

/** Cards per column: a board is read at a glance; the deals list pages through the rest. */
export const CARDS_PER_STAGE = 50;

export interface BoardCard {
  id: string; title: string; value: string; weighted_value: string | null; currency: string; status: string;
  probability: string | null; expected_close_date: string | null; owner_name: string | null; account_name: string | null;
  stage_entered_at: string | null;
}

export interface BoardColumn {
  id: string; name: string; order_index: number; probability: string; is_won: boolean; is_lost: boolean;
  color_code: string | null; required_fields: string[];
  count: number; value: string; weighted_value: string;
  deals: BoardCard[];
}

export interface PipelineChoice { id: string; name: string; is_default: boolean }

export interface PipelineBoard {
  pipelines: PipelineChoice[];
  pipeline: PipelineChoice | null;
  columns: BoardColumn[];
}

/**
 * The board of `pipelineId` (the workspace's default or first active pipeline when empty or
 * unknown). `dealCondition` is an SQL condition over the alias `d` (deals), e.g. the scope.
 */
export async function pipelineBoard(workspaceId: string, pipelineId: string | null, dealCondition: string): Promise<PipelineBoard> {
  const pipelines = await sequelize.query<PipelineChoice>(
    `SELECT id, name, is_default FROM pipelines WHERE workspace_id = :workspaceId AND is_active
      ORDER BY is_default DESC, order_index, name`,
    { type: QueryTypes.SELECT, replacements: { workspaceId } },
  );
  const pipeline = pipelines.find((p) => pipelineId && isUuid(pipelineId) && p.id === pipelineId) ?? pipelines[0] ?? null;
  if (!pipeline) return { pipelines, pipeline: null, columns: [] };

  const columns = await sequelize.query<Omit<BoardColumn, 'deals'>>(
    `SELECT s.id, s.name, s.order_index, s.probability, s.is_won, s.is_lost, s.color_code,
            COALESCE(s.required_fields, '[]'::jsonb) AS required_fields,
            count(d.id)::int AS count, COALESCE(sum(d.value), 0)::numeric(15,2)::text AS value,
            COALESCE(sum(d.weighted_value), 0)::numeric(15,2)::text AS weighted_value
       FROM pipeline_stages s
       LEFT JOIN deals d ON d.stage_id = s.id AND d.workspace_id = :workspaceId AND (${dealCondition})
      WHERE s.pipeline_id = :pipelineId
      GROUP BY s.id ORDER BY s.order_index, s.created_at`,
    { type: QueryTypes.SELECT, replacements: { workspaceId, pipelineId: pipeline.id } },
  );
  const cards = await sequelize.query<BoardCard & { stage_id: string }>(
    `SELECT c.* FROM pipeline_stages s
       CROSS JOIN LATERAL (
         SELECT d.id, d.stage_id, d.title, d.value::text, d.weighted_value::text, d.currency, d.status::text, d.probability::text,
                d.expected_close_date::text, d.stage_entered_at,
                NULLIF(concat_ws(' ', u.first_name, u.last_name), '') AS owner_name, a.name AS account_name
           FROM deals d
           LEFT JOIN users u ON u.id = d.owner_id
           LEFT JOIN accounts a ON a.id = d.account_id
          WHERE d.stage_id = s.id AND d.workspace_id = :workspaceId AND (${dealCondition})
          ORDER BY d.stage_entered_at DESC NULLS LAST, d.created_at DESC
          LIMIT ${CARDS_PER_STAGE}) c
      WHERE s.pipeline_id = :pipelineId`,
    { type: QueryTypes.SELECT, replacements: { workspaceId, pipelineId: pipeline.id } },
  );
  return {
    pipelines,
    pipeline,
    columns: columns.map((column) => ({ ...column, deals: cards.filter((c) => c.stage_id === column.id) })),
  };
}

export interface BoardMoveInput {
  workspaceId: string;
  dealId: string;
  stageId: string;
  actorId: string;
  /** Required when the stage is a won or lost one (as "Mark won" / "Mark lost" ask it). */
  reason?: string | null;
  competitor?: string | null;
}

/**
 * A move made on the board: the stage-move rule itself (moveDealStage), plus the question the
 * board asks before a deal enters a won or lost stage, the same "Mark won" / "Mark lost" ask.
 * The caller checks that the deal is one the actor may edit.
 */
export async function moveDealOnBoard(input: BoardMoveInput, transaction: Transaction): Promise<MoveDealStageResult & { stageName: string }> {
  const [stage] = isUuid(input.stageId)
    ? await sequelize.query<{ name: string; is_won: boolean; is_lost: boolean }>(
      `SELECT name, is_won, is_lost FROM pipeline_stages WHERE id = :id AND workspace_id = :workspaceId`,
      { type: QueryTypes.SELECT, replacements: { id: input.stageId, workspaceId: input.workspaceId }, transaction },
    )
    : [];
  if (!stage) throw new DealStageError('Choose a stage of the deal\'s pipeline');
  const reason = (input.reason ?? '').trim() || null;
  if ((stage.is_won || stage.is_lost) && !reason) {
    throw new DealStageError(`Give the reason the deal was ${stage.is_won ? 'won' : 'lost'} to move it to "${stage.name}"`,
      [stage.is_won ? 'won_reason' : 'lost_reason']);
  }
  if (reason && reason.length > MAX_REASON_LENGTH) throw new DealStageError(`The reason is too long (at most ${MAX_REASON_LENGTH} characters)`);
  const result = await moveDealStage({
    dealId: input.dealId, stageId: input.stageId, actorId: input.actorId, reason,
    competitor: stage.is_lost ? (input.competitor ?? '').trim() || null : null,
  }, transaction);
  return { ...result, stageName: stage.name };
}
