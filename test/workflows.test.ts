/**
 * The workflow engine against the real PostgreSQL (and Redis for wait/resume): events come from
 * the outbox rows the database triggers write for real changes, are handed to the engine, and
 * the rows each action writes, the execution log, max_executions, the loop limit, retries,
 * webhooks and round robin are checked. The panel's validation, Test run, Activate and Retry
 * are driven over HTTP. Engine tests work in a workspace of their own, so no other workflow
 * (demo or another suite's) runs for their events.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import type { DomainEvent } from '../src/domain/events/types.js';
import { ALLOW_PRIVATE_SETTING, guardedLookup, webhookSigningKey } from '../src/domain/workflows/actions/webhook.js';
import { evaluateConditions } from '../src/domain/workflows/conditions.js';
import { sweepStaleRuns } from '../src/domain/workflows/recovery.js';
import { LOOP_LIMIT_MESSAGE, MAX_DEPTH, retryExecution, runWorkflowsForEvent } from '../src/domain/workflows/run.js';
import { runWorkflowsForEvents } from '../src/domain/workflows/run-batch.js';
import { dueScheduledRuns, runScheduledWorkflow } from '../src/domain/workflows/scheduled.js';
import { parseWorkflowDefinition, WorkflowDefinitionError } from '../src/domain/workflows/schema.js';
import { workflowResumeJob } from '../src/jobs/workflow-resume.job.js';
import { closeQueues, queueFor } from '../src/jobs/queues.js';
import type { JobDefinition } from '../src/jobs/registry.js';
import { startWorkers, stopWorkers } from '../src/worker.js';
import { PanelClient, startPanel, type Panel } from './helpers/panel-client.js';

type Row = Record<string, unknown>;
const select = <T extends object = Row>(sql: string, replacements: Row = {}) =>
  sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });
const one = async <T extends object = Row>(sql: string, replacements: Row = {}) => (await select<T>(sql, replacements))[0]!;
const idOf = async (sql: string, replacements: Row = {}) => (await one<{ id: string }>(sql, replacements)).id;
const count = async (sql: string, replacements: Row = {}) => Number((await one<{ n: string }>(sql, replacements)).n);
const FAST = { retryDelayMs: 10 };

// The test workspace and its people, mailbox, template, pipeline and stages.
const w = {} as {
  id: string; users: string[]; owner: string; mailbox: string; template: string; pipeline: string;
  qualification: string; proposal: string; contract: string; sequence: string;
};
let panel: Panel;
let admin: PanelClient;
let acme: string;

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  acme = await idOf(`SELECT id FROM workspaces WHERE slug = 'acme'`);
  const tag = randomUUID().slice(0, 8);
  w.id = await idOf(`INSERT INTO workspaces (name, slug) VALUES (:name, :slug) RETURNING id`, { name: `Workflows ${tag}`, slug: `wf-${tag}` });
  w.users = [];
  for (const name of ['owner', 'ann', 'bob', 'cat']) {
    w.users.push(await idOf(
      `INSERT INTO users (workspace_id, email, password_hash, first_name) VALUES (:ws, :email, 'x', :name) RETURNING id`,
      { ws: w.id, email: `${name}-${tag}@wf.example`, name },
    ));
  }
  w.owner = w.users.shift()!;
  w.mailbox = await idOf(
    `INSERT INTO email_accounts (workspace_id, user_id, provider, email) VALUES (:ws, :owner, 'smtp', :email) RETURNING id`,
    { ws: w.id, owner: w.owner, email: `owner-${tag}@wf.example` },
  );
  w.template = await idOf(
    `INSERT INTO email_templates (workspace_id, name, subject, body_html) VALUES (:ws, 'Proposal', 'Your proposal, {{contact.first_name}}', '<p>Attached.</p>') RETURNING id`,
    { ws: w.id },
  );
  w.pipeline = await idOf(`INSERT INTO pipelines (workspace_id, name) VALUES (:ws, 'Sales') RETURNING id`, { ws: w.id });
  const stage = (name: string, order: number, probability: number) => idOf(
    `INSERT INTO pipeline_stages (workspace_id, pipeline_id, name, order_index, probability) VALUES (:ws, :p, :name, :order, :probability) RETURNING id`,
    { ws: w.id, p: w.pipeline, name, order, probability },
  );
  w.qualification = await stage('Qualification', 1, 20);
  w.proposal = await stage('Proposal', 2, 50);
  w.contract = await stage('Contract', 3, 80);
  w.sequence = await idOf(`INSERT INTO sequences (workspace_id, name, status) VALUES (:ws, 'Nurture', 'active') RETURNING id`, { ws: w.id });
  await sequelize.query(`INSERT INTO sequence_steps (workspace_id, sequence_id, step_number, subject, body, delay_days) VALUES (:ws, :s, 1, 'Hi', 'Hello', 1)`,
    { replacements: { ws: w.id, s: w.sequence } });
  panel = await startPanel();
  admin = new PanelClient(panel.url);
  if (!(await admin.login('admin@acme.example')).ok) throw new Error('admin login failed');
});

afterEach(async () => {
  // Each test's workflows stop running once it is over.
  await sequelize.query(`UPDATE workflows SET status = 'paused' WHERE workspace_id = :ws AND status = 'active'`, { replacements: { ws: w.id } });
});

afterAll(async () => {
  await panel?.close();
  await closeQueues();
  await sequelize.close();
});

// ---- fixtures ------------------------------------------------------------------------------

async function makeWorkflow(def: { trigger: string; conditions?: unknown; actions: unknown[]; max?: number; order?: number; workspace?: string; status?: string }): Promise<string> {
  // Only valid definitions: the engine's input is what the panel lets through.
  parseWorkflowDefinition({ trigger_type: def.trigger, trigger_conditions: def.conditions ?? {}, actions: def.actions });
  return idOf(
    `INSERT INTO workflows (workspace_id, name, status, trigger_type, trigger_conditions, actions, max_executions, execution_order)
     VALUES (:ws, :name, :status, :trigger, CAST(:conditions AS jsonb), CAST(:actions AS jsonb), :max, :order) RETURNING id`,
    {
      ws: def.workspace ?? w.id, name: `WF ${randomUUID().slice(0, 6)}`, status: def.status ?? 'active', trigger: def.trigger,
      conditions: JSON.stringify(def.conditions ?? {}), actions: JSON.stringify(def.actions), max: def.max ?? null, order: def.order ?? 0,
    },
  );
}

/** The outbox's events for a record, as the relay hands them to handlers. */
async function eventsOf(table: string, recordId: string, type?: string): Promise<DomainEvent[]> {
  const rows = await select<Row>(
    `SELECT * FROM domain_events WHERE table_name = :table AND record_id = :recordId AND (CAST(:type AS text) IS NULL OR event_type = :type) ORDER BY id`,
    { table, recordId, type: type ?? null },
  );
  return rows.map((r) => ({
    id: String(r.id), workspaceId: String(r.workspace_id), type: r.event_type as DomainEvent['type'], table: String(r.table_name),
    recordId: String(r.record_id), record: r.record as Row, changes: r.changes as DomainEvent['changes'],
    actorId: (r.actor_id as string | null) ?? null, depth: Number(r.depth), occurredAt: new Date(r.created_at as string).toISOString(),
  }));
}

async function eventOf(table: string, recordId: string, type: string): Promise<DomainEvent> {
  const events = await eventsOf(table, recordId, type);
  if (events.length !== 1) throw new Error(`expected one ${type} event for ${table} ${recordId}, found ${events.length}`);
  return events[0]!;
}

const executionsOf = (workflowId: string) => select<Row & { actions_executed: Row[] }>(
  `SELECT * FROM workflow_executions WHERE workflow_id = :workflowId ORDER BY started_at, created_at`, { workflowId },
);

async function makeContact(fields: Row = {}): Promise<string> {
  return idOf(
    `INSERT INTO contacts (workspace_id, first_name, email, owner_id) VALUES (:ws, :first, :email, :owner) RETURNING id`,
    { ws: w.id, first: 'Dana', email: `dana-${randomUUID().slice(0, 8)}@client.example`, owner: w.owner, ...fields },
  );
}

async function makeDeal(fields: Row = {}): Promise<string> {
  const contact = fields.contact_id ?? await makeContact();
  return idOf(
    `INSERT INTO deals (workspace_id, title, value, pipeline_id, stage_id, owner_id, contact_id)
     VALUES (:ws, :title, :value, :pipeline, :stage, :owner, :contact) RETURNING id`,
    { ws: w.id, title: 'Warehouse roof', value: 25000, pipeline: w.pipeline, stage: w.qualification, owner: w.owner, contact, ...fields },
  );
}

// ---- definitions ---------------------------------------------------------------------------

describe('definitions', () => {
  const problems = (def: { trigger_type: string; trigger_conditions?: unknown; actions?: unknown }) => {
    try {
      parseWorkflowDefinition({ trigger_conditions: {}, actions: [], ...def });
      return '';
    } catch (err) {
      expect(err).toBeInstanceOf(WorkflowDefinitionError);
      return (err as Error).message;
    }
  };

  test('unknown fields, operators and actions are refused with their path', () => {
    expect(problems({ trigger_type: 'deal_stage_changed', trigger_conditions: { all: [{ field: 'value', op: 'gt', value: 1 }, { field: 'valeu', op: 'eq', value: 1 }] } }))
      .toMatch(/trigger_conditions\.all\[1\]\.field: unknown field "valeu" of deals/);
    expect(problems({ trigger_type: 'deal_created', trigger_conditions: { any: [{ not: { field: 'value', op: 'bigger', value: 1 } }] } }))
      .toMatch(/trigger_conditions\.any\[0\]\.not\.op: unknown operator "bigger"/);
    expect(problems({ trigger_type: 'contact_created', actions: [{ type: 'create_task', title: 'x' }, { type: 'teleport' }] }))
      .toMatch(/actions\[1\]\.type: unknown action "teleport"/);
    expect(problems({ trigger_type: 'contact_created', actions: [{ type: 'update_field', field: 'stage_id', value: 'x' }] }))
      .toMatch(/actions\[0\]\.field: unknown field "stage_id" of contacts/);
    expect(problems({ trigger_type: 'deal_created', actions: [{ type: 'create_task', title: 'x', colour: 'red' }] }))
      .toMatch(/actions\[0\].*colour/);
    expect(problems({ trigger_type: 'deal_created', actions: [{ type: 'create_task', title: 'Call {{record.nope}}' }] }))
      .toMatch(/unknown placeholder \{\{record\.nope\}\}/);
    expect(problems({ trigger_type: 'contact_created', trigger_conditions: { all: [{ field: 'email', op: 'contains_tag', value: 'x' }] } }))
      .toMatch(/contains_tag applies to list columns/);
    expect(problems({ trigger_type: 'scheduled', trigger_conditions: { cron: '61 * * * *' } })).toMatch(/invalid cron expression "61 \* \* \* \*"/);
    expect(problems({ trigger_type: 'scheduled', trigger_conditions: { cron: '0 9 * * *' }, actions: [{ type: 'add_tag', tag: 'x' }] }))
      .toMatch(/add_tag tags the record: a scheduled workflow has no record/);
    expect(problems({ trigger_type: 'scheduled', trigger_conditions: { cron: '0 9 * * 1-5', timezone: 'Europe/Berlin' } })).toBe('');
  });

  test('conditions: all / any / not, comparisons, tags and changes, with the failing leaf', () => {
    const facts = { record: { value: '25000.00', status: 'open', tags: ['vip'], stage_id: 'b' }, changes: { stage_id: { from: 'a', to: 'b' } } };
    const holds = (tree: unknown) => evaluateConditions(tree as Row, facts).matched;
    expect(holds({})).toBe(true);
    expect(holds({ all: [{ field: 'value', op: 'gt', value: 10000 }, { field: 'tags', op: 'contains_tag', value: 'vip' }] })).toBe(true);
    expect(holds({ field: 'value', op: 'lte', value: 10000 })).toBe(false);
    expect(holds({ any: [{ field: 'status', op: 'eq', value: 'won' }, { field: 'status', op: 'in', value: ['open', 'on_hold'] }] })).toBe(true);
    expect(holds({ not: { field: 'status', op: 'neq', value: 'open' } })).toBe(true);
    expect(holds({ field: 'changes.stage_id', op: 'changed_from_to', from: 'a', to: 'b' })).toBe(true);
    expect(holds({ field: 'status', op: 'changed' })).toBe(false);
    const result = evaluateConditions({ all: [{ field: 'status', op: 'eq', value: 'open' }, { field: 'value', op: 'gt', value: 50000 }] }, facts);
    expect(result).toEqual({ matched: false, failing: { path: '.all[1]', condition: { field: 'value', op: 'gt', value: 50000 }, actual: '25000.00' } });
  });
});

// ---- the engine ----------------------------------------------------------------------------

describe('engine', () => {
  test('"a deal reaches Proposal worth over 10k": a task for its owner and an email to the contact, once, with an exact log', async () => {
    const workflowId = await makeWorkflow({
      trigger: 'deal_stage_changed',
      conditions: { all: [{ field: 'stage_id', op: 'changed_from_to', to: w.proposal }, { field: 'value', op: 'gt', value: 10000 }] },
      actions: [
        { type: 'create_task', title: 'Follow up the proposal for {{record.title}}', due_in_days: 2, priority: 'high' },
        { type: 'send_email', template_id: w.template },
      ],
    });
    const big = await makeDeal();
    const small = await makeDeal({ value: 5000 });
    await sequelize.query(`UPDATE deals SET stage_id = :stage WHERE id IN (:big, :small)`, { replacements: { stage: w.proposal, big, small } });
    const event = await eventOf('deals', big, 'deal_stage_changed');
    const outcomes = await runWorkflowsForEvent(event, FAST);
    expect(outcomes).toEqual([expect.objectContaining({ workflowId, outcome: 'ran', status: 'completed' })]);
    // Delivered again (at-least-once): nothing more.
    expect(await runWorkflowsForEvent(event, FAST)).toEqual([{ workflowId, outcome: 'skipped', reason: 'already_ran' }]);
    expect(await runWorkflowsForEvent(await eventOf('deals', small, 'deal_stage_changed'), FAST))
      .toEqual([{ workflowId, outcome: 'skipped', reason: 'conditions' }]);

    const tasks = await select<Row>(`SELECT * FROM tasks WHERE deal_id = :big`, { big });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: 'Follow up the proposal for Warehouse roof', assigned_to: w.owner, workflow_id: workflowId, priority: 'high' });
    const emails = await select<Row>(`SELECT * FROM emails WHERE deal_id = :big`, { big });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ status: 'scheduled', email_account_id: w.mailbox, template_id: w.template, subject: 'Your proposal, {{contact.first_name}}' });
    expect(await count(`SELECT count(*) AS n FROM tasks WHERE deal_id = :small`, { small })).toBe(0);

    const [execution, ...more] = await executionsOf(workflowId);
    expect(more).toHaveLength(0);
    expect(execution).toMatchObject({ status: 'completed', success_count: 2, failure_count: 0, error_message: null });
    expect(execution!.completed_at).not.toBeNull();
    expect(execution!.duration_seconds).toBeGreaterThanOrEqual(0);
    expect(execution!.trigger_data).toMatchObject({ event_id: event.id, type: 'deal_stage_changed', record_id: big, depth: 0 });
    expect(execution!.actions_executed).toEqual([
      expect.objectContaining({ index: 0, type: 'create_task', status: 'succeeded', attempts: 1, result: { task_id: tasks[0]!.id, assigned_to: w.owner },
        params: expect.objectContaining({ title: 'Follow up the proposal for Warehouse roof', assign_to: w.owner }) }),
      expect.objectContaining({ index: 1, type: 'send_email', status: 'succeeded', result: expect.objectContaining({ email_id: emails[0]!.id }) }),
    ]);
    const workflow = await one<Row>(`SELECT execution_count, last_executed_at FROM workflows WHERE id = :workflowId`, { workflowId });
    expect(workflow.execution_count).toBe(1);
    expect(workflow.last_executed_at).not.toBeNull();
  });

  test('deal_created: add_tag, update_field and assign_owner (fixed), in execution_order', async () => {
    const second = await makeWorkflow({ trigger: 'deal_created', order: 2, actions: [{ type: 'assign_owner', user_id: w.users[1] }] });
    const first = await makeWorkflow({
      trigger: 'deal_created', order: 1,
      conditions: { field: 'value', op: 'gte', value: 1000 },
      actions: [{ type: 'add_tag', tag: 'big' }, { type: 'add_tag', tag: 'big' }, { type: 'update_field', field: 'priority', value: 'high' }],
    });
    const deal = await makeDeal();
    const outcomes = await runWorkflowsForEvent(await eventOf('deals', deal, 'deal_created'), FAST);
    expect(outcomes.map((o) => o.workflowId)).toEqual([first, second]);
    const row = await one<Row>(`SELECT tags, priority, owner_id FROM deals WHERE id = :deal`, { deal });
    expect(row).toEqual({ tags: ['big'], priority: 'high', owner_id: w.users[1] });
    const [log] = await executionsOf(first);
    expect(log!.actions_executed.map((e) => e.result)).toEqual([
      { tag: 'big', added: true }, { tag: 'big', added: false }, { field: 'priority', from: null, to: 'high' },
    ]);
  });

  test('deal_won logs an activity; deal_lost adds an action item for the owner', async () => {
    const won = await makeWorkflow({ trigger: 'deal_won', actions: [{ type: 'log_activity', activity_type: 'note', subject: 'Won {{record.title}}' }] });
    const lost = await makeWorkflow({ trigger: 'deal_lost', actions: [{ type: 'add_action_item', title: 'Ask why we lost {{record.title}}', priority: 'high' }] });
    const a = await makeDeal();
    const b = await makeDeal();
    await sequelize.query(`UPDATE deals SET status = 'won' WHERE id = :a`, { replacements: { a } });
    await sequelize.query(`UPDATE deals SET status = 'lost' WHERE id = :b`, { replacements: { b } });
    await runWorkflowsForEvent(await eventOf('deals', a, 'deal_won'), FAST);
    await runWorkflowsForEvent(await eventOf('deals', b, 'deal_lost'), FAST);
    expect(await select(`SELECT subject, owner_id, is_automated, status FROM activities WHERE deal_id = :a`, { a }))
      .toEqual([{ subject: 'Won Warehouse roof', owner_id: w.owner, is_automated: true, status: 'completed' }]);
    expect(await select(`SELECT title, priority, type FROM action_queue WHERE user_id = :owner AND title LIKE 'Ask why%'`, { owner: w.owner }))
      .toEqual([{ title: 'Ask why we lost Warehouse roof', priority: 'high', type: 'intervention_needed' }]);
    for (const id of [won, lost]) expect((await executionsOf(id)).map((e) => e.status)).toEqual(['completed']);
  });

  test('contact_created enrolls the contact in a sequence; activity_completed creates a task', async () => {
    const enroll = await makeWorkflow({ trigger: 'contact_created', actions: [{ type: 'enroll_in_sequence', sequence_id: w.sequence }] });
    const contact = await makeContact();
    await runWorkflowsForEvent(await eventOf('contacts', contact, 'contact_created'), FAST);
    expect(await select(`SELECT email_account_id, status FROM sequence_enrollments WHERE contact_id = :contact`, { contact }))
      .toEqual([{ email_account_id: w.mailbox, status: 'active' }]);
    expect((await executionsOf(enroll))[0]).toMatchObject({ status: 'completed', success_count: 1 });

    const follow = await makeWorkflow({
      trigger: 'activity_completed', conditions: { field: 'type', op: 'eq', value: 'call' },
      actions: [{ type: 'create_task', title: 'After the call: {{record.subject}}', assign_to: w.users[2] }],
    });
    const activity = await idOf(
      `INSERT INTO activities (workspace_id, type, subject, status, contact_id, owner_id) VALUES (:ws, 'call', 'Intro call', 'completed', :contact, :owner) RETURNING id`,
      { ws: w.id, contact, owner: w.owner },
    );
    await runWorkflowsForEvent(await eventOf('activities', activity, 'activity_completed'), FAST);
    expect(await select(`SELECT title, assigned_to FROM tasks WHERE workflow_id = :follow`, { follow }))
      .toEqual([{ title: 'After the call: Intro call', assigned_to: w.users[2] }]);
  });

  test('email_opened assigns the email; document_signed moves the deal to Contract', async () => {
    const opened = await makeWorkflow({ trigger: 'email_opened', actions: [{ type: 'assign_owner', user_id: w.users[0] }] });
    const signed = await makeWorkflow({ trigger: 'document_signed', actions: [{ type: 'move_deal_stage', stage_id: w.contract }] });
    const deal = await makeDeal();
    const email = await idOf(
      `INSERT INTO emails (workspace_id, deal_id, to_email, status, owner_id) VALUES (:ws, :deal, 'x@client.example', 'sent', :owner) RETURNING id`,
      { ws: w.id, deal, owner: w.owner },
    );
    await sequelize.query(`UPDATE emails SET opened_at = now(), open_count = 1 WHERE id = :email`, { replacements: { email } });
    await runWorkflowsForEvent(await eventOf('emails', email, 'email_opened'), FAST);
    expect((await one<Row>(`SELECT owner_id FROM emails WHERE id = :email`, { email })).owner_id).toBe(w.users[0]);

    const doc = await idOf(`INSERT INTO documents (workspace_id, name, status, deal_id, owner_id) VALUES (:ws, 'Contract', 'signed', :deal, :owner) RETURNING id`,
      { ws: w.id, deal, owner: w.owner });
    await runWorkflowsForEvent(await eventOf('documents', doc, 'document_signed'), FAST);
    expect((await one<Row>(`SELECT stage_id FROM deals WHERE id = :deal`, { deal })).stage_id).toBe(w.contract);
    expect(await count(`SELECT count(*) AS n FROM deal_stage_history WHERE deal_id = :deal AND auto_moved`, { deal })).toBe(1);
    // The move is a change like any other: its event is one level deeper.
    const moved = await eventsOf('deals', deal, 'deal_stage_changed');
    expect(moved.map((e) => e.depth)).toEqual([1]);
    for (const id of [opened, signed]) expect((await executionsOf(id)).map((e) => e.status)).toEqual(['completed']);
  });

  test('scheduled: runs once per due time, without a record', async () => {
    const workflowId = await makeWorkflow({
      trigger: 'scheduled', conditions: { cron: '*/5 * * * *' },
      actions: [{ type: 'create_task', title: 'Weekly pipeline review', assign_to: w.users[0] }],
    });
    await sequelize.query(`UPDATE workflows SET created_at = now() - interval '1 hour' WHERE id = :workflowId`, { replacements: { workflowId } });
    const due = (await dueScheduledRuns()).filter((d) => d.workflowId === workflowId);
    expect(due).toHaveLength(1);
    const first = await runScheduledWorkflow(workflowId, due[0]!.dueAt, FAST);
    const again = await runScheduledWorkflow(workflowId, due[0]!.dueAt, FAST);
    expect(first).toMatchObject({ outcome: 'ran', status: 'completed' });
    expect(again).toMatchObject({ outcome: 'skipped' });
    expect((await dueScheduledRuns()).filter((d) => d.workflowId === workflowId)).toEqual([]);
    expect(await count(`SELECT count(*) AS n FROM tasks WHERE workflow_id = :workflowId`, { workflowId })).toBe(1);
    expect((await executionsOf(workflowId))[0]!.trigger_data).toMatchObject({ type: 'scheduled', due_at: due[0]!.dueAt, record: {} });
  });

  test('max_executions stops it', async () => {
    const workflowId = await makeWorkflow({ trigger: 'contact_created', max: 2, actions: [{ type: 'add_tag', tag: 'welcomed' }] });
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(...await runWorkflowsForEvent(await eventOf('contacts', await makeContact(), 'contact_created'), FAST));
    expect(outcomes.map((o) => o.outcome)).toEqual(['ran', 'ran', 'skipped']);
    expect(outcomes[2]).toMatchObject({ reason: 'max_executions' });
    expect(await executionsOf(workflowId)).toHaveLength(2);
    expect((await one<Row>(`SELECT execution_count FROM workflows WHERE id = :workflowId`, { workflowId })).execution_count).toBe(2);
  });

  test('a workflow that triggers itself is stopped at the depth limit, and the execution says so', async () => {
    // Each run logs a completed activity, which is itself an activity_completed event.
    const workflowId = await makeWorkflow({
      trigger: 'activity_completed', conditions: { field: 'is_automated', op: 'eq', value: true },
      actions: [{ type: 'log_activity', activity_type: 'note', subject: 'echo' }],
    });
    const contact = await makeContact();
    let activity = await idOf(
      `INSERT INTO activities (workspace_id, type, subject, status, is_automated, contact_id, owner_id) VALUES (:ws, 'note', 'start', 'completed', true, :contact, :owner) RETURNING id`,
      { ws: w.id, contact, owner: w.owner },
    );
    for (let round = 0; round <= MAX_DEPTH + 1; round++) {
      const [outcome] = await runWorkflowsForEvent(await eventOf('activities', activity, 'activity_completed'), FAST);
      if (outcome!.outcome === 'stopped') break;
      const [execution] = await select<{ actions_executed: Row[] }>(`SELECT actions_executed FROM workflow_executions WHERE id = :id`, { id: (outcome as { executionId: string }).executionId });
      activity = (execution!.actions_executed[0]!.result as { activity_id: string }).activity_id;
    }
    const executions = await executionsOf(workflowId);
    expect(executions.map((e) => e.status)).toEqual([...Array(MAX_DEPTH + 1).fill('completed'), 'failed']);
    expect(executions.map((e) => (e.trigger_data as Row).depth)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(executions[MAX_DEPTH + 1]).toMatchObject({ success_count: 0, actions_executed: [] });
    expect(String(executions[MAX_DEPTH + 1]!.error_message)).toMatch(new RegExp(`^${LOOP_LIMIT_MESSAGE}`));
  });

  test('round robin over 3 users is even under concurrency', async () => {
    const workflowId = await makeWorkflow({ trigger: 'contact_created', actions: [{ type: 'assign_owner', round_robin: w.users }] });
    const contacts: string[] = [];
    for (let i = 0; i < 300; i++) contacts.push(await makeContact({ owner: null }));
    const events = await Promise.all(contacts.map((c) => eventOf('contacts', c, 'contact_created')));
    await Promise.all(events.map((e) => runWorkflowsForEvent(e, FAST)));
    const split = await select<{ owner_id: string; n: string }>(
      `SELECT owner_id, count(*) AS n FROM contacts WHERE id IN (:contacts) GROUP BY owner_id ORDER BY owner_id`, { contacts },
    );
    expect(split.map((s) => Number(s.n))).toEqual([100, 100, 100]);
    expect(new Set(split.map((s) => s.owner_id))).toEqual(new Set(w.users));
    expect(await count(`SELECT count(*) AS n FROM workflow_executions WHERE workflow_id = :workflowId AND status = 'completed'`, { workflowId })).toBe(300);
  }, 120_000);
});

// ---- webhooks, retries, waits --------------------------------------------------------------

describe('webhooks, retries and waits', () => {
  let server: Server;
  let url: string;
  let answer = 200;
  const received: { body: string; headers: IncomingMessage['headers'] }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        received.push({ body, headers: req.headers });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await sequelize.query(`DELETE FROM system_settings WHERE key = :key`, { replacements: { key: ALLOW_PRIVATE_SETTING } });
    await new Promise((resolve) => server.close(resolve));
  });
  const allowPrivate = (allowed: boolean) => sequelize.query(
    `INSERT INTO system_settings (key, value) VALUES (:key, CAST(:value AS jsonb)) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    { replacements: { key: ALLOW_PRIVATE_SETTING, value: JSON.stringify(allowed) } },
  );

  test('a webhook to 127.0.0.1 is refused unless allowed; allowed, it is signed', async () => {
    await allowPrivate(false);
    const workflowId = await makeWorkflow({ trigger: 'contact_created', actions: [{ type: 'webhook', url, payload: { note: 'for {{record.first_name}}' } }] });
    const contact = await makeContact();
    const event = await eventOf('contacts', contact, 'contact_created');
    await runWorkflowsForEvent(event, FAST);
    const [refused] = await executionsOf(workflowId);
    expect(refused).toMatchObject({ status: 'failed', failure_count: 1 });
    expect(refused!.error_message).toMatch(/action 1 \(webhook\) failed after 1 attempt: webhook: 127\.0\.0\.1 is a private, loopback or link-local address/);
    expect(received).toHaveLength(0);

    await allowPrivate(true);
    expect(await retryExecution(String(refused!.id), FAST)).toBe('completed');
    expect(received).toHaveLength(1);
    const { body, headers } = received[0]!;
    const expected = `sha256=${createHmac('sha256', webhookSigningKey(workflowId)).update(`${headers['x-crm-timestamp']}.${body}`).digest('hex')}`;
    expect(headers['x-crm-signature']).toBe(expected);
    expect(headers['x-crm-delivery']).toBe(`${refused!.id}:0`);
    expect(JSON.parse(body)).toMatchObject({ workflow_id: workflowId, note: 'for Dana', event: { type: 'contact_created', record_id: contact } });
  });

  test('a failing action is retried, the run fails naming it, and retryExecution completes it from there', async () => {
    await allowPrivate(true);
    received.length = 0;
    answer = 500;
    const workflowId = await makeWorkflow({
      trigger: 'contact_created',
      actions: [{ type: 'add_tag', tag: 'hooked' }, { type: 'webhook', url }, { type: 'create_task', title: 'Check {{record.first_name}}' }],
    });
    const contact = await makeContact();
    await runWorkflowsForEvent(await eventOf('contacts', contact, 'contact_created'), FAST);
    const [failed] = await executionsOf(workflowId);
    expect(failed).toMatchObject({ status: 'failed', success_count: 1, failure_count: 1 });
    expect(failed!.error_message).toBe(`action 2 (webhook) failed after 3 attempts: webhook: POST ${new URL(url).origin}/hook answered 500`);
    expect(received).toHaveLength(3);
    expect(await count(`SELECT count(*) AS n FROM tasks WHERE workflow_id = :workflowId`, { workflowId })).toBe(0);

    answer = 200;
    expect(await retryExecution(String(failed!.id), FAST)).toBe('completed');
    const [done] = await executionsOf(workflowId);
    expect(done).toMatchObject({ status: 'completed', success_count: 3, failure_count: 1, error_message: null });
    expect(done!.actions_executed.map((e) => `${e.index}:${e.type}:${e.status}`))
      .toEqual(['0:add_tag:succeeded', '1:webhook:failed', '1:webhook:succeeded', '2:create_task:succeeded']);
    // The tag was not added twice and the task exists once.
    expect((await one<Row>(`SELECT tags FROM contacts WHERE id = :contact`, { contact })).tags).toEqual(['hooked']);
    expect(await count(`SELECT count(*) AS n FROM tasks WHERE workflow_id = :workflowId`, { workflowId })).toBe(1);
    await expect(retryExecution(String(done!.id))).rejects.toThrow(/Only a failed run can be retried/);
  });

  test('in a batch, a webhook run goes the careful way: after the runs before it, before the runs after it', async () => {
    await allowPrivate(true);
    received.length = 0;
    answer = 200;
    const before = await makeWorkflow({ trigger: 'contact_created', order: 1, actions: [{ type: 'add_tag', tag: 'one' }] });
    const hook = await makeWorkflow({ trigger: 'contact_created', order: 2, actions: [{ type: 'webhook', url }] });
    const after = await makeWorkflow({ trigger: 'contact_created', order: 3, actions: [{ type: 'add_tag', tag: 'three' }] });
    const contacts = [await makeContact(), await makeContact()];
    const results = await runWorkflowsForEvents(await Promise.all(contacts.map((c) => eventOf('contacts', c, 'contact_created'))), FAST);
    expect(results.flatMap((r) => (r as { outcomes: Row[] }).outcomes.map((o) => o.status))).toEqual(Array(6).fill('completed'));
    expect(received).toHaveLength(2);
    for (const contact of contacts) {
      expect((await one<Row>(`SELECT tags FROM contacts WHERE id = :contact`, { contact })).tags).toEqual(['one', 'three']);
      const at = async (workflowId: string) => {
        const run = (await executionsOf(workflowId)).find((r) => (r.trigger_data as Row).record_id === contact)!;
        expect(run.actions_executed).toHaveLength(1);
        return Date.parse(run.actions_executed[0]!.at as string);
      };
      const [a, b, c] = [await at(before), await at(hook), await at(after)];
      expect(a).toBeLessThanOrEqual(b);
      expect(b).toBeLessThanOrEqual(c);
    }
  });

  test('wait stops the run; a delayed job resumes it from the next action (Redis)', async () => {
    const workflowId = await makeWorkflow({
      trigger: 'contact_created',
      actions: [{ type: 'add_tag', tag: 'before' }, { type: 'wait', minutes: 30 }, { type: 'add_tag', tag: 'after' }],
    });
    const contact = await makeContact();
    const [outcome] = await runWorkflowsForEvent(await eventOf('contacts', contact, 'contact_created'), FAST);
    expect(outcome).toMatchObject({ outcome: 'ran', status: 'running' });
    const executionId = (outcome as { executionId: string }).executionId;
    expect((await one<Row>(`SELECT tags FROM contacts WHERE id = :contact`, { contact })).tags).toEqual(['before']);

    const delayed = (await queueFor('workflow-resume').getDelayed()).filter((j) => j.data.executionId === executionId);
    expect(delayed).toHaveLength(1);
    expect(delayed[0]!.opts.delay).toBe(30 * 60_000);

    // Thirty minutes later: the wait is due, the job comes.
    await sequelize.query(
      `UPDATE workflow_executions SET actions_executed = jsonb_set(actions_executed, '{1,resume_at}', to_jsonb(now() - interval '1 second')) WHERE id = :executionId`,
      { replacements: { executionId } },
    );
    const workers = startWorkers([workflowResumeJob as unknown as JobDefinition], { concurrency: 1 });
    try {
      await delayed[0]!.promote();
      for (let i = 0; i < 100; i++) {
        if ((await one<Row>(`SELECT status FROM workflow_executions WHERE id = :executionId`, { executionId })).status !== 'running') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await stopWorkers(workers);
    }
    const done = await one<Row & { actions_executed: Row[] }>(`SELECT * FROM workflow_executions WHERE id = :executionId`, { executionId });
    expect(done).toMatchObject({ status: 'completed', success_count: 3, failure_count: 0 });
    expect(done.actions_executed.map((e) => `${e.type}:${e.status}`)).toEqual(['add_tag:succeeded', 'wait:succeeded', 'add_tag:succeeded']);
    expect((await one<Row>(`SELECT tags FROM contacts WHERE id = :contact`, { contact })).tags).toEqual(['before', 'after']);
  });

  test('a run whose job was lost is found and resumed; lost again at the same action, it is marked failed', async () => {
    const workflowId = await makeWorkflow({ trigger: 'contact_created', actions: [{ type: 'add_tag', tag: 'a' }, { type: 'add_tag', tag: 'b' }] });
    const contact = await makeContact();
    const event = await eventOf('contacts', contact, 'contact_created');
    // A run that was claimed and started, then its worker died (no action done, untouched for an hour).
    const lost = await idOf(
      `INSERT INTO workflow_executions (workspace_id, workflow_id, status, trigger_data, started_at, updated_at)
       VALUES (:ws, :workflowId, 'running', CAST(:data AS jsonb), now() - interval '1 hour', now() - interval '1 hour') RETURNING id`,
      { ws: w.id, workflowId, data: JSON.stringify({ event_id: event.id, type: event.type, table: 'contacts', record_id: contact, record: event.record, changes: {}, depth: 0 }) },
    );
    const sweep = await sweepStaleRuns(FAST);
    expect(sweep.resumed).toContain(lost);
    const row = await one<Row & { actions_executed: Row[] }>(`SELECT * FROM workflow_executions WHERE id = :lost`, { lost });
    expect(row.status).toBe('completed');
    expect(row.actions_executed.map((e) => e.status)).toEqual(['recovered', 'succeeded', 'succeeded']);

    // Lost a second time before the same action: failed, visibly.
    const again = await idOf(
      `INSERT INTO workflow_executions (workspace_id, workflow_id, status, trigger_data, actions_executed, started_at, updated_at)
       VALUES (:ws, :workflowId, 'running', '{}', CAST(:log AS jsonb), now() - interval '1 hour', now() - interval '1 hour') RETURNING id`,
      { ws: w.id, workflowId, log: JSON.stringify([{ index: 0, type: 'recovery', status: 'recovered', at: new Date().toISOString() }]) },
    );
    const second = await sweepStaleRuns(FAST);
    expect(second.failed).toContain(again);
    expect(await one<Row>(`SELECT status, error_message FROM workflow_executions WHERE id = :again`, { again }))
      .toEqual({ status: 'failed', error_message: 'run lost twice at action 1: marked failed (retry it to go on)' });
  });
});

// ---- batches (issue 6: the domain-event consumer hands the engine many events at once) ---------

describe('batches', () => {
  const tagsOf = async (contact: string) => (await one<{ tags: string[] }>(`SELECT tags FROM contacts WHERE id = :contact`, { contact })).tags;
  const contactEvents = async (contacts: string[]) => Promise.all(contacts.map((c) => eventOf('contacts', c, 'contact_created')));

  test('each event of a batch gets what it would get alone: runs in execution_order, exact logs, counts, waits; once', async () => {
    const first = await makeWorkflow({
      trigger: 'contact_created', order: 1,
      actions: [{ type: 'add_tag', tag: 'b' }, { type: 'add_tag', tag: 'b' }, { type: 'create_task', title: 'Call {{record.first_name}}' }],
    });
    const second = await makeWorkflow({
      trigger: 'contact_created', order: 2, conditions: { field: 'first_name', op: 'eq', value: 'Dana' },
      actions: [{ type: 'add_tag', tag: 'dana' }, { type: 'wait', minutes: 5 }, { type: 'add_tag', tag: 'later' }],
    });
    const danas = [await makeContact(), await makeContact(), await makeContact()];
    const eli = await makeContact({ first: 'Eli' });
    const events = await contactEvents([...danas, eli]);
    const results = await runWorkflowsForEvents(events, FAST);
    for (const [i, result] of results.entries()) {
      expect(result.ok).toBe(true);
      const outcomes = (result as { outcomes: Row[] }).outcomes;
      expect(outcomes.map((o) => o.workflowId)).toEqual([first, second]);
      expect(outcomes[0]).toMatchObject({ outcome: 'ran', status: 'completed' });
      expect(outcomes[1]).toEqual(i < 3 ? expect.objectContaining({ outcome: 'ran', status: 'running' }) : { workflowId: second, outcome: 'skipped', reason: 'conditions' });
    }
    for (const dana of danas) expect(await tagsOf(dana)).toEqual(['b', 'dana']);
    expect(await tagsOf(eli)).toEqual(['b']);
    const tasks = await select<Row>(`SELECT contact_id, title, assigned_to FROM tasks WHERE workflow_id = :first ORDER BY title`, { first });
    expect(tasks).toHaveLength(4);
    expect(tasks.filter((t) => t.contact_id === eli)).toEqual([{ contact_id: eli, title: 'Call Eli', assigned_to: w.owner }]);

    const runs = await executionsOf(first);
    expect(runs).toHaveLength(4);
    for (const run of runs) {
      const contact = (run.trigger_data as Row).record_id as string;
      const task = await one<{ id: string }>(`SELECT id FROM tasks WHERE workflow_id = :first AND contact_id = :contact`, { first, contact });
      expect(run).toMatchObject({ status: 'completed', success_count: 3, failure_count: 0, error_message: null });
      expect(Number(run.duration_seconds)).toBeGreaterThanOrEqual(0);
      expect(run.actions_executed.map((e) => e.result)).toEqual([{ tag: 'b', added: true }, { tag: 'b', added: false }, { task_id: task.id, assigned_to: w.owner }]);
      expect(run.actions_executed.map((e) => e.attempts)).toEqual([1, 1, 1]);
    }
    const waiting = await executionsOf(second);
    expect(waiting.map((r) => r.status)).toEqual(['running', 'running', 'running']);
    for (const run of waiting) {
      expect(run.actions_executed.map((e) => `${e.type}:${e.status}`)).toEqual(['add_tag:succeeded', 'wait:waiting']);
      const delayed = (await queueFor('workflow-resume').getDelayed()).filter((j) => j.data.executionId === run.id);
      expect(delayed).toHaveLength(1);
    }
    expect(await select(`SELECT execution_count FROM workflows WHERE id IN (:ids) ORDER BY execution_order`, { ids: [first, second] }))
      .toEqual([{ execution_count: 4 }, { execution_count: 3 }]);

    // Delivered again (at-least-once), alone or in a batch: nothing more.
    const again = await runWorkflowsForEvents(events, FAST);
    expect(again.flatMap((r) => (r as { outcomes: Row[] }).outcomes).filter((o) => o.outcome !== 'skipped')).toEqual([]);
    expect(await runWorkflowsForEvent(events[0]!, FAST)).toEqual([
      { workflowId: first, outcome: 'skipped', reason: 'already_ran' }, { workflowId: second, outcome: 'skipped', reason: 'already_ran' },
    ]);
    expect(await executionsOf(first)).toHaveLength(4);
  });

  test('max_executions holds exactly when batches and single events race for the last runs', async () => {
    const workflowId = await makeWorkflow({ trigger: 'contact_created', max: 7, actions: [{ type: 'add_tag', tag: 'capped' }] });
    const contacts: string[] = [];
    for (let i = 0; i < 24; i++) contacts.push(await makeContact());
    const events = await contactEvents(contacts);
    const [a, b, c] = [events.slice(0, 8), events.slice(8, 16), events.slice(16, 20)];
    const results = await Promise.all([
      runWorkflowsForEvents(a!, FAST), runWorkflowsForEvents(b!, FAST), runWorkflowsForEvents(c!, FAST),
      ...events.slice(20).map(async (e) => [{ ok: true, outcomes: await runWorkflowsForEvent(e, FAST) }]),
    ]);
    const outcomes = results.flat().flatMap((r) => (r as { outcomes: Row[] }).outcomes);
    expect(outcomes).toHaveLength(24);
    expect(outcomes.filter((o) => o.outcome === 'ran')).toHaveLength(7);
    expect(outcomes.filter((o) => o.outcome === 'skipped' && o.reason === 'max_executions')).toHaveLength(17);
    expect(await executionsOf(workflowId)).toHaveLength(7);
    expect((await one<Row>(`SELECT execution_count FROM workflows WHERE id = :workflowId`, { workflowId })).execution_count).toBe(7);
    expect(await count(`SELECT count(*) AS n FROM contacts WHERE id IN (:contacts) AND 'capped' = ANY(tags)`, { contacts })).toBe(7);
  });

  test('a refusal in a batch fails that run alone, logged as when alone; the other events complete', async () => {
    const workflowId = await makeWorkflow({ trigger: 'contact_created', actions: [{ type: 'add_tag', tag: 'seen' }, { type: 'create_task', title: 'Call' }] });
    const owned = [await makeContact(), await makeContact()];
    const orphan = await makeContact({ owner: null });
    const results = await runWorkflowsForEvents(await contactEvents([owned[0]!, orphan, owned[1]!]), FAST);
    expect(results.map((r) => r.ok && r.outcomes[0]!.outcome === 'ran' && r.outcomes[0]!.status)).toEqual(['completed', 'failed', 'completed']);
    const failed = (await executionsOf(workflowId)).find((r) => (r.trigger_data as Row).record_id === orphan)!;
    expect(failed).toMatchObject({ status: 'failed', success_count: 1, failure_count: 1, error_message: 'action 2 (create_task) failed after 1 attempt: create_task: the record has no owner' });
    expect(await tagsOf(orphan)).toEqual(['seen']); // the batch's rolled-back attempt left nothing twice
    expect(await count(`SELECT count(*) AS n FROM tasks WHERE workflow_id = :workflowId`, { workflowId })).toBe(2);
  });
});

// ---- the panel -----------------------------------------------------------------------------

describe('panel', () => {
  const form = (fields: Row) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));

  test('a bad condition or action is refused at save with a message naming it; nothing is written', async () => {
    const before = await count(`SELECT count(*) AS n FROM workflows`);
    const badOp = await admin.create('workflows', form({
      name: 'Bad op', trigger_type: 'deal_stage_changed', execution_order: '0',
      trigger_conditions: { all: [{ field: 'value', op: 'bigger_than', value: 10000 }] }, actions: [],
    }));
    expect(badOp.body.record.errors.trigger_conditions.message).toMatch(/trigger_conditions\.all\[0\]\.op: unknown operator "bigger_than"/);
    const badAction = await admin.create('workflows', form({
      name: 'Bad action', trigger_type: 'deal_created', execution_order: '0', trigger_conditions: {},
      actions: [{ type: 'create_task', title: 'ok' }, { type: 'send_fax', to: '123' }],
    }));
    expect(badAction.body.record.errors.actions.message).toMatch(/actions\[1\]\.type: unknown action "send_fax"/);
    const badField = await admin.create('workflows', form({
      name: 'Bad field', trigger_type: 'contact_created', execution_order: '0',
      trigger_conditions: { field: 'favourite_colour', op: 'eq', value: 'red' }, actions: [],
    }));
    expect(badField.body.record.errors.trigger_conditions.message).toMatch(/unknown field "favourite_colour" of contacts/);
    const foreign = await admin.create('workflows', form({
      name: 'Foreign template', trigger_type: 'deal_created', execution_order: '0', trigger_conditions: {},
      actions: [{ type: 'send_email', template_id: w.template }],
    }));
    expect(foreign.body.record.errors.actions.message).toMatch(new RegExp(`actions\\[0\\]\\.template_id: email template ${w.template} does not exist in this workspace`));
    const badJson = await admin.create('workflows', { name: 'Bad JSON', trigger_type: 'contact_created', execution_order: '0', trigger_conditions: '{', actions: '[]' });
    expect(badJson.body.record.errors.trigger_conditions.message).toMatch(/not valid JSON/);
    expect(await count(`SELECT count(*) AS n FROM workflows`)).toBe(before);

    const good = await admin.create('workflows', form({
      name: `Good ${randomUUID().slice(0, 6)}`, trigger_type: 'deal_created', execution_order: '0',
      trigger_conditions: { field: 'value', op: 'gt', value: 10000 }, actions: [{ type: 'add_tag', tag: 'big' }],
    }));
    expect(good.body.record.errors ?? {}).toEqual({});
    const id = good.body.record.id as string;
    expect(await one<Row>(`SELECT status, workspace_id, actions FROM workflows WHERE id = :id`, { id }))
      .toEqual({ status: 'inactive', workspace_id: acme, actions: [{ type: 'add_tag', tag: 'big' }] });
    // An edit is checked the same way.
    const badEdit = await admin.edit('workflows', id, form({ trigger_conditions: { not: { field: 'value', op: 'lt' } } }));
    expect(badEdit.body.record.errors.trigger_conditions.message).toMatch(/trigger_conditions\.not\.value: lt needs value/);
  });

  test('Test run shows what it would do and writes nothing; Activate turns it on', async () => {
    const contact = await idOf(`SELECT id FROM contacts WHERE workspace_id = :acme LIMIT 1`, { acme });
    const deal = await idOf(
      `INSERT INTO deals (workspace_id, title, value, contact_id) VALUES (:acme, 'Test run deal', 20000, :contact) RETURNING id`, { acme, contact },
    );
    const workflowId = await makeWorkflow({
      workspace: acme, status: 'inactive', trigger: 'deal_created',
      conditions: { all: [{ field: 'value', op: 'gt', value: 10000 }, { field: 'tags', op: 'contains_tag', value: 'vip' }] },
      actions: [{ type: 'create_task', title: 'Call about {{record.title}}' }, { type: 'add_tag', tag: 'seen' }],
    });
    const tables = ['tasks', 'workflow_executions', 'domain_events', 'audit_logs'];
    const snapshot = async () => Promise.all(tables.map((t) => count(`SELECT count(*) AS n FROM ${t}`)));
    const before = await snapshot();
    const res = await admin.post(`/admin/api/resources/workflows/records/${workflowId}/testRun`, { recordId: deal, changes: '' });
    expect(res.status).toBe(200);
    expect(res.body.testRun).toMatchObject({
      table: 'deals', record_id: deal, would_run: false,
      conditions: { matched: false, failing: { path: '.all[1]', condition: { field: 'tags', op: 'contains_tag', value: 'vip' }, actual: [] } },
      actions: [
        { index: 0, type: 'create_task', params: expect.objectContaining({ title: 'Call about Test run deal' }) },
        { index: 1, type: 'add_tag', params: { tag: 'seen' } },
      ],
    });
    expect(await snapshot()).toEqual(before);
    const missing = await admin.post(`/admin/api/resources/workflows/records/${workflowId}/testRun`, { recordId: randomUUID() });
    expect(missing.body.notice).toMatchObject({ type: 'error', message: expect.stringMatching(/No deals record/) });

    const activated = await admin.post(`/admin/api/resources/workflows/records/${workflowId}/activate`, {});
    expect(activated.body.notice).toMatchObject({ type: 'success' });
    expect((await one<Row>(`SELECT status FROM workflows WHERE id = :workflowId`, { workflowId })).status).toBe('active');
    const paused = await admin.post(`/admin/api/resources/workflows/records/${workflowId}/pause`, {});
    expect(paused.body.notice).toMatchObject({ type: 'success' });
    expect((await one<Row>(`SELECT status FROM workflows WHERE id = :workflowId`, { workflowId })).status).toBe('paused');
  });

  test('Retry on a failed run reopens it and queues its resume; a sales rep may not', async () => {
    const workflowId = await makeWorkflow({ workspace: acme, status: 'paused', trigger: 'contact_created', actions: [{ type: 'add_tag', tag: 'x' }] });
    const executionId = await idOf(
      `INSERT INTO workflow_executions (workspace_id, workflow_id, status, trigger_data, error_message, completed_at)
       VALUES (:acme, :workflowId, 'failed', '{}', 'action 1 (add_tag) failed after 3 attempts: boom', now()) RETURNING id`,
      { acme, workflowId },
    );
    const rep = new PanelClient(panel.url);
    expect((await rep.login('rep@acme.example')).ok).toBe(true);
    const refused = await rep.post(`/admin/api/resources/workflow_executions/records/${executionId}/retry`, {});
    expect(refused.status).toBe(403);
    const res = await admin.post(`/admin/api/resources/workflow_executions/records/${executionId}/retry`, {});
    expect(res.body.notice).toMatchObject({ type: 'success' });
    expect((await one<Row>(`SELECT status FROM workflow_executions WHERE id = :executionId`, { executionId })).status).toBe('running');
    const waiting = await queueFor('workflow-resume').getJobs(['waiting', 'delayed', 'prioritized']);
    expect(waiting.some((j) => j.data.executionId === executionId)).toBe(true);
  });
});

test('the webhook connection checks the addresses it connects to, not only the ones checked before (DNS rebinding)', async () => {
  const resolve = (allowPrivate: boolean) => new Promise<{ err: Error | null; address: unknown }>((done) => {
    guardedLookup(allowPrivate)('localhost', { family: 0 } as never, ((err: Error | null, address: unknown) => done({ err, address })) as never);
  });
  const refused = await resolve(false);
  expect(refused.err?.message).toMatch(/localhost resolved to an internal address .* when connecting/);
  const allowed = await resolve(true);
  expect(allowed.err).toBeNull();
  expect(String(allowed.address)).toMatch(/^(127\.0\.0\.1|::1)$/);
});
