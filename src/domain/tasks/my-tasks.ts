/**
 * "My tasks" (everyone): the open tasks assigned to a user, split by the user's own calendar
 * (users.timezone): overdue (due before today), due today, upcoming (later or undated), each
 * most urgent first; and completing one. A task is completed only by a user who may edit it
 * (the caller passes the row condition of their `edit` scope), only while it is open.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import { OPEN_TASK_STATUSES } from '../../models/task.model.js';
import { RuleError } from '../rule-error.js';
import type { StatusChange } from '../status-change.js';
import { isUuid } from '../uuid.js';

export class TaskRuleError extends RuleError {}

export const TASK_BUCKETS = ['overdue', 'today', 'upcoming'] as const;
export type TaskBucket = (typeof TASK_BUCKETS)[number];

export interface MyTask {
  id: string;
  title: string;
  status: string;
  priority: string;
  due_at: string | null;
  bucket: TaskBucket;
  /** What the task is about, for a link: the first of contact, deal, lead, account, opportunity. */
  about_table: string | null;
  about_id: string | null;
  about_title: string | null;
}

const OPEN = OPEN_TASK_STATUSES.map((s) => `'${s}'`).join(', ');

/** Open tasks of `userId` in `workspaceId`, at most `limit` per bucket. */
export async function myTasks(workspaceId: string, userId: string, limit = 100): Promise<Record<TaskBucket, MyTask[]>> {
  const rows = await sequelize.query<MyTask>(
    `WITH me AS (SELECT safe_time_zone(timezone) AS tz FROM users WHERE id = :userId),
     mine AS (
       SELECT t.*, CASE
                WHEN t.due_at IS NULL THEN 'upcoming'
                WHEN (t.due_at AT TIME ZONE me.tz)::date < (now() AT TIME ZONE me.tz)::date THEN 'overdue'
                WHEN (t.due_at AT TIME ZONE me.tz)::date = (now() AT TIME ZONE me.tz)::date THEN 'today'
                ELSE 'upcoming' END AS bucket
         FROM tasks t, me
        WHERE t.workspace_id = :workspaceId AND t.assigned_to = :userId AND t.status IN (${OPEN})
     ), ranked AS (
       SELECT mine.*, row_number() OVER (PARTITION BY bucket
                ORDER BY array_position(ARRAY['urgent', 'high', 'medium', 'low'], priority::text), due_at NULLS LAST, created_at) AS n
         FROM mine
     )
     SELECT r.id, r.title, r.status, r.priority, r.due_at, r.bucket,
            CASE WHEN r.contact_id IS NOT NULL THEN 'contacts' WHEN r.deal_id IS NOT NULL THEN 'deals'
                 WHEN r.lead_id IS NOT NULL THEN 'leads' WHEN r.account_id IS NOT NULL THEN 'accounts'
                 WHEN r.opportunity_id IS NOT NULL THEN 'opportunities' END AS about_table,
            COALESCE(r.contact_id, r.deal_id, r.lead_id, r.account_id, r.opportunity_id) AS about_id,
            COALESCE(NULLIF(concat_ws(' ', c.first_name, c.last_name), ''), d.title, NULLIF(concat_ws(' ', l.first_name, l.last_name), ''),
                     a.name, o.name) AS about_title
       FROM ranked r
       LEFT JOIN contacts c ON c.id = r.contact_id
       LEFT JOIN deals d ON d.id = r.deal_id
       LEFT JOIN leads l ON l.id = r.lead_id
       LEFT JOIN accounts a ON a.id = r.account_id
       LEFT JOIN opportunities o ON o.id = r.opportunity_id
      WHERE r.n <= :limit
      ORDER BY r.bucket, r.n`,
    { type: QueryTypes.SELECT, replacements: { workspaceId, userId, limit } },
  );
  const buckets: Record<TaskBucket, MyTask[]> = { overdue: [], today: [], upcoming: [] };
  for (const row of rows) buckets[row.bucket].push({ ...row, due_at: row.due_at && new Date(row.due_at).toISOString() });
  return buckets;
}

/**
 * Marks an open task completed. `editCondition` is the SQL condition of the actor's `edit` scope
 * on tasks (alias t, permissions/visible-rows.ts): a task outside it is "not found".
 */
export async function completeTask(
  target: { workspaceId: string; taskId: string; editCondition: string },
  transaction: Transaction,
): Promise<StatusChange> {
  const [before] = isUuid(target.taskId) ? await sequelize.query<{ status: string; completed_at: Date | null }>(
    `SELECT t.status, t.completed_at FROM tasks t
      WHERE t.id = :taskId AND t.workspace_id = :workspaceId AND ${target.editCondition}
      FOR UPDATE`,
    { type: QueryTypes.SELECT, replacements: target, transaction },
  ) : [];
  if (!before) throw new TaskRuleError('This task does not exist, or it is not yours to complete');
  if (before.status === 'completed') throw new TaskRuleError('This task is already completed');
  if (!(OPEN_TASK_STATUSES as readonly string[]).includes(before.status)) throw new TaskRuleError(`This task is ${before.status}: it cannot be completed`);
  const [after] = await sequelize.query<{ status: string; completed_at: Date }>(
    `UPDATE tasks SET status = 'completed', completed_at = now() WHERE id = :taskId RETURNING status, completed_at`,
    { type: QueryTypes.SELECT, replacements: { taskId: target.taskId }, transaction },
  );
  return { before, after: after! };
}
