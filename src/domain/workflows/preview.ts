/**
 * "Test run": what a workflow would do for one record, without doing it. Reads the record and
 * evaluates the conditions (naming the leaf that fails), then lists the actions with their
 * params resolved against the record. Only reads: nothing is written, no event is produced.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import { evaluateConditions, type Evaluation } from './conditions.js';
import { resolveParams } from './placeholders.js';
import { parseWorkflowDefinition } from './schema.js';
import { triggerTable, type TriggerType } from './triggers.js';
import { webhookSigningKey } from './actions/webhook.js';

export interface Preview {
  table: string | null;
  record_id: string | null;
  conditions: Evaluation;
  /** The actions it would run (all of them when the conditions hold, for review either way). */
  actions: { index: number; type: string; params: Record<string, unknown>; note?: string }[];
  would_run: boolean;
}

export class PreviewError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreviewError';
  }
}

export async function previewWorkflow(input: {
  workflow: { id: string; workspace_id: string; trigger_type: unknown; trigger_conditions: unknown; actions: unknown };
  recordId?: string | null;
  /** Optional changes to test changed / changed_from_to conditions with: { column: { from, to } }. */
  changes?: Record<string, { from: unknown; to: unknown }>;
}): Promise<Preview> {
  const definition = parseWorkflowDefinition(input.workflow);
  const info = triggerTable(definition.trigger_type as TriggerType);
  let record: Record<string, unknown> | null = null;
  if (info) {
    if (!input.recordId) throw new PreviewError(`Give the id of a record of ${info.table} to test with`);
    const [row] = await sequelize.query<{ row: Record<string, unknown> }>(
      `SELECT to_jsonb(r) AS row FROM ${sequelize.getQueryInterface().quoteIdentifier(info.table)} r
        WHERE id = CAST(:id AS uuid) AND workspace_id = :workspaceId`,
      { type: QueryTypes.SELECT, replacements: { id: input.recordId, workspaceId: input.workflow.workspace_id } },
    ).catch(() => [] as { row: Record<string, unknown> }[]);
    if (!row) throw new PreviewError(`No ${info.table} record ${input.recordId} in this workspace`);
    record = row.row;
  }
  const conditions = evaluateConditions(definition.trigger_conditions, { record: record ?? {}, changes: input.changes ?? {} });
  const actions = definition.actions.map((action, index) => {
    const params = resolveParams(action, record);
    let note: string | undefined;
    if (action.type === 'assign_owner' && action.round_robin) {
      note = `next in rotation: ${action.round_robin[(action.next ?? 0) % action.round_robin.length]}`;
    }
    if (action.type === 'webhook') note = `signed with key ${webhookSigningKey(input.workflow.id)}`;
    if (action.type === 'wait') note = `the run pauses ${action.minutes} minute(s) here`;
    return { index, type: action.type, params, ...(note && { note }) };
  });
  return { table: info?.table ?? null, record_id: record ? String(record.id) : null, conditions, actions, would_run: conditions.matched };
}
