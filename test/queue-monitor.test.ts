/**
 * The queue monitor at /admin/queues, against the real app, PostgreSQL and Redis: behind the
 * panel's login, refused (403, logged) to users who are not admins, and for admins bull-board
 * over every queue of the job registry, with counts that follow what `enqueue` adds.
 */
import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { closeQueues, enqueue } from '../src/jobs/queues.js';
import { JOBS } from '../src/jobs/registry.js';
import { PanelClient, startPanel, type Panel } from './helpers/panel-client.js';
import { makeUser } from './helpers/users.js';

const PASSWORD = 'queue-monitor-pw-1';
const stamp = Date.now().toString(36);
let panel: Panel;
const added: Job[] = [];

async function loggedIn(email: string, password = PASSWORD): Promise<PanelClient> {
  const client = new PanelClient(panel.url);
  const result = await client.login(email, password);
  if (!result.ok) throw new Error(`login ${email} failed (${result.status})`);
  return client;
}

interface QueueInfo {
  name: string;
  counts: Record<string, number>;
  jobs: { id: string; data: unknown }[];
}

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  panel = await startPanel();
});

afterAll(async () => {
  // The run's other suites share these queues (same prefix): leave nothing waiting for their workers.
  await Promise.all(added.map((job) => job.remove().catch(() => undefined)));
  await panel.close();
  await closeQueues();
  await sequelize.close();
});

test('without a session the monitor and its API send the browser to the panel login', async () => {
  const anonymous = new PanelClient(panel.url);
  for (const path of ['/admin/queues', '/admin/queues/', '/admin/queues/api/queues', '/admin/queues/queue/csv-import']) {
    const res = await anonymous.get(path);
    expect(res.status).toBe(302);
    expect(res.location).toBe('/admin/login');
  }
});

test('a sales rep is refused with 403, and the refusal is in security_logs', async () => {
  const email = `qm-rep-${stamp}@acme.example`;
  await makeUser(email, { password: PASSWORD, role: 'sales_rep' });
  const rep = await loggedIn(email);
  // The panel itself is open to them: the refusal is the monitor's, not a broken session.
  expect((await rep.get('/admin/api/resources/contacts/actions/list')).status).toBe(200);

  const page = await rep.get('/admin/queues');
  expect(page.status).toBe(403);
  expect(page.body).not.toContain('__UI_CONFIG__');
  const api = await rep.get('/admin/queues/api/queues');
  expect(api.status).toBe(403);
  expect(api.body.queues).toBeUndefined();
  const write = await rep.request('POST', '/admin/queues/api/queues/csv-import/add', { name: 'x' });
  expect(write.status).toBe(403);

  const rows = await sequelize.query<{ event_type: string; user_email: string; details: { path: string } }>(
    `SELECT event_type, user_email, details FROM security_logs WHERE user_email = :email ORDER BY created_at`,
    { type: QueryTypes.SELECT, replacements: { email } },
  );
  const denials = rows.filter((r) => r.event_type === 'permission_denied');
  expect(denials.map((r) => r.details.path)).toEqual([
    '/admin/queues',
    '/admin/queues/api/queues',
    '/admin/queues/api/queues/csv-import/add',
  ]);
});

test('an admin gets the board, its assets, and every queue of the job registry', async () => {
  const email = `qm-admin-${stamp}@acme.example`;
  await makeUser(email, { password: PASSWORD, role: 'admin' });
  const admin = await loggedIn(email);

  const page = await admin.get('/admin/queues');
  expect(page.status).toBe(200);
  expect(typeof page.body).toBe('string');
  expect(page.body).toContain('<html');
  // bull-board's links and API calls are built from the base path it was given.
  expect(page.body).toContain('/admin/queues/');
  const script = /src="([^"]*static[^"]+\.js)"/.exec(page.body)?.[1];
  expect(script).toBeDefined();
  const asset = await fetch(new URL(script!, `${panel.url}/admin/queues/`), { headers: { cookie: admin.cookie! } });
  expect(asset.status).toBe(200);
  await asset.arrayBuffer();

  const api = await admin.get('/admin/queues/api/queues');
  expect(api.status).toBe(200);
  const names = (api.body.queues as QueueInfo[]).map((q) => q.name).sort();
  expect(names).toEqual(JOBS.map((job) => job.name).sort());

  // A path bull-board does not serve is a plain 404, not AdminJS's page.
  expect((await admin.get('/admin/queues/api/nothing-here')).status).toBe(404);
});

test('a root admin gets the board too', async () => {
  const root = await loggedIn('root@demo.example', process.env.DEMO_PASSWORD ?? 'demo-password');
  const api = await root.get('/admin/queues/api/queues');
  expect(api.status).toBe(200);
  expect(api.body.queues).toHaveLength(JOBS.length);
});

test('a job added with enqueue shows up in the counts and the job list', async () => {
  const admin = await loggedIn(`qm-admin-${stamp}@acme.example`);
  const waiting = async () => {
    const res = await admin.get('/admin/queues/api/queues?activeQueue=csv-import&status=waiting&page=1&jobsPerPage=50');
    expect(res.status).toBe(200);
    return (res.body.queues as QueueInfo[]).find((q) => q.name === 'csv-import')!;
  };
  const before = await waiting();
  const importId = randomUUID();
  // No worker runs in this suite: the job stays waiting.
  added.push(await enqueue('csv-import', { importId }));
  const after = await waiting();
  expect(after.counts.waiting).toBe(before.counts.waiting + 1);
  expect(after.jobs.map((j) => j.id)).toContain(`csv-import-${importId}`);
});

test('a role change takes effect on the next request: an admin made sales rep is refused', async () => {
  const email = `qm-demoted-${stamp}@acme.example`;
  const id = await makeUser(email, { password: PASSWORD, role: 'admin' });
  const client = await loggedIn(email);
  expect((await client.get('/admin/queues/api/queues')).status).toBe(200);
  await sequelize.query(
    `UPDATE user_roles SET role_id = (SELECT id FROM roles WHERE name = 'sales_rep') WHERE user_id = :id`,
    { replacements: { id } },
  );
  expect((await client.get('/admin/queues/api/queues')).status).toBe(403);
});
