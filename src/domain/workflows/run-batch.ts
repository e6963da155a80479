/**
 * The workflow engine for many events at once: the domain-event consumer hands over what its
 * concurrent jobs collected, and this runs the same rules as run.ts with the per-event and per-run
 * costs shared (issue 6: throughput). What stays exactly as in run.ts:
 * - the active workflows of each event's workspace and trigger type, in execution_order, admitted
 *   by admit() (table, definition, conditions, loop depth limit); a non-matching run writes nothing;
 * - one claim transaction (workflow rows locked in id order, FOR NO KEY UPDATE: the lock the counter
 *   UPDATE takes anyway; FOR UPDATE would also wait for, and deadlock with, every open transaction
 *   that inserted a task or an execution row referencing the workflow) that checks "already ran for this
 *   event" and max_executions and counts the runs: the slots left under max_executions are given
 *   out in event order, with the rows locked, so concurrent batches cannot exceed the limit;
 * - a run's actions commit together with their log entries, so a crash never repeats a committed
 *   action; waits schedule a resume after the commit; a lost run is left to recovery.ts.
 * What is shared: the workflows are read once per batch; the claim is one transaction of four
 * statements for the whole batch; the runs of the batch's events execute together in one
 * transaction, in rounds (runInRounds: one record read per table and one statement per workflow
 * action per round, with the action's batch performer where it has one; no savepoint per action),
 * and their logs are written by one UPDATE. The first error in that transaction rolls all of it
 * back (nothing committed, nothing to undo); the halves are tried again down to the failing
 * event, whose runs then go the careful way, run.ts's continueRun, with its savepoints, retries
 * and failure logs. Actions that reach outside the database (webhook) always go the careful way,
 * and so do the runs after them in the event: a rolled-back attempt must not have been seen by
 * anyone. Locks: a batch's transaction holds its records' row locks (and its runs') until it
 * commits, i.e. a panel edit of one of those records waits for the batch (about a second).
 */
import type { Transaction } from 'sequelize';
import { sequelize, withTransaction } from '../../db.js';
import { setEventContext } from '../events/context.js';
import type { DomainEvent } from '../events/types.js';
import type { RunContext } from './actions/context.js';
import { BATCH_PERFORMERS, PERFORMERS } from './actions/index.js';
import { counts, type LogEntry } from './execution-log.js';
import { resolveParams } from './placeholders.js';
import {
  admit, continueRun, currentRecord, ONE_RUN_PER_EVENT, runWorkflows, scheduleResume, select, triggerData, WORKFLOW_COLUMNS,
  type RunOptions, type RunOutcome, type TriggerEvent, type WorkflowRow,
} from './run.js';
import { parseWorkflowDefinition, type WorkflowAction } from './schema.js';
import { triggerTable } from './triggers.js';

type Row = Record<string, unknown>;

/** Per event: its outcomes, or the error that stopped it (the caller retries that event alone). */
export type EventResult = { ok: true; outcomes: RunOutcome[] } | { ok: false; error: Error };

/** Actions whose effect leaves the database: never run where a later rollback could undo the log. */
const OUTSIDE_EFFECTS = new Set<string>(['webhook']);
/** Records whose runs execute at once (each record's events stay one after another). */
const PARALLEL_RECORDS = 4;

class DuplicateEvent extends Error {}

interface Claim {
  workflow: WorkflowRow;
  executionId: string;
}

/**
 * Runs the workflows of many events. Events of one record must come in outbox id order; they run
 * one after another, other records alongside. Throws only when the shared part (reading the
 * workflows, the claim) fails: then nothing ran and the caller may retry each event alone.
 */
export async function runWorkflowsForEvents(events: TriggerEvent[], options: RunOptions = {}): Promise<EventResult[]> {
  if (!events.length) return [];
  const workflowsOf = await activeWorkflows(events);
  const lists = events.map((event) => workflowsOf.get(`${event.workspaceId}|${event.type}`) ?? []);
  const slots: (RunOutcome | 'admitted')[][] = [];
  for (const [i, event] of events.entries()) {
    const row: (RunOutcome | 'admitted')[] = [];
    for (const workflow of lists[i]!) row.push(await admit(workflow, event));
    slots.push(row);
  }
  let claimed: Map<number, Map<string, string>>;
  let skipped: Map<number, Map<string, RunOutcome>>;
  try {
    ({ claimed, skipped } = await claimRuns(events, lists, slots));
  } catch (err) {
    if (!(err instanceof DuplicateEvent)) throw err;
    // Another delivery of one of these events raced this claim: let run.ts sort each event out.
    return settleByRecord(events, async (event, i) => runWorkflows(lists[i]!, event, options));
  }
  const plans = events.map((event, i) => {
    const outcomes: (RunOutcome | Claim)[] = lists[i]!.map((workflow, k) => {
      const slot = slots[i]![k]!;
      if (slot !== 'admitted') return slot;
      const executionId = claimed.get(i)?.get(workflow.id);
      return executionId ? { workflow, executionId } : skipped.get(i)!.get(workflow.id)!;
    });
    return { outcomes, runs: outcomes.filter((o): o is Claim => 'workflow' in o) };
  });
  const status = new Map<string, string>();
  // Events run together when their record has no other event in the batch; they leave behind the
  // runs from the first one reaching outside the database on, which continueRun takes after.
  const perRecord = new Map<string, number>();
  for (const e of events) perRecord.set(`${e.table}|${e.recordId}`, (perRecord.get(`${e.table}|${e.recordId}`) ?? 0) + 1);
  const leftover = new Map<number, Claim[]>();
  const byDepth = new Map<number, Together[]>();
  plans.forEach(({ runs }, i) => {
    const event = events[i]!;
    if (!runs.length || perRecord.get(`${event.table}|${event.recordId}`)! > 1) return;
    const actions = fastPrefix(runs);
    if (!actions.length) return;
    leftover.set(i, runs.slice(actions.length));
    byDepth.set(event.depth, [...(byDepth.get(event.depth) ?? []), { i, event, runs: runs.slice(0, actions.length), actions }]);
  });
  const careful = new Set<number>();
  /**
   * A group's transaction rolled back whole (a refusal, a failing action, a lock timeout) left
   * nothing committed: its halves are tried again, down to the event that fails, whose runs then go
   * the careful way (continueRun: savepoints, retries, the failure logged) while the rest of the
   * batch still runs together.
   */
  const runGroup = async (group: Together[]): Promise<void> => {
    try {
      const done = await withTransaction((transaction) => runInRounds(group, transaction));
      for (const d of done) status.set(d.executionId, d.status);
      for (const d of done) if (d.delayMs !== undefined) await scheduleResume(d.executionId, d.delayMs);
    } catch {
      if (group.length === 1) {
        careful.add(group[0]!.i);
        return;
      }
      const half = Math.ceil(group.length / 2);
      await runGroup(group.slice(0, half));
      await runGroup(group.slice(half));
    }
  };
  for (const group of byDepth.values()) await runGroup(group);
  return settleByRecord(events, async (event, i) => {
    const { outcomes, runs } = plans[i]!;
    const rest = careful.has(i) ? runs : leftover.get(i);
    if (rest) for (const run of rest) status.set(run.executionId, await continueRun(run.executionId, options));
    else for (const [id, s] of await executeRuns(event, runs, options)) status.set(id, s);
    return outcomes.map((o): RunOutcome => ('workflow' in o
      ? { workflowId: o.workflow.id, outcome: 'ran', executionId: o.executionId, status: status.get(o.executionId)! }
      : o));
  });
}

interface Together {
  i: number;
  event: TriggerEvent;
  runs: Claim[];
  actions: WorkflowAction[][];
}

/** The action lists of the leading runs that stay inside the database (see OUTSIDE_EFFECTS). */
function fastPrefix(runs: Claim[]): WorkflowAction[][] {
  const lists: WorkflowAction[][] = [];
  for (const run of runs) {
    let actions: WorkflowAction[];
    try {
      actions = parseWorkflowDefinition(run.workflow).actions;
    } catch {
      break; // continueRun fails it with the message
    }
    if (actions.some((a) => OUTSIDE_EFFECTS.has(a.type))) break;
    lists.push(actions);
  }
  return lists;
}

interface Done {
  executionId: string;
  status: string;
  delayMs?: number;
  entries: LogEntry[];
}

/**
 * The fresh runs of events of distinct records (one event depth) in one transaction, in rounds:
 * each round takes the next action of every event (its runs in execution_order, each run's actions
 * in order, up to its end or a wait), reads the records as they are now (one query per table),
 * and performs the round's actions grouped by workflow and action, with the action's batch
 * performer where it has one. Per record the order is exactly run.ts's; across records it does
 * not matter. Any error throws and rolls all of it back.
 */
async function runInRounds(group: Together[], transaction: Transaction): Promise<Done[]> {
  const ids = group.flatMap((g) => g.runs.map((r) => r.executionId));
  const fresh = await select<{ id: string }>(
    `SELECT id FROM workflow_executions WHERE id IN (:ids) AND status = 'running' AND actions_executed = '[]'::jsonb ORDER BY id FOR UPDATE`,
    { ids }, transaction,
  );
  // Someone else (a sweep, a second delivery) got to one of them: leave them all to the careful way.
  if (fresh.length !== ids.length) throw new Error('runs no longer fresh');
  // Changes these runs make produce events one level deeper (the loop guard counts them).
  await setEventContext(transaction, { depth: group[0]!.event.depth + 1 });
  const done: Done[] = [];
  const cursors = group.map((g) => ({ ...g, run: 0, action: 0, entries: [] as LogEntry[] }));
  type Cursor = (typeof cursors)[number];
  const finishRun = (c: Cursor, delayMs?: number) => {
    done.push({ executionId: c.runs[c.run]!.executionId, status: delayMs === undefined ? 'completed' : 'running', delayMs, entries: c.entries });
    c.run++;
    c.action = 0;
    c.entries = [];
  };
  /** Moves the cursor to its next action to perform (closing runs that end or wait); false when done. */
  const settle = (c: Cursor): boolean => {
    while (c.run < c.runs.length) {
      const action = c.actions[c.run]![c.action];
      if (!action) finishRun(c);
      else if (action.type === 'wait') {
        const delayMs = action.minutes * 60_000;
        c.entries.push({ index: c.action, type: 'wait', status: 'waiting', params: { minutes: action.minutes }, at: new Date().toISOString(), resume_at: new Date(Date.now() + delayMs).toISOString() });
        finishRun(c, delayMs);
      } else return true;
    }
    return false;
  };
  for (;;) {
    const round = cursors.filter(settle);
    if (!round.length) break;
    const records = await currentRecords(round, transaction);
    const steps = new Map<string, { cursor: Cursor; ctx: RunContext; params: Row }[]>();
    for (const c of round) {
      const { workflow, executionId } = c.runs[c.run]!;
      const action = c.actions[c.run]![c.action]!;
      const table = triggerTable(workflow.trigger_type)?.table ?? null;
      const record = table ? records.get(`${table}|${c.event.recordId}`) ?? null : null;
      if (table && !record) throw new Error(`the ${table} row ${c.event.recordId} no longer exists`);
      const ctx: RunContext = {
        workspaceId: workflow.workspace_id,
        workflow: { id: workflow.id, name: workflow.name, owner_id: workflow.owner_id },
        executionId, actionIndex: c.action, event: c.event as DomainEvent, table, record, transaction,
      };
      const key = `${workflow.id}|${c.action}`;
      steps.set(key, [...(steps.get(key) ?? []), { cursor: c, ctx, params: resolveParams(action, record) }]);
    }
    for (const items of steps.values()) {
      const c0 = items[0]!.cursor;
      const type = c0.actions[c0.run]![c0.action]!.type as Exclude<WorkflowAction['type'], 'wait'>;
      const many = BATCH_PERFORMERS[type] as ((i: { ctx: RunContext; params: Row }[]) => Promise<Row[]>) | undefined;
      const perform = PERFORMERS[type] as (c: RunContext, p: Row) => Promise<Row>;
      const results: Row[] = [];
      if (many) results.push(...await many(items.map(({ ctx, params }) => ({ ctx, params }))));
      else for (const { ctx, params } of items) results.push(await perform(ctx, params));
      const at = new Date().toISOString();
      items.forEach(({ cursor, params }, k) => {
        cursor.entries.push({ index: cursor.action, type, status: 'succeeded', params, result: results[k]!, attempts: 1, at });
        cursor.action++;
      });
    }
  }
  await saveLogs(done, transaction);
  return done;
}

/** The records of a round as they are now, one query per table, keyed `table|id`. */
async function currentRecords(round: { runs: Claim[]; run: number; event: TriggerEvent }[], transaction: Transaction): Promise<Map<string, Row>> {
  const byTable = new Map<string, string[]>();
  for (const c of round) {
    const table = triggerTable(c.runs[c.run]!.workflow.trigger_type)?.table;
    if (table) byTable.set(table, [...(byTable.get(table) ?? []), c.event.recordId]);
  }
  const records = new Map<string, Row>();
  for (const [table, recordIds] of byTable) {
    const rows = await select<{ row: Row }>(
      `SELECT to_jsonb(r) AS row FROM ${sequelize.getQueryInterface().quoteIdentifier(table)} r WHERE id = ANY(CAST(:recordIds AS uuid[]))`,
      { recordIds: `{${recordIds.join(',')}}` }, transaction,
    );
    for (const { row } of rows) records.set(`${table}|${String(row.id)}`, row);
  }
  return records;
}

/** The runs' logs in one statement: entries, counts, and for finished runs completed_at and duration. */
async function saveLogs(done: Done[], transaction: Transaction): Promise<void> {
  if (!done.length) return;
  await sequelize.query(
    `UPDATE workflow_executions e
        SET actions_executed = r.entries, success_count = r.success_count, failure_count = r.failure_count,
            status = COALESCE(r.finish, e.status), error_message = NULL,
            completed_at = CASE WHEN r.finish IS NULL THEN NULL ELSE now() END,
            duration_seconds = CASE WHEN r.finish IS NULL THEN NULL ELSE EXTRACT(EPOCH FROM clock_timestamp() - e.started_at) END
       FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id uuid, entries jsonb, success_count int, failure_count int, finish text)
      WHERE e.id = r.id`,
    {
      replacements: {
        rows: JSON.stringify(done.map((d) => ({
          id: d.executionId, entries: d.entries, ...counts(d.entries), finish: d.status === 'completed' ? 'completed' : null,
        }))),
      },
      transaction,
    },
  );
}

/** The active workflows of every (workspace, trigger type) of the batch, each list in execution_order. */
async function activeWorkflows(events: TriggerEvent[]): Promise<Map<string, WorkflowRow[]>> {
  const pairs = [...new Set(events.map((e) => `${e.workspaceId}|${e.type}`))].map((key) => key.split('|'));
  const rows = await select<WorkflowRow & Row>(
    `SELECT ${WORKFLOW_COLUMNS} FROM workflows
      WHERE status = 'active' AND (workspace_id, trigger_type::text) IN (
              SELECT p.workspace_id, p.trigger_type FROM jsonb_to_recordset(CAST(:pairs AS jsonb)) AS p(workspace_id uuid, trigger_type text))
      ORDER BY execution_order, created_at, id`,
    { pairs: JSON.stringify(pairs.map(([workspace_id, trigger_type]) => ({ workspace_id, trigger_type }))) },
  );
  const byKey = new Map<string, WorkflowRow[]>();
  for (const row of rows) {
    const key = `${row.workspace_id}|${row.trigger_type}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  return byKey;
}

/**
 * One transaction for the batch: lock the admitted workflows (id order: no deadlock with another
 * batch or with run.ts), leave out the runs that exist already, give out what max_executions
 * leaves in event order, count them and insert their execution rows.
 */
async function claimRuns(events: TriggerEvent[], lists: WorkflowRow[][], slots: (RunOutcome | 'admitted')[][]) {
  const claimed = new Map<number, Map<string, string>>();
  const skipped = new Map<number, Map<string, RunOutcome>>();
  const wanted: { i: number; workflowId: string }[] = [];
  for (const [i, list] of lists.entries()) {
    skipped.set(i, new Map());
    list.forEach((workflow, k) => { if (slots[i]![k] === 'admitted') wanted.push({ i, workflowId: workflow.id }); });
  }
  if (!wanted.length) return { claimed, skipped };
  const workflowIds = [...new Set(wanted.map((w) => w.workflowId))];
  await withTransaction(async (transaction) => {
    const locked = await select<{ id: string; status: string; max_executions: number | null; execution_count: number }>(
      `SELECT id, status, max_executions, execution_count FROM workflows WHERE id IN (:workflowIds) ORDER BY id FOR NO KEY UPDATE`,
      { workflowIds }, transaction,
    );
    const ran = await select<{ workflow_id: string; event_id: string }>(
      `SELECT x.workflow_id, x.trigger_data ->> 'event_id' AS event_id
         FROM jsonb_to_recordset(CAST(:pairs AS jsonb)) AS p(workflow_id uuid, event_id text)
         JOIN workflow_executions x ON x.workflow_id = p.workflow_id AND x.trigger_data ? 'event_id' AND x.trigger_data ->> 'event_id' = p.event_id`,
      { pairs: JSON.stringify(wanted.map((w) => ({ workflow_id: w.workflowId, event_id: events[w.i]!.id }))) }, transaction,
    );
    const alreadyRan = new Set(ran.map((r) => `${r.workflow_id}|${r.event_id}`));
    const left = new Map(locked.map((w) => [w.id, w.status !== 'active' ? 0 : w.max_executions === null ? Infinity : w.max_executions - w.execution_count]));
    const statusOf = new Map(locked.map((w) => [w.id, w.status]));
    // Each event's trigger data is sent once; the rows name their event by its position.
    const rows: { workspace_id: string; workflow_id: string; e: number }[] = [];
    const taken = new Map<string, number>();
    const triggerDataOf = new Map<number, number>();
    const triggers: unknown[] = [];
    for (const { i, workflowId } of wanted) {
      const event = events[i]!;
      if (alreadyRan.has(`${workflowId}|${event.id}`)) {
        skipped.get(i)!.set(workflowId, { workflowId, outcome: 'skipped', reason: 'already_ran' });
      } else if ((left.get(workflowId) ?? 0) <= 0) {
        const reason = statusOf.get(workflowId) === 'active' ? 'max_executions' : 'inactive';
        skipped.get(i)!.set(workflowId, { workflowId, outcome: 'skipped', reason });
      } else {
        left.set(workflowId, left.get(workflowId)! - 1);
        taken.set(workflowId, (taken.get(workflowId) ?? 0) + 1);
        if (!triggerDataOf.has(i)) triggerDataOf.set(i, triggers.push(JSON.parse(triggerData(event))));
        rows.push({ workspace_id: event.workspaceId, workflow_id: workflowId, e: triggerDataOf.get(i)! });
      }
    }
    if (!rows.length) return;
    await sequelize.query(
      `UPDATE workflows w SET execution_count = w.execution_count + c.n, last_executed_at = now()
         FROM jsonb_to_recordset(CAST(:counts AS jsonb)) AS c(id uuid, n int) WHERE w.id = c.id`,
      { replacements: { counts: JSON.stringify([...taken].map(([id, n]) => ({ id, n }))) }, transaction },
    );
    const inserted = await select<{ id: string; workflow_id: string; event_id: string }>(
      `INSERT INTO workflow_executions (workspace_id, workflow_id, status, trigger_data)
       SELECT r.workspace_id, r.workflow_id, 'running', t.trigger_data
         FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(workspace_id uuid, workflow_id uuid, e int)
         JOIN jsonb_array_elements(CAST(:triggers AS jsonb)) WITH ORDINALITY AS t(trigger_data, e) ON t.e = r.e
       ${ONE_RUN_PER_EVENT} RETURNING id, workflow_id, trigger_data ->> 'event_id' AS event_id`,
      { rows: JSON.stringify(rows), triggers: JSON.stringify(triggers) }, transaction,
    );
    // The workflow rows are locked, so a conflict means the check above raced: undo all.
    if (inserted.length !== rows.length) throw new DuplicateEvent();
    const indexOf = new Map(events.map((e, i) => [e.id, i]));
    for (const row of inserted) {
      const i = indexOf.get(row.event_id)!;
      if (!claimed.has(i)) claimed.set(i, new Map());
      claimed.get(i)!.set(row.workflow_id, row.id);
    }
  });
  return { claimed, skipped };
}

/**
 * Runs fn for every event: one record's events one after another (a failure stops the record's
 * later events, which must not overtake it), PARALLEL_RECORDS records at a time.
 */
async function settleByRecord(events: TriggerEvent[], fn: (event: TriggerEvent, i: number) => Promise<RunOutcome[]>): Promise<EventResult[]> {
  const results: EventResult[] = new Array(events.length);
  const groups = new Map<string, number[]>();
  events.forEach((e, i) => {
    const key = `${e.table}|${e.recordId}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const queue = [...groups.values()];
  const lane = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      let failed: Error | null = null;
      for (const i of group) {
        if (failed) {
          results[i] = { ok: false, error: new Error(`an earlier event of this record failed: ${failed.message}`) };
          continue;
        }
        try {
          results[i] = { ok: true, outcomes: await fn(events[i]!, i) };
        } catch (err) {
          failed = err instanceof Error ? err : new Error(String(err));
          results[i] = { ok: false, error: failed };
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_RECORDS, queue.length) }, lane));
  return results;
}

/**
 * The claimed runs of one event, in execution_order, on their own: the leading runs that stay
 * inside the database in one transaction (runInRounds); the rest, and all of them if that
 * transaction fails, through continueRun (savepoints, retries, failure logs) one after another.
 */
async function executeRuns(event: TriggerEvent, runs: Claim[], options: RunOptions): Promise<Map<string, string>> {
  const status = new Map<string, string>();
  if (!runs.length) return status;
  const actions = fastPrefix(runs);
  let fast = actions.length;
  if (fast > 0) {
    try {
      const done = await withTransaction((transaction) => runInRounds([{ i: 0, event, runs: runs.slice(0, fast), actions }], transaction));
      for (const d of done) status.set(d.executionId, d.status);
      for (const d of done) if (d.delayMs !== undefined) await scheduleResume(d.executionId, d.delayMs);
    } catch {
      fast = 0; // rolled back whole: the runs are as claimed (running, empty log)
    }
  }
  for (const run of runs.slice(fast)) status.set(run.executionId, await continueRun(run.executionId, options));
  return status;
}
