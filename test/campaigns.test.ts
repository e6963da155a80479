/**
 * Campaigns against the real PostgreSQL (and Redis for the jobs): the audience language on
 * hand-made contacts (every operator, with the counts worked out by hand), consent exclusions,
 * fan-out idempotency, per-contact send times, the A/B split, the drain's order and its safety
 * with two drains at once, the jobs, and the panel's actions over HTTP.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { parseAudience, AudienceError } from '../src/domain/campaigns/audience.js';
import { CampaignError } from '../src/domain/campaigns/campaign-error.js';
import { loadCampaign } from '../src/domain/campaigns/campaign-row.js';
import { drainBatch, drainCampaignQueue } from '../src/domain/campaigns/drain.js';
import { fanOutCampaign } from '../src/domain/campaigns/fan-out.js';
import { previewAudience } from '../src/domain/campaigns/recipients.js';
import { campaignDrainJob } from '../src/jobs/campaign-drain.job.js';
import { campaignFanOutJob } from '../src/jobs/campaign-fan-out.job.js';
import { closeQueues, enqueue, queueFor } from '../src/jobs/queues.js';
import type { JobDefinition } from '../src/jobs/registry.js';
import { startWorkers, stopWorkers } from '../src/worker.js';
import { PanelClient, startPanel, type Panel } from './helpers/panel-client.js';

type Row = Record<string, unknown>;
const select = <T extends object>(sql: string, replacements: Row = {}) =>
  sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });
const one = async <T extends object>(sql: string, replacements: Row = {}) => (await select<T>(sql, replacements))[0]!;
const count = async (sql: string, replacements: Row = {}) => Number((await one<{ n: string }>(sql, replacements)).n);

/** Inserts a row (objects as JSON, arrays as PostgreSQL arrays) and returns its id. */
async function insert(table: string, row: Row): Promise<string> {
  const columns = Object.keys(row);
  const values = columns.map((c) => {
    const v = row[c];
    return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? JSON.stringify(v) : v;
  });
  const [result] = await sequelize.query<{ id: string }>(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    { type: QueryTypes.SELECT, bind: values },
  );
  return result!.id;
}

const tag = Date.now().toString(36);
const ws: Record<'main' | 'other' | 'send', string> = { main: '', other: '', send: '' };
const users: Record<string, string> = {};
const people: Record<string, string> = {};
let campaignNumber = 0;

async function makeCampaign(workspaceId: string, fields: Row = {}): Promise<string> {
  campaignNumber += 1;
  return insert('email_campaigns', {
    workspace_id: workspaceId,
    name: `Campaign ${tag} ${campaignNumber}`,
    campaign_type: 'onboarding',
    subject_line: 'Welcome aboard',
    html_content: '<p>Hello {{contact.first_name | "there"}}</p>',
    text_content: 'Hello',
    from_email: 'news@campaigns.example',
    created_by: users.main,
    ...fields,
  });
}

/** Recipients of a campaign with this audience (and type), through the preview. */
async function audienceCount(audience: unknown, fields: Row = {}): Promise<number> {
  const id = await makeCampaign(ws.main, { audience, ...fields });
  return (await previewAudience(await loadCampaign(id))).count;
}

const cond = (field: string, op: string, value: unknown) => ({ field, op, value });

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  ws.main = await insert('workspaces', { name: 'Campaign main', slug: `camp-main-${tag}`, settings: { timezone: 'Europe/Berlin' } });
  ws.other = await insert('workspaces', { name: 'Campaign other', slug: `camp-other-${tag}`, settings: {} });
  ws.send = await insert('workspaces', { name: 'Campaign send', slug: `camp-send-${tag}`, settings: { timezone: 'Europe/Berlin' } });
  for (const [key, workspaceId] of [['main', ws.main], ['owner2', ws.main], ['send', ws.send]] as const) {
    users[key] = await insert('users', { workspace_id: workspaceId, email: `camp-${key}-${tag}@campaigns.example`, password_hash: 'x', first_name: key });
  }
  const construction = await insert('accounts', { workspace_id: ws.main, name: 'Builders', industry: 'Construction' });
  const software = await insert('accounts', { workspace_id: ws.main, name: 'Coders', industry: 'Software' });

  // The audience workspace, by hand. Reachable: ann, bob, cat, dan, hal, ivy (six).
  const contacts: Row[] = [
    { email: 'ann@campaigns.example', first_name: 'Ann', status: 'customer', tags: ['vip', 'newsletter'], source: 'website',
      account_id: construction, country: 'US', lead_score: 80, last_contacted_at: '2026-01-10T12:00:00Z', owner_id: users.main },
    { email: 'bob@campaigns.example', first_name: 'Bob', status: 'customer', tags: [], source: 'referral',
      account_id: software, country: 'us', lead_score: 40, owner_id: users.owner2 },
    { email: 'cat@campaigns.example', first_name: 'Cat', status: 'qualified', tags: ['vip'], country: 'DE',
      last_contacted_at: '2025-06-01T12:00:00Z' },
    { email: 'dan@campaigns.example', first_name: 'Dan', status: 'new', tags: ['newsletter'], source: 'website',
      account_id: construction, lead_score: 90 },
    { email: 'eve@campaigns.example', first_name: 'Eve', status: 'customer', tags: ['vip'], unsubscribed: true },
    { email: 'fay@campaigns.example', first_name: 'Fay', status: 'customer', bounced: true },
    { email: 'gus@campaigns.example', first_name: 'Gus', status: 'customer' }, // unsubscribed from everything
    { email: 'hal@campaigns.example', first_name: 'Hal', status: 'customer', source: 'other' }, // out of promotions only
    { email: 'ivy@campaigns.example', first_name: 'Ivy', status: 'customer', source: 'other' }, // unsubscribed once, came back
    { first_name: 'Nomail', status: 'customer' },
  ];
  for (const c of contacts) people[String(c.email ?? c.first_name)] = await insert('contacts', { workspace_id: ws.main, ...c });
  await insert('email_unsubscribes', { workspace_id: ws.main, email: 'GUS@campaigns.example', unsubscribe_type: 'all' });
  await insert('email_unsubscribes', { workspace_id: ws.main, email: 'hal@campaigns.example', unsubscribe_type: 'promotional' });
  await insert('email_unsubscribes', {
    workspace_id: ws.main, email: 'ivy@campaigns.example', unsubscribe_type: 'all', is_active: false, resubscribed_at: '2026-02-01T00:00:00Z',
  });
  // Same address in another workspace: never part of the main workspace's audiences.
  await insert('contacts', { workspace_id: ws.other, email: 'ann@campaigns.example', first_name: 'Ann', status: 'customer', tags: ['vip'] });
});

afterEach(async () => {
  const all = Object.values(ws);
  await sequelize.query(`DELETE FROM emails WHERE workspace_id = ANY($1::uuid[])`, { bind: [all] });
  await sequelize.query(`DELETE FROM email_campaigns WHERE workspace_id = ANY($1::uuid[])`, { bind: [all] });
});

afterAll(async () => {
  const all = Object.values(ws);
  for (const table of ['emails', 'email_campaigns', 'email_templates', 'email_accounts', 'email_unsubscribes', 'contacts', 'accounts', 'users']) {
    await sequelize.query(`DELETE FROM ${table} WHERE workspace_id = ANY($1::uuid[])`, { bind: [all] });
  }
  await sequelize.query(`DELETE FROM workspaces WHERE id = ANY($1::uuid[])`, { bind: [all] });
  await closeQueues();
  await sequelize.close();
});

describe('audience', () => {
  test('each operator, against the hand-made contacts', async () => {
    const cases: [unknown, number][] = [
      [cond('status', 'eq', 'customer'), 4], // ann, bob, hal, ivy
      [cond('status', 'neq', 'customer'), 2], // cat, dan
      [cond('status', 'in', ['qualified', 'new']), 2],
      [cond('tags', 'contains', 'vip'), 2], // ann, cat (eve is unsubscribed)
      [cond('tags', 'is_set', true), 3], // ann, cat, dan
      [cond('tags', 'is_set', false), 3], // bob, hal, ivy
      [cond('owner_id', 'eq', users.main), 1],
      [cond('owner_id', 'in', [users.main, users.owner2]), 2],
      [cond('owner_id', 'is_set', false), 4],
      [cond('source', 'eq', 'website'), 2], // ann, dan
      [cond('source', 'neq', 'website'), 4], // bob, cat (no source), hal, ivy
      [cond('account.industry', 'eq', 'construction'), 2], // case does not matter: ann, dan
      [cond('account.industry', 'neq', 'Construction'), 4], // bob (software), cat, hal, ivy (no account)
      [cond('account.industry', 'is_set', false), 3],
      [cond('country', 'in', ['US']), 2], // ann 'US', bob 'us'
      [cond('lead_score', 'gt', 50), 2], // ann 80, dan 90
      [cond('lead_score', 'lt', 50), 1], // bob 40
      [cond('lead_score', 'eq', 90), 1],
      [cond('last_contacted_at', 'gt', '2026-01-01'), 1], // ann
      [cond('last_contacted_at', 'lt', '2026-01-01T00:00:00Z'), 1], // cat
      [cond('last_contacted_at', 'is_set', true), 2],
      [{ all: [cond('status', 'eq', 'customer'), { any: [cond('tags', 'contains', 'vip'), cond('account.industry', 'eq', 'software')] }] }, 2],
      [{ any: [cond('status', 'eq', 'qualified'), cond('lead_score', 'gt', 85)] }, 2], // cat, dan
    ];
    const counts = [];
    for (const [audience] of cases) counts.push(await audienceCount(audience));
    expect(counts).toEqual(cases.map(([, n]) => n));
  });

  test('unsubscribed, bounced, address-less and other workspaces\' contacts are never recipients', async () => {
    const id = await makeCampaign(ws.main, { audience: cond('status', 'eq', 'customer') });
    const preview = await previewAudience(await loadCampaign(id));
    // eve (flag), fay (bounced), gus (unsubscribe 'all'), Nomail (no address) and the other
    // workspace's ann are out; ivy's unsubscribe is no longer in force.
    expect(preview.recipients.map((r) => r.email)).toEqual(
      ['ann@campaigns.example', 'bob@campaigns.example', 'hal@campaigns.example', 'ivy@campaigns.example'],
    );
    expect(preview.recipients[0]!.contact_id).toBe(people['ann@campaigns.example']);
    // A promotional campaign also leaves out hal, unsubscribed from promotions.
    expect(await audienceCount(cond('status', 'eq', 'customer'), { campaign_type: 'promotional' })).toBe(3);
  });

  test('an invalid audience is refused with a message naming the problem', () => {
    const refused = (audience: unknown) => {
      try {
        parseAudience(audience);
      } catch (err) {
        expect(err).toBeInstanceOf(AudienceError);
        return (err as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused({})).toMatch(/audience is empty/);
    expect(refused({ all: [] })).toMatch(/"all" group is empty/);
    expect(refused({ all: [cond('shoe_size', 'eq', 42)] })).toMatch(/all\[0\]\.field: unknown field "shoe_size"; known fields: status, /);
    expect(refused(cond('status', 'between', ['a', 'b']))).toMatch(/op: unknown operator "between"/);
    expect(refused(cond('status', 'contains', 'customer'))).toMatch(/operator "contains" does not apply to field "status"; use one of: eq, neq, in, is_set/);
    expect(refused(cond('status', 'eq', 'vip'))).toMatch(/value: must be one of: new, /);
    expect(refused(cond('status', 'in', []))).toMatch(/value: must list at least one value/);
    expect(refused(cond('owner_id', 'eq', 'bob'))).toMatch(/UUID/);
    expect(refused(cond('last_contacted_at', 'gt', 'yesterday'))).toMatch(/ISO date/);
    expect(refused({ any: [cond('tags', 'contains', 'vip'), { field: 'status', op: 'eq', value: 'new', extra: 1 }] }))
      .toMatch(/any\[1\]/);
    expect(refused({ all: [cond('status', 'eq', 'new')], any: [] })).toMatch(/exactly one key/);
    // Values never become SQL text: a quote is just a value that matches nothing.
    expect(parseAudience(cond('country', 'eq', "x' OR '1'='1"))).toEqual(cond('country', 'eq', "x' OR '1'='1"));
  });

  test('a value with SQL in it is only a value', async () => {
    expect(await audienceCount(cond('country', 'eq', "us' OR '1'='1"))).toBe(0);
  });

  test('a campaign without an audience is not fanned out', async () => {
    const id = await makeCampaign(ws.main, { audience: {} });
    await expect(fanOutCampaign(id)).rejects.toThrow(/audience is empty/);
    expect(await count(`SELECT count(*) AS n FROM email_queue WHERE campaign_id = :id`, { id })).toBe(0);
    expect((await loadCampaign(id)).status).toBe('draft');
  });
});

describe('fan-out', () => {
  test('queues one row per recipient once: a second run adds nothing', async () => {
    const id = await makeCampaign(ws.main, { audience: cond('status', 'eq', 'customer') });
    expect((await fanOutCampaign(id)).queued).toBe(4);
    expect((await fanOutCampaign(id)).queued).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM email_queue WHERE campaign_id = :id`, { id })).toBe(4);
    const campaign = await one<{ status: string; sent_at: Date | null }>(`SELECT status, sent_at FROM email_campaigns WHERE id = :id`, { id });
    expect(campaign.status).toBe('sending');
    expect(campaign.sent_at).not.toBeNull();
    const item = await one<{ priority: number; status: string; contact: string }>(
      `SELECT priority, status, queue_metadata->>'contact_id' AS contact FROM email_queue WHERE campaign_id = :id AND recipient_email = 'ann@campaigns.example'`,
      { id },
    );
    expect(item).toEqual({ priority: 3, status: 'pending', contact: people['ann@campaigns.example'] }); // onboarding
  });

  test('two fan-outs of one campaign at once still queue each address once', async () => {
    const id = await makeCampaign(ws.main, { audience: cond('status', 'eq', 'customer') });
    const results = await Promise.all([fanOutCampaign(id), fanOutCampaign(id)]);
    expect(results.map((r) => r.queued).sort()).toEqual([0, 4]);
    expect(await count(`SELECT count(*) AS n FROM email_queue WHERE campaign_id = :id`, { id })).toBe(4);
  });

  test('a sent or cancelled campaign is refused', async () => {
    for (const status of ['sent', 'cancelled']) {
      const id = await makeCampaign(ws.main, { audience: cond('status', 'eq', 'customer'), status });
      await expect(fanOutCampaign(id)).rejects.toThrow(CampaignError);
      await expect(fanOutCampaign(id)).rejects.toThrow(status === 'sent' ? /has already been sent/ : /was cancelled/);
      expect(await count(`SELECT count(*) AS n FROM email_queue WHERE campaign_id = :id`, { id })).toBe(0);
    }
  });

  test('send days, send time and time zones: each contact on their own clock', async () => {
    const zones: Record<string, string | null> = {
      'ny@send.example': 'America/New_York',
      'tokyo@send.example': 'Asia/Tokyo',
      'kolkata@send.example': 'Asia/Kolkata',
      'nozone@send.example': null, // → the workspace's Europe/Berlin
      'mars@send.example': 'Mars/Olympus_Mons', // unknown → the workspace's Europe/Berlin
    };
    for (const [email, timezone] of Object.entries(zones)) {
      await insert('contacts', { workspace_id: ws.send, email, first_name: 'Zone', timezone, tags: ['zones'] });
    }
    // Friday 4 December 2026, 15:00 UTC; Monday to Friday, from 17:00 local.
    const window = {
      audience: cond('tags', 'contains', 'zones'), status: 'scheduled', scheduled_at: '2026-12-04T15:00:00Z',
      send_on_days: [1, 2, 3, 4, 5], send_at_time: '17:00',
    };
    const dueTimes = async (id: string) => Object.fromEntries(
      (await select<{ recipient_email: string; scheduled_for: Date }>(`SELECT recipient_email, scheduled_for FROM email_queue WHERE campaign_id = :id`, { id }))
        .map((r) => [r.recipient_email, r.scheduled_for.toISOString()]),
    );
    const plain = await makeCampaign(ws.send, window);
    await fanOutCampaign(plain);
    expect(await dueTimes(plain)).toEqual({
      'ny@send.example': '2026-12-04T22:00:00.000Z', // 10:00 there: wait for 17:00 EST
      'tokyo@send.example': '2026-12-07T08:00:00.000Z', // already Saturday 00:00 there: Monday 17:00 JST
      'kolkata@send.example': '2026-12-04T15:00:00.000Z', // 20:30 there, a Friday: at once
      'nozone@send.example': '2026-12-04T16:00:00.000Z', // 16:00 in Berlin: 17:00 CET
      'mars@send.example': '2026-12-04T16:00:00.000Z',
    });
    // Two hours' delay: the start moves to 17:00 UTC.
    const delayed = await makeCampaign(ws.send, { ...window, send_delay_minutes: 120 });
    await fanOutCampaign(delayed);
    expect(await dueTimes(delayed)).toEqual({
      'ny@send.example': '2026-12-04T22:00:00.000Z',
      'tokyo@send.example': '2026-12-07T08:00:00.000Z', // Saturday 02:00 there
      'kolkata@send.example': '2026-12-04T17:00:00.000Z',
      'nozone@send.example': '2026-12-04T17:00:00.000Z', // 18:00 in Berlin, past 17:00
      'mars@send.example': '2026-12-04T17:00:00.000Z',
    });
    // Weekends only, any time of day, in a workspace with no time zone: UTC.
    const weekend = await makeCampaign(ws.other, {
      audience: cond('status', 'eq', 'customer'), status: 'scheduled', scheduled_at: '2026-12-04T15:00:00Z', send_on_days: [6, 7],
    });
    await fanOutCampaign(weekend);
    expect(await dueTimes(weekend)).toEqual({ 'ann@campaigns.example': '2026-12-05T00:00:00.000Z' });
    await sequelize.query(`DELETE FROM contacts WHERE workspace_id = :ws AND 'zones' = ANY(tags)`, { replacements: { ws: ws.send } });
  });
});

describe('A/B split', () => {
  const SIZE = 1000;
  const abAudience = cond('tags', 'contains', 'ab');

  beforeAll(async () => {
    // Ids derived from the index, so the split below is the same on every run.
    await sequelize.query(
      `INSERT INTO contacts (id, workspace_id, email, first_name, tags)
       SELECT md5('campaign-ab-' || i)::uuid, $1, 'ab' || i || '@split.example', 'Split', '{ab}' FROM generate_series(1, $2) i`,
      { bind: [ws.send, SIZE] },
    );
  });
  afterAll(async () => {
    await sequelize.query(`DELETE FROM contacts WHERE workspace_id = $1 AND 'ab' = ANY(tags)`, { bind: [ws.send] });
  });

  const variant = (label: string, percent: number, fields: Row = {}) => makeCampaign(ws.send, {
    // A fixed test name (the workspace is new on every run): with the fixed contact ids, the same split every run.
    audience: abAudience, ab_test_enabled: true, sequence_name: 'Welcome test', sequence_order: 1,
    ab_test_variant: label, ab_test_traffic_percentage: percent, ...fields,
  });
  const contactsOf = async (id: string) => (await select<{ c: string }>(
    `SELECT queue_metadata->>'contact_id' AS c FROM email_queue WHERE campaign_id = :id ORDER BY 1`, { id },
  )).map((r) => r.c);

  test('30/70 over 1000 contacts: within a few percent, disjoint, complete and stable', async () => {
    const b = await variant('B', 70);
    const a = await variant('A', 30);
    const preview = await previewAudience(await loadCampaign(a));
    expect(preview.audienceCount).toBe(SIZE);
    expect(preview.share).toMatchObject({ variant: 'A', percent: 30, from: 0, to: 30 });
    const queuedA = (await fanOutCampaign(a)).queued;
    const queuedB = (await fanOutCampaign(b)).queued;
    expect(queuedA).toBe(preview.count);
    // Binomial spread over 1000 contacts is ±1.45 points; this test name and these ids give 262,
    // pinned: a change of the bucket hash would move contacts between variants of running tests.
    expect(Math.abs(queuedA - 300)).toBeLessThanOrEqual(50);
    expect(queuedA).toBe(262);
    expect(queuedA + queuedB).toBe(SIZE);
    const inA = await contactsOf(a);
    const inB = new Set(await contactsOf(b));
    expect(inA.filter((c) => inB.has(c))).toHaveLength(0);
    expect(await count(`SELECT count(*) AS n FROM email_queue WHERE campaign_id = :a AND queue_metadata->>'ab_variant' = 'A'`, { a })).toBe(queuedA);
    // Fanned out again from scratch: the very same contacts.
    await sequelize.query(`DELETE FROM email_queue WHERE campaign_id = :a`, { replacements: { a } });
    await sequelize.query(`UPDATE email_campaigns SET status = 'draft' WHERE id = :a`, { replacements: { a } });
    await fanOutCampaign(a);
    expect(await contactsOf(a)).toEqual(inA);
  });

  test('variants that do not add up to 100%, or differ in audience, are refused', async () => {
    const a = await variant('A', 30);
    const b = await variant('B', 60);
    await expect(fanOutCampaign(a)).rejects.toThrow(/take A 30% \+ B 60% = 90% of the audience; they must add up to 100%/);
    await sequelize.query(`UPDATE email_campaigns SET ab_test_traffic_percentage = 70, audience = :aud WHERE id = :b`,
      { replacements: { b, aud: JSON.stringify(cond('tags', 'contains', 'other')) } });
    await expect(fanOutCampaign(a)).rejects.toThrow(/must share one audience/);
    const lone = await makeCampaign(ws.send, { audience: abAudience, ab_test_enabled: true, ab_test_variant: 'A', ab_test_traffic_percentage: 50 });
    await expect(fanOutCampaign(lone)).rejects.toThrow(/has no sequence name/);
    expect(await count(`SELECT count(*) AS n FROM email_queue WHERE campaign_id IN (:a, :b, :lone)`, { a, b, lone })).toBe(0);
  });
});

describe('drain', () => {
  let contactId: string;
  beforeAll(async () => {
    contactId = await insert('contacts', { workspace_id: ws.send, email: 'drain@send.example', first_name: 'Dora', last_name: 'Drain' });
  });

  const item = (campaignId: string, priority: number, minutesFromNow: number) => insert('email_queue', {
    workspace_id: ws.send, campaign_id: campaignId, recipient_email: 'drain@send.example', priority,
    scheduled_for: new Date(Date.now() + minutesFromNow * 60_000), queue_metadata: { contact_id: contactId, ab_variant: 'B' },
  });

  test('claims by priority, then time; builds each email from its campaign or template and mailbox', async () => {
    const mailbox = await insert('email_accounts', {
      workspace_id: ws.send, user_id: users.send, provider: 'smtp', email: 'Transactional@Send.example',
    });
    const template = await insert('email_templates', {
      workspace_id: ws.send, name: `Template ${tag}`, subject: 'From the template', body_html: '<p>Template</p>', body_text: 'Template',
    });
    const urgent = await makeCampaign(ws.send, {
      status: 'sending', campaign_type: 'transactional', from_email: 'transactional@send.example', created_by: users.send,
    });
    const promo = await makeCampaign(ws.send, {
      status: 'sending', campaign_type: 'promotional', template_id: template, subject_line: null, html_content: null, text_content: null,
      from_email: 'nobody-owns-this@send.example',
    });
    const p1 = await item(promo, 7, -180);
    const t1 = await item(urgent, 1, -60);
    const t2 = await item(urgent, 1, -120);
    const p2 = await item(promo, 7, -240);
    const later = await item(urgent, 1, 60);
    const mine = new Set([p1, t1, t2, p2, later]);
    const order: string[] = [];
    for (let n = 0; n < 50; n += 1) {
      const batch = await drainBatch({ batchSize: 1 });
      if (batch.length === 0) break;
      order.push(...batch.map((b) => b.queue_item_id).filter((id) => mine.has(id)));
    }
    expect(order).toEqual([t2, t1, p2, p1]);

    const email = await one<Row>(
      `SELECT e.*, q.status AS item_status, q.attempts, q.last_attempt_at, q.scheduled_for
         FROM email_queue q JOIN emails e ON e.id = q.email_send_id WHERE q.id = :t1`, { t1 },
    );
    expect(email).toMatchObject({
      item_status: 'processing', attempts: 1, status: 'scheduled', workspace_id: ws.send, contact_id: contactId, campaign_id: urgent,
      to_email: 'drain@send.example', recipient_name: 'Dora Drain', subject: 'Welcome aboard',
      body_html: '<p>Hello {{contact.first_name | "there"}}</p>', body_text: 'Hello', from_email: 'transactional@send.example',
      email_account_id: mailbox, owner_id: users.send,
      send_metadata: { queue_item_id: t1, campaign_type: 'transactional', ab_variant: 'B' },
    });
    expect((email.scheduled_at as Date).toISOString()).toBe((email.scheduled_for as Date).toISOString());
    expect(email.last_attempt_at).not.toBeNull();
    const fromTemplate = await one<Row>(
      `SELECT e.subject, e.body_html, e.body_text, e.email_account_id, e.template_id FROM email_queue q JOIN emails e ON e.id = q.email_send_id WHERE q.id = :p1`,
      { p1 },
    );
    expect(fromTemplate).toEqual({ subject: 'From the template', body_html: '<p>Template</p>', body_text: 'Template', email_account_id: null, template_id: template });
    expect(await count(`SELECT count(*) AS n FROM email_queue WHERE id = :later AND status = 'pending'`, { later })).toBe(1);

    // The sender settles the items; the campaign with nothing pending or processing is sent.
    await sequelize.query(`UPDATE emails SET status = 'sent', sent_at = now() WHERE workspace_id = :ws`, { replacements: { ws: ws.send } });
    await sequelize.query(`UPDATE email_queue SET status = 'sent' WHERE id IN (:p1, :p2, :t1, :t2)`, { replacements: { p1, p2, t1, t2 } });
    const { campaignsCompleted } = await drainCampaignQueue();
    expect(campaignsCompleted).toContain(promo);
    expect(campaignsCompleted).not.toContain(urgent); // one item is still due later
    const done = await one<{ status: string; last_sent_at: Date | null }>(`SELECT status, last_sent_at FROM email_campaigns WHERE id = :promo`, { promo });
    expect(done.status).toBe('sent');
    expect(done.last_sent_at).not.toBeNull();
  });

  test('items of a campaign that is not sending stay queued', async () => {
    const paused = await makeCampaign(ws.send, { status: 'paused' });
    const waiting = await item(paused, 1, -5);
    await drainCampaignQueue();
    expect(await count(`SELECT count(*) AS n FROM email_queue WHERE id = :waiting AND status = 'pending'`, { waiting })).toBe(1);
  });

  test('two drains at once create one email per item', async () => {
    await sequelize.query(
      `INSERT INTO contacts (workspace_id, email, first_name, tags)
       SELECT $1, 'many' || i || '@drain.example', 'Many', '{many}' FROM generate_series(1, 600) i`,
      { bind: [ws.send] },
    );
    const id = await makeCampaign(ws.send, { audience: cond('tags', 'contains', 'many') });
    expect((await fanOutCampaign(id)).queued).toBe(600);
    const [first, second] = await Promise.all([
      drainCampaignQueue({ batchSize: 25, maxBatches: 100 }), drainCampaignQueue({ batchSize: 25, maxBatches: 100 }),
    ]);
    expect(first!.emailsCreated).toBeGreaterThan(0);
    expect(second!.emailsCreated).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM emails WHERE campaign_id = :id`, { id })).toBe(600);
    expect(await count(`SELECT count(DISTINCT send_metadata->>'queue_item_id') AS n FROM emails WHERE campaign_id = :id`, { id })).toBe(600);
    expect(await count(
      `SELECT count(*) AS n FROM email_queue q JOIN emails e ON e.id = q.email_send_id AND e.send_metadata->>'queue_item_id' = q.id::text
        WHERE q.campaign_id = :id AND q.status = 'processing' AND q.attempts = 1`, { id },
    )).toBe(600);
    await sequelize.query(`DELETE FROM emails WHERE campaign_id = :id`, { replacements: { id } });
    await sequelize.query(`DELETE FROM contacts WHERE workspace_id = :ws AND 'many' = ANY(tags)`, { replacements: { ws: ws.send } });
  });
});

/** Polls until `check` gives a truthy value. */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('jobs', () => {
  test('campaign-fan-out (deterministic id) and campaign-drain (fans out due scheduled campaigns) on a real worker', async () => {
    const now = await makeCampaign(ws.main, { audience: cond('status', 'eq', 'customer') });
    const first = await enqueue('campaign-fan-out', { campaignId: now });
    const again = await enqueue('campaign-fan-out', { campaignId: now });
    expect(first.id).toBe(`campaign-fan-out-${now}`);
    expect(again.id).toBe(first.id);
    const due = await makeCampaign(ws.main, {
      audience: cond('tags', 'contains', 'vip'), status: 'scheduled', scheduled_at: new Date(Date.now() - 60_000),
    });
    const workers = startWorkers([campaignFanOutJob, campaignDrainJob] as unknown as JobDefinition[], { concurrency: 2 });
    try {
      // The fan-out job drains at once: four e-mails, handed to the sender.
      await eventually(async () => (await count(`SELECT count(*) AS n FROM emails WHERE campaign_id = :now`, { now })) === 4);
      await enqueue('campaign-drain', {});
      await eventually(async () => (await count(`SELECT count(*) AS n FROM emails WHERE campaign_id = :due`, { due })) === 2);
      expect((await loadCampaign(due)).status).toBe('sending');
      expect(await count(`SELECT count(*) AS n FROM email_queue WHERE campaign_id IN (:now, :due) AND status = 'processing'`, { now, due })).toBe(6);
    } finally {
      await stopWorkers(workers);
    }
    await expect(enqueue('campaign-fan-out', { campaignId: 'not-a-uuid' } as never)).rejects.toThrow(/campaignId: must be the id/);
  });

  test('a due campaign that can no longer be sent is paused with the reason', async () => {
    const broken = await makeCampaign(ws.main, {
      audience: cond('status', 'eq', 'customer'), status: 'scheduled', scheduled_at: new Date(Date.now() - 60_000), subject_line: null,
    });
    const result = await campaignDrainJob.process();
    expect(result.paused).toContainEqual({ campaignId: broken, reason: expect.stringMatching(/has no subject line/) });
    expect((await loadCampaign(broken)).status).toBe('paused');
  });
});

describe('panel', () => {
  let panel: Panel;
  const clients: Record<string, PanelClient> = {};
  let acme: string;
  let admin: string;
  const created: string[] = [];
  const url = (id: string, action: string) => `/admin/api/resources/email_campaigns/records/${id}/${action}`;

  beforeAll(async () => {
    panel = await startPanel();
    for (const email of ['admin@acme.example', 'rep@acme.example', 'admin@globex.example']) {
      clients[email] = new PanelClient(panel.url);
      if (!(await clients[email].login(email)).ok) throw new Error(`demo login ${email} failed`);
    }
    acme = (await one<{ id: string }>(`SELECT id FROM workspaces WHERE slug = 'acme'`)).id;
    admin = (await one<{ id: string }>(`SELECT id FROM users WHERE email = 'admin@acme.example'`)).id;
  });
  afterAll(async () => {
    await sequelize.query(`DELETE FROM emails WHERE campaign_id = ANY($1::uuid[])`, { bind: [created] });
    await sequelize.query(`DELETE FROM email_campaigns WHERE id = ANY($1::uuid[])`, { bind: [created] });
    await panel.close();
  });

  const acmeCampaign = async (fields: Row = {}) => {
    const id = await makeCampaign(acme, {
      audience: cond('status', 'eq', 'customer'), campaign_type: 'promotional', created_by: admin, send_delay_minutes: 60, ...fields,
    });
    created.push(id);
    return id;
  };
  /** The rule written out independently: acme customers with an address and no consent block. */
  const expectedCustomers = () => count(
    `SELECT count(*) AS n FROM contacts c
      WHERE c.workspace_id = :acme AND c.status = 'customer' AND c.email IS NOT NULL AND NOT c.unsubscribed AND NOT c.bounced
        AND c.email NOT IN (SELECT lower(email) FROM email_unsubscribes
                             WHERE workspace_id = :acme AND is_active AND unsubscribe_type IN ('all', 'promotional'))`,
    { acme },
  );

  test('Preview audience: the count and the first 20 recipients; refused to a rep and to another workspace', async () => {
    const id = await acmeCampaign();
    const expected = await expectedCustomers();
    expect(expected).toBeGreaterThan(0);
    const res = await clients['admin@acme.example'].get(url(id, 'previewAudience'));
    expect(res.status).toBe(200);
    expect(res.body.preview.count).toBe(expected);
    expect(res.body.preview.recipients).toHaveLength(Math.min(20, expected));
    const emails = res.body.preview.recipients.map((r: { email: string }) => r.email);
    expect(emails).toEqual([...emails].sort());
    expect(res.body.record.id).toBe(id);

    expect((await clients['rep@acme.example'].get(url(id, 'previewAudience'))).status).toBe(403);
    const foreign = await clients['admin@globex.example'].get(url(id, 'previewAudience'));
    // Out of the other admin's scope: "not found", and no preview.
    expect(foreign.body.preview).toBeUndefined();
    expect(foreign.body.notice).toMatchObject({ type: 'error', message: expect.stringMatching(/cannot be found/) });
    expect(foreign.body.record.params).toEqual({});
    const foreignSend = await clients['admin@globex.example'].post(url(id, 'sendNow'), {});
    expect(foreignSend.body.notice.type).toBe('error');
    expect((await loadCampaign(id)).status).toBe('draft');

    const empty = await acmeCampaign({ audience: {} });
    const refused = await clients['admin@acme.example'].get(url(empty, 'previewAudience'));
    expect(refused.body.notice).toMatchObject({ type: 'error', message: expect.stringMatching(/audience is empty/) });
  });

  test('Schedule, Send now and Cancel: POST only, clear refusals that write nothing, audited', async () => {
    const id = await acmeCampaign();
    const admin = clients['admin@acme.example'];
    const status = async () => (await loadCampaign(id)).status;

    expect((await admin.get(url(id, 'sendNow'))).status).toBe(200);
    expect(await status()).toBe('draft'); // a GET only opens the action

    const past = await admin.post(url(id, 'schedule'), { scheduled_at: '2020-01-01T00:00:00Z' });
    expect(past.body.notice).toMatchObject({ type: 'error', message: expect.stringMatching(/in the past/) });
    const none = await admin.post(url(id, 'schedule'), {});
    expect(none.body.notice).toMatchObject({ type: 'error', message: expect.stringMatching(/has no "Scheduled at"/) });
    expect(await status()).toBe('draft');

    const at = new Date(Date.now() + 86_400_000).toISOString();
    const scheduled = await admin.post(url(id, 'schedule'), { scheduled_at: at });
    expect(scheduled.body.notice.type).toBe('success');
    expect(scheduled.body.record.params.status).toBe('scheduled');
    expect(new Date(scheduled.body.record.params.scheduled_at).toISOString()).toBe(at);
    expect(await count(
      `SELECT count(*) AS n FROM audit_logs WHERE resource_type = 'email_campaigns' AND resource_id = :id AND description LIKE 'Scheduled campaign%'`, { id },
    )).toBe(1);

    const sent = await admin.post(url(id, 'sendNow'), {});
    expect(sent.body.notice.type).toBe('success');
    expect(await status()).toBe('scheduled');
    expect(await queueFor('campaign-fan-out').getJob(`campaign-fan-out-${id}`)).toBeTruthy();
    // The periodic sweep (or the worker) fans it out: a 60-minute delay keeps the items pending.
    await campaignDrainJob.process();
    expect(await status()).toBe('sending');
    const queued = await count(`SELECT count(*) AS n FROM email_queue WHERE campaign_id = :id AND status = 'pending'`, { id });
    expect(queued).toBe(await expectedCustomers());

    const again = await admin.post(url(id, 'sendNow'), {});
    expect(again.body.notice).toMatchObject({ type: 'error', message: expect.stringMatching(/cannot be sent: it is being sent/) });

    const cancelled = await admin.post(url(id, 'cancel'), {});
    expect(cancelled.body.notice).toMatchObject({ type: 'success', message: `Cancelled: ${queued} queued e-mails will not be sent` });
    expect(await status()).toBe('cancelled');
    expect(await count(`SELECT count(*) AS n FROM email_queue WHERE campaign_id = :id AND status = 'cancelled'`, { id })).toBe(queued);

    const late = await admin.post(url(id, 'sendNow'), {});
    expect(late.body.notice).toMatchObject({ type: 'error', message: expect.stringMatching(/cannot be sent: it was cancelled/) });
    expect(await status()).toBe('cancelled');
    await queueFor('campaign-fan-out').remove(`campaign-fan-out-${id}`);
  });

  test('the form refuses an invalid audience and a typed status', async () => {
    const id = await acmeCampaign();
    const admin = clients['admin@acme.example'];
    const bad = await admin.edit('email_campaigns', id, { audience: JSON.stringify({ all: [cond('shoe_size', 'eq', 1)] }) });
    expect(bad.body.record.errors.audience.message).toMatch(/unknown field "shoe_size"/);
    const typed = await admin.edit('email_campaigns', id, { status: 'sent' });
    expect(typed.body.record.errors.status.message).toMatch(/Schedule, Send now or Cancel/);
    const good = await admin.edit('email_campaigns', id, { audience: JSON.stringify(cond('tags', 'contains', 'vip')) });
    expect(good.body.record.errors ?? {}).toEqual({});
    expect((await loadCampaign(id)).audience).toEqual(cond('tags', 'contains', 'vip'));
    expect((await loadCampaign(id)).status).toBe('draft');
  });
});
