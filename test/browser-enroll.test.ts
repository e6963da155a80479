/**
 * "Enroll in sequence" in a real browser (Debian's /usr/bin/chromium driven by playwright-core):
 * a sales rep selects contacts in the list, runs the bulk action, picks a sequence (their only
 * mailbox is preselected), and sees the result notice; the database has the enrollments.
 * Screenshots land in test-artifacts/browser/.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { sequelize } from '../src/db.js';
import { openBrowserPanel, type BrowserPanel } from './helpers/browser.js';
import type { Panel } from './helpers/panel-client.js';
import { select } from './helpers/sql.js';

let ui: BrowserPanel;
let panel: Panel;
let page: Page;

const shot = (name: string) => ui.shot(page, name);
const logIn = (email: string) => ui.logIn(page, email);

beforeAll(async () => {
  ui = await openBrowserPanel();
  ({ panel } = ui);
  page = await ui.newPage();
}, 300_000);

afterAll(async () => {
  await ui?.close();
  await sequelize.close();
});

test('a rep selects three contacts, enrolls them in a sequence and sees who was skipped', async () => {
  const tag = randomUUID().slice(0, 8);
  const [{ rep, workspace }] = await select<{ rep: string; workspace: string }>(
    `SELECT id AS rep, workspace_id AS workspace FROM users WHERE email = 'rep@acme.example'`,
  );
  const sequenceName = `Browser sequence ${tag}`;
  const [{ id: sequenceId }] = await select<{ id: string }>(
    `WITH s AS (INSERT INTO sequences (workspace_id, name, status, created_by) VALUES (:workspace, :sequenceName, 'active', :rep) RETURNING id)
     INSERT INTO sequence_steps (workspace_id, sequence_id, step_number, subject, body, delay_days)
     SELECT :workspace, id, 1, 'Hello', 'Hi {{contact.first_name}}', 0 FROM s RETURNING sequence_id AS id`,
    { workspace, sequenceName, rep },
  );
  const contacts = await select<{ id: string }>(
    `INSERT INTO contacts (workspace_id, first_name, email, owner_id)
     SELECT :workspace, 'Browser ' || n, 'browser-enroll-' || :tag || '-' || n || '@example.com', :rep FROM generate_series(1, 3) n
     RETURNING id`,
    { workspace, tag, rep },
  );
  // One of them is in the sequence already.
  await sequelize.query(
    `INSERT INTO sequence_enrollments (workspace_id, sequence_id, contact_id, user_id) VALUES (:workspace, :sequenceId, :contact, :rep)`,
    { replacements: { workspace, sequenceId, contact: contacts[0]!.id, rep } },
  );

  await logIn('rep@acme.example');
  await page.goto(`${panel.url}/admin/resources/contacts?filters.email=${encodeURIComponent(`browser-enroll-${tag}`)}`);
  for (const { id } of contacts) {
    const row = page.locator(`tr[data-id="${id}"]`);
    await row.waitFor();
    // The first cell's checkbox (the design system hides the input behind a styled box).
    await row.locator('td').first().locator('label, span, input').first().click();
  }
  await page.locator('[data-testid="action-enrollInSequence"]').click();
  await page.locator('[data-testid="enroll-in-sequence"]').getByText('Enroll 3 contacts in a sequence').waitFor();
  await page.locator('[data-testid="enroll-sequence"]').click();
  await page.getByText(sequenceName, { exact: false }).first().click();
  await shot('20-enroll-in-sequence');
  await page.locator('[data-testid="enroll-apply"]').click();
  await page.getByText('Enrolled 2; skipped 1 (1 already enrolled)').first().waitFor();
  await page.waitForURL(/\/admin\/resources\/contacts/);
  await shot('21-enroll-notice');

  const rows = await select<{ contact_id: string; status: string }>(
    `SELECT contact_id, status FROM sequence_enrollments WHERE sequence_id = :sequenceId`, { sequenceId },
  );
  expect(rows).toHaveLength(3);
  expect(rows.every((r) => r.status === 'active')).toBe(true);
}, 180_000);

test('a rep pauses an enrollment from its page: the action asks, then pauses it', async () => {
  const [enrollment] = await select<{ id: string }>(
    `SELECT e.id FROM sequence_enrollments e JOIN users u ON u.id = e.user_id
      WHERE u.email = 'rep@acme.example' AND e.status = 'active' ORDER BY e.created_at DESC LIMIT 1`,
  );
  await page.goto(`${panel.url}/admin/resources/sequence_enrollments/records/${enrollment!.id}/show`);
  await page.locator('[data-testid="action-pause"]').click();
  await page.locator('[data-testid="state-change"]').getByText('Pause this enrollment?').waitFor();
  // Opening the page changed nothing yet.
  const status = async () => (await select<{ status: string }>(`SELECT status FROM sequence_enrollments WHERE id = :id`, { id: enrollment!.id }))[0]!.status;
  expect(await status()).toBe('active');
  await page.locator('[data-testid="state-change-submit"]').click();
  await page.getByText('Enrollment paused; Resume continues from the same step').first().waitFor();
  await page.locator('[data-testid="action-resume"]').waitFor();
  await shot('22-enrollment-paused');
  expect(await status()).toBe('paused');
}, 120_000);
