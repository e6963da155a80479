/**
 * S0 daily flows through the panel's API, as the roles that do them: staff log an outreach
 * (company suggested from accounts), log the posting it led to, share it with several Builders
 * and move their statuses; an admin reads the activity page. Refusals (a Builder shared twice,
 * a missing title, another staff member's outreach, a role without S0 rights) answer with a
 * clear message and write nothing.
 */
import { randomUUID } from 'node:crypto';
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { PanelClient, startPanel, type Panel } from './helpers/panel-client.js';
import { makeUser } from './helpers/users.js';
import { select, one, count } from './helpers/sql.js';

let panel: Panel;
let staff: PanelClient;
let otherStaff: PanelClient;
let admin: PanelClient;
let rep: PanelClient;

async function client(email: string): Promise<PanelClient> {
  const c = new PanelClient(panel.url);
  if (!(await c.login(email)).ok) throw new Error(`login ${email} failed`);
  return c;
}

const tag = randomUUID().slice(0, 8);

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  panel = await startPanel();
  await makeUser(`staff2-${tag}@acme.example`, { password: 'demo-password', role: 'staff' });
  [staff, otherStaff, admin, rep] = await Promise.all([
    client('staff@acme.example'), client(`staff2-${tag}@acme.example`), client('admin@acme.example'), client('rep@acme.example'),
  ]);
});

afterAll(async () => {
  await panel.close();
  await sequelize.close();
});

const logOutreach = (c: PanelClient, form: Record<string, string>) => c.post('/admin/api/resources/outreach/actions/logOutreach', form);
const recordAction = (c: PanelClient, table: string, id: string, action: string, form?: Record<string, string>) =>
  form ? c.post(`/admin/api/resources/${table}/records/${id}/${action}`, form) : c.get(`/admin/api/resources/${table}/records/${id}/${action}`);

describe('flow 1: outreach -> job posting -> Builders', () => {
  let outreachId: string;
  let postingId: string;
  const company = `Acme Robotics ${tag}`;

  test('the company is suggested from the workspace accounts as staff type it', async () => {
    await sequelize.query(`INSERT INTO accounts (workspace_id, name) SELECT id, :company FROM workspaces WHERE slug = 'acme'`, { replacements: { company } });
    await sequelize.query(`INSERT INTO accounts (workspace_id, name) SELECT id, :company FROM workspaces WHERE slug = 'globex'`, { replacements: { company: `${company} Globex` } });
    const res = await staff.get(`/admin/api/resources/outreach/actions/logOutreach?suggest=company_name&q=${encodeURIComponent(`robotics ${tag}`)}`);
    expect(res.status).toBe(200);
    expect(res.body.suggestions).toEqual([company]);
  });

  test('staff log an outreach with a short form: theirs, attempted, dated today, audited', async () => {
    const staffId = (await one<{ id: string }>(`SELECT id FROM users WHERE email = 'staff@acme.example'`)).id;
    const res = await logOutreach(staff, { company_name: company, contact_name: 'Grace Hopper', contact_method: 'linkedin', outreach_date: '', status: '', notes: '' });
    expect(res.body.notice).toEqual({ message: `Outreach to ${company} logged`, type: 'success' });
    const row = await one<{ id: string; staff_user_id: string; status: string; today: boolean }>(
      `SELECT id, staff_user_id, status, outreach_date = (now() AT TIME ZONE 'UTC')::date AS today FROM outreach WHERE company_name = :company`, { company },
    );
    expect(row).toMatchObject({ staff_user_id: staffId, status: 'attempted', today: true });
    expect(res.body.redirectUrl).toContain(`/resources/outreach/records/${row.id}/show`);
    expect(await count(`SELECT count(*) AS n FROM audit_logs WHERE resource_id = :id AND action = 'create'`, { id: row.id })).toBe(1);
    outreachId = row.id;
  });

  test('a bad outreach is refused with every problem named, nothing written', async () => {
    const before = await count(`SELECT count(*) AS n FROM outreach`);
    const res = await logOutreach(staff, { company_name: ' ', contact_method: 'pigeon', outreach_date: '2026-13-45' });
    expect(res.body.notice.type).toBe('error');
    expect(res.body.notice.message).toMatch(/company is required.*contact method "pigeon".*date "2026-13-45"/);
    expect(await count(`SELECT count(*) AS n FROM outreach`)).toBe(before);
  });

  test('"Log job posting" prefills the company and links the posting to the outreach', async () => {
    const opened = await recordAction(staff, 'outreach', outreachId, 'logJobPosting');
    expect(opened.body.defaults).toEqual({ company_name: company });
    const refused = await recordAction(staff, 'outreach', outreachId, 'logJobPosting', { job_title: '', company_name: company });
    expect(refused.body.notice).toEqual({ message: 'Job posting not logged: job title is required', type: 'error' });
    expect(await count(`SELECT count(*) AS n FROM job_postings WHERE outreach_id = :outreachId`, { outreachId })).toBe(0);

    const res = await recordAction(staff, 'outreach', outreachId, 'logJobPosting', { job_title: 'Robot Whisperer', company_name: company, location: 'Remote' });
    expect(res.body.notice.type).toBe('success');
    const posting = await one<{ id: string; source: string; company_name: string; status: string }>(
      `SELECT id, source, company_name, status FROM job_postings WHERE outreach_id = :outreachId`, { outreachId },
    );
    expect(posting).toMatchObject({ source: 'outreach', company_name: company, status: 'new' });
    expect((await one<{ status: string }>(`SELECT status FROM outreach WHERE id = :outreachId`, { outreachId })).status).toBe('opportunity_created');
    postingId = posting.id;
  });

  test('another staff member cannot log a posting on this outreach (not in their scope), nothing written', async () => {
    const res = await recordAction(otherStaff, 'outreach', outreachId, 'logJobPosting', { job_title: 'Sneaky', company_name: company });
    expect(res.status === 403 || res.status === 404 || res.body.notice?.type === 'error').toBe(true);
    expect(await count(`SELECT count(*) AS n FROM job_postings WHERE job_title = 'Sneaky'`)).toBe(0);
  });

  test('a sales rep may not log outreach at all (403, logged)', async () => {
    const res = await logOutreach(rep, { company_name: 'Nope Inc' });
    expect(res.status).toBe(403);
    expect(await count(`SELECT count(*) AS n FROM outreach WHERE company_name = 'Nope Inc'`)).toBe(0);
  });

  test('"Share with builders" adds several at once; a duplicate is refused by the unique constraint, naming who', async () => {
    const res = await recordAction(staff, 'job_postings', postingId, 'shareWithBuilders', { builder_names: 'Ada Lovelace\nAlan Turing\n\n', notes: '' });
    expect(res.body.notice).toEqual({ message: 'Shared with 2 Builders: Ada Lovelace, Alan Turing', type: 'success' });
    expect((await one<{ status: string }>(`SELECT status FROM job_postings WHERE id = :postingId`, { postingId })).status).toBe('shared_with_builders');

    const dup = await recordAction(staff, 'job_postings', postingId, 'shareWithBuilders', { builder_names: 'Katherine Johnson\nAlan Turing' });
    expect(dup.body.notice).toEqual({ message: 'Not shared: this posting is already shared with Alan Turing; nothing was added', type: 'error' });
    expect(await count(`SELECT count(*) AS n FROM job_posting_builders WHERE job_posting_id = :postingId`, { postingId })).toBe(2);

    const twice = await recordAction(staff, 'job_postings', postingId, 'shareWithBuilders', { builder_names: 'Mary, Mary' });
    expect(twice.body.notice).toEqual({ message: 'Not shared: Mary listed twice', type: 'error' });
    expect(await count(`SELECT count(*) AS n FROM job_posting_builders WHERE job_posting_id = :postingId`, { postingId })).toBe(2);
  });

  test("each Builder's status is updated from the posting; the posting follows", async () => {
    const opened = await recordAction(staff, 'job_postings', postingId, 'builderProgress');
    const ada = opened.body.builders.find((b: { builder_name: string }) => b.builder_name === 'Ada Lovelace');
    const res = await recordAction(staff, 'job_postings', postingId, 'builderProgress', { statuses: JSON.stringify({ [ada.id]: 'interview' }) });
    expect(res.body.notice).toEqual({ message: 'Updated Ada Lovelace: interview', type: 'success' });
    expect((await one<{ status: string }>(`SELECT status FROM job_posting_builders WHERE id = :id`, { id: ada.id })).status).toBe('interview');
    expect((await one<{ status: string }>(`SELECT status FROM job_postings WHERE id = :postingId`, { postingId })).status).toBe('interview_stage');

    const bad = await recordAction(staff, 'job_postings', postingId, 'builderProgress', { statuses: JSON.stringify({ [ada.id]: 'astronaut' }) });
    expect(bad.body.notice.type).toBe('error');
    expect(bad.body.notice.message).toContain('"astronaut" is not a Builder status');
    expect((await one<{ status: string }>(`SELECT status FROM job_posting_builders WHERE id = :id`, { id: ada.id })).status).toBe('interview');
  });

  test('flow 3: the admin activity page counts outreach per staff and week, sourcing and placements; staff are refused', async () => {
    const res = await admin.get('/admin/api/pages/outreachActivity');
    expect(res.status).toBe(200);
    const staffId = (await one<{ id: string }>(`SELECT id FROM users WHERE email = 'staff@acme.example'`)).id;
    const week = (await one<{ w: string }>(`SELECT to_char(date_trunc('week', now() AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS w`)).w;
    const expected = await select<{ status: string; n: number }>(
      `SELECT status::text, count(*)::int AS n FROM outreach WHERE staff_user_id = :staffId AND date_trunc('week', outreach_date) = :week::date GROUP BY 1`,
      { staffId, week },
    );
    const row = res.body.outreachByWeek.find((r: { staff_user_id: string; week: string }) => r.staff_user_id === staffId && r.week === week);
    expect(row.by_status).toEqual(Object.fromEntries(expected.map((e) => [e.status, e.n])));
    const sourcing = res.body.postingsBySource.find((r: { staff_user_id: string }) => r.staff_user_id === staffId);
    expect(sourcing.by_source.outreach).toBeGreaterThanOrEqual(1);
    const placement = res.body.placements.find((p: { job_posting_id: string }) => p.job_posting_id === postingId);
    expect(placement).toMatchObject({ total: 2, by_status: { interview: 1, shared: 1 } });

    const refused = await staff.get('/admin/api/pages/outreachActivity');
    expect(refused.body.error).toMatch(/Only admins/);
    expect(refused.body.outreachByWeek).toBeUndefined();
  });
});

test('flow 2: a posting found on a job board needs no outreach', async () => {
  const res = await staff.create('job_postings', { job_title: `Board find ${tag}`, company_name: 'Initech', source: 'job_board' });
  expect(res.body.notice?.type).toBe('success');
  const row = await one<{ outreach_id: string | null; source: string }>(`SELECT outreach_id, source FROM job_postings WHERE job_title = :t`, { t: `Board find ${tag}` });
  expect(row).toEqual({ outreach_id: null, source: 'job_board' });
});
