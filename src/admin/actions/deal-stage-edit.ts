/**
 * The deal form's stage field goes through moveDealStage (src/domain/deals/move-stage.ts), so a
 * stage changed in the panel gets its history row, auto tasks, won/lost status and probability
 * like a move made by a workflow.
 *
 * Why hooks on `edit` rather than a separate "Move stage" action: the stage stays where users
 * look for it (the form), and a form that fills the stage's required fields and moves the stage
 * in one save works. The `before` hook checks the move against the form's values (a refusal is
 * an error under the stage field and nothing is saved), then takes stage_id out of the save;
 * the `after` hook makes the move, with its audit entry, once the other fields are saved (the
 * move re-checks them inside its own transaction).
 */
import { flat, ValidationError, type After, type Before, type ActionResponse, type RecordActionResponse } from 'adminjs';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import { moveDealStage } from '../../domain/deals/move-stage.js';
import { DealStageError, missingRequiredFields } from '../../domain/deals/stage-rules.js';
import type { Actor } from '../../domain/permissions/actor.js';
import { recordAudit } from '../data/audit.js';
import { withActorTransaction } from '../data/actor-transaction.js';

const PENDING = Symbol('pendingStageMove');
type WithPending = { [PENDING]?: string };

const blank = (v: unknown) => v === undefined || v === null || v === '';

export const dealStageEditBefore: Before = async (request, context) => {
  const payload = request.payload;
  if (request.method !== 'post' || !payload || !context.record || !('stage_id' in payload)) return request;
  const current = context.record.param('stage_id') as string | null;
  const sent = payload.stage_id as string | null;
  if ((blank(sent) && blank(current)) || sent === current) return request;
  if (blank(sent)) throw new ValidationError({ stage_id: { message: 'A deal in a stage cannot be taken out of it; move it to another stage' } });

  const values = { ...(flat.unflatten(context.record.params) as object), ...(flat.unflatten(payload) as object) } as Record<string, unknown>;
  const currentPipeline = context.record.param('pipeline_id') as string | null;
  if (!blank(currentPipeline) && values.pipeline_id !== currentPipeline) {
    throw new ValidationError({ pipeline_id: { message: 'A deal stays in its pipeline: change its stage within it' } });
  }
  const [stage] = await sequelize.query<{ name: string; pipeline_id: string; required_fields: unknown; is_won: boolean; is_lost: boolean }>(
    `SELECT name, pipeline_id, required_fields, is_won, is_lost FROM pipeline_stages WHERE id = :id AND workspace_id = :ws`,
    { type: QueryTypes.SELECT, replacements: { id: sent, ws: context.record.param('workspace_id') } },
  );
  if (!stage) throw new ValidationError({ stage_id: { message: 'No such stage' } });
  if (!blank(values.pipeline_id) && stage.pipeline_id !== values.pipeline_id) {
    throw new ValidationError({ stage_id: { message: `Stage "${stage.name}" is not in this deal's pipeline` } });
  }
  const missing = missingRequiredFields(stage.required_fields, values);
  if (missing.length) {
    throw new ValidationError({ stage_id: { message: `Stage "${stage.name}" requires ${missing.join(', ')}` } });
  }
  const { stage_id: _moved, ...rest } = payload;
  (context as WithPending)[PENDING] = String(sent);
  return { ...request, payload: rest };
};

export const dealStageEditAfter: After<ActionResponse> = async (response, _request, context) => {
  const stageId = (context as WithPending)[PENDING];
  const record = (response as RecordActionResponse).record;
  if (!stageId || !context.record || (record?.errors && Object.keys(record.errors).length)) return response;
  const actor = context.currentAdmin as Actor;
  const dealId = String(context.record.id());
  try {
    await withActorTransaction(actor, async (transaction) => {
      const result = await moveDealStage({ dealId, stageId, actorId: actor.id }, transaction);
      await recordAudit({
        actor, action: 'update', table: 'deals', id: dealId, transaction,
        before: { workspace_id: context.record!.param('workspace_id'), stage_id: result.fromStageId },
        after: { workspace_id: context.record!.param('workspace_id'), stage_id: result.toStageId, status: result.status },
        description: `Moved deal ${dealId} to stage ${stageId}`,
      });
    });
  } catch (error) {
    if (!(error instanceof DealStageError)) throw error;
    return { ...response, notice: { message: `Saved, but the stage did not change: ${error.message}`, type: 'error' } };
  }
  const fresh = await context.resource.findOne(dealId, context);
  return fresh ? { ...response, record: fresh.toJSON(context.currentAdmin) } : response;
};
