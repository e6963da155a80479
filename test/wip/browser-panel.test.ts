/**
 * The panel in a real browser (Debian's /usr/bin/chromium driven by playwright-core): log in,
 * create a contact, edit it, find it with a list filter, and see its audit trail in the panel and
 * in the database. Screenshots of every step land in test-artifacts/browser/.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../src/db.js';
import { isDatabaseEmpty, seedDemoData } from '../../src/demo/seed-demo.js';
import { startPanel, type Panel } from '../helpers/panel-client.js';

const SHOTS = 'test-artifacts/browser';
// AdminJS bundles its custom components on the first request in dev mode: be patient.
const SLOW = 30_000;

let panel: Panel;
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  if (await isDatabaseEmpty()) await seedDemoData();
  panel = await startPanel();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(SLOW);
  page.setDefaultNavigationTimeout(SLOW);
  if (process.env.BROWSER_DEBUG) {
    const t0 = Date.now();
    page.on('request', (r) => console.log(`${Date.now() - t0}ms -> ${r.method()} ${r.url()}`));
    page.on('requestfinished', (r) => console.log(`${Date.now() - t0}ms <- ${r.url()}`));
    page.on('requestfailed', (r) => console.log(`${Date.now() - t0}ms !! ${r.url()} ${r.failure()?.errorText}`));
    page.on('console', (m) => console.log(`console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await panel?.close();
  await sequelize.close();
  await new Promise((r) => setTimeout(r, 2000));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const hs = (process as any)._getActiveHandles();
  for (const h of hs) console.log('HANDLE', h.constructor?.name, h.remoteAddress ?? '', h.remotePort ?? '', h.localPort ?? '', h._idleTimeout ?? '', String(h._onTimeout ?? '').slice(0, 200));
});

test('log in, create and edit a contact, filter the list, and find its audit entries', async () => {
  const email = `browser-${Date.now().toString(36)}@example.com`;

  // Log in.
  await page.goto(`${panel.url}/admin/login`);
  await page.locator('input[name="email"]').fill('admin@acme.example');
  await page.locator('input[name="password"]').fill('demo-password');
  await shot('01-login');
  await Promise.all([
    page.waitForURL(`${panel.url}/admin`, { waitUntil: 'commit' }),
    // AdminJS's login button has no type attribute (a form's default: submit).
    page.locator('form button').click(),
  ]);
  // The dashboard's sidebar lists the resources once the React app (and the first bundle) is ready.
  await page.locator('[data-css="sidebar"]').first().waitFor({ timeout: 90_000 });
  await page.waitForLoadState('networkidle');
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

async function expectValue(locator: ReturnType<Page['locator']>, value: string): Promise<void> {
  await locator.waitFor();
  const deadline = Date.now() + SLOW;
  while ((await locator.inputValue()) !== value) {
    if (Date.now() > deadline) throw new Error(`expected input value ${value}, got ${await locator.inputValue()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
