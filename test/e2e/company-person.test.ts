/**
 * Company 360 and Find a person in a real browser (Debian's chromium via playwright-core), as the
 * demo workspace admin: a demo company's picture across the systems, then a duplicated contact
 * found, merged with confirmation, and the database checked. Screenshots in
 * test-artifacts/e2e-views/.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { sequelize } from '../../src/db.js';
import { openBrowserPanel, type BrowserPanel } from '../helpers/browser.js';
import { select } from '../helpers/sql.js';

let ui: BrowserPanel;
let page: Page;


beforeAll(async () => {
  ui = await openBrowserPanel('e2e-views');
  page = await ui.newPage();
  await ui.logIn(page, 'admin@acme.example');
}, 420_000);

afterAll(async () => {
  await ui?.close();
  await sequelize.close();
});

test('Company 360 of a demo client shows its account, jobs, contacts and deals with how each matched', async () => {
  // The acme client with the most going on across systems (a job and deals).
  const [company] = await select<{ id: string; name: string; jobs: number; deals: number; contacts: number }>(
    `SELECT a.id, a.name,
            (SELECT count(*)::int FROM jobs j WHERE j.client_id = a.id) AS jobs,
            (SELECT count(*)::int FROM deals d WHERE d.account_id = a.id) AS deals,
            (SELECT count(*)::int FROM contacts c WHERE c.account_id = a.id) AS contacts
       FROM accounts a JOIN workspaces w ON w.id = a.workspace_id
      WHERE w.slug = 'acme'
      ORDER BY jobs DESC, deals DESC, contacts DESC LIMIT 1`,
  );
  expect(company!.jobs + company!.deals).toBeGreaterThan(0);

  await page.goto(`${ui.panel.url}/admin/pages/company360`);
  // The company typed the way a person would: lower case, punctuation dropped.
  const typed = company!.name.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  await page.locator('[data-testid="company-query"]').fill(typed);
  await page.locator('[data-testid="company-search"]').click();
  await page.locator('[data-testid="company-anchor"]').getByText(company!.name).first().waitFor();
  await page.locator('[data-testid="company-section-accounts"]').locator(`[data-testid="company-row-${company!.id}"]`).waitFor();
  for (const section of ['jobs', 'deals', 'contacts']) {
    const expected = company![section as 'jobs' | 'deals' | 'contacts'];
    const rows = page.locator(`[data-testid="company-section-${section}"] tbody tr`);
    if (expected > 0) await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(Math.min(expected, 50));
  }
  await page.locator('[data-testid="company-revenue"]').waitFor();
  await ui.shot(page, '10-company-360');
  // The panel scrolls inside its own frame: the sections further down get screenshots of their own.
  for (const section of ['jobs', 'contacts', 'deals']) {
    await page.locator(`[data-testid="company-section-${section}"]`).scrollIntoViewIfNeeded();
    await page.locator(`[data-testid="company-section-${section}"]`).screenshot({ path: `test-artifacts/e2e-views/11-company-360-${section}.png` });
  }
}, 180_000);

test('Find a person: a duplicated contact is flagged, merged after confirmation, and its deal follows', async () => {
  const tag = randomUUID().slice(0, 8);
  const [{ ws, admin }] = await select<{ ws: string; admin: string }>(
    `SELECT workspace_id AS ws, id AS admin FROM users WHERE email = 'admin@acme.example'`,
  );
  const make = async (email: string, company: string, phone: string | null) => (await select<{ id: string }>(
    `INSERT INTO contacts (workspace_id, first_name, last_name, email, company_name, phone, owner_id)
     VALUES (:ws, 'Harper', :last, :email, :company, :phone, :admin) RETURNING id`,
    { ws, last: `Quill${tag}`, email, company, phone, admin },
  ))[0]!.id;
  const keep = await make(`harper-${tag}@quill-${tag}.example`, `Quill ${tag} Inc`, null);
  const dup = await make(`h.quill-${tag}@quill-${tag}.example`, `Quill ${tag}, Inc.`, '555-0199');
  const [{ id: deal }] = await select<{ id: string }>(
    `INSERT INTO deals (workspace_id, title, value, contact_id, owner_id) VALUES (:ws, :title, 100, :dup, :admin) RETURNING id`,
    { ws, title: `Quill deal ${tag}`, dup, admin },
  );

  await page.goto(`${ui.panel.url}/admin/pages/findPerson`);
  await page.locator('[data-testid="person-query"]').fill(`harper quill${tag}`);
  await page.locator('[data-testid="person-search"]').click();
  const pair = page.locator('[data-testid="person-duplicates"]');
  await pair.getByText('same name and company').first().waitFor();
  await page.locator(`[data-testid="person-hit-${keep}"]`).waitFor();
  await page.locator(`[data-testid="person-hit-${dup}"]`).waitFor();
  await ui.shot(page, '20-find-person-duplicates');

  await pair.locator('[data-testid^="merge-"]').filter({ hasText: 'Merge' }).first().click();
  await page.locator('[data-testid="merge-confirm"]').waitFor();
  await page.locator(`[data-testid="merge-keep-${keep}"]`).check();
  // Asking changed nothing yet.
  expect(await select(`SELECT id FROM contacts WHERE id IN (:ids)`, { ids: [keep, dup] })).toHaveLength(2);
  await ui.shot(page, '21-merge-confirm');
  await page.locator('[data-testid="merge-confirm-submit"]').click();
  await page.getByText(`Merged contact ${dup} into ${keep}`).first().waitFor();
  await page.locator(`[data-testid="person-hit-${dup}"]`).waitFor({ state: 'detached' });
  await ui.shot(page, '22-merged');

  expect(await select(`SELECT id FROM contacts WHERE id = :dup`, { dup })).toEqual([]);
  const [winner] = await select<{ phone: string }>(`SELECT phone FROM contacts WHERE id = :keep`, { keep });
  expect(winner!.phone).toBe('555-0199');
  const [moved] = await select<{ contact_id: string }>(`SELECT contact_id FROM deals WHERE id = :deal`, { deal });
  expect(moved!.contact_id).toBe(keep);
  const audit = await select<{ user_id: string; request_path: string }>(
    `SELECT user_id, request_path FROM audit_logs WHERE action_type = 'merge' AND resource_id = :keep`, { keep },
  );
  expect(audit).toEqual([{ user_id: admin, request_path: '/admin/api/pages/findPerson' }]);
}, 180_000);
