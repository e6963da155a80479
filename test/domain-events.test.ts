/**
 * Domain events are never lost: the outbox triggers write each event once, in the transaction of
 * the change (and not for unrelated updates); the relay delivers them to the `domain-event` queue
 * once and marks them, marks nothing when Redis refuses the jobs and delivers everything when it
 * is back; the consumer handles a record's events in order even with concurrent workers.
 * Real PostgreSQL and Redis; the broken Redis is a closed port, never the shared server.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { ActionContext } from 'adminjs';
import { QueryTypes } from 'sequelize';
import { ScopedResource } from '../src/admin/scoped-resource.js';
import { config } from '../src/config.js';
import { sequelize, withTransaction } from '../src/db.js';
import { setEventContext } from '../src/domain/events/context.js';
import { DOMAIN_EVENT_HANDLERS, type DomainEventHandler } from '../src/domain/events/handlers.js';
import { DOMAIN_EVENT_TYPES, type DomainEvent } from '../src/domain/events/types.js';
import { loadActor } from '../src/domain/permissions/actor.js';
import { Contact } from '../src/models/index.js';
// queues.js first: it loads the registry, which loads every job module (they import queues.js back).
import { closeQueues, enqueueBulk, queueFor } from '../src/jobs/queues.js';
import type { JobDefinition } from '../src/jobs/registry.js';
import { domainEventJob, domainEventJobId, orderWaitMs } from '../src/jobs/domain-event.job.js';
import { relayDomainEvents } from '../src/jobs/event-relay.job.js';
import { startWorkers, stopWorkers } from '../src/worker.js';

type Row = Record<string, unknown>;
const query = <T extends object = Row>(text: string, replacements: Row = {}) =>
  sequelize.query<T>(text, { type: QueryTypes.SELECT, replacements });
const one = async <T extends object = Row>(text: string, replacements: Row = {}) => (await query<T>(text, replacements))[0]!;

interface EventRow {
  id: string;
  event_type: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  record: Row;
  actor_id: string | null;
  depth: number;
  relayed_at: Date | null;
  handled_at: Date | null;
}
const eventsOf = (recordId: string) =>
  query<EventRow>(`SELECT id::text AS id, event_type, changes, record, actor_id, depth, relayed_at, handled_at
                     FROM domain_events WHERE record_id = :recordId ORDER BY id`, { recordId });
const typesOf = async (recordId: string) => (await eventsOf(recordId)).map((e) => e.event_type);

let ws: string;
let user: string;
let pipeline: string;
let stages: string[];

async function insert(table: string, values: Row): Promise<string> {
  const columns = Object.keys(values);
  const row = await one<{ id: string }>(
    `INSERT INTO ${table} (workspace_id, ${columns.join(', ')}) VALUES (:ws, ${columns.map((c) => `:${c}`).join(', ')}) RETURNING id`,
    { ws, ...values },
  );
  return row.id;
}
async function update(table: string, id: string, set: string, replacements: Row = {}): Promise<void> {
  await sequelize.query(`UPDATE ${table} SET ${set} WHERE id = :id`, { replacements: { id, ...replacements } });
}
const newDeal = (title = 'Deal') => insert('deals', { title, pipeline_id: pipeline, stage_id: stages[0] });

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  // The run's database is shared: the suites before this one left thousands of unrelayed events
  // (no worker ran for them). They are history here; the relay tests count only what they make.
  await sequelize.query(`UPDATE domain_events SET relayed_at = now(), handled_at = now() WHERE relayed_at IS NULL OR handled_at IS NULL`);
  const slug = `events-${Date.now().toString(36)}`;
  ws = (await one<{ id: string }>(`INSERT INTO workspaces (name, slug) VALUES ('Events Co', :slug) RETURNING id`, { slug })).id;
  user = await insert('users', { email: `${slug}@example.test`, password_hash: 'x', first_name: 'Eve' });
  pipeline = await insert('pipelines', { name: 'Sales' });
  stages = [];
  for (const [i, name] of ['Lead', 'Proposal', 'Won'].entries()) {
    stages.push(await insert('pipeline_stages', { pipeline_id: pipeline, name, order_index: i }));
  }
});

afterAll(async () => {
  await queueFor('domain-event').obliterate({ force: true });
  await closeQueues();
  await sequelize.close();
});

describe('the outbox triggers', () => {
  test('the outbox accepts exactly the event types of the contract', async () => {
    const { def } = await one<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'domain_events_event_type_check'`,
    );
    const inCheck = [...def.matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]);
    expect(inCheck.sort()).toEqual([...DOMAIN_EVENT_TYPES].sort());
  });

  test('deals: created, stage changed, won and lost, each once; a title edit writes nothing', async () => {
    const deal = await newDeal();
    await update('deals', deal, `title = 'Renamed', value = 500`);
    expect(await typesOf(deal)).toEqual(['deal_created']);

    await update('deals', deal, 'stage_id = :s', { s: stages[1] });
    await update('deals', deal, 'stage_id = :s', { s: stages[1] }); // same stage: no change
    const [created, moved] = await eventsOf(deal);
    expect(created!.changes).toEqual({});
    expect(created!.record).toMatchObject({ id: deal, title: 'Deal', workspace_id: ws });
    // Only changed columns, each as {from, to}; updated_at is noise and left out.
    expect(moved!.changes).toEqual({ stage_id: { from: stages[0], to: stages[1] } });
    expect(moved!.record).toMatchObject({ title: 'Renamed', stage_id: stages[1] });

    await update('deals', deal, `status = 'won', stage_id = :s`, { s: stages[2] });
    await update('deals', deal, `description = 'still won'`);
    await update('deals', deal, `status = 'lost'`);
    await update('deals', deal, `status = 'lost', title = 'Lost again'`);
    expect(await typesOf(deal)).toEqual(['deal_created', 'deal_stage_changed', 'deal_stage_changed', 'deal_won', 'deal_lost']);
    const won = (await eventsOf(deal))[3]!;
    expect(won.changes).toMatchObject({ status: { from: 'open', to: 'won' }, stage_id: { from: stages[1], to: stages[2] } });
  });

  test('contacts and leads: created once, updates write nothing', async () => {
    const contact = await insert('contacts', { email: `c-${randomUUID()}@example.test` });
    await update('contacts', contact, `first_name = 'Ann', status = 'qualified'`);
    expect(await typesOf(contact)).toEqual(['contact_created']);

    const lead = await insert('leads', { email: `l-${randomUUID()}@example.test` });
    await update('leads', lead, `status = 'contacted'`);
    expect(await typesOf(lead)).toEqual(['lead_created']);
  });

  test('lead activities: recorded on insert', async () => {
    const lead = await insert('leads', { email: `l-${randomUUID()}@example.test` });
    const activity = await insert('lead_activities', { lead_id: lead, activity_type: 'pricing_viewed' });
    await update('lead_activities', activity, `page_url = 'https://example.test/pricing'`);
    expect(await typesOf(activity)).toEqual(['lead_activity_recorded']);
  });

  test('activities: completed when the status becomes completed, or when logged completed', async () => {
    const call = await insert('activities', { type: 'call', subject: 'Intro call' });
    await update('activities', call, `subject = 'Intro call (moved)'`);
    expect(await typesOf(call)).toEqual([]);
    await update('activities', call, `status = 'completed', completed_at = now()`);
    await update('activities', call, `description = 'went well'`);
    expect(await typesOf(call)).toEqual(['activity_completed']);

    const logged = await insert('activities', { type: 'meeting', status: 'completed' });
    expect(await typesOf(logged)).toEqual(['activity_completed']);
  });

  test('emails: opened once, by whichever open column moves first', async () => {
    const tracked = await insert('emails', { to_email: 'a@example.test' });
    await update('emails', tracked, `status = 'sent', sent_at = now()`);
    expect(await typesOf(tracked)).toEqual([]);
    // What the tracking pixel does (src/domain/email/events.ts), twice.
    for (let i = 0; i < 2; i++) {
      await update('emails', tracked, `open_count = open_count + 1, opened_at = COALESCE(opened_at, now()),
        first_opened_at = COALESCE(first_opened_at, now()), last_opened_at = now(), status = 'opened'`);
    }
    expect(await typesOf(tracked)).toEqual(['email_opened']);
    expect((await eventsOf(tracked))[0]!.changes.open_count).toEqual({ from: 0, to: 1 });

    const counted = await insert('emails', { to_email: 'b@example.test' });
    await update('emails', counted, 'open_count = 1');
    await update('emails', counted, 'first_opened_at = now(), open_count = 2');
    expect(await typesOf(counted)).toEqual(['email_opened']);
  });

  test('documents: signed when the status becomes signed', async () => {
    const doc = await insert('documents', { name: 'NDA' });
    await update('documents', doc, `status = 'sent'`);
    await update('documents', doc, `status = 'signed', signed_at = now()`);
    await update('documents', doc, `name = 'NDA (signed)'`);
    expect(await typesOf(doc)).toEqual(['document_signed']);
  });

  test('applications: a change of any of the three status columns, naming it', async () => {
    const job = await insert('jobs', { title: 'Welder' });
    const candidate = await insert('users', { email: `cand-${randomUUID()}@example.test`, password_hash: 'x', first_name: 'Cy' });
    const app = await insert('applications', { job_id: job, candidate_id: candidate });
    await update('applications', app, `match_score = 80, follow_up_remarks = 'call back'`);
    expect(await typesOf(app)).toEqual([]);
    await update('applications', app, `status = 'screening'`);
    await update('applications', app, `automation_status = 'contacting'`);
    await update('applications', app, `follow_up_status = 'shortlisted'`);
    await update('applications', app, `follow_up_status = 'shortlisted', match_score = 90`);
    const events = await eventsOf(app);
    expect(events.map((e) => e.event_type)).toEqual(Array(3).fill('application_status_changed'));
    expect(events.map((e) => Object.keys(e.changes))).toEqual([['status'], ['automation_status'], ['follow_up_status']]);
    expect(events[2]!.changes.follow_up_status).toEqual({ from: null, to: 'shortlisted' });
  });

  test('the actor and depth come from the transaction context, and default to none / 0', async () => {
    const plain = await insert('contacts', { email: `p-${randomUUID()}@example.test` });
    const stamped = await withTransaction(async (transaction) => {
      await setEventContext(transaction, { actorId: user, depth: 2 });
      const [[row]] = (await sequelize.query(
        `INSERT INTO contacts (workspace_id, email) VALUES (:ws, :email) RETURNING id`,
        { replacements: { ws, email: `s-${randomUUID()}@example.test` }, transaction },
      )) as [[{ id: string }], unknown];
      return row.id;
    });
    // set_config(…, true): the next transaction on the same pooled connection starts clean.
    const after = await insert('contacts', { email: `a-${randomUUID()}@example.test` });
    expect((await eventsOf(plain))[0]).toMatchObject({ actor_id: null, depth: 0 });
    expect((await eventsOf(stamped))[0]).toMatchObject({ actor_id: user, depth: 2 });
    expect((await eventsOf(after))[0]).toMatchObject({ actor_id: null, depth: 0 });
  });

  test('a change made in the panel carries its user', async () => {
    await sequelize.query(
      `INSERT INTO user_roles (workspace_id, user_id, role_id) SELECT :ws, :user, id FROM roles WHERE name = 'admin'`,
      { replacements: { ws, user } },
    );
    const actor = await loadActor(user);
    expect(actor).not.toBeNull();
    const contacts = new ScopedResource(Contact as never);
    const created = await contacts.create({ email: `panel-${randomUUID()}@example.test` }, { currentAdmin: actor } as unknown as ActionContext);
    expect((await eventsOf(String(created.id)))[0]).toMatchObject({ event_type: 'contact_created', actor_id: user, depth: 0 });
  });

  test('a change rolled back leaves no event', async () => {
    const email = `rollback-${randomUUID()}@example.test`;
    const deal = await newDeal('Rolled back move');
    await expect(withTransaction(async (transaction) => {
      await sequelize.query(`INSERT INTO contacts (workspace_id, email) VALUES (:ws, :email)`, { replacements: { ws, email }, transaction });
      await sequelize.query(`UPDATE deals SET stage_id = :s WHERE id = :deal`, { replacements: { s: stages[1], deal }, transaction });
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    expect(await one(`SELECT count(*)::int AS n FROM domain_events WHERE record->>'email' = :email`, { email })).toEqual({ n: 0 });
    expect(await typesOf(deal)).toEqual(['deal_created']);
  });
});

describe('the relay', () => {
  const queue = () => queueFor('domain-event');
  const jobIdsOf = async (ids: string[]) => (await Promise.all(ids.map((id) => queue().getJob(`domain-event-${id}`)))).filter(Boolean);

  test('delivers each event to the queue once, under its id, and marks it relayed', async () => {
    const deal = await newDeal('Relayed');
    await update('deals', deal, 'stage_id = :s', { s: stages[1] });
    const before = await eventsOf(deal);
    expect(before.every((e) => e.relayed_at === null)).toBe(true);

    const first = await relayDomainEvents();
    expect(first.relayed).toBeGreaterThanOrEqual(2);
    const after = await eventsOf(deal);
    expect(after.every((e) => e.relayed_at !== null)).toBe(true);
    const jobs = await jobIdsOf(after.map((e) => e.id));
    expect(jobs.map((j) => j!.id)).toEqual(after.map((e) => domainEventJobId(e)));
    expect(jobs.map((j) => (j!.data as DomainEvent).type)).toEqual(['deal_created', 'deal_stage_changed']);
    expect(jobs[1]!.data).toMatchObject({ id: after[1]!.id, workspaceId: ws, table: 'deals', recordId: deal, depth: 0, actorId: null,
      changes: { stage_id: { from: stages[0], to: stages[1] } } });

    expect((await relayDomainEvents()).relayed).toBe(0); // nothing left: nothing added again
    expect(await jobIdsOf(after.map((e) => e.id))).toHaveLength(2);
  });

  test('a Redis that hangs is given up on: the batch is not marked and its locks are released', async () => {
    const contact = await insert('contacts', { email: `hang-${randomUUID()}@example.test` });
    await expect(relayDomainEvents({ add: () => new Promise(() => undefined), addTimeoutMs: 200 })).rejects.toThrow(/within 200 ms/);
    expect((await eventsOf(contact))[0]!.relayed_at).toBeNull();
    await relayDomainEvents();
    expect((await eventsOf(contact))[0]!.relayed_at).not.toBeNull();
  });

  test('Redis took the jobs but the mark was lost: the next run adds them again as no-ops', async () => {
    const contact = await insert('contacts', { email: `partial-${randomUUID()}@example.test` });
    const [event] = await eventsOf(contact);
    await expect(relayDomainEvents({
      add: async (events) => {
        await enqueueBulk('domain-event', events);
        throw new Error('connection to PostgreSQL lost before the commit');
      },
    })).rejects.toThrow('connection to PostgreSQL lost');
    expect((await eventsOf(contact))[0]!.relayed_at).toBeNull();
    const job = await queue().getJob(domainEventJobId(event!));
    await relayDomainEvents();
    expect((await eventsOf(contact))[0]!.relayed_at).not.toBeNull();
    const again = await queue().getJob(domainEventJobId(event!));
    expect(again!.timestamp).toBe(job!.timestamp); // the same job, not a second one
  });
});

describe('Redis unreachable, then back', () => {
  test('nothing is marked while Redis refuses; then every event is delivered, in order per record, none twice', async () => {
    // A producer on a closed port: adds fail at once (no offline queue), reconnects stop.
    const broken = new Queue('domain-event', {
      connection: { host: '127.0.0.1', port: 1, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null },
      prefix: config.queuePrefix,
    });
    broken.on('error', () => undefined);
    const brokenAdd = (events: DomainEvent[]) =>
      broken.addBulk(events.map((data) => ({ name: 'domain-event', data, opts: { jobId: domainEventJobId(data) } })));

    const deal = await newDeal('Outage');
    for (const s of [1, 2, 0, 1]) await update('deals', deal, 'stage_id = :s', { s: stages[s] });
    await update('deals', deal, `status = 'won'`);
    const contact = await insert('contacts', { email: `outage-${randomUUID()}@example.test` });
    const lead = await insert('leads', { email: `outage-${randomUUID()}@example.test` });
    for (const type of ['page_view', 'pricing_viewed', 'demo_request']) await insert('lead_activities', { lead_id: lead, activity_type: type });
    const records = [deal, contact, lead];
    const mine = async () =>
      query<{ id: string; record_id: string; relayed_at: Date | null; handled_at: Date | null }>(
        `SELECT id::text AS id, record_id, relayed_at, handled_at FROM domain_events
          WHERE workspace_id = :ws AND (record_id = ANY(:records::uuid[]) OR record->>'lead_id' = :lead) ORDER BY id`,
        { ws, records: `{${records.join(',')}}`, lead },
      );
    const events = await mine();
    expect(events).toHaveLength(1 + 5 + 1 + 1 + 3);

    try {
      await expect(relayDomainEvents({ add: brokenAdd, addTimeoutMs: 5_000 })).rejects.toThrow(/ECONNREFUSED|Connection is closed/);
      await expect(relayDomainEvents({ add: brokenAdd, addTimeoutMs: 5_000 })).rejects.toThrow(/ECONNREFUSED|Connection is closed/);
    } finally {
      await broken.close().catch(() => undefined);
    }
    expect((await mine()).filter((e) => e.relayed_at !== null)).toEqual([]);
    expect(await Promise.all(events.map((e) => queueFor('domain-event').getJob(domainEventJobId(e))))).toEqual(events.map(() => undefined));

    // Redis is back: the next runs deliver everything, once.
    await relayDomainEvents();
    await relayDomainEvents();
    expect((await mine()).every((e) => e.relayed_at !== null)).toBe(true);
    const jobs = await queueFor('domain-event').getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized']);
    const mineIds = new Set(events.map((e) => domainEventJobId(e)));
    const delivered = jobs.filter((j) => mineIds.has(j.id!)).map((j) => j.id!);
    expect(delivered.sort()).toEqual([...mineIds].sort());

    // The consumer, with two workers of four concurrent jobs each, handles each event once and
    // each record's events in id order.
    const seen: DomainEvent[] = [];
    const recorder: DomainEventHandler = {
      name: 'test-recorder',
      handles: (event) => event.workspaceId === ws,
      handle: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
        seen.push(event);
      },
    };
    DOMAIN_EVENT_HANDLERS.push(recorder);
    const workers = [
      ...startWorkers([domainEventJob] as unknown as JobDefinition[], { concurrency: 4 }),
      ...startWorkers([domainEventJob] as unknown as JobDefinition[], { concurrency: 4 }),
    ];
    try {
      await waitFor(async () => (await mine()).every((e) => e.handled_at !== null));
    } finally {
      await stopWorkers(workers);
      DOMAIN_EVENT_HANDLERS.splice(DOMAIN_EVENT_HANDLERS.indexOf(recorder), 1);
    }
    const handled = seen.filter((e) => events.some((m) => m.id === e.id));
    expect(handled.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort()); // each once
    for (const recordId of new Set(handled.map((e) => e.recordId))) {
      const order = handled.filter((e) => e.recordId === recordId).map((e) => BigInt(e.id));
      expect(order).toEqual([...order].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    expect(handled.filter((e) => e.recordId === deal).map((e) => e.type)).toEqual([
      'deal_created', 'deal_stage_changed', 'deal_stage_changed', 'deal_stage_changed', 'deal_stage_changed', 'deal_won',
    ]);
  });
});

describe('the consumer', () => {
  test('a record with many events is handled in order by concurrent workers; other records run alongside', async () => {
    const deals = [await newDeal('Busy A'), await newDeal('Busy B')];
    for (let i = 1; i <= 12; i++) {
      for (const deal of deals) await update('deals', deal, 'stage_id = :s', { s: stages[i % 3] });
    }
    await relayDomainEvents();
    const seen: DomainEvent[] = [];
    let running = 0;
    let overlapSameRecord = false;
    const active = new Set<string>();
    const recorder: DomainEventHandler = {
      name: 'test-order',
      handles: (event) => deals.includes(event.recordId),
      handle: async (event) => {
        if (active.has(event.recordId)) overlapSameRecord = true;
        active.add(event.recordId);
        running++;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
        running--;
        active.delete(event.recordId);
        seen.push(event);
      },
    };
    DOMAIN_EVENT_HANDLERS.push(recorder);
    const workers = startWorkers([domainEventJob] as unknown as JobDefinition[], { concurrency: 10 });
    try {
      await waitFor(async () => seen.length >= 2 * 13);
    } finally {
      await stopWorkers(workers);
      DOMAIN_EVENT_HANDLERS.splice(DOMAIN_EVENT_HANDLERS.indexOf(recorder), 1);
    }
    expect(running).toBe(0);
    expect(overlapSameRecord).toBe(false);
    for (const deal of deals) {
      const handledIds = seen.filter((e) => e.recordId === deal).map((e) => e.id);
      const outboxIds = (await eventsOf(deal)).map((e) => e.id);
      expect(handledIds).toEqual(outboxIds);
      expect((await eventsOf(deal)).every((e) => e.handled_at !== null)).toBe(true);
    }
  });

  test('batches: a handler gets many events at once, never two of a record, each record in id order; a failure fails its own event only', async () => {
    const deals: string[] = [];
    for (let i = 0; i < 8; i++) deals.push(await newDeal(`Batch ${i}`));
    for (let round = 1; round <= 3; round++) {
      for (const deal of deals) await update('deals', deal, 'stage_id = :s', { s: stages[round % 3] });
    }
    await relayDomainEvents();
    const mine = (await Promise.all(deals.map((d) => eventsOf(d)))).flat();
    expect(mine).toHaveLength(8 * 4);
    const failOnce = mine.find((e) => e.event_type === 'deal_stage_changed')!.id;
    let failed = false;
    const batches: DomainEvent[][] = [];
    const seen: DomainEvent[] = [];
    const recorder: DomainEventHandler = {
      name: 'test-batches',
      handles: (event) => deals.includes(event.recordId),
      handle: async () => { throw new Error('handle must not be called: handleMany answers'); },
      handleMany: async (events) => {
        batches.push(events);
        return events.map((event) => {
          if (event.id === failOnce && !failed) {
            failed = true;
            return { ok: false, error: new Error('refused once') };
          }
          seen.push(event);
          return { ok: true, value: event.id };
        });
      },
    };
    DOMAIN_EVENT_HANDLERS.push(recorder);
    const workers = startWorkers([domainEventJob] as unknown as JobDefinition[], { concurrency: 50, log: () => undefined });
    try {
      await waitFor(async () => (await Promise.all(deals.map((d) => eventsOf(d)))).flat().every((e) => e.handled_at !== null), 30_000);
    } finally {
      await stopWorkers(workers);
      DOMAIN_EVENT_HANDLERS.splice(DOMAIN_EVENT_HANDLERS.indexOf(recorder), 1);
    }
    expect(failed).toBe(true);
    expect(batches.some((b) => b.length > 1)).toBe(true);
    for (const batch of batches) expect(new Set(batch.map((e) => e.recordId)).size).toBe(batch.length);
    expect(seen.map((e) => e.id).sort()).toEqual(mine.map((e) => e.id).sort()); // each once (the refused one on its retry)
    for (const deal of deals) {
      expect(seen.filter((e) => e.recordId === deal).map((e) => e.id)).toEqual((await eventsOf(deal)).map((e) => e.id));
    }
    const job = await queueFor('domain-event').getJob(domainEventJobId({ id: failOnce }));
    expect(job!.attemptsMade).toBeGreaterThanOrEqual(1);
    expect(await job!.getState()).toBe('completed');
  }, 60_000);

  test('an event handled already is not handled again (a repeated delivery)', async () => {
    const contact = await insert('contacts', { email: `again-${randomUUID()}@example.test` });
    await relayDomainEvents();
    const [event] = await eventsOf(contact);
    await sequelize.query(`UPDATE domain_events SET handled_at = now() WHERE id = :id`, { replacements: { id: event!.id } });
    const calls: string[] = [];
    const recorder: DomainEventHandler = { name: 'test-again', handles: () => true, handle: async (e) => calls.push(e.id) };
    DOMAIN_EVENT_HANDLERS.push(recorder);
    try {
      const job = await queueFor('domain-event').getJob(domainEventJobId(event!));
      expect(await domainEventJob.process(job!)).toEqual({ skipped: 'already handled' });
    } finally {
      DOMAIN_EVENT_HANDLERS.splice(DOMAIN_EVENT_HANDLERS.indexOf(recorder), 1);
    }
    expect(calls).toEqual([]);
  });

  test('a waiting job looks again soon for fresh events, at most every 30 s for old ones', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(orderWaitMs({ occurredAt: new Date(now - 50).toISOString() }, now)).toBe(100);
    expect(orderWaitMs({ occurredAt: new Date(now - 20_000).toISOString() }, now)).toBe(2_000);
    expect(orderWaitMs({ occurredAt: new Date(now - 3_600_000).toISOString() }, now)).toBe(30_000);
  });
});
