/** "My Action Queue" (S1): a user's open items, most urgent first, and dismissing one. */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import { RecruitingRuleError } from './rule-error.js';

export interface QueueItem {
  id: string;
  type: string;
  title: string;
  description: string | null;
  priority: string;
  related_job_id: string | null;
  related_job_title: string | null;
  related_candidate_id: string | null;
  related_candidate_name: string | null;
  created_at: string;
}

/** Served by action_queue_user_id_priority_idx (partial on open items); the enum orders high first. */
export function openActionItems(workspaceId: string, userId: string, limit = 100): Promise<QueueItem[]> {
  return sequelize.query<QueueItem>(
    `SELECT q.id, q.type::text, q.title, q.description, q.priority::text, q.related_job_id, j.title AS related_job_title,
            q.related_candidate_id, NULLIF(trim(concat_ws(' ', c.first_name, c.last_name)), '') AS related_candidate_name,
            q.created_at
       FROM action_queue q
       LEFT JOIN jobs j ON j.id = q.related_job_id
       LEFT JOIN users c ON c.id = q.related_candidate_id
      WHERE q.user_id = :userId AND q.workspace_id = :workspaceId AND NOT q.is_dismissed
      ORDER BY q.priority, q.created_at DESC
      LIMIT :limit`,
    { type: QueryTypes.SELECT, replacements: { workspaceId, userId, limit } },
  );
}

export async function dismissActionItem(workspaceId: string, itemId: string, transaction: Transaction) {
  const [row] = await sequelize.query<{ id: string; is_dismissed: boolean }>(
    `SELECT id, is_dismissed FROM action_queue WHERE id = :itemId AND workspace_id = :workspaceId FOR UPDATE`,
    { type: QueryTypes.SELECT, transaction, replacements: { workspaceId, itemId } },
  );
  if (!row) throw new RecruitingRuleError('No such action item in this workspace');
  if (row.is_dismissed) throw new RecruitingRuleError('This item is dismissed already');
  await sequelize.query(`UPDATE action_queue SET is_dismissed = true WHERE id = :id`, { transaction, replacements: { id: row.id } });
  return { before: { is_dismissed: false }, after: { is_dismissed: true } };
}
