/**
 * End to end in a real browser (Debian's /usr/bin/chromium driven by playwright-core): the
 * outreach tracker's main flow (S0 flow 1, then flow 3) as the people who do it. Staff log an
 * outreach (the company picked from the accounts' suggestions), log the job posting it led to
 * (company prefilled), share the posting with two Builders, are refused a duplicate Builder,
 * and move one Builder to interview; the admin then reads the Activity page. After each step
 * the database rows are checked; a screenshot of each step lands in test-artifacts/e2e-s0/.
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

/** Picks a value in a react-select of the flow form by typing it. */
async function choose(name: string, value: string) {
  await field(name).locator('input').first().fill(value);
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  ui = await openBrowserPanel('e2e-s0');
  ({ panel } = ui);
  page = await ui.newPage();
}, 300_000);

afterAll(async () => {
  await ui?.close();
  await sequelize.close();
});

test('staff log an outreach, the posting it led to, share it with Builders and track them; the admin sees the activity', async () => {
  const tag = randomUUID().slice(0, 8);
  const company = `Northwind Robotics ${tag}`;
  const { staff, workspace } = await one<{ staff: string; workspace: string }>(
    `SELECT id AS staff, workspace_id AS workspace FROM users WHERE email = 'staff@acme.example'`,
  );
  await sequelize.query(`INSERT INTO accounts (workspace_id, name) VALUES (:workspace, :company)`, { replacements: { workspace, company } });

  // 1. Staff log in and open the outreach list.
  await ui.logIn(page, 'staff@acme.example', '01-login');
  await page.goto(`${panel.url}/admin/resources/outreach`);
  await page.locator('[data-testid="action-logOutreach"]').first().click();
  const form = page.locator('[data-testid="flow-logOutreach"]');
  await form.waitFor();

  // 2. The short form: the company is suggested from the accounts as it is typed.
  await field('company_name').locator('input').fill(`Robotics ${tag}`);
  await page.locator('[data-testid="suggestions-company_name"]').getByText(company).click();
  await field('contact_name').locator('input').fill('Grace Hopper');
  await field('contact_title').locator('input').fill('Head of Engineering');
  await choose('contact_method', 'linkedin');
  await shot('02-log-outreach-form');
  await page.locator('[data-testid="flow-submit"]').click();
  await page.getByText(`Outreach to ${company} logged`).first().waitFor();
  await page.waitForURL(/\/admin\/resources\/outreach\/records\/[0-9a-f-]+\/show/);
  await shot('03-outreach-logged');
  const outreach = await one<{ id: string; staff_user_id: string; status: string; contact_method: string; contact_name: string }>(
    `SELECT id, staff_user_id, status, contact_method, contact_name FROM outreach WHERE company_name = :company`, { company },
  );
  expect(outreach).toMatchObject({ staff_user_id: staff, status: 'attempted', contact_method: 'linkedin', contact_name: 'Grace Hopper' });

  // 3. "Log job posting" from the outreach: the company is prefilled.
  await page.locator('[data-testid="action-logJobPosting"]').first().click();
  await page.locator('[data-testid="flow-logJobPosting"]').waitFor();
  expect(await field('company_name').locator('input').inputValue()).toBe(company);
  await field('job_title').locator('input').fill('Robotics Engineer');
  await field('location').locator('input').fill('Remote');
  await shot('04-log-job-posting-form');
  await page.locator('[data-testid="flow-submit"]').click();
  await page.getByText('Job posting "Robotics Engineer" logged from this outreach').first().waitFor();
  await page.waitForURL(/\/admin\/resources\/job_postings\/records\/[0-9a-f-]+\/show/);
  await shot('05-job-posting-logged');
  const posting = await one<{ id: string; outreach_id: string; company_name: string; source: string; staff_user_id: string }>(
    `SELECT id, outreach_id, company_name, source, staff_user_id FROM job_postings WHERE outreach_id = :id`, { id: outreach.id },
  );
  expect(posting).toMatchObject({ company_name: company, source: 'outreach', staff_user_id: staff });
  expect((await one<{ status: string }>(`SELECT status FROM outreach WHERE id = :id`, { id: outreach.id })).status).toBe('opportunity_created');

  // 4. Share with two Builders at once.
  await page.locator('[data-testid="action-shareWithBuilders"]').first().click();
  await page.locator('[data-testid="flow-shareWithBuilders"]').waitFor();
  await field('builder_names').locator('textarea').fill('Ada Lovelace\nAlan Turing');
  await shot('06-share-with-builders-form');
  await page.locator('[data-testid="flow-submit"]').click();
  await page.getByText('Shared with 2 Builders: Ada Lovelace, Alan Turing').first().waitFor();
  await page.waitForURL(/\/show$/);
  await page.locator('[data-testid="related-job_posting_builders"]').getByText('Alan Turing').waitFor();
  await page.locator('[data-testid="related-job_posting_builders"]').scrollIntoViewIfNeeded();
  await shot('07-shared-with-builders');
  const builders = () => select<{ builder_name: string; status: string }>(
    `SELECT builder_name, status FROM job_posting_builders WHERE job_posting_id = :id ORDER BY builder_name`, { id: posting.id },
  );
  expect(await builders()).toEqual([{ builder_name: 'Ada Lovelace', status: 'shared' }, { builder_name: 'Alan Turing', status: 'shared' }]);

  // 5. A Builder shared twice is refused with a clear message; nothing is added.
  await page.locator('[data-testid="action-shareWithBuilders"]').first().click();
  await page.locator('[data-testid="flow-shareWithBuilders"]').waitFor();
  await field('builder_names').locator('textarea').fill('Katherine Johnson\nAda Lovelace');
  await page.locator('[data-testid="flow-submit"]').click();
  await page.getByText('Not shared: this posting is already shared with Ada Lovelace; nothing was added').first().waitFor();
  await shot('08-duplicate-builder-refused');
  expect(await builders()).toHaveLength(2);

  // 6. Builder progress from the posting's page: Ada reaches the interview; the posting follows.
  await page.goto(`${panel.url}/admin/resources/job_postings/records/${posting.id}/show`);
  await page.locator('[data-testid="action-builderProgress"]').first().click();
  const row = page.locator('[data-testid="builder-Ada Lovelace"]');
  await row.waitFor();
  await row.locator('input').first().fill('interview');
  await page.keyboard.press('Enter');
  await shot('09-builder-progress');
  await page.locator('[data-testid="builder-progress-save"]').click();
  await page.getByText('Updated Ada Lovelace: interview').first().waitFor();
  await page.waitForURL(/\/show$/);
  await shot('10-builder-in-interview');
  expect(await builders()).toEqual([{ builder_name: 'Ada Lovelace', status: 'interview' }, { builder_name: 'Alan Turing', status: 'shared' }]);
  expect((await one<{ status: string }>(`SELECT status FROM job_postings WHERE id = :id`, { id: posting.id })).status).toBe('interview_stage');

  // 7. The admin's Activity page counts it: this week's outreach, the sourced posting, the placements.
  const admin = await ui.newPage();
  await ui.logIn(admin, 'admin@acme.example');
  await admin.goto(`${panel.url}/admin/pages/outreachActivity`);
  const activity = admin.locator('[data-testid="outreach-activity"]');
  await activity.locator('[data-testid="activity-placements"]').getByText('Robotics Engineer').waitFor();
  const placementRow = activity.locator('[data-testid="activity-placements"] tr', { hasText: 'Robotics Engineer' });
  // Builders 2: shared 1, applied 0, interview 1 …
  await expect(placementRow.locator('td').allInnerTexts()).resolves.toEqual(['Robotics Engineer', company, '2', '1', '0', '1', '0', '0', '0']);
  await ui.shot(admin, '11-admin-activity');
  const { week } = await one<{ week: string }>(`SELECT to_char(date_trunc('week', now() AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week`);
  const { n } = await one<{ n: number }>(
    `SELECT count(*)::int AS n FROM outreach WHERE staff_user_id = :staff AND date_trunc('week', outreach_date) = :week::date`, { staff, week },
  );
  const weekRow = activity.locator('[data-testid="activity-outreach"] tr').filter({ hasText: week }).filter({ hasText: 'Sam Taylor' });
  const cells = await weekRow.locator('td').allInnerTexts();
  expect(cells.slice(0, 3)).toEqual([week, 'Sam Taylor', String(n)]);
  await admin.close();
}, 240_000);
