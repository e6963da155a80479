/**
 * Activate / Pause. A workflow is activated only with a valid definition (one saved before the
 * rules were checked, or edited in SQL, is refused with the problems named).
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import { RuleError } from '../rule-error.js';
import { parseWorkflowDefinition, WorkflowDefinitionError } from './schema.js';

/** An activation or pause the rules refuse; nothing was written. */
export class WorkflowStatusError extends RuleError {}

type Row = Record<string, unknown>;

export async function setWorkflowStatus(
  input: { workspaceId: string; workflowId: string; status: 'active' | 'paused' | 'inactive' },
  transaction: Transaction,
): Promise<{ before: Row; after: Row }> {
  const [row] = await sequelize.query<{ status: string; trigger_type: string; trigger_conditions: unknown; actions: unknown }>(
    `SELECT status, trigger_type, trigger_conditions, actions FROM workflows
      WHERE id = :workflowId AND workspace_id = :workspaceId FOR UPDATE`,
    { type: QueryTypes.SELECT, replacements: input, transaction },
  );
  if (!row) throw new WorkflowStatusError('This workflow does not exist in your workspace');
  if (row.status === input.status) throw new WorkflowStatusError(`This workflow is already ${input.status}`);
  if (input.status === 'active') {
    try {
      parseWorkflowDefinition(row);
    } catch (err) {
      if (err instanceof WorkflowDefinitionError) throw new WorkflowStatusError(`Fix the workflow before activating it: ${err.message}`);
      throw err;
    }
  }
  await sequelize.query(`UPDATE workflows SET status = :status WHERE id = :workflowId`, { replacements: input, transaction });
  return { before: { status: row.status }, after: { status: input.status } };
}
