/**
 * Metric ETL (src/domain/metrics) against the real PostgreSQL: one small hand-made data set per
 * metric table, each in its own workspace, with the expected values worked out by hand in the
 * comments (not copied from the code's output). Also: empty periods have no rows, a late event
 * re-computes its send day, a deal that moved backwards, a period that became empty is pruned,
 * running twice changes nothing, and a backfill equals the incremental runs before it.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../src/db.js';
import { METRICS, rangesQuery, runMetricEtl, WATERMARK_OVERLAP, type MetricName } from '../src/domain/metrics/run-metric-etl.js';
import { quotaAttainmentSql } from '../src/domain/metrics/revenue-metrics.js';
import { metricsEtlJob } from '../src/jobs/metrics-etl.job.js';
import { SCHEDULES } from '../src/jobs/schedules.js';

type Row = Record<string, unknown>;
const q = <T extends object = Row>(sql: string, replacements: Record<string, unknown> = {}): Promise<T[]> =>
  sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });
const one = async (sql: string, replacements: Record<string, unknown> = {}) => (await q<{ id: string }>(sql, replacements))[0]!.id;

async function workspace(label: string): Promise<{ ws: string; user: string }> {
  const slug = `etl-${label}-${randomBytes(3).toString('hex')}`;
  const ws = await one(`INSERT INTO workspaces (name, slug) VALUES (:slug, :slug) RETURNING id`, { slug });
  const team = await one(`INSERT INTO teams (workspace_id, name) VALUES (:ws, 'Team') RETURNING id`, { ws });
  const user = await one(
    `INSERT INTO users (workspace_id, email, password_hash, first_name, team_id) VALUES (:ws, :email, 'x', 'Rep', :team) RETURNING id`,
    { ws, email: `${slug}@etl.test`, team },
  );
  return { ws, user };
}

/** The metric rows of a workspace, without the columns a rerun may change. */
async function rows(table: string, ws: string, order: string): Promise<Row[]> {
  const found = await q(`SELECT * FROM ${table} WHERE workspace_id = :ws ORDER BY ${order}`, { ws });
  return found.map(({ id: _id, last_updated: _l, updated_at: _u, created_at: _c, ...rest }) => rest);
}

/** Incremental runs already happened; a backfill from scratch over the range must give the same rows. */
async function expectBackfillEqualsIncremental(metric: MetricName, table: string, ws: string, order: string, from: string, to: string) {
  const incremental = await rows(table, ws, order);
  await q(`DELETE FROM ${table} WHERE workspace_id = :ws`, { ws });
  await runMetricEtl(metric, { from, to, workspaceId: ws });
  expect(await rows(table, ws, order)).toEqual(incremental);
}

async function expectIdempotent(metric: MetricName, table: string, ws: string, order: string) {
  const before = await rows(table, ws, order);
  const [{ lu }] = await q<{ lu: string }>(`SELECT max(last_updated)::text AS lu FROM ${table} WHERE workspace_id = :ws`, { ws });
  await runMetricEtl(metric, { full: true });
  expect(await rows(table, ws, order)).toEqual(before);
  const [{ lu2 }] = await q<{ lu2: string }>(`SELECT max(last_updated)::text AS lu2 FROM ${table} WHERE workspace_id = :ws`, { ws });
  expect(lu2 > lu).toBe(true); // every upserted row says when it was refreshed
}

afterAll(async () => {
  await sequelize.close();
});

test('email_metrics: counts, rates, an empty day, a late open, a bounced and a pruned day', async () => {
  const { ws, user } = await workspace('email');
  const email = (sentAt: string, extra = '') => one(
    `INSERT INTO emails (workspace_id, owner_id, to_email, status, sent_at${extra ? ', bounced_at' : ''})
     VALUES (:ws, :user, 'x@y.test', 'sent', :sentAt${extra ? ', :bouncedAt' : ''}) RETURNING id`,
    { ws, user, sentAt, bouncedAt: extra },
  );
  const event = (emailId: string, type: string, at?: string) => q(
    `INSERT INTO email_events (workspace_id, email_id, event_type, link_url, created_at)
     VALUES (:ws, :emailId, :type, CASE WHEN :type = 'clicked' THEN 'https://x.test' END, coalesce(:at::timestamptz, now()))`,
    { ws, emailId, type, at: at ?? null },
  );
  // 2026-01-05: e1 opened (and, later, opened again), clicked; e2 bounced; e3 clicked without an
  // open (images blocked: counts as an open); e4 nothing.  2026-01-06: nothing sent (no row).
  // 2026-01-07: e5 unsubscribed.
  const e1 = await email('2026-01-05T10:00:00Z');
  await email('2026-01-05T11:00:00Z', '2026-01-05T11:05:00Z');
  const e3 = await email('2026-01-05T12:00:00Z');
  await email('2026-01-05T23:59:59Z');
  const e5 = await email('2026-01-07T08:00:00Z');
  await event(e1, 'opened', '2026-01-05T10:10:00Z');
  await event(e1, 'clicked', '2026-01-05T10:11:00Z');
  await event(e3, 'clicked', '2026-01-05T12:30:00Z');
  await event(e5, 'unsubscribed', '2026-01-07T09:00:00Z');

  await runMetricEtl('email'); // first run of the metric anywhere, or incremental
  await runMetricEtl('email', { from: '2026-01-01', to: '2026-02-01', workspaceId: ws });
  // The late open: recorded now (two days and more after the send), filed under the send's day.
  await event(e1, 'opened');
  const inc = await runMetricEtl('email');
  expect(inc.mode).toBe('incremental');

  const got = await rows('email_metrics', ws, 'date');
  expect(got.map((r) => r.date)).toEqual(['2026-01-05', '2026-01-07']);
  // Jan 5: sent 4, bounced 1, delivered 4 - 1 = 3; open events 2 (one late), clicks 2;
  // unique opens 2 (e1, e3), unique clicks 2 (e1, e3).
  // open rate 2/3 = 66.67, click rate 2/3 = 66.67, bounce rate 1/4 = 25.00, click-to-open 2/2 = 100.00
  expect(got[0]).toMatchObject({
    campaign_id: null, template_id: null, user_id: user, sent: 4, delivered: 3, bounced: 1, opened: 2, clicked: 2,
    unique_opens: 2, unique_clicks: 2, unsubscribed: 0,
    open_rate: '66.67', click_rate: '66.67', bounce_rate: '25.00', click_to_open_rate: '100.00',
  });
  // Jan 7: sent 1, delivered 1, unsubscribed 1; open and click rate 0/1 = 0.00, bounce 0/1 = 0.00,
  // click-to-open 0/0 = NULL (nothing opened: undefined, not 0)
  expect(got[1]).toMatchObject({
    sent: 1, delivered: 1, unsubscribed: 1, unique_opens: 0,
    open_rate: '0.00', click_rate: '0.00', bounce_rate: '0.00', click_to_open_rate: null,
  });

  await expectIdempotent('email', 'email_metrics', ws, 'date');
  await expectBackfillEqualsIncremental('email', 'email_metrics', ws, 'date', '2026-01-01', '2026-02-01');

  // A day that lost its only email loses its row on the next backfill over it.
  await q(`DELETE FROM emails WHERE id = :e5`, { e5 });
  const r = await runMetricEtl('email', { from: '2026-01-07', to: '2026-01-08', workspaceId: ws });
  expect(r.deleted).toBe(1);
  expect((await rows('email_metrics', ws, 'date')).map((x) => x.date)).toEqual(['2026-01-05']);
});

test('pipeline_metrics: daily rows, the weekly roll-up, and a deal that moved backwards', async () => {
  const { ws, user } = await workspace('pipeline');
  const pipeline = await one(`INSERT INTO pipelines (workspace_id, name) VALUES (:ws, 'Sales') RETURNING id`, { ws });
  const stage = (name: string, order: number, probability: number, won = false, lost = false) => one(
    `INSERT INTO pipeline_stages (workspace_id, pipeline_id, name, order_index, probability, is_closed, is_won, is_lost)
     VALUES (:ws, :pipeline, :name, :order, :probability, :closed, :won, :lost) RETURNING id`,
    { ws, pipeline, name, order, probability, closed: won || lost, won, lost },
  );
  const s1 = await stage('Qualify', 0, 10);
  const s2 = await stage('Propose', 1, 50);
  const sWon = await stage('Won', 2, 100, true);
  const sLost = await stage('Lost', 3, 0, false, true);
  const deal = (o: Record<string, unknown>) => one(
    `INSERT INTO deals (workspace_id, title, value, actual_value, probability, pipeline_id, stage_id, status, owner_id, created_at, actual_close_date)
     VALUES (:ws, 'D', :value, :actual, :probability, :pipeline, :stage, :status, :user, :created, :closed) RETURNING id`,
    { ws, pipeline, user, actual: null, closed: null, ...o },
  );
  // d1 created Mon 2026-02-02 09:00, won 02-04 for 1200 (value 1000): cycle 02-04 00:00 - 02-02 09:00 = 1.625 days.
  await deal({ value: 1000, actual: 1200, probability: 100, stage: sWon, status: 'won', created: '2026-02-02T09:00:00Z', closed: '2026-02-04' });
  // d2 created 02-02 10:00, 500 at 10 % (weighted 50), open; moved forward 02-03, backwards 02-04.
  const d2 = await deal({ value: 500, probability: 10, stage: s1, status: 'open', created: '2026-02-02T10:00:00Z' });
  // d3 created 02-03 08:00, 300, lost 02-04.
  await deal({ value: 300, probability: 0, stage: sLost, status: 'lost', created: '2026-02-03T08:00:00Z', closed: '2026-02-04' });
  await q(`INSERT INTO deal_stage_history (workspace_id, deal_id, from_stage_id, to_stage_id, moved_at) VALUES
           (:ws, :d2, :s1, :s2, '2026-02-03T12:00:00Z'), (:ws, :d2, :s2, :s1, '2026-02-04T12:00:00Z')`, { ws, d2, s1, s2 });

  await runMetricEtl('pipeline', { from: '2026-02-01', to: '2026-03-01', workspaceId: ws });
  const all = await q(`SELECT * FROM pipeline_metrics WHERE workspace_id = :ws AND pipeline_id IS NULL ORDER BY period_type, metric_date`, { ws });
  const daily = all.filter((r) => r.period_type === 'daily');
  // Empty days (02-05 onwards) have no rows; 02-01 neither.
  expect(daily.map((r) => r.metric_date)).toEqual(['2026-02-02', '2026-02-03', '2026-02-04']);
  // 02-02: created d1, d2: 2 deals, 1500, avg 750.00; d2 still open: active 1, weighted 50;
  // conversion: of the 2 created, 1 won = 50.00; nothing closed: win rate NULL.
  expect(daily[0]).toMatchObject({ deal_count: 2, deals_created: 2, deals_active: 1, total_value: '1500.00',
    total_pipeline_value: '1500.00', weighted_pipeline_value: '50.00', avg_value: '750.00', average_deal_size: '750.00',
    conversion_rate: '50.00', win_rate: null, deals_won: 0, deals_moved_forward: 0 });
  // 02-03: created d3 (lost): conversion 0/1 = 0.00; d2 moved forward.
  expect(daily[1]).toMatchObject({ deals_created: 1, deals_active: 0, total_value: '300.00', conversion_rate: '0.00',
    deals_moved_forward: 1, deals_moved_backward: 0 });
  // 02-04: d1 won (1200), d3 lost (300): win rate 1/2 = 50.00; d2 moved back; cycle 1.625 days.
  expect(daily[2]).toMatchObject({ deals_created: 0, conversion_rate: null, deals_won: 1, won_value: '1200.00',
    deals_lost: 1, lost_value: '300.00', win_rate: '50.00', deals_moved_forward: 0, deals_moved_backward: 1,
    avg_duration_days: 1.625, average_cycle_time: '1.63', median_duration_days: 1.625, fastest_deal_days: 1.625, slowest_deal_days: 1.625 });
  // Week of Mon 02-02 (and February, and Q1): 3 created, 1800, avg 600.00, 1 active, weighted 50,
  // won 1 lost 1 (50.00), forward 1 back 1, cohort conversion 1/3 = 33.33, median 1.625.
  for (const [type, date] of [['weekly', '2026-02-02'], ['monthly', '2026-02-01'], ['quarterly', '2026-01-01']]) {
    expect(all.find((r) => r.period_type === type && r.metric_date === date)).toMatchObject({ deals_created: 3,
      total_value: '1800.00', avg_value: '600.00', deals_active: 1, weighted_pipeline_value: '50.00', deals_won: 1, deals_lost: 1,
      win_rate: '50.00', deals_moved_forward: 1, deals_moved_backward: 1, conversion_rate: '33.33', median_duration_days: 1.625,
      avg_duration_days: 1.625 });
  }
  // Per stage: the forward move is filed under Propose (02-03), the backward one under Qualify (02-04).
  const staged = await q(`SELECT stage_id, metric_date, deals_moved_forward AS f, deals_moved_backward AS b FROM pipeline_metrics
                           WHERE workspace_id = :ws AND stage_id IS NOT NULL AND period_type = 'daily'
                             AND (deals_moved_forward > 0 OR deals_moved_backward > 0) ORDER BY metric_date`, { ws });
  expect(staged).toEqual([{ stage_id: s2, metric_date: '2026-02-03', f: 1, b: 0 }, { stage_id: s1, metric_date: '2026-02-04', f: 0, b: 1 }]);

  await expectIdempotent('pipeline', 'pipeline_metrics', ws, 'period_type, metric_date, pipeline_id NULLS FIRST, stage_id NULLS FIRST');
  await expectBackfillEqualsIncremental('pipeline', 'pipeline_metrics', ws, 'period_type, metric_date, pipeline_id NULLS FIRST, stage_id NULLS FIRST', '2026-02-01', '2026-03-01');
});

test('activity_metrics and call_metrics', async () => {
  const { ws, user } = await workspace('activity');
  const act = (o: Record<string, unknown>) => q(
    `INSERT INTO activities (workspace_id, owner_id, type, status, due_at, occurred_at, completed_at, duration_minutes,
                             call_result, is_recorded, next_action, created_at)
     VALUES (:ws, :user, :type, :status, :due, :occurred, :completed, :duration, :result, :recorded, :next, :created)`,
    { ws, user, due: null, occurred: null, completed: null, duration: null, result: null, recorded: false, next: null,
      status: 'completed', created: '2026-03-01T00:00:00Z', ...o },
  );
  // 2026-03-02 tasks: completed (created 03-01 10:00, done 03-02 12:00 = 26 h, 30 min), pending, cancelled.
  await act({ type: 'task', due: '2026-03-02T10:00:00Z', created: '2026-03-01T10:00:00Z', completed: '2026-03-02T12:00:00Z', duration: 30 });
  await act({ type: 'task', status: 'pending', due: '2026-03-02T15:00:00Z' });
  await act({ type: 'task', status: 'cancelled', due: '2026-03-02T16:00:00Z' });
  // A meeting with no due date, held 03-02, created 08:00, completed 09:00 (1 h), 60 min.
  await act({ type: 'meeting', occurred: '2026-03-02T08:30:00Z', created: '2026-03-02T08:00:00Z', completed: '2026-03-02T09:00:00Z', duration: 60 });
  // Calls on 2026-03-10: answered 5 min recorded with a next action; missed; voicemail 1 min; no result 2 min.
  await act({ type: 'call', occurred: '2026-03-10T09:00:00Z', result: 'answered', duration: 5, recorded: true, next: 'send proposal' });
  await act({ type: 'call', occurred: '2026-03-10T10:00:00Z', result: 'missed' });
  await act({ type: 'call', occurred: '2026-03-10T11:00:00Z', result: 'voicemail', duration: 1 });
  await act({ type: 'call', occurred: '2026-03-10T12:00:00Z', duration: 2 });

  await runMetricEtl('activity');
  await runMetricEtl('call');
  await runMetricEtl('activity', { from: '2026-03-01', to: '2026-04-01', workspaceId: ws });
  await runMetricEtl('call', { from: '2026-03-01', to: '2026-04-01', workspaceId: ws });
  const acts = await rows('activity_metrics', ws, 'date, activity_type');
  // 03-02 tasks: 3, completed 1, pending 1, cancelled 1: completion 1 / (3 - 1) = 50.00; 26 h; 30 min.
  expect(acts.find((r) => r.activity_type === 'task')).toMatchObject({ date: '2026-03-02', user_id: user, total_count: 3,
    completed_count: 1, pending_count: 1, cancelled_count: 1, overdue_count: 0, completion_rate: '50.00',
    avg_completion_time_hours: 26, avg_duration_minutes: 30 });
  expect(acts.find((r) => r.activity_type === 'meeting')).toMatchObject({ date: '2026-03-02', total_count: 1,
    completed_count: 1, completion_rate: '100.00', avg_completion_time_hours: 1, avg_duration_minutes: 60 });
  // Calls are activities too (4 on 03-10, all completed).
  expect(acts.find((r) => r.activity_type === 'call')).toMatchObject({ date: '2026-03-10', total_count: 4, completion_rate: '100.00' });

  const calls = await rows('call_metrics', ws, 'date');
  // 4 calls, 1/1/1 by result; 5 + 1 + 2 = 8 min = 480 s over 3 calls with a duration: avg 160,
  // min 60, max 300; answer rate 1 of 3 with a result = 33.33; recorded 1/4 = 25.00; 1 follow-up.
  expect(calls).toEqual([expect.objectContaining({ date: '2026-03-10', user_id: user, total_calls: 4, answered: 1, missed: 1,
    voicemail: 1, total_duration_sec: 480, avg_duration_sec: 160, min_duration_sec: 60, max_duration_sec: 300,
    answer_rate: '33.33', recorded_calls: 1, recording_rate: '25.00', deals_advanced: 0, followups_scheduled: 1 })]);

  await expectIdempotent('activity', 'activity_metrics', ws, 'date, activity_type');
  await expectIdempotent('call', 'call_metrics', ws, 'date');
  await expectBackfillEqualsIncremental('activity', 'activity_metrics', ws, 'date, activity_type', '2026-03-01', '2026-04-01');
  await expectBackfillEqualsIncremental('call', 'call_metrics', ws, 'date', '2026-03-01', '2026-04-01');
});

test('incremental runs: touched days merge into ranges, only those days are recomputed, a quiet run writes nothing', async () => {
  const { ws, user } = await workspace('touched');
  const call = (occurred: string) => one(
    `INSERT INTO activities (workspace_id, owner_id, type, status, occurred_at, call_result)
     VALUES (:ws, :user, 'call', 'completed', :occurred, 'missed') RETURNING id`, { ws, user, occurred },
  );
  const ids = [await call('2026-05-04T10:00:00Z'), await call('2026-05-05T23:59:59Z'), await call('2026-05-08T00:00:00Z'),
    await call('2026-05-20T12:00:00Z')];
  await runMetricEtl('call', { from: '2026-05-01', to: '2026-06-01', workspaceId: ws });
  const [{ before }] = await q<{ before: string }>(`SELECT clock_timestamp()::text AS before`);
  // Results logged later on three of the calls: their days (4, 5 and 8 May) are touched, the 20th is not.
  await q(`UPDATE activities SET call_result = 'answered' WHERE id IN (:ids)`, { ids: ids.slice(0, 3) });
  const touched = await q(rangesQuery(METRICS.call, 'incremental'), { since: before });
  // The 4th and 5th meet: one range [4, 6); the 8th alone: [8, 9).
  expect(touched.filter((r) => r.workspace_id === ws)).toEqual([
    { workspace_id: ws, lo: '2026-05-04', hi: '2026-05-06' },
    { workspace_id: ws, lo: '2026-05-08', hi: '2026-05-09' },
  ]);

  const lastUpdated = async () => Object.fromEntries((await q<{ date: string; lu: string }>(
    `SELECT date::text, last_updated::text AS lu FROM call_metrics WHERE workspace_id = :ws`, { ws })).map((r) => [r.date, r.lu]));
  const stale = await lastUpdated();
  // The last run "started" so that, less the overlap, it looks back exactly to before the updates.
  await q(`UPDATE system_settings SET value = jsonb_set(value, '{startedAt}', to_jsonb((:before::timestamptz + :overlap::interval)::text))
            WHERE key = 'metrics_etl.call'`, { before, overlap: WATERMARK_OVERLAP });
  const inc = await runMetricEtl('call');
  expect(inc.mode).toBe('incremental');
  const fresh = await lastUpdated();
  expect(Object.keys(fresh).filter((d) => fresh[d] !== stale[d]).sort()).toEqual(['2026-05-04', '2026-05-05', '2026-05-08']);
  expect((await rows('call_metrics', ws, 'date')).map((r) => [r.date, r.answered])).toEqual([
    ['2026-05-04', 1], ['2026-05-05', 1], ['2026-05-08', 1], ['2026-05-20', 0],
  ]);

  // Nothing changed since the last run (its start moved past every write): nothing is written.
  await q(`UPDATE system_settings SET value = jsonb_set(value, '{startedAt}', to_jsonb((now() + interval '1 hour')::text)) WHERE key = 'metrics_etl.call'`);
  const quiet = await runMetricEtl('call');
  expect(quiet).toMatchObject({ mode: 'incremental', upserted: 0, deleted: 0 });
  expect(await lastUpdated()).toEqual(fresh);
  await expectBackfillEqualsIncremental('call', 'call_metrics', ws, 'date', '2026-05-01', '2026-06-01');
});

test('contact_metrics and document_metrics: cohorts by creation day', async () => {
  const { ws, user } = await workspace('contact');
  const contact = (status: string, score: number | null, n: number) => one(
    `INSERT INTO contacts (workspace_id, email, status, source, lead_score, owner_id, created_at)
     VALUES (:ws, :email, :status, 'website', :score, :user, '2026-04-01T00:00:00Z') RETURNING id`,
    { ws, email: `c${n}@etl.test`, status, score, user },
  );
  await contact('customer', 80, 1);
  await contact('new', 40, 2);
  await contact('new', null, 3);
  const k4 = await contact('contacted', 60, 4);
  await q(`INSERT INTO deals (workspace_id, title, value, status, contact_id, actual_close_date) VALUES (:ws, 'K4', 1000, 'won', :k4, '2026-04-11')`, { ws, k4 });
  await runMetricEtl('contact');
  await runMetricEtl('contact', { from: '2026-04-01', to: '2026-05-01', workspaceId: ws });
  const got = await rows('contact_metrics', ws, 'status');
  // customer: 1 contact, qualified and converted: 100.00; score 80 > 70.
  expect(got.find((r) => r.status === 'customer')).toMatchObject({ date: '2026-04-01', source: 'website', owner_id: user,
    total_contacts: 1, new_contacts: 0, qualified_contacts: 1, converted_contacts: 1, conversion_rate: '100.00',
    avg_lead_score: 80, high_score_count: 1, avg_time_to_convert_days: null, avg_deal_value: null });
  // new: 2 contacts, still new, unconverted 0.00; score avg over the scored one = 40.
  expect(got.find((r) => r.status === 'new')).toMatchObject({ total_contacts: 2, new_contacts: 2, converted_contacts: 0,
    conversion_rate: '0.00', avg_lead_score: 40, high_score_count: 0 });
  // contacted with a won deal closed 04-11: converted, 10 days after 04-01 00:00; deal 1000.
  expect(got.find((r) => r.status === 'contacted')).toMatchObject({ converted_contacts: 1, conversion_rate: '100.00',
    avg_time_to_convert_days: 10, avg_deal_value: '1000.00' });
  await expectIdempotent('contact', 'contact_metrics', ws, 'status');
  await expectBackfillEqualsIncremental('contact', 'contact_metrics', ws, 'status', '2026-04-01', '2026-05-01');

  const doc = (o: Record<string, unknown>) => q(
    `INSERT INTO documents (workspace_id, name, type, status, owner_id, sent_at, signed_at, view_count, reminder_count, created_at)
     VALUES (:ws, 'Doc', 'contract', :status, :user, :sent, :signed, :views, :reminders, '2026-05-04T09:00:00Z')`,
    { ws, user, sent: null, signed: null, views: 0, reminders: 0, ...o },
  );
  // Sent 05-04 10:00, signed 05-05 16:00 (30 h), 3 views, 1 reminder; sent and viewed once, 2
  // reminders; a draft.
  await doc({ status: 'signed', sent: '2026-05-04T10:00:00Z', signed: '2026-05-05T16:00:00Z', views: 3, reminders: 1 });
  await doc({ status: 'viewed', sent: '2026-05-04T10:00:00Z', views: 1, reminders: 2 });
  await doc({ status: 'draft' });
  await runMetricEtl('document');
  await runMetricEtl('document', { from: '2026-05-01', to: '2026-06-01', workspaceId: ws });
  // 3 documents, 2 sent, 2 viewed, 1 signed: completion 1/2 = 50.00; 30 h; views (3+1+0)/3; reminders (1+2)/2 = 1.5.
  expect(await rows('document_metrics', ws, 'date')).toEqual([expect.objectContaining({ date: '2026-05-04',
    document_type: 'contract', owner_id: user, total_documents: 3, sent_documents: 2, viewed_documents: 2,
    signed_documents: 1, declined_documents: 0, expired_documents: 0, completion_rate: '50.00',
    avg_time_to_sign_hours: 30, avg_view_count: 4 / 3, avg_reminder_count: 1.5 })]);
  await expectIdempotent('document', 'document_metrics', ws, 'date');
  await expectBackfillEqualsIncremental('document', 'document_metrics', ws, 'date', '2026-05-01', '2026-06-01');
});

test('revenue_metrics: months, growth, forecast, and quota attainment', async () => {
  const { ws, user } = await workspace('revenue');
  const [{ team_id: team }] = await q<{ team_id: string }>(`SELECT team_id FROM users WHERE id = :user`, { user });
  const deal = (o: Record<string, unknown>) => q(
    `INSERT INTO deals (workspace_id, title, value, actual_value, probability, status, owner_id, actual_close_date, expected_close_date)
     VALUES (:ws, 'R', :value, :actual, :probability, :status, :user, :closed, :expected)`,
    { ws, user, actual: null, probability: null, closed: null, expected: null, status: 'won', ...o },
  );
  await deal({ value: 1000, closed: '2026-01-15' });
  await deal({ value: 1500, closed: '2026-02-10' });
  await deal({ value: 500, actual: 600, closed: '2026-02-20' });
  await deal({ value: 2000, probability: 25, status: 'open', expected: '2026-02-25' });
  await q(`INSERT INTO sales_quotas (workspace_id, user_id, quota_period, start_date, end_date, revenue_target)
           VALUES (:ws, :user, 'monthly', '2026-02-01', '2026-02-28', 3000)`, { ws, user });
  await runMetricEtl('revenue');
  await runMetricEtl('revenue', { from: '2026-01-01', to: '2026-04-01', workspaceId: ws });
  const got = await rows('revenue_metrics', ws, 'year, month');
  // No row for March (nothing won or expected). January: 1000, 1 deal, no previous month: growth NULL.
  expect(got.map((r) => r.month)).toEqual([1, 2]);
  expect(got[0]).toMatchObject({ year: 2026, quarter: 1, owner_id: user, team_id: team, pipeline_id: null,
    total_revenue: '1000.00', total_deals: 1, avg_deal_size: '1000.00', revenue_growth_rate: null, deal_growth_rate: null,
    forecasted_revenue: '0.00', pipeline_value: '0.00' });
  // February: 1500 + 600 (actual value) = 2100, 2 deals, avg 1050; growth (2100-1000)/1000 = 110.00,
  // deals (2-1)/1 = 100.00; open 2000 at 25 %: pipeline 2000, forecast 500.
  expect(got[1]).toMatchObject({ total_revenue: '2100.00', total_deals: 2, avg_deal_size: '1050.00',
    revenue_growth_rate: '110.00', deal_growth_rate: '100.00', forecasted_revenue: '500.00', pipeline_value: '2000.00' });
  // Quota: 2100 of 3000 = 70.00 %.
  const [quota] = await q(quotaAttainmentSql, { workspaceId: ws, from: '2026-02-01', to: '2026-03-01' });
  expect(quota).toMatchObject({ revenue: '2100.00', attainment_pct: '70.00' });
  await expectIdempotent('revenue', 'revenue_metrics', ws, 'year, month');
  await expectBackfillEqualsIncremental('revenue', 'revenue_metrics', ws, 'year, month', '2026-01-01', '2026-04-01');
});

test('npm run etl: a backfill draws its bar month by month; bad arguments exit 2 and write nothing', async () => {
  const { ws, user } = await workspace('cli');
  await q(`INSERT INTO emails (workspace_id, owner_id, to_email, status, sent_at) VALUES
             (:ws, :user, 'a@y.test', 'sent', '2026-07-15T10:00:00Z'), (:ws, :user, 'b@y.test', 'sent', '2026-08-02T10:00:00Z')`, { ws, user });
  const etl = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/etl.ts', ...args], {
    env: { ...process.env }, encoding: 'utf8', timeout: 60_000,
  });
  for (const [args, message] of [
    [['--metric', 'email', '--from', '2026-08-01', '--to', '2026-07-01', '--workspace', ws], /--from \(2026-08-01\) must be before --to/],
    [['--metric', 'email', '--from', '2026-07-01', '--to', '2026-09-01', '--workspace', '5b0c4a36-0c4b-4d5e-9f6a-1b2c3d4e5f60'], /no workspace with id/],
  ] as const) {
    const bad = etl(...args);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(message);
    expect(bad.stderr).toMatch(/usage: npm run etl -- --metric/);
  }
  expect(await rows('email_metrics', ws, 'date')).toEqual([]);

  // Not a terminal here: the bar prints one plain line per step (on a terminal, one line redrawn).
  const good = etl('--metric', 'email', '--from', '2026-07-01', '--to', '2026-09-01', '--workspace', ws);
  expect(good.status).toBe(0);
  expect(good.stdout.trim().split('\n')).toEqual([
    expect.stringMatching(/^email +\[-{30}\] 0\/2 2026-07-01$/),
    expect.stringMatching(/^email +\[#{15}-{15}\] 1\/2 2026-08-01$/),
    expect.stringMatching(/^email +\[#{30}\] 2\/2 2 rows upserted, 0 deleted$/),
  ]);
  expect((await rows('email_metrics', ws, 'date')).map((r) => [r.date, r.sent])).toEqual([['2026-07-15', 1], ['2026-08-02', 1]]);
}, 180_000); // three CLI processes, each starting TypeScript

test('the metrics-etl job validates its payload, and every metric has a schedule', () => {
  expect(metricsEtlJob.payloadSchema.safeParse({ metric: 'email', from: '2026-01-01', to: '2026-02-01' }).success).toBe(true);
  expect(metricsEtlJob.payloadSchema.safeParse({ metric: 'nope' }).success).toBe(false);
  expect(metricsEtlJob.payloadSchema.safeParse({ metric: 'email', from: '2026-01-01' }).success).toBe(false);
  expect(metricsEtlJob.payloadSchema.safeParse({ metric: 'email', from: '2026-02-30', to: '2026-03-01' }).success).toBe(false);
  const scheduled = SCHEDULES.filter((s) => s.job === 'metrics-etl').map((s) => (s.data as { metric: string }).metric).sort();
  expect(scheduled).toEqual(['activity', 'call', 'contact', 'document', 'email', 'pipeline', 'revenue']);
});
