/**
 * The tasks a stage creates when a deal enters it (`pipeline_stages.auto_tasks`, S3). A
 * template is `{ title, description?, due_in_days?, priority? }` (the shape the panel documents
 * and the demo data uses); the task goes to the deal's owner and links the deal, its contact
 * and account, and the stage (`tasks.pipeline_stage_id`).
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';

/**
 * Inserts the stage's task templates for the deal in one statement; returns how many. A
 * template whose task is still open for this deal and stage is skipped, so a deal that leaves
 * and re-enters a stage (or a retried move) does not pile up the same task twice.
 */
export async function createStageAutoTasks(target: { dealId: string; stageId: string }, transaction: Transaction): Promise<number> {
  const rows = await sequelize.query<{ id: string }>(
    `INSERT INTO tasks (workspace_id, title, description, priority, due_at, assigned_to, contact_id, account_id,
                        deal_id, pipeline_stage_id)
     SELECT d.workspace_id, t.title, t.description,
            -- an unknown priority in a template must not fail the move: it falls back to medium
            CASE WHEN t.priority IN ('low', 'medium', 'high', 'urgent') THEN t.priority ELSE 'medium' END::enum_tasks_priority,
            CASE WHEN t.due_in_days ~ '^[0-9]{1,4}$' THEN now() + make_interval(days => t.due_in_days::int) END,
            d.owner_id, d.contact_id, d.account_id, d.id, s.id
       FROM deals d
       JOIN pipeline_stages s ON s.id = :stageId
      CROSS JOIN LATERAL jsonb_array_elements(s.auto_tasks) AS tpl(doc)
      CROSS JOIN LATERAL (SELECT NULLIF(btrim(tpl.doc->>'title'), '') AS title, tpl.doc->>'description' AS description,
                                 tpl.doc->>'priority' AS priority, tpl.doc->>'due_in_days' AS due_in_days) t
      WHERE d.id = :dealId AND jsonb_typeof(tpl.doc) = 'object' AND t.title IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM tasks x
                         WHERE x.deal_id = d.id AND x.pipeline_stage_id = s.id AND x.title = t.title
                           AND x.status IN ('pending', 'in_progress'))
     RETURNING id`,
    { type: QueryTypes.SELECT, replacements: target, transaction },
  );
  return rows.length;
}
