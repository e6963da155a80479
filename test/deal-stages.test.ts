/**
 * Deal stage moves (S2/S3) against the real database: history rows with their day counts and
 * before/after values, required fields refused with nothing written, auto tasks made once,
 * won/lost with the close date, and the deal's probability and weighted value.
 */
import { randomUUID } from 'node:crypto';
import { sequelize } from '../src/db.js';
import { moveDealStage } from '../src/domain/deals/move-stage.js';
import { DealStageError } from '../src/domain/deals/stage-rules.js';
import { select, one, idOf } from './helpers/sql.js';


let ws: string;
let owner: string;
let pipeline: string;
let otherPipelineStage: string;
const stage: Record<string, string> = {};

async function newStage(pipelineId: string, name: string, order: number, extra: Record<string, unknown> = {}) {
  return idOf(
    `INSERT INTO pipeline_stages (workspace_id, pipeline_id, name, order_index, probability, is_closed, is_won, is_lost,
                                  required_fields, auto_tasks)
     VALUES (:ws, :pipelineId, :name, :order, :probability, :closed, :won, :lost, :required::jsonb, :tasks::jsonb) RETURNING id`,
    {
      ws, pipelineId, name, order, probability: extra.probability ?? 0, closed: !!(extra.won || extra.lost), won: !!extra.won,
      lost: !!extra.lost, required: JSON.stringify(extra.required ?? []), tasks: JSON.stringify(extra.tasks ?? []),
    },
  );
}

/** A deal in the first stage, created `daysAgo` days ago. */
async function newDeal(fields: Record<string, unknown> = {}, daysAgo = 0) {
  return idOf(
    `INSERT INTO deals (workspace_id, title, value, pipeline_id, stage_id, probability, owner_id, expected_close_date, created_at)
     VALUES (:ws, :title, :value, :pipeline, :stage, 10, :owner, :close, now() - make_interval(days => :daysAgo)) RETURNING id`,
    { ws, title: `Deal ${randomUUID()}`, value: fields.value ?? 1000, pipeline, stage: stage.lead, owner,
      close: fields.expected_close_date ?? null, daysAgo },
  );
}

const deal = (id: string) =>
  one<{ stage_id: string; status: string; probability: string; weighted_value: string; actual_close_date: string | null;
    lost_reason: string | null; lost_to_competitor: string | null; won_reason: string | null; stage_entered_at: Date | null }>(
    `SELECT * FROM deals WHERE id = :id`, { id });
const history = (id: string) =>
  select<Record<string, unknown>>(`SELECT * FROM deal_stage_history WHERE deal_id = :id ORDER BY moved_at`, { id });

beforeAll(async () => {
  ws = await idOf(`INSERT INTO workspaces (name, slug) VALUES ('Stages', :slug) RETURNING id`, { slug: `stages-${Date.now()}` });
  owner = await idOf(`INSERT INTO users (workspace_id, email, password_hash, first_name) VALUES (:ws, :email, '$2a$10$abcdefghijklmnopqrstuuJ3a0ZzF3nYvQe6Jm0m1ZqJ6z8u1u8a', 'Owner') RETURNING id`,
    { ws, email: `owner-${randomUUID()}@stages.test` });
  pipeline = await idOf(`INSERT INTO pipelines (workspace_id, name) VALUES (:ws, 'Sales') RETURNING id`, { ws });
  stage.lead = await newStage(pipeline, 'Lead', 0, { probability: 10 });
  stage.qualified = await newStage(pipeline, 'Qualified', 1, { probability: 25 });
  stage.proposal = await newStage(pipeline, 'Proposal', 2, {
    probability: 60, required: ['value', 'expected_close_date'],
    tasks: [{ title: 'Follow up on the proposal', due_in_days: 3, priority: 'high' }, { title: 'Book the review call' }],
  });
  stage.won = await newStage(pipeline, 'Won', 3, { probability: 100, won: true, tasks: [{ title: 'Hand over to onboarding', due_in_days: 2 }] });
  stage.lost = await newStage(pipeline, 'Lost', 4, { probability: 0, lost: true, required: ['lost_reason'] });
  const other = await idOf(`INSERT INTO pipelines (workspace_id, name) VALUES (:ws, 'Other') RETURNING id`, { ws });
  otherPipelineStage = await newStage(other, 'Elsewhere', 0);
});

test('each move writes a history row: from, to, who, days in the previous stage, value and probability before and after', async () => {
  const id = await newDeal({}, 10);
  const first = await moveDealStage({ dealId: id, stageId: stage.qualified, actorId: owner });
  expect(first).toMatchObject({ moved: true, fromStageId: stage.lead, toStageId: stage.qualified, daysInPreviousStage: 10 });
  // The second move counts from the first one, dated 4 days ago here.
  await sequelize.query(`UPDATE deal_stage_history SET moved_at = now() - interval '4 days 2 hours' WHERE deal_id = :id`, { replacements: { id } });
  await sequelize.query(`UPDATE deals SET expected_close_date = '2030-01-31' WHERE id = :id`, { replacements: { id } });
  const second = await moveDealStage({ dealId: id, stageId: stage.proposal, actorId: null, autoMoved: true, reason: 'workflow' });
  expect(second.daysInPreviousStage).toBe(4);

  const rows = await history(id);
  expect(rows).toHaveLength(2);
  expect(rows[0]).toMatchObject({
    from_stage_id: stage.lead, to_stage_id: stage.qualified, moved_by: owner, days_in_previous_stage: 10, auto_moved: false,
    value_before: '1000.00', value_after: '1000.00', probability_before: '10.00', probability_after: '25.00',
  });
  expect(rows[1]).toMatchObject({
    from_stage_id: stage.qualified, to_stage_id: stage.proposal, moved_by: null, days_in_previous_stage: 4, auto_moved: true,
    notes: 'workflow', probability_before: '25.00', probability_after: '60.00',
  });
  const after = await deal(id);
  expect(after).toMatchObject({ stage_id: stage.proposal, status: 'open', probability: '60.00', weighted_value: '600.00' });
  expect(after.stage_entered_at).not.toBeNull();
});

test('a move missing a required field is refused, names the fields and changes nothing', async () => {
  const id = await newDeal({ value: 0 }, 2);
  const before = await one(`SELECT * FROM deals WHERE id = :id`, { id });
  const error = await moveDealStage({ dealId: id, stageId: stage.proposal, actorId: owner }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DealStageError);
  expect((error as DealStageError).missingFields).toEqual(['value', 'expected_close_date']);
  expect((error as Error).message).toMatch(/requires value, expected_close_date/);
  expect(await one(`SELECT * FROM deals WHERE id = :id`, { id })).toEqual(before);
  expect(await history(id)).toHaveLength(0);
  expect(await select(`SELECT 1 FROM tasks WHERE deal_id = :id`, { id })).toHaveLength(0);
});

test('a stage of another pipeline is refused; moving to the current stage writes nothing', async () => {
  const id = await newDeal();
  await expect(moveDealStage({ dealId: id, stageId: otherPipelineStage, actorId: owner })).rejects.toThrow(/another pipeline/);
  expect(await moveDealStage({ dealId: id, stageId: stage.lead, actorId: owner })).toMatchObject({ moved: false });
  expect(await history(id)).toHaveLength(0);
});

test("the stage's auto tasks are created once, for the deal's owner", async () => {
  const id = await newDeal({ expected_close_date: '2030-02-01' });
  expect((await moveDealStage({ dealId: id, stageId: stage.proposal, actorId: owner })).tasksCreated).toBe(2);
  // Back and in again while the tasks are still open: no second copy.
  await moveDealStage({ dealId: id, stageId: stage.qualified, actorId: owner });
  expect((await moveDealStage({ dealId: id, stageId: stage.proposal, actorId: owner })).tasksCreated).toBe(0);
  const tasks = await select<{ title: string; priority: string; assigned_to: string; pipeline_stage_id: string; due: number | null }>(
    `SELECT title, priority, assigned_to, pipeline_stage_id, round(extract(epoch FROM due_at - now()) / 86400)::int AS due
       FROM tasks WHERE deal_id = :id ORDER BY title`, { id });
  expect(tasks).toEqual([
    { title: 'Book the review call', priority: 'medium', assigned_to: owner, pipeline_stage_id: stage.proposal, due: null },
    { title: 'Follow up on the proposal', priority: 'high', assigned_to: owner, pipeline_stage_id: stage.proposal, due: 3 },
  ]);
});

test('won and lost stages set the status and actual_close_date; a reopened deal is open again', async () => {
  const today = (await one<{ d: string }>(`SELECT current_date::text AS d`)).d;
  const won = await newDeal({ value: 5000 });
  await moveDealStage({ dealId: won, stageId: stage.won, actorId: owner, reason: 'Best price' });
  expect(await deal(won)).toMatchObject({ status: 'won', actual_close_date: today, won_reason: 'Best price', probability: '100.00', weighted_value: '5000.00' });

  const lost = await newDeal();
  await expect(moveDealStage({ dealId: lost, stageId: stage.lost, actorId: owner })).rejects.toThrow(/requires lost_reason/);
  await moveDealStage({ dealId: lost, stageId: stage.lost, actorId: owner, reason: 'Too expensive', competitor: 'Globex' });
  expect(await deal(lost)).toMatchObject({
    status: 'lost', actual_close_date: today, lost_reason: 'Too expensive', lost_to_competitor: 'Globex', weighted_value: '0.00',
  });

  await moveDealStage({ dealId: lost, stageId: stage.qualified, actorId: owner });
  expect(await deal(lost)).toMatchObject({ status: 'open', actual_close_date: null, probability: '25.00', weighted_value: '250.00' });
});

test("the deal's opportunity follows it to won or lost, and back when the deal is reopened", async () => {
  const opportunity = (state: string) => idOf(
    `INSERT INTO opportunities (workspace_id, name, estimated_value, stage) VALUES (:ws, :name, 5000, :state) RETURNING id`,
    { ws, name: `Opportunity ${randomUUID()}`, state },
  );
  const opp = (id: string) => one<{ stage: string; close_date: string | null; close_reason: string | null; actual_value: string | null }>(
    `SELECT stage::text, close_date::text, close_reason, actual_value FROM opportunities WHERE id = :id`, { id });
  const today = (await one<{ d: string }>(`SELECT current_date::text AS d`)).d;

  const open = await opportunity('negotiation');
  const id = await newDeal({ value: 7000 });
  await sequelize.query(`UPDATE deals SET opportunity_id = :open WHERE id = :id`, { replacements: { open, id } });
  await moveDealStage({ dealId: id, stageId: stage.won, actorId: owner, reason: 'Signed' });
  expect(await opp(open)).toEqual({ stage: 'won', close_date: today, close_reason: 'Signed', actual_value: '7000.00' });
  await moveDealStage({ dealId: id, stageId: stage.qualified, actorId: owner });
  expect(await opp(open)).toMatchObject({ stage: 'negotiation', close_date: null });

  // An opportunity closed another way is left as it is.
  const closed = await opportunity('lost');
  const other = await newDeal();
  await sequelize.query(`UPDATE deals SET opportunity_id = :closed WHERE id = :other`, { replacements: { closed, other } });
  await moveDealStage({ dealId: other, stageId: stage.won, actorId: owner });
  expect((await opp(closed)).stage).toBe('lost');
});
