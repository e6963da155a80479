/** create_task: a task linked to the record (and its contact, deal, account, lead), made by this workflow. */
import type { ActionParams } from '../schema.js';
import { randomUUID } from 'node:crypto';
import { sequelize } from '../../../db.js';
import { ActionError, linksOf, one, select, workspaceUser, type RunContext } from './context.js';

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

/**
 * create_task for many runs at once (the batch engine, run-batch.ts): one query checks every
 * assignee, one INSERT makes the tasks (ids made here, so each run gets its own task's id back).
 * Any refusal throws, and the engine redoes the runs one by one, where the refusal is logged.
 */
export async function createTaskMany(items: { ctx: RunContext; params: ActionParams<'create_task'> }[]) {
  if (!items.length) return [];
  const transaction = items[0]!.ctx.transaction;
  const wanted = items.map(({ ctx, params }) => ({ user_id: params.assign_to, workspace_id: ctx.workspaceId }));
  if (wanted.some((w) => !w.user_id)) throw new ActionError('create_task: the record has no owner');
  const valid = await select<{ id: string; workspace_id: string }>(
    `SELECT u.id, u.workspace_id FROM users u
      WHERE (u.id, u.workspace_id) IN (SELECT w.user_id, w.workspace_id FROM jsonb_to_recordset(CAST(:wanted AS jsonb)) AS w(user_id uuid, workspace_id uuid))
        AND u.is_active AND u.deleted_at IS NULL`,
    { wanted: JSON.stringify(wanted) }, transaction,
  );
  const ok = new Set(valid.map((u) => `${u.id}|${u.workspace_id}`));
  const bad = wanted.find((w) => !ok.has(`${w.user_id}|${w.workspace_id}`));
  if (bad) throw new ActionError(`create_task: user ${bad.user_id} is not an active user of this workspace`);
  const rows = items.map(({ ctx, params }) => ({
    id: randomUUID(), workspace_id: ctx.workspaceId, title: params.title, description: params.description ?? null, priority: params.priority,
    due_in_days: params.due_in_days ?? null, assigned_to: params.assign_to, workflow_id: ctx.workflow.id, ...linksOf(ctx),
  }));
  await sequelize.query(
    `INSERT INTO tasks (id, workspace_id, title, description, priority, due_at, assigned_to, contact_id, account_id, deal_id, lead_id, workflow_id)
     SELECT r.id, r.workspace_id, r.title, r.description, r.priority,
            CASE WHEN r.due_in_days IS NULL THEN NULL ELSE now() + make_interval(days => r.due_in_days) END,
            r.assigned_to, r.contact_id, r.account_id, r.deal_id, r.lead_id, r.workflow_id
       FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id uuid, workspace_id uuid, title text, description text, priority enum_tasks_priority,
            due_in_days int, assigned_to uuid, contact_id uuid, account_id uuid, deal_id uuid, lead_id uuid, workflow_id uuid)`,
    { replacements: { rows: JSON.stringify(rows) }, transaction },
  );
  return rows.map((r) => ({ task_id: r.id, assigned_to: r.assigned_to }));
}
