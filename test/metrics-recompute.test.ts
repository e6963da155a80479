/**
 * "Recompute" on the metric tables, through the panel's HTTP API against the real app,
 * PostgreSQL and Redis: an admin queues the metrics-etl job over the days asked for (seen in the
 * queue monitor), a sales rep and a manager are refused (403), a policy granting it only on
 * one's own rows is not enough, a bad range is refused with nothing queued, and the queued job's
 * processor writes the rows of those days (worked out by hand below) and none outside them.
 */
import { Worker, type Job } from 'bullmq';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { metricsEtlJob } from '../src/jobs/metrics-etl.job.js';
import { closeQueues, queueFor, redisConnection } from '../src/jobs/queues.js';
import { config } from '../src/config.js';
import { PanelClient, startPanel, type Panel } from './helpers/panel-client.js';
import { makeUser } from './helpers/users.js';

type Row = Record<string, unknown>;
const select = <T extends object = Row>(sql: string, replacements: Row = {}) =>
  sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });

const stamp = Date.now().toString(36);
const PASSWORD = 'recompute-pw-1';
const ROLE = `metrics_own_${stamp}`;
let panel: Panel;
let acme: string;
const clients: Record<string, PanelClient> = {};
const recompute = (table: string) => `/admin/api/resources/${table}/actions/recompute`;

async function loggedIn(email: string, password = 'demo-password'): Promise<PanelClient> {
  const client = new PanelClient(panel.url);
  const result = await client.login(email, password);
  if (!result.ok) throw new Error(`login ${email} failed (${result.status})`);
  return client;
}

/** Every recompute job in the metrics-etl queue, whatever its state (scheduled runs are not ours to count). */
async function queuedJobs(): Promise<Job[]> {
  const jobs = await queueFor('metrics-etl').getJobs(['waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed']);
  return jobs.filter((job) => job.id?.startsWith('metrics-etl-recompute-'));
}

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  [{ id: acme }] = await select<{ id: string }>(`SELECT id FROM workspaces WHERE slug = 'acme'`);
  // A role that may read email metrics and "recompute" them, but only for its own rows.
  await sequelize.query(`INSERT INTO roles (name, permissions) VALUES (:name, :permissions::jsonb)`, {
    replacements: {
      name: ROLE,
      permissions: JSON.stringify({ resources: { email_metrics: { list: 'own', show: 'own', recompute: 'own' } } }),
    },
  });
  await makeUser(`own-metrics-${stamp}@acme.example`, { password: PASSWORD, role: ROLE });
  panel = await startPanel();
  for (const email of ['admin@acme.example', 'rep@acme.example', 'manager@acme.example']) clients[email] = await loggedIn(email);
  clients.own = await loggedIn(`own-metrics-${stamp}@acme.example`, PASSWORD);
});

afterAll(async () => {
  await Promise.all((await queuedJobs()).map((job) => job.remove().catch(() => undefined)));
  await sequelize.query(`DELETE FROM email_metrics WHERE workspace_id = :acme AND date BETWEEN '2019-06-01' AND '2019-06-30'`, { replacements: { acme } });
  await sequelize.query(`DELETE FROM emails WHERE workspace_id = :acme AND to_email LIKE :pattern`, { replacements: { acme, pattern: `%@recompute-${stamp}.test` } });
  await sequelize.query(`DELETE FROM users WHERE email = :email`, { replacements: { email: `own-metrics-${stamp}@acme.example` } });
  await sequelize.query(`DELETE FROM roles WHERE name = :name`, { replacements: { name: ROLE } });
  await panel.close();
  await closeQueues();
  await sequelize.close();
});

test('an admin queues the recompute of the days asked for, both included; the queue monitor shows the job', async () => {
  const admin = clients['admin@acme.example'];
  const opened = await admin.get(recompute('call_metrics'));
  expect(opened.status).toBe(200);
  expect(opened.body.maxDays).toBe(3 * 366);

  const res = await admin.post(recompute('call_metrics'), { from: '2026-01-01', to: '2026-01-31' });
  expect(res.status).toBe(200);
  expect(res.body.notice).toMatchObject({ type: 'success', message: expect.stringContaining(`queued (job ${res.body.jobId})`) });
  const job = await queueFor('metrics-etl').getJob(res.body.jobId);
  // The ETL's range is half-open: the 31st included means up to (not including) Feb 1.
  expect(job?.data).toEqual({ metric: 'call', from: '2026-01-01', to: '2026-02-01', workspaceId: acme });
  expect(await job!.getState()).toBe('waiting');

  // Asked again while it waits: not queued twice.
  const again = await admin.post(recompute('call_metrics'), { from: '2026-01-01', to: '2026-01-31' });
  expect(again.body.notice).toMatchObject({ type: 'info', message: expect.stringMatching(/already queued/) });
  expect((await queuedJobs()).filter((j) => j.id === res.body.jobId)).toHaveLength(1);

  const [audit] = await select<{ n: string }>(
    `SELECT count(*) AS n FROM audit_logs WHERE resource_type = 'call_metrics' AND user_email = 'admin@acme.example'
        AND description = 'Queued a recompute of call_metrics from 2026-01-01 to 2026-01-31 (31 days)'`,
  );
  expect(Number(audit!.n)).toBe(1);

  const monitor = await admin.get('/admin/queues/api/queues?activeQueue=metrics-etl&status=waiting&page=1&jobsPerPage=50');
  expect(monitor.status).toBe(200);
  const queue = (monitor.body.queues as { name: string; jobs: { id: string }[] }[]).find((q) => q.name === 'metrics-etl');
  expect(queue?.jobs.map((j) => j.id)).toContain(res.body.jobId);
});

test('a sales rep and a manager are refused (403); recompute on own rows only is not enough; nothing is queued', async () => {
  const before = (await queuedJobs()).length;
  for (const email of ['rep@acme.example', 'manager@acme.example']) {
    // They may read the metric table…
    expect((await clients[email].get('/admin/api/resources/email_metrics/actions/list')).status).toBe(200);
    // …but not recompute it, neither open the action nor post it.
    expect((await clients[email].get(recompute('email_metrics'))).status).toBe(403);
    const post = await clients[email].post(recompute('email_metrics'), { from: '2026-01-01', to: '2026-01-02' });
    expect(post.status).toBe(403);
    expect(post.body.notice).toMatchObject({ type: 'error', message: 'You may not recompute email metrics' });
  }
  // The policy lets this role through the API guard, the action itself wants the workspace scope.
  const own = await clients.own.post(recompute('email_metrics'), { from: '2026-01-01', to: '2026-01-02' });
  expect(own.body.jobId).toBeUndefined();
  expect(own.body.notice).toMatchObject({ type: 'error' });
  expect((await queuedJobs()).length).toBe(before);

  const [refusals] = await select<{ n: string }>(
    `SELECT count(*) AS n FROM security_logs WHERE user_email = 'rep@acme.example' AND description = 'Refused recompute on email_metrics'`,
  );
  expect(Number(refusals!.n)).toBeGreaterThanOrEqual(2);
  // Read-only stays read-only for an admin: recompute is not a door to hand edits.
  expect((await clients['admin@acme.example'].post('/admin/api/resources/email_metrics/actions/new', { sent: '5' })).status).toBe(403);
});

test('a bad range is refused with a clear message and queues nothing', async () => {
  const admin = clients['admin@acme.example'];
  const before = (await queuedJobs()).length;
  const cases: [Record<string, string>, RegExp][] = [
    [{ from: '2026-02-01', to: '2026-01-31' }, /"From" \(2026-02-01\) is after "To" \(2026-01-31\)/],
    [{ from: '2026-02-30', to: '2026-03-01' }, /"From" must be a date YYYY-MM-DD/],
    [{ from: '2026-01-01', to: 'tomorrow' }, /"To" must be a date YYYY-MM-DD, not "tomorrow"/],
    [{ from: '2026-01-01' }, /Give both dates/],
    [{ from: '2020-01-01', to: '2023-01-03' }, /covers 1099 days; at most 1098/],
  ];
  for (const [form, message] of cases) {
    const res = await admin.post(recompute('email_metrics'), form);
    expect(res.status).toBe(200);
    expect(res.body.notice).toMatchObject({ type: 'error', message: expect.stringMatching(message) });
    expect(res.body.jobId).toBeUndefined();
  }
  // Three years to the day is accepted (the cap is not off by one): then removed again.
  const longest = await admin.post(recompute('email_metrics'), { from: '2020-01-01', to: '2023-01-02' });
  expect(longest.body.notice.type).toBe('success');
  await (await queueFor('metrics-etl').getJob(longest.body.jobId))!.remove();
  expect((await queuedJobs()).length).toBe(before);
});

test('the queued job, run by its processor, writes the rows of the days asked for and of no other day', async () => {
  const admin = clients['admin@acme.example'];
  const [{ id: owner }] = await select<{ id: string }>(`SELECT id FROM users WHERE email = 'admin@acme.example'`);
  const email = async (sentAt: string, bouncedAt: string | null = null) => (await select<{ id: string }>(
    `INSERT INTO emails (workspace_id, owner_id, to_email, status, sent_at, bounced_at)
     VALUES (:acme, :owner, :to, 'sent', :sentAt, :bouncedAt) RETURNING id`,
    { acme, owner, to: `x${Math.random().toString(36).slice(2)}@recompute-${stamp}.test`, sentAt, bouncedAt },
  ))[0]!.id;
  // 2019-06-10: three sent, one bounced, one opened twice and clicked. 2019-06-11: one sent (the
  // day after the range). 2019-06-09: one sent (the day before).
  const opened = await email('2019-06-10T08:00:00Z');
  await email('2019-06-10T09:00:00Z', '2019-06-10T09:01:00Z');
  await email('2019-06-10T23:59:59Z');
  await email('2019-06-11T00:00:00Z');
  await email('2019-06-09T23:59:59Z');
  for (const type of ['opened', 'opened', 'clicked']) {
    await sequelize.query(
      `INSERT INTO email_events (workspace_id, email_id, event_type, link_url) VALUES (:acme, :opened, :type, CASE WHEN :type = 'clicked' THEN 'https://x.test' END)`,
      { replacements: { acme, opened, type } },
    );
  }

  // The queue holds only this job, taken as a worker takes it (manually, so no other processor runs).
  await Promise.all((await queuedJobs()).map((j) => j.remove()));
  const res = await admin.post(recompute('email_metrics'), { from: '2019-06-10', to: '2019-06-10' });
  expect(res.body.notice.type).toBe('success');
  const worker = new Worker('metrics-etl', null, { connection: redisConnection({ worker: true }), prefix: config.queuePrefix });
  try {
    const token = `test-${stamp}`;
    const job = (await worker.getNextJob(token)) as Job;
    expect(job.id).toBe(res.body.jobId);
    const result = await metricsEtlJob.process(job);
    expect(result).toMatchObject({ metric: 'email', mode: 'range', upserted: 1, deleted: 0 });
    await job.moveToCompleted(result, token, false);
    expect(await job.getState()).toBe('completed');
  } finally {
    await worker.close();
  }

  const rows = await select(
    `SELECT date::text, user_id, sent, bounced, delivered, opened, clicked, unique_opens, unique_clicks, open_rate, click_rate, bounce_rate
       FROM email_metrics WHERE workspace_id = :acme AND date BETWEEN '2019-06-01' AND '2019-06-30' ORDER BY date`,
    { acme },
  );
  // sent 3, bounced 1, delivered 3 - 1 = 2, opens 2, clicks 1, unique opens 1, unique clicks 1;
  // open rate 1/2 = 50.00, click rate 1/2 = 50.00, bounce rate 1/3 = 33.33. The 9th and 11th: no rows.
  expect(rows).toEqual([{
    date: '2019-06-10', user_id: owner, sent: 3, bounced: 1, delivered: 2, opened: 2, clicked: 1, unique_opens: 1,
    unique_clicks: 1, open_rate: '50.00', click_rate: '50.00', bounce_rate: '33.33',
  }]);

  // Done (kept a while for the monitor): asking again queues it again under the same id.
  const rerun = await admin.post(recompute('email_metrics'), { from: '2019-06-10', to: '2019-06-10' });
  expect(rerun.body).toMatchObject({ jobId: res.body.jobId, notice: { type: 'success' } });
  expect(await (await queueFor('metrics-etl').getJob(rerun.body.jobId))!.getState()).toBe('waiting');
});
