/**
 * Moving a deal to a stage (S2/S3), the one way a deal's stage changes: the panel's edit, the
 * workflow engine's move_deal_stage action and any job call this. In one transaction it checks
 * the stage's `required_fields`, writes `deal_stage_history` (from, to, who, days in the
 * previous stage, value and probability before and after, auto_moved), creates the stage's
 * `auto_tasks`, sets won/lost with `actual_close_date`, and copies the stage's probability to
 * the deal (`weighted_value` is a generated column, so it follows by itself). The deal's
 * opportunity (S3) follows it to won or lost, and back when the deal is reopened.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize, withTransaction } from '../../db.js';
import { REVENUE } from '../metrics/formulas.js';
import { DealStageError, missingRequiredFields } from './stage-rules.js';
import { createStageAutoTasks } from './stage-auto-tasks.js';

export interface MoveDealStageInput {
  dealId: string;
  stageId: string;
  /** Who moved it (deal_stage_history.moved_by); null for a move nobody made by hand. */
  actorId: string | null;
  /** A workflow or other automation moved it. */
  autoMoved?: boolean;
  /** Why: the history's notes, and the won/lost reason when the stage is won or lost. */
  reason?: string | null;
  /** Who won the deal instead, on a lost stage (deals.lost_to_competitor). */
  competitor?: string | null;
}

export interface MoveDealStageResult {
  /** false when the deal already was in the stage (nothing written). */
  moved: boolean;
  fromStageId: string | null;
  toStageId: string;
  historyId: string | null;
  daysInPreviousStage: number | null;
  tasksCreated: number;
  status: string;
}

type DealRow = Record<string, unknown> & {
  id: string; workspace_id: string; pipeline_id: string | null; stage_id: string | null; status: string;
  value: string; probability: string | null;
};
interface StageRow {
  id: string; workspace_id: string; pipeline_id: string; name: string; probability: string;
  is_won: boolean; is_lost: boolean; required_fields: unknown; auto_tasks: unknown;
}

/** Moves the deal; throws DealStageError (nothing written) when the rules refuse it. */
export function moveDealStage(input: MoveDealStageInput, transaction?: Transaction): Promise<MoveDealStageResult> {
  return transaction ? move(input, transaction) : withTransaction((t) => move(input, t));
}

async function move(input: MoveDealStageInput, transaction: Transaction): Promise<MoveDealStageResult> {
  const select = <T extends object>(sql: string, replacements: Record<string, unknown>) =>
    sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction });

  // FOR UPDATE: two moves of one deal at once must not both read the same "previous stage".
  const [deal] = await select<DealRow>(`SELECT * FROM deals WHERE id = :dealId FOR UPDATE`, { dealId: input.dealId });
  if (!deal) throw new DealStageError(`Deal ${input.dealId} does not exist`);
  const [stage] = await select<StageRow>(`SELECT * FROM pipeline_stages WHERE id = :stageId`, { stageId: input.stageId });
  if (!stage || stage.workspace_id !== deal.workspace_id) throw new DealStageError(`Stage ${input.stageId} does not exist`);
  // A deal without a pipeline yet takes the stage's; otherwise the stage must be one of its own.
  if (deal.pipeline_id && stage.pipeline_id !== deal.pipeline_id) {
    throw new DealStageError(`Stage "${stage.name}" belongs to another pipeline than the deal's`);
  }
  if (deal.stage_id === stage.id) {
    return { moved: false, fromStageId: deal.stage_id, toStageId: stage.id, historyId: null, daysInPreviousStage: null,
      tasksCreated: 0, status: deal.status };
  }

  // The move itself supplies the won/lost reason and competitor, so they count as filled.
  const reasonColumn = stage.is_won ? 'won_reason' : stage.is_lost ? 'lost_reason' : null;
  const supplied: Record<string, unknown> = {};
  if (reasonColumn && input.reason) supplied[reasonColumn] = input.reason;
  if (stage.is_lost && input.competitor) supplied.lost_to_competitor = input.competitor;
  const missing = missingRequiredFields(stage.required_fields, { ...deal, ...supplied });
  if (missing.length) {
    throw new DealStageError(`Stage "${stage.name}" requires ${missing.join(', ')}: fill ${missing.length === 1 ? 'it' : 'them'} first`, missing);
  }

  // Days in the previous stage: since the last move (or the stage entry time, or the deal's
  // creation for a deal never moved), in whole elapsed days.
  const [history] = await select<{ id: string; days: number; status: string }>(
    `WITH entered AS (
       SELECT COALESCE((SELECT max(h.moved_at) FROM deal_stage_history h WHERE h.deal_id = d.id),
                       d.stage_entered_at, d.created_at) AS at
         FROM deals d WHERE d.id = :dealId
     ), days AS (
       SELECT greatest(0, floor(extract(epoch FROM now() - entered.at) / 86400))::int AS n FROM entered
     ), moved AS (
       UPDATE deals d
          SET stage_id = s.id, pipeline_id = s.pipeline_id, probability = s.probability, stage_entered_at = now(),
              -- why reopen: a won/lost deal dragged back to an open stage is being worked again.
              status = CASE WHEN s.is_won THEN 'won' WHEN s.is_lost THEN 'lost'
                            WHEN d.status IN ('won', 'lost') THEN 'open' ELSE d.status END::enum_deals_status,
              actual_close_date = CASE WHEN s.is_won OR s.is_lost THEN current_date
                                       WHEN d.status IN ('won', 'lost') THEN NULL ELSE d.actual_close_date END,
              won_reason = CASE WHEN s.is_won THEN COALESCE(:reason, d.won_reason) ELSE d.won_reason END,
              lost_reason = CASE WHEN s.is_lost THEN COALESCE(:reason, d.lost_reason) ELSE d.lost_reason END,
              lost_to_competitor = CASE WHEN s.is_lost THEN COALESCE(:competitor, d.lost_to_competitor) ELSE d.lost_to_competitor END
         FROM pipeline_stages s
        WHERE d.id = :dealId AND s.id = :stageId
       RETURNING d.status::text AS status, d.value, d.probability
     )
     INSERT INTO deal_stage_history
            (workspace_id, deal_id, from_stage_id, to_stage_id, moved_by, notes, days_in_previous_stage, auto_moved,
             value_before, value_after, probability_before, probability_after)
     SELECT :workspaceId, :dealId, :fromStageId, :stageId, :actorId, :reason, days.n, :autoMoved,
            :valueBefore, moved.value, :probabilityBefore, moved.probability
       FROM moved, days
     RETURNING id, days_in_previous_stage AS days, (SELECT status FROM moved) AS status`,
    {
      dealId: deal.id, stageId: stage.id, workspaceId: deal.workspace_id, fromStageId: deal.stage_id,
      actorId: input.actorId, reason: input.reason ?? null, competitor: input.competitor ?? null,
      autoMoved: input.autoMoved ?? false, valueBefore: deal.value, probabilityBefore: deal.probability,
    },
  );
  const tasksCreated = await createStageAutoTasks({ dealId: deal.id, stageId: stage.id }, transaction);
  await followOpportunity(deal, history!.status, input.reason ?? null, transaction);
  return {
    moved: true, fromStageId: deal.stage_id, toStageId: stage.id, historyId: history!.id,
    daysInPreviousStage: history!.days, tasksCreated, status: history!.status,
  };
}

/**
 * An open opportunity closes with its deal: stage won/lost, close date, reason, and on a win the
 * deal's value as its actual value. A deal reopened takes the opportunity it had closed back to
 * negotiation. An opportunity closed some other way (by hand, by another deal) is left alone.
 */
async function followOpportunity(deal: DealRow, status: string, reason: string | null, transaction: Transaction): Promise<void> {
  const opportunityId = deal.opportunity_id as string | null;
  if (!opportunityId || status === deal.status) return;
  await sequelize.query(
    `UPDATE opportunities o
        SET stage = (CASE WHEN :status IN ('won', 'lost') THEN :status ELSE 'negotiation' END)::enum_opportunities_stage,
            close_date = CASE WHEN :status IN ('won', 'lost') THEN current_date END,
            close_reason = CASE WHEN :status IN ('won', 'lost') THEN COALESCE(:reason, o.close_reason) ELSE o.close_reason END,
            actual_value = CASE WHEN :status = 'won' THEN (SELECT ${REVENUE.dealRevenue('d')} FROM deals d WHERE d.id = :dealId)
                                ELSE o.actual_value END
      WHERE o.id = :opportunityId
        AND ((:status IN ('won', 'lost') AND o.stage NOT IN ('won', 'lost'))
             OR (:status NOT IN ('won', 'lost') AND o.stage::text = :previous))`,
    { replacements: { opportunityId, status, previous: deal.status, reason, dealId: deal.id }, transaction },
  );
}
