/** log_activity: an automated activity on the record, owned by the record's owner. */
import type { ActionParams } from '../schema.js';
import { linksOf, one, recordOf, type RunContext } from './context.js';

export async function logActivity(ctx: RunContext, p: ActionParams<'log_activity'>) {
  const { record } = recordOf(ctx);
  const row = await one<{ id: string }>(
    `INSERT INTO activities (workspace_id, type, subject, description, status, occurred_at, completed_at, is_automated,
                             owner_id, contact_id, account_id, deal_id, lead_id, metadata)
     VALUES (:workspaceId, :type, :subject, :description, :status, now(),
             CASE WHEN :status = 'completed' THEN now() END, true,
             :ownerId, :contact_id, :account_id, :deal_id, :lead_id, CAST(:metadata AS jsonb))
     RETURNING id`,
    {
      workspaceId: ctx.workspaceId, type: p.activity_type, subject: p.subject, description: p.description ?? null,
      status: p.status, ownerId: (record.owner_id as string | null) ?? null, ...linksOf(ctx),
      metadata: JSON.stringify({ workflow_id: ctx.workflow.id, workflow_execution_id: ctx.executionId }),
    },
    ctx.transaction,
  );
  return { activity_id: row!.id };
}
