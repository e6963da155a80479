/**
 * The panel in a real browser for tests: Debian's /usr/bin/chromium driven by playwright-core,
 * the app in-process on an ephemeral port, demo data seeded when the database is empty, and
 * screenshots saved under test-artifacts/<folder>/ (CI keeps them as artifacts).
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedDemoData } from '../../src/demo/seed-demo.js';
import { startPanel, type Panel } from './panel-client.js';

// AdminJS bundles its custom components on the first request in dev mode: be patient.
export const SLOW = 30_000;

export interface BrowserPanel {
  panel: Panel;
  browser: Browser;
  /** A new page (its own cookies) with the patient timeouts. */
  newPage(): Promise<Page>;
  /** Saves a full-page screenshot as test-artifacts/<folder>/<name>.png. */
  shot(page: Page, name: string): Promise<unknown>;
  /** Logs in through the login form and waits until the panel's React app is ready. */
  logIn(page: Page, email: string, screenshot?: string): Promise<void>;
  close(): Promise<void>;
}

export async function openBrowserPanel(folder = 'browser'): Promise<BrowserPanel> {
  const dir = `test-artifacts/${folder}`;
  mkdirSync(dir, { recursive: true });
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  const panel = await startPanel();
  // AdminJS bundles the custom components on the first request for them (minutes on a busy
  // machine): ask for the bundle here, so no page of the test waits for it.
  const bundle = await fetch(`${panel.url}/admin/frontend/assets/components.bundle.js`);
  if (!bundle.ok) throw new Error(`the component bundle failed: HTTP ${bundle.status}`);
  await bundle.arrayBuffer();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
  const shot = (page: Page, name: string) => page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });

  return {
    panel,
    browser,
    shot,
    async newPage() {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.setDefaultTimeout(SLOW);
      page.setDefaultNavigationTimeout(SLOW);
      if (process.env.BROWSER_DEBUG) traceRequests(page);
      return page;
    },
    async logIn(page, email, screenshot) {
      await page.goto(`${panel.url}/admin/login`);
      await page.locator('input[name="email"]').fill(email);
      await page.locator('input[name="password"]').fill('demo-password');
      if (screenshot) await shot(page, screenshot);
      await Promise.all([
        page.waitForURL(`${panel.url}/admin`, { waitUntil: 'commit' }),
        // AdminJS's login button has no type attribute (a form's default: submit).
        page.locator('form button').click(),
      ]);
      // The sidebar lists the resources once the React app (and the first bundle) is ready.
      await page.locator('[data-css="sidebar"]').first().waitFor({ timeout: 90_000 });
      await page.waitForLoadState('networkidle');
    },
    async close() {
      await browser.close();
      await panel.close();
    },
  };
}

/** BROWSER_DEBUG=1 prints every request, console line and page error with its time. */
function traceRequests(page: Page): void {
  const t0 = Date.now();
  page.on('request', (r) => console.log(`${Date.now() - t0}ms -> ${r.method()} ${r.url()}`));
  page.on('requestfinished', (r) => console.log(`${Date.now() - t0}ms <- ${r.url()}`));
  page.on('requestfailed', (r) => console.log(`${Date.now() - t0}ms !! ${r.url()} ${r.failure()?.errorText}`));
  page.on('console', (m) => console.log(`console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
}
