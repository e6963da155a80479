/**
 * The dashboard's numbers (src/domain/metrics/dashboard-data.ts) against the real PostgreSQL: a
 * small hand-made set of metric rows in a workspace of its own, inserted directly (the ETL has
 * its own tests), read as an admin, a manager and a rep, with and without the team and owner
 * filters. Expected values are worked out by hand in the comments. Bad filters are refused.
 *
 * People: admin (admin); manager (manager, leads team T); rep1 and rep2 (sales reps in T);
 * rep3 (sales rep in team U). Range: March 2026.
 */
import { randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../src/db.js';
import { loadDashboard, type DashboardData } from '../src/domain/metrics/dashboard-data.js';
import { DashboardFilterError, MAX_RANGE_DAYS, parseDashboardFilters } from '../src/domain/metrics/dashboard-filters.js';
import { loadActor, type Actor } from '../src/domain/permissions/actor.js';

const q = <T extends object = Record<string, unknown>>(sql: string, replacements: Record<string, unknown> = {}) =>
  sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });
const one = async (sql: string, replacements: Record<string, unknown> = {}) => (await q<{ id: string }>(sql, replacements))[0]!.id;

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
let ws: string;
let teamT: string;
const people: Record<'admin' | 'manager' | 'rep1' | 'rep2' | 'rep3', string> = {} as never;
const actors: Record<string, Actor> = {};

async function user(name: keyof typeof people, role: string, team: string | null) {
  const id = await one(
    `INSERT INTO users (workspace_id, email, password_hash, first_name, team_id) VALUES (:ws, :email, 'x', :name, :team) RETURNING id`,
    { ws, email: `${name}-${randomBytes(3).toString('hex')}@dashboard.test`, name, team },
  );
  await q(`INSERT INTO user_roles (workspace_id, user_id, role_id) SELECT :ws, :id, id FROM roles WHERE name = :role RETURNING 1`, { ws, id, role });
  people[name] = id;
}

const dashboard = (who: string, query: Record<string, string> = {}): Promise<DashboardData> =>
  loadDashboard(actors[who]!, parseDashboardFilters({ ...MARCH, ...query }));

/** The section's content, failing the test when the section is not available. */
function open<T extends { available: boolean }>(s: T): Extract<T, { available: true }> {
  if (!s.available) throw new Error(`section unavailable: ${(s as unknown as { reason: string }).reason}`);
  return s as Extract<T, { available: true }>;
}

beforeAll(async () => {
  const slug = `dash-${randomBytes(3).toString('hex')}`;
  ws = await one(`INSERT INTO workspaces (name, slug, settings) VALUES (:slug, :slug, '{"currency":"EUR"}') RETURNING id`, { slug });
  teamT = await one(`INSERT INTO teams (workspace_id, name) VALUES (:ws, 'T') RETURNING id`, { ws });
  const teamU = await one(`INSERT INTO teams (workspace_id, name) VALUES (:ws, 'U') RETURNING id`, { ws });
  await user('admin', 'admin', null);
  await user('manager', 'manager', teamT);
  await q(`UPDATE teams SET team_lead_id = :m WHERE id = :t RETURNING 1`, { m: people.manager, t: teamT });
  await user('rep1', 'sales_rep', teamT);
  await user('rep2', 'sales_rep', teamT);
  await user('rep3', 'sales_rep', teamU);
  for (const name of Object.keys(people)) actors[name] = (await loadActor(people[name as keyof typeof people]))!;
  const { rep1, rep2, rep3 } = people;

  // e-mail: (user, date, sent, bounced, unique_opens, unique_clicks)
  for (const [u, date, sent, bounced, opens, clicks] of [
    [rep1, '2026-03-02', 10, 2, 4, 2],
    [rep2, '2026-03-03', 5, 0, 5, 1],
    [rep3, '2026-03-02', 20, 0, 10, 0],
    [rep1, '2026-04-15', 100, 0, 50, 50], // outside March
  ] as const) {
    await q(`INSERT INTO email_metrics (workspace_id, user_id, date, sent, delivered, bounced, unique_opens, unique_clicks)
             VALUES (:ws, :u, :date, :sent, :sent - :bounced, :bounced, :opens, :clicks) RETURNING 1`, { ws, u, date, sent, bounced, opens, clicks });
  }
  // calls: (user, date, total, answered, missed, voicemail)
  for (const [u, date, total, answered, missed, voicemail] of [
    [rep1, '2026-03-02', 4, 1, 2, 0], // one call without a result
    [rep2, '2026-03-05', 2, 2, 0, 0],
    [rep3, '2026-03-05', 9, 0, 9, 0],
  ] as const) {
    await q(`INSERT INTO call_metrics (workspace_id, user_id, date, total_calls, answered, missed, voicemail)
             VALUES (:ws, :u, :date, :total, :answered, :missed, :voicemail) RETURNING 1`, { ws, u, date, total, answered, missed, voicemail });
  }
  // activities: (user, type, date, total, completed)
  for (const [u, type, date, total, completed] of [
    [rep1, 'call', '2026-03-02', 3, 3], [rep1, 'email', '2026-03-02', 2, 1], [rep3, 'meeting', '2026-03-09', 7, 7],
  ] as const) {
    await q(`INSERT INTO activity_metrics (workspace_id, user_id, activity_type, date, total_count, completed_count)
             VALUES (:ws, :u, :type, :date, :total, :completed) RETURNING 1`, { ws, u, type, date, total, completed });
  }
  // revenue: (owner, year, month, revenue, deals, forecast)
  for (const [u, year, month, revenue, deals, forecast] of [
    [rep1, 2026, 3, 1000, 1, 0], [rep2, 2026, 3, 500, 1, 0], [rep3, 2026, 3, 4000, 2, 0],
    [rep1, 2026, 5, 0, 0, 300], // two months after the range: forecast only
    [rep1, 2026, 8, 0, 0, 9999], // beyond the three months of forecast shown
  ] as const) {
    await q(`INSERT INTO revenue_metrics (workspace_id, owner_id, year, month, quarter, total_revenue, total_deals, forecasted_revenue)
             VALUES (:ws, :u, :year, :month, (:month + 2) / 3, :revenue, :deals, :forecast) RETURNING 1`, { ws, u, year, month, revenue, deals, forecast });
  }
  // rep1's quarterly quota of 3000 is 1000 a month; rep3's yearly 12000 is 1000 a month.
  await q(`INSERT INTO sales_quotas (workspace_id, user_id, quota_period, start_date, end_date, revenue_target)
           VALUES (:ws, :rep1, 'quarterly', '2026-01-01', '2026-03-31', 3000), (:ws, :rep3, 'yearly', '2026-01-01', '2026-12-31', 12000) RETURNING 1`,
  { ws, rep1, rep3 });
  // contacts: (owner, source, date, total, qualified, converted)
  for (const [u, source, total, qualified, converted] of [
    [rep1, 'web', 10, 4, 2], [rep2, 'web', 5, 3, 3], [rep3, 'ads', 4, 1, 0],
  ] as const) {
    await q(`INSERT INTO contact_metrics (workspace_id, owner_id, source, date, total_contacts, qualified_contacts, converted_contacts)
             VALUES (:ws, :u, :source, '2026-03-04', :total, :qualified, :converted) RETURNING 1`, { ws, u, source, total, qualified, converted });
  }
  // documents: (owner, sent, signed, average hours to sign)
  for (const [u, sent, signed, hours] of [[rep1, 2, 2, 10], [rep2, 1, 1, 40], [rep3, 5, 0, null]] as const) {
    await q(`INSERT INTO document_metrics (workspace_id, owner_id, document_type, date, total_documents, sent_documents, signed_documents, avg_time_to_sign_hours)
             VALUES (:ws, :u, 'contract', '2026-03-06', :sent, :sent, :signed, :hours) RETURNING 1`, { ws, u, sent, signed, hours });
  }
  // pipeline (workspace-level daily rows, and one stage row): 3 won + 1 lost on 03-02 (cycle 10
  // days), 1 won on 03-10 (cycle 30 days); a February row outside the range.
  const pipeline = await one(`INSERT INTO pipelines (workspace_id, name) VALUES (:ws, 'Sales') RETURNING id`, { ws });
  const stage = await one(`INSERT INTO pipeline_stages (workspace_id, pipeline_id, name, order_index, probability) VALUES (:ws, :pipeline, 'Proposal', 1, 25) RETURNING id`, { ws, pipeline });
  for (const [p, s, date, created, value, weighted, won, lost, cycle] of [
    [null, null, '2026-03-02', 4, 1000, 250, 3, 1, 10],
    [null, null, '2026-03-10', 0, 0, 0, 1, 0, 30],
    [null, null, '2026-02-10', 9, 9000, 900, 0, 9, null],
    [pipeline, stage, '2026-03-02', 4, 1000, 250, 0, 0, null],
  ] as const) {
    await q(`INSERT INTO pipeline_metrics (workspace_id, pipeline_id, stage_id, period_type, metric_date, deal_count, deals_created,
               total_value, total_pipeline_value, weighted_pipeline_value, deals_won, deals_lost, avg_duration_days)
             VALUES (:ws, :p, :s, 'daily', :date, :created, :created, :value, :value, :weighted, :won, :lost, :cycle) RETURNING 1`,
    { ws, p, s, date, created, value, weighted, won, lost, cycle });
  }
}, 60_000);

afterAll(async () => {
  await sequelize.close();
});

test('an admin sees the whole workspace, pipeline included', async () => {
  const d = await dashboard('admin');
  expect(d.scope).toBe('workspace');
  expect(d.currency).toBe('EUR');
  // 10 + 5 + 20 sent, 2 bounced -> 33 delivered; opens 4 + 5 + 10 = 19 -> 57.58 %; clicks 3 -> 9.09 %.
  expect(open(d.email).totals).toMatchObject({ sent: 35, delivered: 33, opens: 19, openRate: 57.58, clickRate: 9.09, bounceRate: 5.71 });
  // Revenue 1000 + 500 + 4000; quota 1000 (rep1) + 1000 (rep3) in March; forecast: May's 300 only.
  expect(open(d.revenue).totals).toEqual({ revenue: 5500, quota: 2000, attainment: 275, forecast: 300, deals: 4 });
  expect(open(d.revenue).months.map((m) => [m.month, m.ahead])).toEqual([
    ['2026-03-01', false], ['2026-04-01', true], ['2026-05-01', true], ['2026-06-01', true],
  ]);
  // Won 4, lost 1 -> 80 %; cycle (3 x 10 + 1 x 30) / 4 = 15 days; February's row is out.
  const p = open(d.pipeline);
  expect(p.totals).toEqual({ deals: 4, value: 1000, weighted: 250, won: 4, lost: 1, wonValue: 0, winRate: 80, cycleDays: 15 });
  expect(p.stages).toEqual([expect.objectContaining({ pipeline: 'Sales', stage: 'Proposal', deals: 4, value: 1000, weighted: 250 })]);
  // Calls 4 + 2 + 9 = 15; answered 3 over 14 with a result = 21.43 %. Activities 3 + 2 + 7.
  expect(open(d.activity).totals).toMatchObject({ activities: 12, calls: 15, answered: 3, answerRate: 21.43, days: 31 });
  // Contacts 19, converted 5 -> 26.32 %; by source: web 15 (5), ads 4 (0).
  const leads = open(d.leads);
  expect(leads.totals).toEqual({ contacts: 19, qualified: 8, converted: 5, conversionRate: 26.32 });
  expect(leads.sources.map((s) => [s.source, s.contacts, s.converted, s.conversionRate])).toEqual([['web', 15, 5, 33.33], ['ads', 4, 0, 0]]);
  // Sent 8, signed 3; signing time (2 x 10 + 1 x 40) / 3 = 20 h.
  expect(open(d.documents).totals).toEqual({ sent: 8, signed: 3, completionRate: 37.5, signHours: 20 });
});

test("a manager sees their team's numbers; the workspace-only pipeline says why it is missing", async () => {
  const d = await dashboard('manager');
  expect(d.scope).toBe('team');
  expect(d.options.owners.map((o) => o.name).sort()).toEqual(['manager', 'rep1', 'rep2']);
  expect(d.pipeline).toEqual({ available: false, reason: expect.stringMatching(/kept for the whole workspace.*your team's/) });
  // rep1 + rep2: sent 15, bounced 2 -> delivered 13; opens 9 -> 69.23 %; clicks 3 -> 23.08 %; bounces 2/15 = 13.33 %.
  expect(open(d.email).totals).toMatchObject({ sent: 15, delivered: 13, openRate: 69.23, clickRate: 23.08, bounceRate: 13.33 });
  expect(open(d.email).byRep.map((r) => [r.name, r.sent])).toEqual([['rep1', 10], ['rep2', 5]]);
  // Calls 6, answered 3 over 5 with a result = 60 %.
  expect(open(d.activity).totals).toMatchObject({ activities: 5, calls: 6, answered: 3, answerRate: 60 });
  // Revenue 1500 against rep1's 1000 quota -> 150 %.
  expect(open(d.revenue).totals).toEqual({ revenue: 1500, quota: 1000, attainment: 150, forecast: 300, deals: 2 });
  expect(open(d.leads).totals).toEqual({ contacts: 15, qualified: 7, converted: 5, conversionRate: 33.33 });
  expect(open(d.documents).totals).toEqual({ sent: 3, signed: 3, completionRate: 100, signHours: 20 });
});

test('a sales rep sees only their own numbers', async () => {
  const d = await dashboard('rep1');
  expect(d.scope).toBe('own');
  expect(d.options.owners.map((o) => o.name)).toEqual(['rep1']);
  expect(d.pipeline.available).toBe(false);
  // sent 10, bounced 2 -> 8 delivered; opens 4 -> 50 %; clicks 2 -> 25 %; bounces 20 %.
  expect(open(d.email).totals).toMatchObject({ sent: 10, openRate: 50, clickRate: 25, bounceRate: 20 });
  // 4 calls, 1 answered of 3 with a result.
  expect(open(d.activity).totals).toMatchObject({ activities: 5, completed: 4, calls: 4, answerRate: 33.33 });
  expect(open(d.activity).reps.map((r) => r.name)).toEqual(['rep1']);
  expect(open(d.revenue).totals).toEqual({ revenue: 1000, quota: 1000, attainment: 100, forecast: 300, deals: 1 });
  expect(open(d.leads).totals.conversionRate).toBe(20);
  expect(open(d.documents).totals).toMatchObject({ signed: 2, signHours: 10 });
});

test('the team and owner filters narrow what the role allows; dates narrow the range', async () => {
  // Admin, team T: the manager's numbers.
  const team = await dashboard('admin', { teamId: teamT });
  expect(open(team.email).totals.sent).toBe(15);
  expect(open(team.revenue).totals.revenue).toBe(1500);
  expect(team.pipeline).toEqual({ available: false, reason: expect.stringMatching(/clear the team and owner filters/) });
  // Admin, owner rep2.
  const rep2 = await dashboard('admin', { ownerId: people.rep2 });
  expect(open(rep2.email).totals).toMatchObject({ sent: 5, openRate: 100 });
  expect(open(rep2.activity).totals).toMatchObject({ activities: 0, calls: 2, answerRate: 100 });
  // Manager narrowed to a member of the team.
  expect(open((await dashboard('manager', { ownerId: people.rep1 })).email).totals.sent).toBe(10);
  // Dates: only 2026-03-03 -> rep2's e-mail alone; only April -> rep1's 100.
  expect(open((await dashboard('admin', { from: '2026-03-03', to: '2026-03-03' })).email).totals.sent).toBe(5);
  expect(open((await dashboard('admin', { from: '2026-04-01', to: '2026-04-30' })).email).totals.sent).toBe(100);
  // An empty parameter is no filter.
  expect(open((await dashboard('admin', { ownerId: '', teamId: '' })).email).totals.sent).toBe(35);
});

test('bad filters are refused with a clear message', async () => {
  const refused = (query: unknown) => {
    try {
      parseDashboardFilters(query);
    } catch (err) {
      expect(err).toBeInstanceOf(DashboardFilterError);
      return (err as Error).message;
    }
    throw new Error('accepted');
  };
  expect(refused({ from: '2026-02-30' })).toBe('from: "2026-02-30" is not a date as YYYY-MM-DD');
  expect(refused({ to: 'yesterday' })).toBe('to: "yesterday" is not a date as YYYY-MM-DD');
  expect(refused({ from: '2026-03-10', to: '2026-03-01' })).toBe('from (2026-03-10) is after to (2026-03-01)');
  expect(refused({ from: '2020-01-01', to: '2026-01-01' })).toMatch(new RegExp(`at most ${MAX_RANGE_DAYS} days`));
  expect(refused({ ownerId: "x' OR 1=1 --" })).toMatch(/^ownerId: .* is not an id \(UUID\)$/);
  expect(refused({ teamId: ['a', 'b'] })).toBe('teamId: give one value');
  expect(refused({ owner: people.rep1 })).toBe('unknown filter "owner" (known: from, to, teamId, ownerId)');
  // Well-formed, but out of the role's reach: a rep asking for a colleague, a manager for another team's rep.
  await expect(dashboard('rep1', { ownerId: people.rep2 })).rejects.toThrow('ownerId: no such person among those whose numbers you may see');
  await expect(dashboard('manager', { ownerId: people.rep3 })).rejects.toThrow(DashboardFilterError);
  await expect(dashboard('manager', { teamId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(/^teamId: no such team/);
  // Defaults: the last 90 days up to today.
  const defaults = parseDashboardFilters({}, new Date('2026-03-31T12:00:00Z'));
  expect(defaults).toEqual({ from: '2026-01-01', to: '2026-03-31', teamId: null, ownerId: null });
});
