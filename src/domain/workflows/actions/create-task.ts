/** create_task: a task linked to the record (and its contact, deal, account, lead), made by this workflow. */
import type { ActionParams } from '../schema.js';
import { linksOf, one, workspaceUser, type RunContext } from './context.js';

export async function createTask(ctx: RunContext, p: ActionParams<'create_task'>) {
  const assignee = await workspaceUser(ctx, p.assign_to, 'create_task');
  const row = await one<{ id: string }>(
    `INSERT INTO tasks (workspace_id, title, description, priority, due_at, assigned_to, contact_id, account_id, deal_id,
                        lead_id, workflow_id)
     VALUES (:workspaceId, :title, :description, :priority,
             CASE WHEN CAST(:dueInDays AS int) IS NULL THEN NULL ELSE now() + make_interval(days => CAST(:dueInDays AS int)) END,
             :assignee, :contact_id, :account_id, :deal_id, :lead_id, :workflowId)
     RETURNING id`,
    {
      workspaceId: ctx.workspaceId, title: p.title, description: p.description ?? null, priority: p.priority,
      dueInDays: p.due_in_days ?? null, assignee, workflowId: ctx.workflow.id, ...linksOf(ctx),
    },
    ctx.transaction,
  );
  return { task_id: row!.id, assigned_to: assignee };
}
