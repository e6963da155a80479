/**
 * The sales-engagement (S4) and everyone's flows through the panel's API, as the people who use
 * them: an email's Send now and Cancel, a mailbox's Send test email (through the real pipe to an
 * in-process SMTP server), a contact's timeline under each viewer's scope, and My tasks with
 * Complete. Each refusal says why and writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { claimDueEmails } from '../src/domain/email/dispatch.js';
import { closeMailboxTransports } from '../src/domain/email/mailbox-transport.js';
import { sendEmail } from '../src/domain/email/send-email.js';
import { PanelClient, startPanel, type Panel } from './helpers/panel-client.js';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server.js';
import { select, one, idOf } from './helpers/sql.js';

let panel: Panel;
let smtp: TestSmtpServer;
const as: Record<string, PanelClient> = {};

let acme: string;
let rep: string;
let rep2: string;
let repMailbox: string;
const tag = randomUUID().slice(0, 8);

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  // Demo mailboxes send to SMTP_HOST:SMTP_PORT, which the test setup points at this server.
  smtp = await startSmtpServer();
  acme = await idOf(`SELECT id FROM workspaces WHERE slug = 'acme'`);
  rep = await idOf(`SELECT id FROM users WHERE email = 'rep@acme.example'`);
  rep2 = await idOf(`SELECT id FROM users WHERE email = 'rep2@acme.example'`);
  repMailbox = await idOf(`SELECT id FROM email_accounts WHERE user_id = :rep AND is_active LIMIT 1`, { rep });
  panel = await startPanel();
  for (const login of ['rep@acme.example', 'rep2@acme.example', 'admin@acme.example']) {
    as[login] = new PanelClient(panel.url);
    if (!(await as[login].login(login)).ok) throw new Error(`demo login ${login} failed`);
  }
});

afterAll(async () => {
  closeMailboxTransports();
  await panel?.close();
  await smtp?.close();
  await sequelize.close();
});

const recordAction = (login: string, table: string, id: string, action: string, form: Record<string, string> = {}) =>
  as[login].post(`/admin/api/resources/${table}/records/${id}/${action}`, form);

async function makeContact(owner = rep): Promise<string> {
  return idOf(
    `INSERT INTO contacts (workspace_id, first_name, last_name, email, owner_id) VALUES (:acme, 'Flow', :tag, :email, :owner) RETURNING id`,
    { acme, tag, email: `flow-${randomUUID().slice(0, 8)}@example.com`, owner },
  );
}

async function makeEmail(fields: { status?: string; scheduledAt?: string; owner?: string; contactId?: string | null } = {}): Promise<string> {
  return idOf(
    `INSERT INTO emails (workspace_id, email_account_id, owner_id, contact_id, to_email, subject, body_text, status, scheduled_at)
     VALUES (:acme, :repMailbox, :owner, :contactId, :to, :subject, 'Hello', :status, :scheduledAt::timestamptz) RETURNING id`,
    {
      acme, repMailbox, owner: fields.owner ?? rep, contactId: fields.contactId ?? null, to: `to-${randomUUID().slice(0, 8)}@example.com`,
      subject: `Flow ${tag}`, status: fields.status ?? 'scheduled', scheduledAt: fields.scheduledAt ?? '2099-01-01T09:00:00Z',
    },
  );
}

const emailRow = (id: string) => one<{ status: string; scheduled_at: Date; error_code: string | null; error_message: string | null }>(
  `SELECT status, scheduled_at, error_code, error_message FROM emails WHERE id = :id`, { id },
);
const auditCount = (id: string) => one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_logs WHERE resource_id = :id`, { id });

describe('an email: Send now and Cancel', () => {
  test('Send now makes a scheduled email due at once, audited; the GET that opens the page changes nothing', async () => {
    const id = await makeEmail();
    const opened = await as['rep@acme.example'].get(`/admin/api/resources/emails/records/${id}/sendNow`);
    expect(opened.status).toBe(200);
    expect((await emailRow(id)).scheduled_at.toISOString()).toBe('2099-01-01T09:00:00.000Z');

    const res = await recordAction('rep@acme.example', 'emails', id, 'sendNow');
    expect(res.body.notice).toEqual({ message: 'Email due now: the worker sends it within seconds', type: 'success' });
    const row = await emailRow(id);
    expect(row.status).toBe('scheduled');
    expect(Math.abs(row.scheduled_at.getTime() - Date.now())).toBeLessThan(60_000);
    expect((await auditCount(id)).n).toBe(1);
  });

  test('Cancel drops a scheduled email with the reason kept; a sent one is refused and left alone', async () => {
    const id = await makeEmail();
    const res = await recordAction('rep@acme.example', 'emails', id, 'cancel');
    expect(res.body.notice.type).toBe('success');
    expect(await emailRow(id)).toMatchObject({ status: 'dropped', error_code: 'cancelled', error_message: 'Cancelled by Rachel Kim' });

    const sent = await makeEmail({ status: 'sent' });
    const refused = await recordAction('rep@acme.example', 'emails', sent, 'cancel');
    expect(refused.body.notice).toEqual({ message: 'This email is sent: only a draft or scheduled email can be cancelled', type: 'error' });
    expect((await emailRow(sent)).status).toBe('sent');
    expect((await auditCount(sent)).n).toBe(0);

    const again = await recordAction('rep@acme.example', 'emails', id, 'sendNow');
    expect(again.body.notice).toEqual({ message: 'This email is dropped: only a draft or scheduled email can be sent now', type: 'error' });
  });

  test("cancelling a sequence step skips it: the enrollment's next step comes after its own delay", async () => {
    const contact = await makeContact();
    const sequence = await idOf(
      `INSERT INTO sequences (workspace_id, name, status, created_by) VALUES (:acme, :name, 'active', :rep) RETURNING id`,
      { acme, name: `Skip ${tag}`, rep },
    );
    const [step1] = await select<{ id: string }>(
      `INSERT INTO sequence_steps (workspace_id, sequence_id, step_number, subject, body, delay_days)
       VALUES (:acme, :sequence, 1, 'One', 'Hi', 0), (:acme, :sequence, 2, 'Two', 'Hi again', 3) RETURNING id`,
      { acme, sequence },
    );
    const enrollment = await idOf(
      `INSERT INTO sequence_enrollments (workspace_id, sequence_id, contact_id, user_id, email_account_id, current_step)
       VALUES (:acme, :sequence, :contact, :rep, :repMailbox, 1) RETURNING id`,
      { acme, sequence, contact, rep, repMailbox },
    );
    const email = await idOf(
      `INSERT INTO emails (workspace_id, email_account_id, owner_id, contact_id, sequence_id, sequence_step_id, enrollment_id,
                           to_email, subject, body_text, status, scheduled_at)
       SELECT :acme, :repMailbox, :rep, :contact, :sequence, :step, :enrollment, c.email, 'One', 'Hi', 'scheduled', now() + interval '1 hour'
         FROM contacts c WHERE c.id = :contact RETURNING id`,
      { acme, repMailbox, rep, contact, sequence, step: step1!.id, enrollment },
    );
    expect((await recordAction('rep@acme.example', 'emails', email, 'cancel')).body.notice.type).toBe('success');
    const en = await one<{ due_in_days: number; status: string }>(
      `SELECT round(extract(epoch FROM next_email_scheduled_at - now()) / 86400)::int AS due_in_days, status::text FROM sequence_enrollments WHERE id = :enrollment`,
      { enrollment },
    );
    expect(en).toEqual({ due_in_days: 3, status: 'active' });
  });

  test("a rep cannot cancel another rep's email: not found, nothing written", async () => {
    const theirs = await makeEmail({ owner: rep2 });
    const res = await recordAction('rep@acme.example', 'emails', theirs, 'cancel');
    // Read under the rep's own scope the row does not exist: AdminJS answers with its not-found notice.
    expect(res.body.notice).toEqual({ message: expect.stringContaining('cannot be found'), type: 'error' });
    expect((await emailRow(theirs)).status).toBe('scheduled');
  });
});

describe("a mailbox's Send test email", () => {
  test('goes through the pipe and arrives, untracked', async () => {
    const to = `test-${tag}@example.com`;
    const res = await recordAction('rep@acme.example', 'email_accounts', repMailbox, 'sendTest', { to });
    expect(res.body.notice).toEqual({ message: `Test email to ${to} is on its way`, type: 'success' });
    const email = await one<{ id: string; status: string; send_metadata: Record<string, unknown>; owner_id: string }>(
      `SELECT id, status, send_metadata, owner_id FROM emails WHERE to_email = :to`, { to },
    );
    expect(email).toMatchObject({ status: 'scheduled', send_metadata: { kind: 'test', track: false }, owner_id: rep });

    // The worker's two steps, run here: dispatch claims it, the sender sends it.
    const due = await claimDueEmails(1000);
    expect(due.map((d) => d.id)).toContain(email.id);
    expect((await sendEmail(email.id, 'job-test')).status).toBe('sent');
    const mail = await smtp.waitFor((m) => m.to.includes(to));
    expect(mail.parsed.subject).toMatch(/^Test email from /);
    // Not tracked: no open pixel, no rewritten links (the unsubscribe header stays).
    expect(mail.raw).not.toContain('/t/o/');
    expect(mail.raw).not.toContain('/t/c/');
  });

  test('a bad address or a paused mailbox is refused with nothing written', async () => {
    const bad = await recordAction('rep@acme.example', 'email_accounts', repMailbox, 'sendTest', { to: 'not-an-address' });
    expect(bad.body.notice).toEqual({ message: 'Enter a valid email address', type: 'error' });
    const paused = await idOf(
      `INSERT INTO email_accounts (workspace_id, user_id, provider, email, is_active) VALUES (:acme, :rep, 'smtp', :email, false) RETURNING id`,
      { acme, rep, email: `paused-${tag}@acme.example` },
    );
    const refused = await recordAction('rep@acme.example', 'email_accounts', paused, 'sendTest', { to: `x-${tag}@example.com` });
    expect(refused.body.notice).toEqual({ message: `Mailbox paused-${tag}@acme.example is paused: activate it before testing it`, type: 'error' });
    expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM emails WHERE to_email IN ('not-an-address', :x)`, { x: `x-${tag}@example.com` })).n).toBe(0);
  });
});

describe("a contact's timeline", () => {
  test('lists emails, their events, activities, tasks and enrollments newest first, each under the viewer\'s scope', async () => {
    const contact = await makeContact();
    const email = await makeEmail({ status: 'sent', contactId: contact, scheduledAt: new Date(Date.now() - 30 * 60_000).toISOString() });
    await sequelize.query(
      `INSERT INTO email_events (workspace_id, email_id, event_type, created_at) VALUES (:acme, :email, 'opened', now() - interval '1 hour');
       INSERT INTO activities (workspace_id, type, subject, owner_id, contact_id, occurred_at) VALUES
         (:acme, 'call', 'Intro call', :rep, :contact, now() - interval '2 hours'),
         (:acme, 'note', 'Their note', :rep2, :contact, now() - interval '3 hours');
       INSERT INTO tasks (workspace_id, title, assigned_to, contact_id, due_at) VALUES (:acme, 'Follow up', :rep, :contact, now() + interval '1 day')`,
      { replacements: { acme, email, rep, rep2, contact } },
    );
    const mine = await as['rep@acme.example'].get(`/admin/api/resources/contacts/records/${contact}/timeline`);
    expect(mine.status).toBe(200);
    const titles = mine.body.timeline.entries.map((e: { kind: string; title: string }) => `${e.kind}: ${e.title}`);
    // Newest first; the rep does not see rep2's note (activities are own-scoped for reps).
    expect(titles).toEqual([
      'task: Task: Follow up', // due in a day
      `email: Flow ${tag}`, // 30 minutes ago
      `email_event: Opened: Flow ${tag}`, // an hour ago
      'activity: Call: Intro call', // two hours ago
    ]);

    const admin = await as['admin@acme.example'].get(`/admin/api/resources/contacts/records/${contact}/timeline`);
    expect(admin.body.timeline.entries.map((e: { title: string }) => e.title)).toContain('Note: Their note');
    expect(admin.body.timeline.entries).toHaveLength(5);
  });
});

describe('My tasks', () => {
  test('splits my open tasks into overdue, today and upcoming, and Complete closes one once', async () => {
    const [overdue, today, later] = await select<{ id: string }>(
      `INSERT INTO tasks (workspace_id, title, assigned_to, priority, due_at) VALUES
         (:acme, :a, :rep, 'high', now() - interval '3 days'),
         (:acme, :b, :rep, 'urgent', date_trunc('day', now()) + interval '23 hours 59 minutes'),
         (:acme, :c, :rep, 'low', now() + interval '5 days')
       RETURNING id`,
      { acme, rep, a: `Overdue ${tag}`, b: `Today ${tag}`, c: `Later ${tag}` },
    );
    const theirs = await idOf(`INSERT INTO tasks (workspace_id, title, assigned_to) VALUES (:acme, :t, :rep2) RETURNING id`, { acme, rep2, t: `Theirs ${tag}` });

    // The demo rep's time zone decides "today": make it UTC for this check.
    await sequelize.query(`UPDATE users SET timezone = 'UTC' WHERE id = :rep`, { replacements: { rep } });
    const page = await as['rep@acme.example'].get('/admin/api/pages/myTasks');
    const ids = (bucket: string) => page.body.tasks[bucket].map((t: { id: string }) => t.id);
    expect(ids('overdue')).toContain(overdue!.id);
    expect(ids('today')).toContain(today!.id);
    expect(ids('upcoming')).toContain(later!.id);
    expect([...ids('overdue'), ...ids('today'), ...ids('upcoming')]).not.toContain(theirs);
    expect(page.body.mayComplete).toBe(true);

    const done = await as['rep@acme.example'].post('/admin/api/pages/myTasks', { taskId: overdue!.id });
    expect(done.body.notice).toEqual({ message: 'Task completed', type: 'success' });
    expect(done.body.tasks.overdue.map((t: { id: string }) => t.id)).not.toContain(overdue!.id);
    expect(await one(`SELECT status::text, completed_at IS NOT NULL AS closed FROM tasks WHERE id = :id`, { id: overdue!.id }))
      .toEqual({ status: 'completed', closed: true });

    const twice = await as['rep@acme.example'].post('/admin/api/pages/myTasks', { taskId: overdue!.id });
    expect(twice.body.notice).toEqual({ message: 'This task is already completed', type: 'error' });
    const notMine = await as['rep@acme.example'].post('/admin/api/pages/myTasks', { taskId: theirs });
    expect(notMine.body.notice).toEqual({ message: 'This task does not exist, or it is not yours to complete', type: 'error' });
    expect((await one<{ status: string }>(`SELECT status::text FROM tasks WHERE id = :theirs`, { theirs })).status).toBe('pending');
  });
});
