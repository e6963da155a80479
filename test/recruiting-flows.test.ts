/**
 * S1 daily flows through the panel's API as a recruiter (and a sales rep for the lead): change an
 * application's status with remarks (the timeline row), approve it, post to its chat, work "My
 * Action Queue", read the Hot Drops, convert a lead to a client. Refusals — a recruiter of
 * another workspace or of another job, a lead converted already, empty input — answer with a
 * clear message and write nothing.
 */
import { randomUUID } from 'node:crypto';
import { sequelize } from '../src/db.js';
import { hashPassword } from '../src/domain/auth/passwords.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { PanelClient, startPanel, type Panel } from './helpers/panel-client.js';
import { makeUser } from './helpers/users.js';
import { select, one, count } from './helpers/sql.js';

let panel: Panel;
let recruiter: PanelClient;
let otherRecruiter: PanelClient;
let globexRecruiter: PanelClient;
let rep: PanelClient;
let recruiterId: string;
let acme: string;
let applicationId: string;
let candidateId: string;
let jobId: string;
const tag = randomUUID().slice(0, 8);

const act = (c: PanelClient, table: string, id: string, action: string, form?: Record<string, string>) =>
  form ? c.post(`/admin/api/resources/${table}/records/${id}/${action}`, form) : c.get(`/admin/api/resources/${table}/records/${id}/${action}`);

async function client(email: string): Promise<PanelClient> {
  const c = new PanelClient(panel.url);
  if (!(await c.login(email)).ok) throw new Error(`login ${email} failed`);
  return c;
}

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  panel = await startPanel();
  await makeUser(`recruiter2-${tag}@acme.example`, { password: 'demo-password', role: 'recruiter' });
  // A recruiter of the other workspace.
  await sequelize.query(
    `WITH u AS (INSERT INTO users (workspace_id, email, password_hash, first_name)
                SELECT id, :email, :hash, 'Globex recruiter' FROM workspaces WHERE slug = 'globex' RETURNING id, workspace_id)
     INSERT INTO user_roles (workspace_id, user_id, role_id) SELECT u.workspace_id, u.id, r.id FROM u, roles r WHERE r.name = 'recruiter'`,
    { replacements: { email: `recruiter-${tag}@globex.example`, hash: await hashPassword('demo-password') } },
  );
  ({ id: recruiterId, workspace_id: acme } = await one<{ id: string; workspace_id: string }>(`SELECT id, workspace_id FROM users WHERE email = 'recruiter@acme.example'`));
  ({ id: candidateId } = await one<{ id: string }>(
    `INSERT INTO users (workspace_id, email, password_hash, first_name, last_name) VALUES (:acme, :email, 'x', 'Cara', 'Candidate') RETURNING id`,
    { acme, email: `cara-${tag}@candidates.test` },
  ));
  await sequelize.query(`INSERT INTO candidate_profiles (user_id, workspace_id, skills) VALUES (:candidateId, :acme, '["React"]')`, { replacements: { candidateId, acme } });
  ({ id: jobId } = await one<{ id: string }>(
    `INSERT INTO jobs (workspace_id, title, assigned_recruiter_id, status) VALUES (:acme, :title, :recruiterId, 'sourcing') RETURNING id`,
    { acme, title: `React dev ${tag}`, recruiterId },
  ));
  ({ id: applicationId } = await one<{ id: string }>(
    `INSERT INTO applications (workspace_id, job_id, candidate_id) VALUES (:acme, :jobId, :candidateId) RETURNING id`, { acme, jobId, candidateId },
  ));
  [recruiter, otherRecruiter, globexRecruiter, rep] = await Promise.all([
    client('recruiter@acme.example'), client(`recruiter2-${tag}@acme.example`), client(`recruiter-${tag}@globex.example`), client('rep@acme.example'),
  ]);
});

afterAll(async () => {
  await panel.close();
  await sequelize.close();
});

const timeline = () => select<{ previous_status: string; new_status: string; changed_by: string; remarks: string }>(
  `SELECT previous_status, new_status, changed_by, remarks FROM application_timeline WHERE application_id = :applicationId ORDER BY created_at`, { applicationId },
);

describe('an application', () => {
  test("'Change status' with remarks writes the timeline with who and why", async () => {
    const before = (await timeline()).length;
    const res = await act(recruiter, 'applications', applicationId, 'changeStatus', { status: 'screening', follow_up_status: '', remarks: 'Strong React portfolio' });
    expect(res.body.notice).toEqual({ message: 'Status changed: new → screening', type: 'success' });
    const rows = await timeline();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toEqual({ previous_status: 'new', new_status: 'screening', changed_by: recruiterId, remarks: 'status: Strong React portfolio' });
  });

  test('a status change without remarks, or to the same status, is refused and writes nothing', async () => {
    const before = (await timeline()).length;
    const noRemarks = await act(recruiter, 'applications', applicationId, 'changeStatus', { status: 'interview', remarks: ' ' });
    expect(noRemarks.body.notice).toEqual({ message: 'Status not changed: remarks are required (they go on the timeline)', type: 'error' });
    const same = await act(recruiter, 'applications', applicationId, 'changeStatus', { status: 'screening', remarks: 'again' });
    expect(same.body.notice.type).toBe('error');
    const bogus = await act(recruiter, 'applications', applicationId, 'changeStatus', { status: 'hired!', remarks: 'x' });
    expect(bogus.body.notice.message).toContain('"hired!" is not one of');
    expect(await timeline()).toHaveLength(before);
    expect((await one<{ status: string }>(`SELECT status FROM applications WHERE id = :applicationId`, { applicationId })).status).toBe('screening');
  });

  test('a recruiter of another workspace, or of another job, is refused and nothing is written', async () => {
    const before = (await timeline()).length;
    for (const c of [globexRecruiter, otherRecruiter]) {
      const res = await act(c, 'applications', applicationId, 'changeStatus', { status: 'rejected', remarks: 'not mine' });
      expect(res.status === 403 || res.status === 404 || res.body.notice?.type === 'error').toBe(true);
      // Read under the action's row scope, the row is not there for them: nothing of it is shown.
      expect(res.body.notice?.message ?? '').toMatch(/cannot be found|may not/);
      expect(res.body.record?.params ?? {}).toEqual({});
      const approve = await act(c, 'applications', applicationId, 'approve', {});
      expect(approve.status === 403 || approve.status === 404 || approve.body.notice?.type === 'error').toBe(true);
      const message = await act(c, 'applications', applicationId, 'postMessage', { message_text: 'hello from elsewhere' });
      expect(message.status === 403 || message.status === 404 || message.body.notice?.type === 'error').toBe(true);
    }
    expect(await timeline()).toHaveLength(before);
    expect(await one(`SELECT status, is_recruiter_approved FROM applications WHERE id = :applicationId`, { applicationId }))
      .toEqual({ status: 'screening', is_recruiter_approved: false });
    expect(await count(`SELECT count(*) AS n FROM chat_messages WHERE application_id = :applicationId`, { applicationId })).toBe(0);
  });

  test("'Approve' sets is_recruiter_approved once", async () => {
    const res = await act(recruiter, 'applications', applicationId, 'approve', {});
    expect(res.body.notice).toEqual({ message: 'Application approved', type: 'success' });
    expect((await one<{ a: boolean }>(`SELECT is_recruiter_approved AS a FROM applications WHERE id = :applicationId`, { applicationId })).a).toBe(true);
    const again = await act(recruiter, 'applications', applicationId, 'approve', {});
    expect(again.body.notice).toEqual({ message: 'This application is approved already', type: 'error' });
  });

  test('a recruiter posts to the chat; an empty message is refused', async () => {
    const res = await act(recruiter, 'applications', applicationId, 'postMessage', { message_text: 'Are you free for a call on Monday?' });
    expect(res.body.notice).toEqual({ message: 'Message posted to the chat', type: 'success' });
    const empty = await act(recruiter, 'applications', applicationId, 'postMessage', { message_text: '   ' });
    expect(empty.body.notice).toEqual({ message: 'Message not sent: it is empty', type: 'error' });
    const rows = await select(`SELECT sender_type, message_text FROM chat_messages WHERE application_id = :applicationId`, { applicationId });
    expect(rows).toEqual([{ sender_type: 'recruiter', message_text: 'Are you free for a call on Monday?' }]);
    // The application's page lists the transcript through the chat's own list API.
    const chat = await recruiter.list('chat_messages', `filters.application_id=${applicationId}`);
    expect(chat.body.records.map((r: { params: { message_text: string } }) => r.params.message_text)).toEqual(['Are you free for a call on Monday?']);
  });

  test("a candidate's applications to several jobs are listed from the candidate's page", async () => {
    const { id: job2 } = await one<{ id: string }>(
      `INSERT INTO jobs (workspace_id, title, assigned_recruiter_id) VALUES (:acme, :title, :recruiterId) RETURNING id`, { acme, title: `Node dev ${tag}`, recruiterId },
    );
    await sequelize.query(`INSERT INTO applications (workspace_id, job_id, candidate_id) VALUES (:acme, :job2, :candidateId)`, { replacements: { acme, job2, candidateId } });
    const res = await recruiter.list('applications', `filters.candidate_id=${candidateId}`);
    expect(res.body.records.map((r: { params: { job_id: string } }) => r.params.job_id).sort()).toEqual([jobId, job2].sort());
    const profile = await recruiter.show('candidate_profiles', candidateId);
    expect(profile.status).toBe(200);
    expect(profile.body.record.params.user_id).toBe(candidateId);
  });

  test("the candidate's work history is listed for the recruiter of their application, not for another", async () => {
    await sequelize.query(
      `INSERT INTO candidate_work_history (workspace_id, profile_id, company_name, job_title) VALUES (:acme, :candidateId, :company, 'Engineer')`,
      { replacements: { acme, candidateId, company: `Initech ${tag}` } },
    );
    const mine = await recruiter.list('candidate_work_history', `filters.profile_id=${candidateId}`);
    expect(mine.status).toBe(200);
    expect(mine.body.records.map((r: { params: { company_name: string } }) => r.params.company_name)).toEqual([`Initech ${tag}`]);
    const theirs = await otherRecruiter.list('candidate_work_history', `filters.profile_id=${candidateId}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.records).toEqual([]);
  });
});

describe('My Action Queue', () => {
  test("lists the recruiter's open items by priority; Dismiss removes one; another's item is refused", async () => {
    const items = await select<{ id: string; priority: string }>(
      `INSERT INTO action_queue (workspace_id, user_id, type, title, priority, related_job_id)
       VALUES (:acme, :recruiterId, 'no_response', 'Low one ${tag}', 'low', :jobId),
              (:acme, :recruiterId, 'chat_followup', 'High one ${tag}', 'high', :jobId),
              (:acme, :recruiterId, 'new_matches', 'Medium one ${tag}', 'medium', NULL)
       RETURNING id, priority`,
      { acme, recruiterId, jobId },
    );
    const page = await recruiter.get('/admin/api/pages/myActionQueue');
    const mine = page.body.items.filter((i: { title: string }) => i.title.endsWith(tag));
    expect(mine.map((i: { priority: string }) => i.priority)).toEqual(['high', 'medium', 'low']);
    const ranks = page.body.items.map((i: { priority: string }) => ['high', 'medium', 'low'].indexOf(i.priority));
    expect(ranks).toEqual([...ranks].sort((a: number, b: number) => a - b));
    expect(mine[0].related_job_title).toBe(`React dev ${tag}`);

    const high = items.find((i) => i.priority === 'high')!;
    const refused = await act(otherRecruiter, 'action_queue', high.id, 'dismiss', {});
    expect(refused.status === 403 || refused.status === 404 || refused.body.notice?.type === 'error').toBe(true);
    expect((await one<{ d: boolean }>(`SELECT is_dismissed AS d FROM action_queue WHERE id = :id`, { id: high.id })).d).toBe(false);

    const res = await act(recruiter, 'action_queue', high.id, 'dismiss', {});
    expect(res.body.notice).toEqual({ message: 'Item dismissed', type: 'success' });
    const after = await recruiter.get('/admin/api/pages/myActionQueue');
    expect(after.body.items.some((i: { id: string }) => i.id === high.id)).toBe(false);
    const twice = await act(recruiter, 'action_queue', high.id, 'dismiss', {});
    expect(twice.body.notice).toEqual({ message: 'This item is dismissed already', type: 'error' });
  });
});

test('Hot Drops list only unexpired postings of the workspace', async () => {
  await sequelize.query(
    `INSERT INTO external_job_postings (workspace_id, original_url, title, fetched_at, expires_at) VALUES
       (:acme, :fresh, 'Fresh drop ${tag}', now() - interval '1 hour', now() + interval '23 hours'),
       (:acme, :stale, 'Stale drop ${tag}', now() - interval '2 days', now() - interval '1 day')`,
    { replacements: { acme, fresh: `https://jobs.test/${tag}/fresh`, stale: `https://jobs.test/${tag}/stale` } },
  );
  const res = await recruiter.get('/admin/api/pages/hotDrops');
  const titles = res.body.drops.map((d: { title: string }) => d.title);
  expect(titles).toContain(`Fresh drop ${tag}`);
  expect(titles).not.toContain(`Stale drop ${tag}`);
  for (const d of res.body.drops) expect(new Date(d.expires_at).getTime()).toBeGreaterThan(Date.now());
});

describe('a lead becomes a client', () => {
  test('converting creates an account with created_from_lead_id; converting again is refused, nothing written', async () => {
    const repId = (await one<{ id: string }>(`SELECT id FROM users WHERE email = 'rep@acme.example'`)).id;
    const { id: leadId } = await one<{ id: string }>(
      `INSERT INTO leads (workspace_id, owner_id, company_name, email, status) VALUES (:acme, :repId, :company, :email, 'negotiation') RETURNING id`,
      { acme, repId, company: `Wayne Enterprises ${tag}`, email: `bruce-${tag}@wayne.test` },
    );
    const opened = await act(rep, 'leads', leadId, 'convertToClient');
    expect(opened.body.defaults).toEqual({ client_name: `Wayne Enterprises ${tag}` });
    const res = await act(rep, 'leads', leadId, 'convertToClient', { client_name: `Wayne Enterprises ${tag}`, billing_address: '1007 Mountain Drive' });
    expect(res.body.notice).toEqual({ message: `Lead converted: client "Wayne Enterprises ${tag}" created`, type: 'success' });
    const account = await one<{ id: string; status: string; account_manager_id: string; billing_address: string }>(
      `SELECT id, status, account_manager_id, billing_address FROM accounts WHERE created_from_lead_id = :leadId`, { leadId },
    );
    expect(account).toMatchObject({ status: 'active', account_manager_id: repId, billing_address: '1007 Mountain Drive' });
    expect(res.body.redirectUrl).toContain(`/resources/accounts/records/${account.id}/show`);
    expect((await one<{ status: string }>(`SELECT status FROM leads WHERE id = :leadId`, { leadId })).status).toBe('converted');

    const again = await act(rep, 'leads', leadId, 'convertToClient', { client_name: 'Second try' });
    expect(again.body.notice).toEqual({ message: `Not converted: this lead is already the client "Wayne Enterprises ${tag}"`, type: 'error' });
    expect(await count(`SELECT count(*) AS n FROM accounts WHERE created_from_lead_id = :leadId OR name = 'Second try'`, { leadId })).toBe(1);
  });

  test('a recruiter (no rights on leads) is refused with 403', async () => {
    const { id: leadId } = await one<{ id: string }>(`SELECT id FROM leads WHERE workspace_id = :acme AND status <> 'converted' LIMIT 1`, { acme });
    const res = await act(recruiter, 'leads', leadId, 'convertToClient', { client_name: 'Nope' });
    expect(res.status).toBe(403);
    expect(await count(`SELECT count(*) AS n FROM accounts WHERE created_from_lead_id = :leadId`, { leadId })).toBe(0);
  });
});
