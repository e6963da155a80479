/**
 * End to end, S4 (sales engagement), as a sales rep in a real browser: enroll a contact in a
 * sequence from the contacts list, let the worker's stepper make the first step, read the
 * contact's timeline, send a scheduled email now (the worker's dispatch and sender deliver it to
 * an in-process SMTP server), send a mailbox's test email, and complete a task in My tasks.
 * Each step's rows are checked in the database; screenshots land in test-artifacts/e2e-s4/.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { sequelize } from '../../src/db.js';
import { claimDueEmails } from '../../src/domain/email/dispatch.js';
import { closeMailboxTransports } from '../../src/domain/email/mailbox-transport.js';
import { sendEmail } from '../../src/domain/email/send-email.js';
import { runSequenceSteps } from '../../src/domain/sequences/stepper.js';
import { openBrowserPanel, type BrowserPanel } from '../helpers/browser.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { select, one } from '../helpers/sql.js';

let ui: BrowserPanel;
let page: Page;
let smtp: TestSmtpServer;
const tag = randomUUID().slice(0, 8);
const shot = (name: string) => ui.shot(page, name);
const url = (path: string) => `${ui.panel.url}/admin${path}`;

/** The worker's dispatch and sender, run here for the emails due now. */
async function deliverDueEmails(): Promise<void> {
  for (const { id, attempt } of await claimDueEmails(1000)) await sendEmail(id, `e2e-${id}-${attempt}`);
}

beforeAll(async () => {
  ui = await openBrowserPanel('e2e-s4');
  page = await ui.newPage();
  smtp = await startSmtpServer();
}, 300_000);

afterAll(async () => {
  closeMailboxTransports();
  await ui?.close();
  await smtp?.close();
  await sequelize.close();
});

test('a rep enrolls a contact, reads the timeline, sends an email now, tests a mailbox and completes a task', async () => {
  const { rep, workspace, mailbox } = await one<{ rep: string; workspace: string; mailbox: string }>(
    `SELECT u.id AS rep, u.workspace_id AS workspace, mb.id AS mailbox
       FROM users u JOIN email_accounts mb ON mb.user_id = u.id AND mb.is_active
      WHERE u.email = 'rep@acme.example' LIMIT 1`,
  );
  // What the rep works with: a sequence of theirs, a contact, an email scheduled for next week, a task.
  const sequenceName = `E2E sequence ${tag}`;
  const { sequence } = await one<{ sequence: string }>(
    `WITH s AS (INSERT INTO sequences (workspace_id, name, status, created_by) VALUES (:workspace, :sequenceName, 'active', :rep) RETURNING id)
     INSERT INTO sequence_steps (workspace_id, sequence_id, step_number, subject, body, delay_days)
     SELECT :workspace, id, 1, 'Quick question', 'Hi {{contact.first_name}}, may I ask you something?', 0 FROM s RETURNING sequence_id AS sequence`,
    { workspace, sequenceName, rep },
  );
  const contactEmail = `e2e-s4-${tag}@example.com`;
  const { contact } = await one<{ contact: string }>(
    `INSERT INTO contacts (workspace_id, first_name, last_name, email, owner_id) VALUES (:workspace, 'Erin', :tag, :contactEmail, :rep) RETURNING id AS contact`,
    { workspace, tag, contactEmail, rep },
  );
  const { scheduled } = await one<{ scheduled: string }>(
    `INSERT INTO emails (workspace_id, email_account_id, owner_id, contact_id, to_email, subject, body_text, status, scheduled_at)
     VALUES (:workspace, :mailbox, :rep, :contact, :contactEmail, :subject, 'The proposal is attached.', 'scheduled', now() + interval '7 days')
     RETURNING id AS scheduled`,
    { workspace, mailbox, rep, contact, contactEmail, subject: `Proposal ${tag}` },
  );
  const { task } = await one<{ task: string }>(
    `INSERT INTO tasks (workspace_id, title, assigned_to, contact_id, priority, due_at)
     VALUES (:workspace, :title, :rep, :contact, 'high', now() - interval '1 day') RETURNING id AS task`,
    { workspace, title: `Call Erin ${tag}`, rep, contact },
  );

  // 1. Log in as the rep.
  await ui.logIn(page, 'rep@acme.example', '01-login');

  // 2. Enroll the contact from the contacts list.
  await page.goto(url(`/resources/contacts?filters.email=${encodeURIComponent(contactEmail)}`));
  const row = page.locator(`tr[data-id="${contact}"]`);
  await row.waitFor();
  await row.locator('td').first().locator('label, span, input').first().click();
  await page.locator('[data-testid="action-enrollInSequence"]').click();
  await page.locator('[data-testid="enroll-sequence"]').click();
  await page.getByText(sequenceName, { exact: false }).first().click();
  await shot('02-enroll-in-sequence');
  await page.locator('[data-testid="enroll-apply"]').click();
  await page.getByText('Enrolled 1').first().waitFor();
  await shot('03-enrolled');
  const enrollment = await one<{ status: string }>(
    `SELECT status::text FROM sequence_enrollments WHERE sequence_id = :sequence AND contact_id = :contact`, { sequence, contact },
  );
  expect(enrollment.status).toBe('active');

  // 3. The worker's stepper makes step 1; the sender delivers it.
  expect((await runSequenceSteps(100, { sequenceId: sequence })).created).toBe(1);
  await deliverDueEmails();
  const first = await smtp.waitFor((m) => m.to.includes(contactEmail) && m.parsed.subject === 'Quick question');
  expect(first.parsed.text).toContain('Hi Erin, may I ask you something?');

  // 4. The contact's timeline: the enrollment, the sent step, the scheduled email and the task.
  await page.goto(url(`/resources/contacts/records/${contact}/timeline`));
  const timeline = page.locator('[data-testid="contact-timeline"]');
  await timeline.getByText(`Enrolled in ${sequenceName}`).waitFor();
  await timeline.getByText('Quick question').waitFor();
  await timeline.getByText(`Proposal ${tag}`).waitFor();
  await timeline.getByText(`Task: Call Erin ${tag}`).waitFor();
  await shot('04-contact-timeline');

  // 5. Send the scheduled proposal now, from the email's page.
  await page.goto(url(`/resources/emails/records/${scheduled}/show`));
  await page.locator('[data-testid="action-sendNow"]').click();
  await page.locator('[data-testid="state-change"]').getByText('Send this email now?').waitFor();
  await shot('05-send-now-asks');
  await page.locator('[data-testid="state-change-submit"]').click();
  await page.getByText('Email due now: the worker sends it within seconds').first().waitFor();
  await shot('06-send-now-done');
  await deliverDueEmails();
  await smtp.waitFor((m) => m.to.includes(contactEmail) && m.parsed.subject === `Proposal ${tag}`);
  expect(await one(`SELECT status::text FROM emails WHERE id = :scheduled`, { scheduled })).toEqual({ status: 'sent' });

  // 6. A mailbox's test email, to the rep's own address (the form's default).
  await page.goto(url(`/resources/email_accounts/records/${mailbox}/sendTest`));
  await page.locator('[data-testid="send-test-email"]').waitFor();
  expect(await page.locator('#test-email-to').inputValue()).toBe('rep@acme.example');
  await shot('07-send-test-email');
  await page.locator('[data-testid="send-test-email-submit"]').click();
  await page.getByText('Test email to rep@acme.example is on its way').first().waitFor();
  await deliverDueEmails();
  await smtp.waitFor((m) => m.to.includes('rep@acme.example') && /^Test email from /.test(m.parsed.subject ?? ''));

  // 7. My tasks: the overdue call, completed.
  await page.goto(url('/pages/myTasks'));
  const overdue = page.locator('[data-testid="tasks-overdue"]');
  await overdue.locator(`[data-testid="task-${task}"]`).waitFor();
  await shot('08-my-tasks');
  await page.locator(`[data-testid="complete-${task}"]`).click();
  await page.getByText('Task completed').first().waitFor();
  await overdue.locator(`[data-testid="task-${task}"]`).waitFor({ state: 'detached' });
  await shot('09-task-completed');
  expect(await one(`SELECT status::text FROM tasks WHERE id = :task`, { task })).toEqual({ status: 'completed' });
}, 240_000);
