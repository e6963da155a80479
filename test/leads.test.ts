/**
 * S3 lead scoring and routing and the public lead form, on the real PostgreSQL and Redis: the
 * triggers of migration 20261123150200 score activities (also e-mail engagement with the lead's
 * address) and route new leads; the nightly recompute agrees with the increments on 10,000
 * leads; round robin shares 300 concurrent form submissions 100/100/100; POST /forms/lead
 * validates, reuses leads by address and rate-limits per IP.
 */
import type { Server } from 'node:http';
import express from 'express';
import type { Redis } from 'ioredis';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../src/db.js';
import { submitLeadForm } from '../src/domain/leads/lead-form.js';
import { recomputeLeadScores } from '../src/domain/leads/recompute-scores.js';
import { LEAD_ACTIVITY_SCORING } from '../src/domain/leads/scoring.js';
import { leadFormRouter } from '../src/http/lead-form.js';
import { leadScoreRecomputeJob } from '../src/jobs/lead-score-recompute.job.js';
import { SCHEDULES } from '../src/jobs/schedules.js';
import { createRedis } from '../src/redis.js';

const q = <T extends object>(sql: string, bind: unknown[] = []): Promise<T[]> => sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT });
const one = async <T extends object>(sql: string, bind: unknown[] = []): Promise<T> => (await q<T>(sql, bind))[0]!;

const stamp = Date.now().toString(36);

async function workspace(label: string): Promise<{ id: string; slug: string }> {
  const slug = `leads-${label}-${stamp}`;
  return one(`INSERT INTO workspaces (name, slug) VALUES ($1, $1) RETURNING id, slug`, [slug]);
}

async function user(ws: string, name: string, teamId: string | null = null): Promise<string> {
  const row = await one<{ id: string }>(
    `INSERT INTO users (workspace_id, email, password_hash, first_name, team_id) VALUES ($1, $2, 'x', $3, $4) RETURNING id`,
    [ws, `${name}-${stamp}@leads.test`, name, teamId],
  );
  return row.id;
}

async function lead(ws: string, email: string, extra: Record<string, unknown> = {}): Promise<string> {
  const cols = ['workspace_id', 'email', ...Object.keys(extra)];
  const row = await one<{ id: string }>(
    `INSERT INTO leads (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    [ws, email, ...Object.values(extra)],
  );
  return row.id;
}

interface LeadRow {
  lead_score: number;
  requested_demo: boolean;
  viewed_pricing: boolean;
  started_signup: boolean;
  downloaded_resource: boolean;
  requested_sales_contact: boolean;
  last_activity_at: Date | null;
  owner_id: string | null;
  priority: string;
  tags: string[];
}
const leadRow = (id: string) => one<LeadRow>('SELECT * FROM leads WHERE id = $1', [id]);

describe('scoring', () => {
  let ws: string;
  beforeAll(async () => {
    ws = (await workspace('score')).id;
  });

  test('the database applies exactly the weights of scoring.ts to every activity type', async () => {
    const rows = await q<{ t: string; points: number }>(
      `SELECT t::text, lead_activity_points(t) AS points FROM unnest(enum_range(NULL::enum_lead_activities_activity_type)) AS t`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.t, r.points]))).toEqual(
      Object.fromEntries(Object.entries(LEAD_ACTIVITY_SCORING).map(([t, s]) => [t, s.points])),
    );
  });

  test('a replayed list of activities gives the seed-weighted score, the flags and the last activity', async () => {
    const id = await lead(ws, `replay-${stamp}@leads.test`);
    const replay: [string, string][] = [
      ['page_view', '2026-01-05T09:00:00Z'], // +1
      ['page_view', '2026-01-05T09:01:00Z'], // +1
      ['pricing_viewed', '2026-01-05T09:02:00Z'], // +20
      ['email_open', '2026-01-06T10:00:00Z'], // +5
      ['email_open', '2026-01-07T10:00:00Z'], // +5
      ['email_click', '2026-01-07T10:01:00Z'], // +10
      ['resource_downloaded', '2026-01-08T11:00:00Z'], // +15
      ['form_submit', '2026-01-09T12:00:00Z'], // +0
      ['signup_started', '2026-01-10T08:00:00Z'], // +30
      ['demo_request', '2026-01-11T15:30:00Z'], // +50
      ['page_view', '2026-01-04T00:00:00Z'], // +1, recorded late: last_activity_at does not move back
    ];
    const scores: number[] = [];
    for (const [type, at] of replay) {
      await q(`INSERT INTO lead_activities (workspace_id, lead_id, activity_type, created_at) VALUES ($1, $2, $3, $4) RETURNING id`, [ws, id, type, at]);
      scores.push((await leadRow(id)).lead_score);
    }
    expect(scores).toEqual([1, 2, 22, 27, 32, 42, 57, 57, 87, 137, 138]);
    const row = await leadRow(id);
    expect(row).toMatchObject({
      lead_score: 138, requested_demo: true, viewed_pricing: true, started_signup: true, downloaded_resource: true,
      requested_sales_contact: false,
    });
    expect(row.last_activity_at!.toISOString()).toBe('2026-01-11T15:30:00.000Z');

    // Deleting an activity re-scores the lead from what is left.
    await q(`DELETE FROM lead_activities WHERE lead_id = $1 AND activity_type = 'demo_request' RETURNING id`, [id]);
    expect((await leadRow(id)).lead_score).toBe(88);
  });

  test('incremental and nightly recomputation agree on 10,000 generated leads', async () => {
    const big = (await workspace('bulk')).id;
    await q(`INSERT INTO leads (workspace_id, email) SELECT $1, 'bulk-' || g || '@leads.test' FROM generate_series(1, 10000) AS g RETURNING 1`, [big]);
    const types = Object.keys(LEAD_ACTIVITY_SCORING);
    // Five statements of different sizes, then single rows: batches and one-offs both increment.
    for (let round = 0; round < 5; round += 1) {
      await sequelize.query(
        `INSERT INTO lead_activities (workspace_id, lead_id, activity_type, created_at)
         SELECT l.workspace_id, l.id, ($2::text[])[1 + abs(hashtext(l.id::text || $3 || g)) % $4]::enum_lead_activities_activity_type,
                now() - (abs(hashtext(g || l.id::text)) % 100000) * interval '1 minute'
           FROM leads l CROSS JOIN generate_series(1, 1 + abs(hashtext(l.email || $3)) % 4) AS g
          WHERE l.workspace_id = $1`,
        { bind: [big, `{${types.join(',')}}`, String(round), types.length] },
      );
    }
    await q(
      `INSERT INTO lead_activities (workspace_id, lead_id, activity_type)
       SELECT workspace_id, id, 'demo_request' FROM leads WHERE workspace_id = $1 ORDER BY email LIMIT 3 RETURNING 1`,
      [big],
    );
    const snapshot = `SELECT id, lead_score, requested_demo, viewed_pricing, started_signup, downloaded_resource, last_activity_at
                        FROM leads WHERE workspace_id = $1 ORDER BY id`;
    const incremental = await q<Record<string, unknown>>(snapshot, [big]);
    expect(incremental).toHaveLength(10000);
    const activities = await one<{ n: number; points: number }>(
      `SELECT count(*)::int AS n, sum(lead_activity_points(activity_type))::int AS points FROM lead_activities WHERE workspace_id = $1`, [big],
    );
    expect(activities.n).toBeGreaterThan(50000);
    expect(incremental.reduce((s, r) => s + (r.lead_score as number), 0)).toBe(activities.points);

    // Nothing to repair for these leads: the recompute rewrites none of them.
    const ids = incremental.map((r) => r.id as string);
    expect(await recomputeLeadScores(ids)).toEqual({ changed: 0 });

    // Break every score and flag, then let the nightly job (all leads, one statement) repair them.
    await q(`UPDATE leads SET lead_score = 0, requested_demo = false, viewed_pricing = false, started_signup = false,
                              downloaded_resource = false WHERE workspace_id = $1 RETURNING 1`, [big]);
    await leadScoreRecomputeJob.process();
    expect(await q(snapshot, [big])).toEqual(incremental);
    expect(SCHEDULES.find((s) => s.job === 'lead-score-recompute')?.pattern).toBe('0 30 2 * * *');
  }, 120_000);

  test('opens, clicks and replies of e-mails to the lead’s address raise its score, once per event', async () => {
    const address = `reader-${stamp}@leads.test`;
    const id = await lead(ws, address);
    const email = await one<{ id: string }>(
      `INSERT INTO emails (workspace_id, to_email, subject, status) VALUES ($1, $2, 'Hello', 'sent') RETURNING id`, [ws, address],
    );
    const other = await one<{ id: string }>(
      `INSERT INTO emails (workspace_id, to_email, subject, status) VALUES ($1, $2, 'Hello', 'sent') RETURNING id`, [ws, `someone-else-${stamp}@leads.test`],
    );
    const event = (emailId: string, type: string, link: string | null = null) =>
      q(`INSERT INTO email_events (workspace_id, email_id, event_type, link_url) VALUES ($1, $2, $3, $4) RETURNING id`, [ws, emailId, type, link]);

    await event(email.id, 'delivered'); // not engagement
    expect((await leadRow(id)).lead_score).toBe(0);
    await event(email.id, 'opened');
    expect((await leadRow(id)).lead_score).toBe(5);
    await event(email.id, 'clicked', 'https://example.test/pricing');
    expect((await leadRow(id)).lead_score).toBe(15);
    await event(email.id, 'replied');
    expect((await leadRow(id)).lead_score).toBe(25);
    await event(other.id, 'opened');
    expect((await leadRow(id)).lead_score).toBe(25);
    const acts = await q<{ activity_type: string; event_type: string }>(
      `SELECT activity_type, activity_data ->> 'event_type' AS event_type FROM lead_activities WHERE lead_id = $1 ORDER BY created_at, activity_type`, [id],
    );
    expect(acts.map((a) => `${a.activity_type}:${a.event_type}`).sort()).toEqual(['email_click:clicked', 'email_click:replied', 'email_open:opened']);

    // A lead created later collects its address's past engagement.
    const late = await lead(ws, `someone-else-${stamp}@leads.test`);
    expect((await leadRow(late)).lead_score).toBe(5);
  });
});

describe('routing', () => {
  let ws: string;
  let u1: string;
  let u2: string;
  let u3: string;
  let u4: string;
  beforeAll(async () => {
    ws = (await workspace('route')).id;
    const team = await one<{ id: string }>(`INSERT INTO teams (workspace_id, name) VALUES ($1, 'Inbound') RETURNING id`, [ws]);
    u1 = await user(ws, 'route-one');
    u2 = await user(ws, 'route-two', team.id);
    u3 = await user(ws, 'route-three', team.id);
    u4 = await user(ws, 'route-four');
    const rule = (r: Record<string, unknown>) => {
      const cols = Object.keys(r);
      return q(
        `INSERT INTO lead_routing_rules (workspace_id, ${cols.join(', ')}) VALUES ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id`,
        [ws, ...Object.values(r).map((v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? JSON.stringify(v) : v))],
      );
    };
    await rule({
      name: 'Big accounts', priority: 100, conditions: { all: [{ field: 'email_domain', op: 'eq', value: 'BIG.com' }] },
      assign_to_user_id: u1, set_priority: 'hot', add_tags: ['enterprise'],
      auto_create_tasks: JSON.stringify([{ title: 'Call within 2 hours', due_in_hours: 2, priority: 'urgent' }, { title: 'Send the deck', due_in_days: 1 }]),
    });
    await rule({
      name: 'Referrals and big', priority: 50,
      conditions: { any: [{ field: 'email_domain', op: 'eq', value: 'big.com' }, { field: 'source', op: 'in', value: ['referral', 'linkedin'] }] },
      assign_to_user_id: u4, add_tags: ['referral'],
    });
    await rule({ name: 'Retired catch-all', priority: 1000, is_active: false, conditions: {}, assign_to_user_id: u4 });
    await rule({
      name: 'Team inbox', priority: 10, conditions: { all: [{ field: 'company_name', op: 'contains', value: 'team' }, { not: { field: 'lead_score', op: 'gt', value: 100 } }] },
      assign_to_team: 'Inbound', set_priority: 'low', add_tags: ['team'],
    });
  });

  test('the highest-priority active match assigns its fixed user, priority, tags and tasks', async () => {
    const id = await lead(ws, `ceo-${stamp}@big.com`, { tags: ['from-panel'] });
    const row = await leadRow(id);
    expect(row).toMatchObject({ owner_id: u1, priority: 'hot', tags: ['from-panel', 'enterprise'] });
    const tasks = await q<{ title: string; priority: string; assigned_to: string; hours: number | null }>(
      `SELECT title, priority, assigned_to, round(extract(epoch FROM due_at - now()) / 3600)::int AS hours FROM tasks WHERE lead_id = $1 ORDER BY title`, [id],
    );
    expect(tasks).toEqual([
      { title: 'Call within 2 hours', priority: 'urgent', assigned_to: u1, hours: 2 },
      { title: 'Send the deck', priority: 'medium', assigned_to: u1, hours: 24 },
    ]);
  });

  test('a lower rule takes what the higher ones do not match; an inactive rule never applies', async () => {
    const id = await lead(ws, `friend-${stamp}@small.test`, { source: 'referral' });
    expect(await leadRow(id)).toMatchObject({ owner_id: u4, priority: 'medium', tags: ['referral'] });
    const none = await lead(ws, `nobody-${stamp}@small.test`);
    expect(await leadRow(none)).toMatchObject({ owner_id: null, priority: 'medium', tags: [] });
    expect(await q('SELECT 1 FROM tasks WHERE lead_id = $1', [none])).toEqual([]);
  });

  test('a team rule rotates over the team’s active members; an owner chosen at creation is kept', async () => {
    const a = await lead(ws, `t1-${stamp}@small.test`, { company_name: 'The A-Team' });
    const b = await lead(ws, `t2-${stamp}@small.test`, { company_name: 'Team B' });
    const c = await lead(ws, `t3-${stamp}@small.test`, { company_name: 'Team C' });
    expect([(await leadRow(a)).owner_id, (await leadRow(b)).owner_id, (await leadRow(c)).owner_id]).toEqual([u2, u3, u2]);
    const kept = await lead(ws, `t4-${stamp}@small.test`, { company_name: 'Team D', owner_id: u1 });
    expect(await leadRow(kept)).toMatchObject({ owner_id: u1, priority: 'low', tags: ['team'] });
    // An inactive member is skipped.
    await q(`UPDATE users SET is_active = false WHERE id = $1 RETURNING 1`, [u3]);
    const d = await lead(ws, `t5-${stamp}@small.test`, { company_name: 'Team E' });
    expect((await leadRow(d)).owner_id).toBe(u2);
    await q(`UPDATE users SET is_active = true WHERE id = $1 RETURNING 1`, [u3]);
  });

  test('one statement of many leads is routed set-based (an import batch)', async () => {
    await q(
      `INSERT INTO leads (workspace_id, email, source) SELECT $1, 'batch-' || g || '-${stamp}@big.com', 'referral' FROM generate_series(1, 50) AS g RETURNING 1`,
      [ws],
    );
    const rows = await q<{ owner_id: string; n: number; tasks: number }>(
      `SELECT owner_id, count(*)::int AS n, sum((SELECT count(*) FROM tasks t WHERE t.lead_id = l.id))::int AS tasks
         FROM leads l WHERE workspace_id = $1 AND email LIKE 'batch-%' GROUP BY owner_id`, [ws],
    );
    expect(rows).toEqual([{ owner_id: u1, n: 50, tasks: 100 }]);
  });

  test('round robin over 3 users assigns 300 concurrent leads 100/100/100', async () => {
    const rr = await workspace('rr');
    const users = [await user(rr.id, 'rr-a'), await user(rr.id, 'rr-b'), await user(rr.id, 'rr-c')];
    await q(
      `INSERT INTO lead_routing_rules (workspace_id, name, priority, conditions, use_round_robin, round_robin_users, add_tags)
       VALUES ($1, 'Everyone in turn', 0, '{}', true, $2::uuid[], '{rr}') RETURNING id`,
      [rr.id, `{${users.join(',')}}`],
    );
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        submitLeadForm({ workspace: rr.slug, email: `rr-${i}-${stamp}@leads.test`, form: i % 3 === 0 ? 'demo_request' : 'lead' })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(300);
    const counts = await q<{ owner_id: string; n: number }>(
      `SELECT owner_id, count(*)::int AS n FROM leads WHERE workspace_id = $1 GROUP BY owner_id ORDER BY owner_id`, [rr.id],
    );
    expect(counts.map((c) => c.n)).toEqual([100, 100, 100]);
    expect(counts.map((c) => c.owner_id).sort()).toEqual([...users].sort());
  }, 120_000);
});

describe('POST /forms/lead', () => {
  let redis: Redis;
  let server: Server;
  let base: string;
  let ws: { id: string; slug: string };
  let owner: string;

  const start = async (limit: number) => {
    const app = express();
    app.set('trust proxy', 'loopback');
    app.use(leadFormRouter({ redis, limit, keyPrefix: `crm-test-${process.pid}-${stamp}-${limit}` }));
    const s = await new Promise<Server>((resolve) => {
      const srv = app.listen(0, '127.0.0.1', () => resolve(srv));
    });
    return { server: s, url: `http://127.0.0.1:${(s.address() as { port: number }).port}` };
  };
  const postJson = (body: unknown, url = base) =>
    fetch(`${url}/forms/lead`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const counts = () =>
    one<{ leads: number; activities: number; demos: number; sales: number }>(
      `SELECT (SELECT count(*) FROM leads WHERE workspace_id = $1)::int AS leads,
              (SELECT count(*) FROM lead_activities WHERE workspace_id = $1)::int AS activities,
              (SELECT count(*) FROM demo_requests WHERE workspace_id = $1)::int AS demos,
              (SELECT count(*) FROM sales_contact_requests WHERE workspace_id = $1)::int AS sales`,
      [ws.id],
    );

  beforeAll(async () => {
    redis = createRedis();
    ws = await workspace('form');
    owner = await user(ws.id, 'form-owner');
    await q(
      `INSERT INTO lead_routing_rules (workspace_id, name, conditions, assign_to_user_id, add_tags)
       VALUES ($1, 'Website', '{"all": [{"field": "source", "op": "eq", "value": "website"}]}', $2, '{web}') RETURNING id`,
      [ws.id, owner],
    );
    ({ server, url: base } = await start(1000));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await redis.quit();
  });

  test('a lead form creates a routed lead with its UTM fields and a form_submit activity', async () => {
    const res = await postJson({
      workspace: ws.slug, email: ` Ada@Example.COM `, first_name: 'Ada', company_name: 'Engines', utm_source: 'google',
      utm_medium: 'cpc', utm_campaign: 'spring', utm_term: 'crm', utm_content: 'ad-1', landing_page: 'https://site.test/pricing',
      unknown_field: 'ignored',
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { lead_id: string; created: boolean };
    expect(body.created).toBe(true);
    const row = await one<Record<string, unknown>>('SELECT * FROM leads WHERE id = $1', [body.lead_id]);
    expect(row).toMatchObject({
      email: 'ada@example.com', first_name: 'Ada', source: 'website', owner_id: owner, tags: ['web'], lead_score: 0,
      utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring', utm_term: 'crm', utm_content: 'ad-1',
      landing_page: 'https://site.test/pricing',
    });
    const act = await one<{ activity_type: string; ip_address: string; form: string }>(
      `SELECT activity_type, host(ip_address) AS ip_address, activity_data ->> 'form' AS form FROM lead_activities WHERE lead_id = $1`, [body.lead_id],
    );
    expect(act).toEqual({ activity_type: 'form_submit', ip_address: '127.0.0.1', form: 'lead' });
  });

  test('a demo request (urlencoded) creates the lead, the demo request and scores +50', async () => {
    const res = await fetch(`${base}/forms/lead`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        workspace: ws.slug, form: 'demo_request', email: `demo-${stamp}@example.com`, first_name: 'Grace', demo_type: 'standard_30min',
        preferred_date: '2026-12-01', preferred_time: 'morning', timezone: 'Europe/Paris', message: 'Show me', phone: '',
      }).toString(),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { lead_id: string; demo_request_id: string };
    expect(await leadRow(body.lead_id)).toMatchObject({ lead_score: 50, requested_demo: true, owner_id: owner });
    const demo = await one<Record<string, unknown>>('SELECT * FROM demo_requests WHERE id = $1', [body.demo_request_id]);
    expect(demo).toMatchObject({
      lead_id: body.lead_id, email: `demo-${stamp}@example.com`, first_name: 'Grace', phone: null, demo_type: 'standard_30min',
      preferred_date: '2026-12-01', preferred_time: 'morning', timezone: 'Europe/Paris', status: 'requested', assigned_sales_rep: owner,
    });
  });

  test('a sales contact creates the lead and the sales contact request', async () => {
    const res = await postJson({
      workspace: ws.slug, form: 'sales_contact', email: `buyer-${stamp}@example.com`, inquiry_type: 'enterprise',
      estimated_budget: '$50k+', timeline: '1_3_months', message: 'SSO?',
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { lead_id: string; sales_contact_request_id: string };
    expect(await leadRow(body.lead_id)).toMatchObject({ requested_sales_contact: true, lead_score: 0 });
    expect(await one('SELECT lead_id, inquiry_type, timeline, estimated_budget, assigned_to, status FROM sales_contact_requests WHERE id = $1', [body.sales_contact_request_id]))
      .toEqual({ lead_id: body.lead_id, inquiry_type: 'enterprise', timeline: '1_3_months', estimated_budget: '$50k+', assigned_to: owner, status: 'new' });
  });

  test('a second submission with the same address reuses the lead (first-touch UTM kept)', async () => {
    const email = `again-${stamp}@example.com`;
    const first = (await (await postJson({ workspace: ws.slug, email, utm_source: 'newsletter' })).json()) as { lead_id: string };
    const res = await postJson({ workspace: ws.slug, email: email.toUpperCase(), form: 'demo_request', first_name: 'Later', utm_source: 'ads' });
    expect(res.status).toBe(200);
    const second = (await res.json()) as { lead_id: string; created: boolean; demo_request_id: string };
    expect(second).toMatchObject({ lead_id: first.lead_id, created: false });
    expect(await q('SELECT 1 FROM leads WHERE workspace_id = $1 AND email = $2', [ws.id, email])).toHaveLength(1);
    expect(await leadRow(first.lead_id)).toMatchObject({ first_name: 'Later', utm_source: 'newsletter', lead_score: 50, requested_demo: true });
    expect(await q('SELECT 1 FROM tasks WHERE lead_id = $1', [first.lead_id])).toHaveLength(0);
  });

  test('bad input answers 400 naming each bad field, and writes nothing', async () => {
    const before = await counts();
    const res = await postJson({ workspace: ws.slug, form: 'newsletter', email: 'not-an-address', preferred_date: '2026-13-45', first_name: 'x'.repeat(201) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; fields: Record<string, string> };
    expect(Object.keys(body.fields).sort()).toEqual(['email', 'first_name', 'form', 'preferred_date']);
    expect(body.fields.email).toBe('must be an email address');

    const unknown = await postJson({ workspace: 'no-such-workspace', email: 'a@b.test' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { fields: Record<string, string> }).fields).toEqual({ workspace: 'is not a known workspace' });

    const missing = await postJson({});
    expect(Object.keys(((await missing.json()) as { fields: Record<string, string> }).fields).sort()).toEqual(['email', 'workspace']);

    const broken = await fetch(`${base}/forms/lead`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    expect(broken.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  test('answers 429 after the per-IP limit within the window', async () => {
    const limited = await start(3);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const res = await postJson({ workspace: ws.slug, email: `limit-${i}-${stamp}@example.com` }, limited.url);
        statuses.push(res.status);
        if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      expect(await q('SELECT 1 FROM leads WHERE workspace_id = $1 AND email LIKE $2', [ws.id, `limit-%-${stamp}@example.com`])).toHaveLength(3);
    } finally {
      await new Promise((resolve) => limited.server.close(resolve));
    }
  });
});
