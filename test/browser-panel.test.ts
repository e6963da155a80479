/**
 * The panel in a real browser (Debian's /usr/bin/chromium driven by playwright-core): log in,
 * create a contact, edit it, find it with a list filter, and see its audit trail in the panel and
 * in the database. Screenshots of every step land in test-artifacts/browser/.
 */
import type { Browser, Page } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../src/db.js';
import { openBrowserPanel, SLOW, type BrowserPanel } from './helpers/browser.js';
import type { Panel } from './helpers/panel-client.js';

let ui: BrowserPanel;
let panel: Panel;
let browser: Browser;
let page: Page;

const shot = (name: string) => ui.shot(page, name);
const logIn = (target: Page, email: string, screenshot?: string) => ui.logIn(target, email, screenshot);

beforeAll(async () => {
  ui = await openBrowserPanel();
  ({ panel, browser } = ui);
  page = await ui.newPage();
}, 300_000);

afterAll(async () => {
  await ui?.close();
  await sequelize.close();
});

test('log in, create and edit a contact, filter the list, and find its audit entries', async () => {
  const email = `browser-${Date.now().toString(36)}@example.com`;

  // The login page (our override of AdminJS's) offers the password reset.
  await page.goto(`${panel.url}/admin/login`);
  expect(await page.locator('[data-testid="forgot-password"]').getAttribute('href')).toBe('/admin/password-reset');
  await logIn(page, 'admin@acme.example', '01-login');
  await shot('02-dashboard');

  // Create a contact.
  await page.goto(`${panel.url}/admin/resources/contacts/actions/new`);
  await page.locator('input[name="first_name"]').fill('Browser');
  await page.locator('input[name="last_name"]').fill('Tester');
  await page.locator('input[name="email"]').fill(email);
  await shot('03-new-contact');
  await page.locator('[data-testid="button-save"]').click();
  // AdminJS goes back to the list after "new"; the record's id comes from the database.
  await page.waitForURL(/\/admin\/resources\/contacts(\?.*)?$/);
  await page.getByText(email).first().waitFor();
  await shot('04-contacts-after-create');
  const [{ id }] = await sequelize.query<{ id: string }>(`SELECT id FROM contacts WHERE email = :email`, {
    type: QueryTypes.SELECT,
    replacements: { email },
  });
  await page.goto(`${panel.url}/admin/resources/contacts/records/${id}/show`);
  await page.getByText(email).first().waitFor();
  await page.getByText('Tester').first().waitFor();
  await shot('05-contact-show');

  // Edit it: a new last name.
  await page.goto(`${panel.url}/admin/resources/contacts/records/${id}/edit`);
  const lastName = page.locator('input[name="last_name"]');
  await expectValue(lastName, 'Tester');
  await lastName.fill('Edited');
  await shot('06-edit-contact');
  await page.locator('[data-testid="button-save"]').click();
  // Edit, like new, goes back to the list; the show page has the new last name.
  await page.waitForURL(/\/admin\/resources\/contacts(\?.*)?$/);
  await page.goto(`${panel.url}/admin/resources/contacts/records/${id}/show`);
  await page.getByText(email).first().waitFor();
  await page.getByText('Edited').first().waitFor();
  await shot('07-contact-edited');

  // The list, filtered by the unique e-mail, shows exactly that contact.
  await page.goto(`${panel.url}/admin/resources/contacts?filters.email=${encodeURIComponent(email)}`);
  await page.locator('table tbody tr').first().waitFor();
  await page.getByText(email).first().waitFor();
  await shot('08-contacts-filtered');
  const rows = page.locator('table tbody tr');
  expect(await rows.count()).toBe(1);
  const row = (await rows.first().innerText());
  expect(row).toContain(email);
  expect(row).toContain('Browser');
  expect(row).toContain('Edited');

  // The audit trail in the panel, filtered to contacts: the create and the update of this row.
  await page.goto(`${panel.url}/admin/resources/audit_logs?filters.resource_type=contacts`);
  await page.locator('table tbody tr').first().waitFor();
  await page.getByText(`create contacts ${id}`).first().waitFor();
  await page.getByText(`update contacts ${id}`).first().waitFor();
  await shot('09-audit-logs');
  const auditText = await page.locator('table tbody').innerText();
  expect(auditText).toContain('contacts');
  expect(auditText).toMatch(/create/i);
  expect(auditText).toMatch(/update/i);

  // And in the database.
  const audit = await sequelize.query<{ action: string; resource_type: string; user_email: string; changes: Record<string, { from: unknown; to: unknown }> }>(
    `SELECT action, resource_type, user_email, changes FROM audit_logs WHERE resource_id = :id ORDER BY created_at`,
    { type: QueryTypes.SELECT, replacements: { id } },
  );
  expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  expect(audit.every((a) => a.resource_type === 'contacts' && a.user_email === 'admin@acme.example')).toBe(true);
  expect(audit[1].changes.last_name).toEqual({ from: 'Tester', to: 'Edited' });
}, 120_000);

test("a show page lists its related records, each list under the viewer's own row scope", async () => {
  const tag = Date.now().toString(36);
  const [{ id: accountId }] = await sequelize.query<{ id: string }>(
    `INSERT INTO accounts (workspace_id, name) SELECT id, :name FROM workspaces WHERE slug = 'acme' RETURNING id`,
    { type: QueryTypes.SELECT, replacements: { name: `Related ${tag} GmbH` } },
  );
  // Two contacts and two deals on the account: one of each owned by rep, one by rep2.
  for (const [owner, name] of [['rep@acme.example', 'Mine'], ['rep2@acme.example', 'Theirs']]) {
    const replacements = { accountId, owner, name: `${name} ${tag}` };
    await sequelize.query(
      `INSERT INTO contacts (workspace_id, account_id, first_name, last_name, email, owner_id)
       SELECT a.workspace_id, a.id, :name, 'Related', replace(lower(:name), ' ', '.') || '@related.example', u.id
       FROM accounts a, users u WHERE a.id = :accountId AND u.email = :owner`,
      { replacements },
    );
    await sequelize.query(
      `INSERT INTO deals (workspace_id, account_id, title, value, owner_id)
       SELECT a.workspace_id, a.id, 'Deal ' || :name, 1000, u.id
       FROM accounts a, users u WHERE a.id = :accountId AND u.email = :owner`,
      { replacements },
    );
  }
  const showPage = `${panel.url}/admin/resources/accounts/records/${accountId}/show`;
  const relatedRows = (table: string) => page.locator(`[data-testid="related-${table}"] table tbody tr`);

  // The admin sees both contacts and both deals under the account.
  await logIn(page, 'admin@acme.example');
  await page.goto(showPage);
  await page.locator('[data-testid="related-deals"]').getByText(`Deal Theirs ${tag}`).waitFor();
  await page.locator('[data-testid="related-contacts"]').getByText(`Theirs ${tag}`).waitFor();
  expect(await relatedRows('contacts').count()).toBe(2);
  expect(await relatedRows('deals').count()).toBe(2);
  expect(await page.locator('[data-testid="related-deals"] h5').innerText()).toBe('Deals (2)');
  await shot('10-account-related-admin');

  // The rep, on the same page, sees only their own contact and deal.
  const repContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const repPage = await repContext.newPage();
  repPage.setDefaultTimeout(SLOW);
  try {
    await logIn(repPage, 'rep@acme.example');
    await repPage.goto(showPage);
    await repPage.locator('[data-testid="related-deals"]').getByText(`Deal Mine ${tag}`).waitFor();
    await repPage.locator('[data-testid="related-contacts"]').getByText(`Mine ${tag}`).waitFor();
    expect(await repPage.locator('[data-testid="related-deals"] table tbody tr').count()).toBe(1);
    expect(await repPage.locator('[data-testid="related-contacts"] table tbody tr').count()).toBe(1);
    expect(await repPage.locator('[data-testid="related-deals"]').innerText()).not.toContain('Theirs');
    await ui.shot(repPage, '11-account-related-rep');
  } finally {
    await repContext.close();
  }
}, 120_000);

test('"Set field" on two selected contacts offers their fields and changes both', async () => {
  const tag = Date.now().toString(36);
  const ids: string[] = [];
  for (const n of [1, 2]) {
    const [{ id }] = await sequelize.query<{ id: string }>(
      `INSERT INTO contacts (workspace_id, first_name, email) SELECT id, 'Before', :email FROM workspaces WHERE slug = 'acme' RETURNING id`,
      { type: QueryTypes.SELECT, replacements: { email: `bulk-${tag}-${n}@example.com` } },
    );
    ids.push(id);
  }
  await logIn(page, 'admin@acme.example');
  await page.goto(`${panel.url}/admin/resources/contacts/bulk/bulkEdit?recordIds=${ids.join(',')}`);
  await page.getByText('Set one field on 2 selected records').waitFor();
  // The first settable field (first name) is offered with its own editor.
  const input = page.locator('input[name="first_name"]');
  await input.fill(`Bulk ${tag}`);
  await shot('12-bulk-edit');
  await page.getByRole('button', { name: 'Apply to 2' }).click();
  await page.waitForURL(/\/admin\/resources\/contacts(\?.*)?$/);
  const rows = await sequelize.query<{ first_name: string }>(`SELECT first_name FROM contacts WHERE id IN (:ids)`, {
    type: QueryTypes.SELECT, replacements: { ids },
  });
  expect(rows.map((r) => r.first_name)).toEqual([`Bulk ${tag}`, `Bulk ${tag}`]);
}, 120_000);

async function expectValue(locator: ReturnType<Page['locator']>, value: string): Promise<void> {
  await locator.waitFor();
  const deadline = Date.now() + SLOW;
  while ((await locator.inputValue()) !== value) {
    if (Date.now() > deadline) throw new Error(`expected input value ${value}, got ${await locator.inputValue()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
