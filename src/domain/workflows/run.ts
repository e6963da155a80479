/**
 * The workflow engine. `runWorkflowsForEvent` runs the active workflows of the event's
 * workspace and trigger type in `execution_order`; each run that its conditions admit gets one
 * `workflow_executions` row and proceeds action by action, each action in its own transaction
 * together with its log entry (execution-log.ts), so a crash never repeats a committed action
 * and a retried or resumed run goes on from the first action not yet done.
 *
 * - max_executions: the run is claimed by one UPDATE that checks the limit and counts the run,
 *   so concurrent events cannot exceed it.
 * - Loops: changes a run makes are stamped with depth event.depth + 1 (setEventContext); an
 *   event deeper than MAX_DEPTH is not run: its execution row says "stopped: loop depth limit".
 * - A failing action is tried ACTION_ATTEMPTS times (a refusal, ActionError, only once), then
 *   the run fails naming the action; `retryExecution` resumes it from that action.
 * - wait: the run's log gets a `waiting` entry and a delayed resume is asked of the scheduler
 *   the jobs layer registers (setResumeScheduler: src/domain imports no queue); recovery.ts
 *   resumes waits whose job never came and runs whose job was lost.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize, withTransaction } from '../../db.js';
import { setEventContext } from '../events/context.js';
import type { DomainEvent } from '../events/types.js';
import { ActionError, type RunContext } from './actions/context.js';
import { PERFORMERS } from './actions/index.js';
import { evaluateConditions } from './conditions.js';
import { counts, lastEntry, nextActionIndex, type LogEntry } from './execution-log.js';
import { resolveParams } from './placeholders.js';
import { parseWorkflowDefinition, WorkflowDefinitionError, type WorkflowAction } from './schema.js';
import { triggerTable, type TriggerType } from './triggers.js';

export const MAX_DEPTH = 5;
export const ACTION_ATTEMPTS = 3;
export const LOOP_LIMIT_MESSAGE = 'stopped: loop depth limit';

/** An event, or the tick of a scheduled workflow (type 'scheduled', empty record). */
export type TriggerEvent = Omit<DomainEvent, 'type'> & { type: DomainEvent['type'] | 'scheduled' };

export interface WorkflowRow {
  id: string;
  workspace_id: string;
  name: string;
  owner_id: string | null;
  status: string;
  trigger_type: TriggerType;
  trigger_conditions: Record<string, unknown>;
  actions: unknown[];
  max_executions: number | null;
  execution_count: number;
}

export interface RunOptions {
  /** Pause before the second, third … attempt of a failing action: attempt × this (default 1 s). */
  retryDelayMs?: number;
}

export type RunOutcome =
  | { workflowId: string; outcome: 'ran'; executionId: string; status: string }
  | { workflowId: string; outcome: 'stopped'; executionId: string }
  | { workflowId: string; outcome: 'skipped'; reason: 'conditions' | 'max_executions' | 'inactive' | 'already_ran' | 'other_table' };

export type ResumeScheduler = (executionId: string, delayMs: number) => Promise<void>;
let resumeScheduler: ResumeScheduler | null = null;

/** Registered by src/jobs/workflow-resume.job.ts; without one, waits are resumed by the periodic sweep. */
export function setResumeScheduler(scheduler: ResumeScheduler | null): void {
  resumeScheduler = scheduler;
}

/** Asks for a waiting run's resume (after the commit that wrote its waiting entry); never throws. */
export async function scheduleResume(executionId: string, delayMs: number): Promise<void> {
  await resumeScheduler?.(executionId, delayMs).catch((err) => console.error('workflow resume not scheduled', executionId, err));
}

type Row = Record<string, unknown>;
export const select = <T extends Row>(sql: string, replacements: Row, transaction?: Transaction) =>
  sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction });

/** The key of migration 20261123150100: one run per workflow and event, whatever the deliveries. */
export const ONE_RUN_PER_EVENT = `ON CONFLICT (workflow_id, (trigger_data ->> 'event_id')) WHERE trigger_data ? 'event_id' DO NOTHING`;
class DuplicateEvent extends Error {}

export const WORKFLOW_COLUMNS = `id, workspace_id, name, owner_id, status, trigger_type, trigger_conditions, actions, max_executions, execution_count`;

export async function runWorkflowsForEvent(event: TriggerEvent, options: RunOptions = {}): Promise<RunOutcome[]> {
  const workflows = await select<WorkflowRow & Row>(
    `SELECT ${WORKFLOW_COLUMNS} FROM workflows
      WHERE workspace_id = :workspaceId AND trigger_type = CAST(:type AS enum_workflows_trigger_type) AND status = 'active'
      ORDER BY execution_order, created_at, id`,
    { workspaceId: event.workspaceId, type: event.type },
  );
  return runWorkflows(workflows, event, options);
}

/** What the execution row keeps of the trigger (the event as the engine received it). */
export function triggerData(event: TriggerEvent, extra: Row = {}): string {
  return JSON.stringify({
    event_id: event.id, type: event.type, table: event.table, record_id: event.recordId, record: event.record,
    changes: event.changes, actor_id: event.actorId, depth: event.depth, occurred_at: event.occurredAt, ...extra,
  });
}

/** Runs one workflow for one event (or scheduled tick, with `dueAt`). */
export async function runWorkflow(workflow: WorkflowRow, event: TriggerEvent, options: RunOptions = {}, dueAt?: Date): Promise<RunOutcome> {
  return (await runWorkflows([workflow], event, options, dueAt))[0]!;
}

/** Whether the event runs this workflow: its table, its definition, its conditions, the loop limit. */
export async function admit(workflow: WorkflowRow, event: TriggerEvent): Promise<RunOutcome | 'admitted'> {
  const workflowId = workflow.id;
  const table = triggerTable(workflow.trigger_type)?.table ?? null;
  if (table && table !== event.table) return { workflowId, outcome: 'skipped', reason: 'other_table' };
  let definition;
  try {
    definition = parseWorkflowDefinition(workflow);
  } catch (err) {
    if (!(err instanceof WorkflowDefinitionError)) throw err;
    // Saved through the panel it was valid; a definition broken since (SQL edit) fails visibly.
    return failedWithoutRun(workflow, event, `invalid definition: ${err.message}`);
  }
  const { matched } = evaluateConditions(definition.trigger_conditions, { record: event.record, changes: event.changes });
  if (!matched) return { workflowId, outcome: 'skipped', reason: 'conditions' };
  if (event.depth > MAX_DEPTH) {
    return failedWithoutRun(workflow, event, `${LOOP_LIMIT_MESSAGE} (event depth ${event.depth} > ${MAX_DEPTH}: this workflow's changes keep triggering workflows)`);
  }
  return 'admitted';
}

/**
 * Claims the admitted workflows' runs in one short transaction (the workflow rows locked in id
 * order, so concurrent events cannot deadlock, and released at once: every event touches the
 * same few workflow rows), then runs them in execution_order. A workflow already run for this
 * event (a repeated delivery) is left out; max_executions is checked and counted by the UPDATE.
 */
export async function runWorkflows(workflows: WorkflowRow[], event: TriggerEvent, options: RunOptions, dueAt?: Date): Promise<RunOutcome[]> {
  const slots: (RunOutcome | 'admitted')[] = [];
  for (const workflow of workflows) slots.push(await admit(workflow, event));
  const admitted = workflows.filter((_, i) => slots[i] === 'admitted').map((w) => w.id);
  const claimed = new Map<string, string>();
  const alreadyRan = new Set<string>();
  if (admitted.length) {
    await withTransaction(async (transaction) => {
      // NO KEY UPDATE: FOR UPDATE would also wait for every open run inserting a row that references the workflow (deadlocks).
      await select(`SELECT id FROM workflows WHERE id IN (:admitted) ORDER BY id FOR NO KEY UPDATE`, { admitted }, transaction);
      const ran = await select<{ workflow_id: string }>(
        `SELECT workflow_id FROM workflow_executions
          WHERE workflow_id IN (:admitted) AND trigger_data ? 'event_id' AND trigger_data ->> 'event_id' = :eventId`,
        { admitted, eventId: event.id }, transaction,
      );
      for (const r of ran) alreadyRan.add(r.workflow_id);
      const fresh = admitted.filter((id) => !alreadyRan.has(id));
      if (!fresh.length) return;
      const counted = await select<{ id: string }>(
        `UPDATE workflows SET execution_count = execution_count + 1, last_executed_at = now()
          WHERE id IN (:fresh) AND status = 'active'
            AND (max_executions IS NULL OR execution_count < max_executions)
            AND (CAST(:dueAt AS timestamptz) IS NULL OR last_executed_at IS NULL OR last_executed_at < :dueAt)
          RETURNING id`,
        { fresh, dueAt: dueAt?.toISOString() ?? null }, transaction,
      );
      if (!counted.length) return;
      const inserted = await select<{ id: string; workflow_id: string }>(
        `INSERT INTO workflow_executions (workspace_id, workflow_id, status, trigger_data)
         SELECT :workspaceId, workflow_id, 'running', CAST(:triggerData AS jsonb) FROM unnest(ARRAY[:ids]::uuid[]) AS workflow_id
         ${ONE_RUN_PER_EVENT} RETURNING id, workflow_id`,
        {
          workspaceId: event.workspaceId, ids: counted.map((c) => c.id),
          triggerData: triggerData(event, dueAt ? { due_at: dueAt.toISOString() } : {}),
        },
        transaction,
      );
      // The workflow rows are locked, so a conflict here means the check above raced: undo all.
      if (inserted.length !== counted.length) throw new DuplicateEvent();
      for (const row of inserted) claimed.set(row.workflow_id, row.id);
    }).catch((err) => {
      if (!(err instanceof DuplicateEvent)) throw err;
      for (const id of admitted) alreadyRan.add(id);
    });
  }
  const outcomes: RunOutcome[] = [];
  for (const [i, workflow] of workflows.entries()) {
    const slot = slots[i]!;
    if (slot !== 'admitted') outcomes.push(slot);
    else if (alreadyRan.has(workflow.id)) outcomes.push({ workflowId: workflow.id, outcome: 'skipped', reason: 'already_ran' });
    else if (!claimed.has(workflow.id)) outcomes.push(await skippedClaim(workflow, dueAt));
    else {
      const executionId = claimed.get(workflow.id)!;
      outcomes.push({ workflowId: workflow.id, outcome: 'ran', executionId, status: await continueRun(executionId, options) });
    }
  }
  return outcomes;
}

/** Why a claim found nothing to do (read after the fact: only for the outcome's reason). */
async function skippedClaim(workflow: WorkflowRow, dueAt?: Date): Promise<RunOutcome> {
  const [now] = await select<{ status: string; max_executions: number | null; execution_count: number }>(
    `SELECT status, max_executions, execution_count FROM workflows WHERE id = :id`, { id: workflow.id },
  );
  const reason = !now || now.status !== 'active' ? 'inactive'
    : now.max_executions !== null && now.execution_count >= now.max_executions ? 'max_executions'
      : dueAt ? 'already_ran' : 'max_executions';
  return { workflowId: workflow.id, outcome: 'skipped', reason };
}

async function failedWithoutRun(workflow: WorkflowRow, event: TriggerEvent, message: string): Promise<RunOutcome> {
  const [row] = await select<{ id: string }>(
    `INSERT INTO workflow_executions (workspace_id, workflow_id, status, trigger_data, error_message, completed_at, duration_seconds)
     VALUES (:workspaceId, :workflowId, 'failed', CAST(:triggerData AS jsonb), :message, now(), 0)
     ${ONE_RUN_PER_EVENT} RETURNING id`,
    { workspaceId: workflow.workspace_id, workflowId: workflow.id, triggerData: triggerData(event), message },
  );
  if (!row) return { workflowId: workflow.id, outcome: 'skipped', reason: 'already_ran' };
  return { workflowId: workflow.id, outcome: 'stopped', executionId: row.id };
}

interface ExecutionState extends Row {
  id: string;
  status: string;
  trigger_data: Row;
  actions_executed: LogEntry[];
  workflow: WorkflowRow;
}

async function lockExecution(executionId: string, transaction: Transaction): Promise<ExecutionState | undefined> {
  const [row] = await select<ExecutionState>(
    `SELECT e.id, e.status, e.trigger_data, e.actions_executed,
            (SELECT to_jsonb(w) FROM (SELECT ${WORKFLOW_COLUMNS} FROM workflows WHERE id = e.workflow_id) w) AS workflow
       FROM workflow_executions e WHERE e.id = :executionId FOR UPDATE OF e`,
    { executionId }, transaction,
  );
  return row;
}

/** The event back from trigger_data. */
export function eventOf(state: { trigger_data: Row; workflow: WorkflowRow }): TriggerEvent {
  const t = state.trigger_data;
  return {
    id: String(t.event_id ?? ''), workspaceId: state.workflow.workspace_id, type: t.type as TriggerEvent['type'],
    table: String(t.table ?? ''), recordId: String(t.record_id ?? ''), record: (t.record as Row) ?? {},
    changes: (t.changes as TriggerEvent['changes']) ?? {}, actorId: (t.actor_id as string | null) ?? null,
    depth: Number(t.depth ?? 0), occurredAt: String(t.occurred_at ?? ''),
  };
}

async function saveLog(executionId: string, entries: LogEntry[], finish: 'completed' | 'failed' | null, error: string | null, transaction: Transaction) {
  await sequelize.query(
    `UPDATE workflow_executions
        SET actions_executed = CAST(:entries AS jsonb), success_count = :success_count, failure_count = :failure_count,
            status = COALESCE(:finish, status), error_message = :error,
            completed_at = CASE WHEN :finish IS NULL THEN NULL ELSE now() END,
            duration_seconds = CASE WHEN :finish IS NULL THEN NULL ELSE EXTRACT(EPOCH FROM now() - started_at) END
      WHERE id = :executionId`,
    { replacements: { entries: JSON.stringify(entries), ...counts(entries), finish, error, executionId }, transaction },
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The record as it is now, in the step's transaction (null for a scheduled run or a deleted row). */
export async function currentRecord(table: string | null, recordId: string, transaction: Transaction): Promise<Row | null> {
  if (!table || !recordId) return null;
  const [row] = await select<{ row: Row }>(
    `SELECT to_jsonb(r) AS row FROM ${sequelize.getQueryInterface().quoteIdentifier(table)} r WHERE id = :recordId`,
    { recordId }, transaction,
  );
  return row?.row ?? null;
}

type Step = { kind: 'done'; status: string } | { kind: 'next' } | { kind: 'wait'; delayMs: number };

/** One action (or the end of the run) under the execution's row lock. */
async function step(executionId: string, options: RunOptions): Promise<Step> {
  return withTransaction(async (transaction): Promise<Step> => {
    const state = await lockExecution(executionId, transaction);
    if (!state) return { kind: 'done', status: 'missing' };
    if (state.status !== 'running' || !state.workflow) return { kind: 'done', status: state.status };
    const entries = [...state.actions_executed];
    const last = lastEntry(entries);
    if (last?.status === 'waiting') {
      const remaining = Date.parse(last.resume_at!) - Date.now();
      if (remaining > 0) return { kind: 'done', status: 'running' };
      entries[entries.length - 1] = { ...last, status: 'succeeded', result: { ...last.result, resumed_at: new Date().toISOString() } };
    }
    const event = eventOf(state);
    let actions: WorkflowAction[];
    try {
      actions = parseWorkflowDefinition(state.workflow).actions;
    } catch (err) {
      if (!(err instanceof WorkflowDefinitionError)) throw err;
      await saveLog(executionId, entries, 'failed', `invalid definition: ${err.message}`, transaction);
      return { kind: 'done', status: 'failed' };
    }
    const index = nextActionIndex(entries);
    const action = actions[index];
    if (!action) {
      await saveLog(executionId, entries, 'completed', null, transaction);
      return { kind: 'done', status: 'completed' };
    }
    const at = () => new Date().toISOString();
    if (action.type === 'wait') {
      const delayMs = action.minutes * 60_000;
      entries.push({ index, type: 'wait', status: 'waiting', params: { minutes: action.minutes }, at: at(), resume_at: new Date(Date.now() + delayMs).toISOString() });
      await saveLog(executionId, entries, null, null, transaction);
      return { kind: 'wait', delayMs };
    }
    // Changes this run makes produce events one level deeper (the loop guard counts them).
    await setEventContext(transaction, { depth: event.depth + 1 });
    const table = triggerTable(state.workflow.trigger_type)?.table ?? null;
    let lastError: Error | null = null;
    let params: Row = {};
    for (let attempt = 1; attempt <= ACTION_ATTEMPTS; attempt++) {
      if (attempt > 1) await sleep((options.retryDelayMs ?? 1000) * (attempt - 1));
      try {
        // A savepoint per attempt: a failed attempt leaves nothing behind, the row lock stays.
        const result = await sequelize.transaction({ transaction }, async (savepoint) => {
          const record = await currentRecord(table, event.recordId, savepoint);
          if (table && !record) throw new ActionError(`the ${table} row ${event.recordId} no longer exists`);
          params = resolveParams(action, record);
          const ctx: RunContext = {
            workspaceId: state.workflow.workspace_id,
            workflow: { id: state.workflow.id, name: state.workflow.name, owner_id: state.workflow.owner_id },
            executionId, actionIndex: index, event: event as DomainEvent, table, record, transaction: savepoint,
          };
          const perform = PERFORMERS[action.type] as (c: RunContext, p: Row) => Promise<Row>;
          return perform(ctx, params);
        });
        entries.push({ index, type: action.type, status: 'succeeded', params, result, attempts: attempt, at: at() });
        // The last action completes the run in the same commit (one transaction fewer per run).
        const last = index + 1 >= actions.length;
        await saveLog(executionId, entries, last ? 'completed' : null, null, transaction);
        return last ? { kind: 'done', status: 'completed' } : { kind: 'next' };
      } catch (err) {
        lastError = err as Error;
        if (err instanceof ActionError) break;
      }
    }
    const attempts = lastError instanceof ActionError ? 1 : ACTION_ATTEMPTS;
    const message = `action ${index + 1} (${action.type}) failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${lastError!.message}`;
    entries.push({ index, type: action.type, status: 'failed', params, error: lastError!.message, attempts, at: at() });
    await saveLog(executionId, entries, 'failed', message, transaction);
    return { kind: 'done', status: 'failed' };
  });
}

/**
 * Runs a `running` execution on from its next action until it completes, fails or waits.
 * Safe to call twice at once: each step locks the row and re-reads where the run is.
 */
export async function continueRun(executionId: string, options: RunOptions = {}): Promise<string> {
  for (;;) {
    const next = await step(executionId, options);
    if (next.kind === 'done') return next.status;
    if (next.kind === 'wait') {
      // After the commit: the job must find the waiting entry. Without a scheduler (or if Redis
      // refuses) the periodic sweep resumes it once it is due.
      await resumeScheduler?.(executionId, next.delayMs).catch((err) => console.error('workflow resume not scheduled', executionId, err));
      return 'running';
    }
  }
}

export class RetryRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetryRefusedError';
  }
}

/** Turns a failed run back to running (from its failing action); the caller then continues it. */
export async function reopenExecution(executionId: string, workspaceId?: string): Promise<void> {
  await withTransaction(async (transaction) => {
    const [row] = await select<{ status: string; error_message: string | null; workspace_id: string }>(
      `SELECT status, error_message, workspace_id FROM workflow_executions WHERE id = :executionId FOR UPDATE`,
      { executionId }, transaction,
    );
    if (!row || (workspaceId && row.workspace_id !== workspaceId)) throw new RetryRefusedError('This run does not exist in your workspace');
    if (row.status !== 'failed') throw new RetryRefusedError(`Only a failed run can be retried (this one is ${row.status})`);
    if (row.error_message?.startsWith(LOOP_LIMIT_MESSAGE)) {
      throw new RetryRefusedError('A run stopped at the loop depth limit cannot be retried: it would loop again');
    }
    await sequelize.query(
      `UPDATE workflow_executions SET status = 'running', error_message = NULL, completed_at = NULL, duration_seconds = NULL
        WHERE id = :executionId`,
      { replacements: { executionId }, transaction },
    );
  });
}

/** Resumes a failed run from its failing action and runs it on; returns its new status. */
export async function retryExecution(executionId: string, options: RunOptions = {}): Promise<string> {
  await reopenExecution(executionId);
  return continueRun(executionId, options);
}
