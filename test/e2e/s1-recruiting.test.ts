/**
 * End to end in a real browser (Debian's /usr/bin/chromium driven by playwright-core): the
 * recruiting desk's main flow (S1) as the recruiter who does it. From a job's page (its
 * applications by status) the recruiter opens an application, moves it to interview with a
 * remark (the timeline shows it), approves it, writes to the candidate in the chat, checks the
 * candidate's page (one candidate, two jobs), works "My Action Queue" (Dismiss) and reads the
 * Hot Drops. After each step the database rows are checked; a screenshot of each step lands in
 * test-artifacts/e2e-s1/.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { sequelize } from '../../src/db.js';
import { openBrowserPanel, type BrowserPanel } from '../helpers/browser.js';
import type { Panel } from '../helpers/panel-client.js';
import { select, one } from '../helpers/sql.js';

let ui: BrowserPanel;
let panel: Panel;
let page: Page;

const shot = (name: string) => ui.shot(page, name);
const field = (name: string) => page.locator(`[data-testid="field-${name}"]`);

beforeAll(async () => {
  ui = await openBrowserPanel('e2e-s1');
  ({ panel } = ui);
  page = await ui.newPage();
}, 300_000);

afterAll(async () => {
  await ui?.close();
  await sequelize.close();
});

test('a recruiter moves an application on with a remark, approves it, chats, and works the action queue', async () => {
  const tag = randomUUID().slice(0, 8);
  const { recruiter, workspace } = await one<{ recruiter: string; workspace: string }>(
    `SELECT id AS recruiter, workspace_id AS workspace FROM users WHERE email = 'recruiter@acme.example'`,
  );
  const { candidate } = await one<{ candidate: string }>(
    `INSERT INTO users (workspace_id, email, password_hash, first_name, last_name) VALUES (:workspace, :email, 'x', 'Priya', :last) RETURNING id AS candidate`,
    { workspace, email: `priya-${tag}@candidates.test`, last: `Rao ${tag}` },
  );
  await sequelize.query(
    `INSERT INTO candidate_profiles (user_id, workspace_id, "current_role", skills, bio) VALUES (:candidate, :workspace, 'Frontend developer', '["React","TypeScript"]', 'Builds UIs')`,
    { replacements: { candidate, workspace } },
  );
  const jobs = await select<{ id: string; title: string }>(
    `INSERT INTO jobs (workspace_id, title, assigned_recruiter_id, status) VALUES
       (:workspace, :a, :recruiter, 'sourcing'), (:workspace, :b, :recruiter, 'interview') RETURNING id, title`,
    { workspace, recruiter, a: `React developer ${tag}`, b: `TypeScript lead ${tag}` },
  );
  const job = jobs.find((j) => j.title.startsWith('React'))!;
  const other = jobs.find((j) => j.title.startsWith('TypeScript'))!;
  const { application } = await one<{ application: string }>(
    `INSERT INTO applications (workspace_id, job_id, candidate_id, status, match_score) VALUES (:workspace, :job, :candidate, 'screening', 82) RETURNING id AS application`,
    { workspace, job: job.id, candidate },
  );
  await sequelize.query(`INSERT INTO applications (workspace_id, job_id, candidate_id) VALUES (:workspace, :other, :candidate)`, { replacements: { workspace, other: other.id, candidate } });
  await sequelize.query(
    `INSERT INTO chat_messages (workspace_id, application_id, sender_type, message_text, sent_at) VALUES
       (:workspace, :application, 'bot', 'Hi Priya, are you open to a React role?', now() - interval '2 hours'),
       (:workspace, :application, 'candidate', 'Yes, tell me more!', now() - interval '1 hour')`,
    { replacements: { workspace, application } },
  );
  const items = await select<{ id: string; priority: string }>(
    `INSERT INTO action_queue (workspace_id, user_id, type, title, priority, related_job_id, related_candidate_id) VALUES
       (:workspace, :recruiter, 'no_response', :low, 'low', :job, :candidate),
       (:workspace, :recruiter, 'chat_followup', :high, 'high', :job, :candidate)
     RETURNING id, priority`,
    { workspace, recruiter, job: job.id, candidate, low: `Nudge Priya ${tag}`, high: `Follow up with Priya ${tag}` },
  );
  await sequelize.query(
    `INSERT INTO external_job_postings (workspace_id, original_url, title, company_name, fetched_at, expires_at) VALUES
       (:workspace, :fresh, :freshTitle, 'Hooli', now() - interval '1 hour', now() + interval '23 hours'),
       (:workspace, :stale, :staleTitle, 'Hooli', now() - interval '2 days', now() - interval '1 day')`,
    { replacements: { workspace, fresh: `https://jobs.test/${tag}/1`, stale: `https://jobs.test/${tag}/2`, freshTitle: `Fresh drop ${tag}`, staleTitle: `Stale drop ${tag}` } },
  );

  // 1. The recruiter logs in and opens the job: its applications, by status.
  await ui.logIn(page, 'recruiter@acme.example', '01-login');
  await page.goto(`${panel.url}/admin/resources/jobs/records/${job.id}/show`);
  const applications = page.locator('[data-testid="related-applications"]');
  await applications.getByText('Applications by status (1)').waitFor();
  await applications.scrollIntoViewIfNeeded();
  await shot('02-job-applications');

  // 2. Change status with remarks: the timeline gets the row, with who and why.
  await page.goto(`${panel.url}/admin/resources/applications/records/${application}/show`);
  await page.locator('[data-testid="related-chat_messages"]').getByText('Yes, tell me more!').waitFor();
  await page.locator('[data-testid="action-changeStatus"]').first().click();
  await page.locator('[data-testid="flow-changeStatus"]').waitFor();
  await field('status').locator('input').first().fill('interview');
  await page.keyboard.press('Enter');
  await field('remarks').locator('textarea').fill('Great portfolio, booking the tech round');
  await shot('03-change-status-form');
  await page.locator('[data-testid="flow-submit"]').click();
  await page.getByText('Status changed: screening → interview').first().waitFor();
  await page.waitForURL(/\/show$/);
  await page.locator('[data-testid="related-application_timeline"]').getByText('status: Great portfolio, booking the tech round').waitFor();
  await page.locator('[data-testid="related-application_timeline"]').scrollIntoViewIfNeeded();
  await shot('04-status-changed-timeline');
  const timeline = await select<{ previous_status: string; new_status: string; changed_by: string; remarks: string }>(
    `SELECT previous_status, new_status, changed_by, remarks FROM application_timeline WHERE application_id = :application ORDER BY created_at DESC LIMIT 1`, { application },
  );
  expect(timeline).toEqual([{ previous_status: 'screening', new_status: 'interview', changed_by: recruiter, remarks: 'status: Great portfolio, booking the tech round' }]);

  // 3. Approve.
  await page.locator('[data-testid="action-approve"]').first().click();
  await page.locator('[data-testid="flow-approve"]').waitFor();
  await page.locator('[data-testid="flow-submit"]').click();
  await page.getByText('Application approved').first().waitFor();
  await page.waitForURL(/\/show$/);
  await shot('05-approved');
  expect((await one<{ a: boolean }>(`SELECT is_recruiter_approved AS a FROM applications WHERE id = :application`, { application })).a).toBe(true);

  // 4. Post a message in the chat: the transcript shows it after the candidate's.
  await page.locator('[data-testid="action-postMessage"]').first().click();
  await page.locator('[data-testid="flow-postMessage"]').waitFor();
  await field('message_text').locator('textarea').fill('Great! Does Tuesday 10:00 work for the tech round?');
  await page.locator('[data-testid="flow-submit"]').click();
  await page.getByText('Message posted to the chat').first().waitFor();
  await page.waitForURL(/\/show$/);
  await page.locator('[data-testid="related-chat_messages"]').getByText('Does Tuesday 10:00 work').waitFor();
  await page.locator('[data-testid="related-chat_messages"]').scrollIntoViewIfNeeded();
  await shot('06-chat-message-posted');
  const chat = await select<{ sender_type: string; message_text: string }>(
    `SELECT sender_type, message_text FROM chat_messages WHERE application_id = :application ORDER BY sent_at`, { application },
  );
  expect(chat.map((m) => m.sender_type)).toEqual(['bot', 'candidate', 'recruiter']);

  // 5. The candidate's page: profile, and every application (one candidate, two jobs).
  await page.goto(`${panel.url}/admin/resources/candidate_profiles/records/${candidate}/show`);
  const profile = page.locator('[data-testid="candidate-profile"]');
  await profile.locator('[data-testid="section-Skills & education"]').getByText('TypeScript').waitFor();
  await profile.locator('[data-testid="section-Profile"]').getByText('Frontend developer').waitFor();
  await shot('07-candidate-profile-sections');
  const candidateApplications = page.locator('[data-testid="related-applications"]');
  await candidateApplications.getByText('Applications (2)').waitFor();
  await candidateApplications.getByText(`TypeScript lead ${tag}`).waitFor();
  await candidateApplications.scrollIntoViewIfNeeded();
  await shot('08-candidate-applications');

  // 6. My Action Queue: the recruiter's open items, high first; Dismiss one.
  await page.goto(`${panel.url}/admin/pages/myActionQueue`);
  const queue = page.locator('[data-testid="action-queue"]');
  await queue.getByText(`Follow up with Priya ${tag}`).waitFor();
  const titles = await queue.locator('tbody tr').allInnerTexts();
  const high = titles.findIndex((t) => t.includes(`Follow up with Priya ${tag}`));
  const low = titles.findIndex((t) => t.includes(`Nudge Priya ${tag}`));
  expect(high).toBeLessThan(low);
  await shot('09-action-queue');
  const highItem = items.find((i) => i.priority === 'high')!;
  await page.locator(`[data-testid="dismiss-${highItem.id}"]`).click();
  await page.getByText('Item dismissed').first().waitFor();
  await queue.locator(`[data-testid="queue-item-${highItem.id}"]`).waitFor({ state: 'detached' });
  await shot('10-item-dismissed');
  expect((await one<{ d: boolean }>(`SELECT is_dismissed AS d FROM action_queue WHERE id = :id`, { id: highItem.id })).d).toBe(true);

  // 7. Hot Drops: only what has not expired.
  await page.goto(`${panel.url}/admin/pages/hotDrops`);
  const drops = page.locator('[data-testid="hot-drops"]');
  await drops.getByText(`Fresh drop ${tag}`).waitFor();
  expect(await drops.getByText(`Stale drop ${tag}`).count()).toBe(0);
  await shot('11-hot-drops');
}, 240_000);
