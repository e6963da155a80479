/**
 * `scheduled` workflows: their conditions are { cron, timezone? }. A run has no record (decided:
 * a schedule is a clock, not a query; actions that need a record are refused at save). Each due
 * time runs at most once per workflow: the job id is the workflow and due time, and the claim in
 * runWorkflow only counts a run when last_executed_at is before that due time. After downtime
 * only the latest missed due time runs (no burst of catch-up runs).
 */
import { CronExpressionParser } from 'cron-parser';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import { runWorkflow, type RunOptions, type RunOutcome, type WorkflowRow } from './run.js';

export interface DueRun {
  workflowId: string;
  dueAt: string;
}

/** The latest cron occurrence at or before `now`. */
export function latestDueTime(cron: string, timezone: string | undefined, now: Date): Date {
  const expression = CronExpressionParser.parse(cron, { currentDate: new Date(now.getTime() + 1), tz: timezone ?? 'UTC' });
  return expression.prev().toDate();
}

/** Active scheduled workflows with a due time after their last run (or their creation). */
export async function dueScheduledRuns(now = new Date()): Promise<DueRun[]> {
  const rows = await sequelize.query<{ id: string; trigger_conditions: { cron?: string; timezone?: string }; since: Date }>(
    `SELECT id, trigger_conditions, COALESCE(last_executed_at, created_at) AS since FROM workflows
      WHERE trigger_type = 'scheduled' AND status = 'active'`,
    { type: QueryTypes.SELECT },
  );
  const due: DueRun[] = [];
  for (const row of rows) {
    if (typeof row.trigger_conditions.cron !== 'string') continue;
    let at: Date;
    try {
      at = latestDueTime(row.trigger_conditions.cron, row.trigger_conditions.timezone, now);
    } catch {
      continue; // refused at save; one edited by hand fails its own runs, not the tick
    }
    if (at > new Date(row.since)) due.push({ workflowId: row.id, dueAt: at.toISOString() });
  }
  return due;
}

export async function runScheduledWorkflow(workflowId: string, dueAt: string, options: RunOptions = {}): Promise<RunOutcome | null> {
  const [workflow] = await sequelize.query<WorkflowRow & Record<string, unknown>>(
    `SELECT id, workspace_id, name, owner_id, status, trigger_type, trigger_conditions, actions, max_executions, execution_count
       FROM workflows WHERE id = :workflowId AND trigger_type = 'scheduled' AND status = 'active'`,
    { type: QueryTypes.SELECT, replacements: { workflowId } },
  );
  if (!workflow) return null;
  return runWorkflow(workflow, {
    id: `scheduled:${workflowId}:${dueAt}`, workspaceId: workflow.workspace_id, type: 'scheduled', table: '', recordId: '',
    record: {}, changes: {}, actorId: null, depth: 0, occurredAt: dueAt,
  }, options, new Date(dueAt));
}
