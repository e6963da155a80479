/**
 * The analytics dashboard in a real browser (Debian's chromium via playwright-core): a manager
 * and a sales rep open /admin, the charts render (recharts draws SVG), and the headline numbers
 * equal sums worked out here straight from the metric tables under each role's scope (the
 * rep's rows, the manager's team's rows). An admin sees the pipeline funnel the others may not;
 * the owner filter refetches; a malformed filter is refused with a message.
 * Screenshots land in test-artifacts/dashboard/.
 */
import type { Page } from 'playwright-core';
import { sequelize } from '../src/db.js';
import { METRIC_NAMES, runMetricEtl } from '../src/domain/metrics/run-metric-etl.js';
import { openBrowserPanel, type BrowserPanel } from './helpers/browser.js';
import { select } from './helpers/sql.js';

let ui: BrowserPanel;


// The dashboard's default range: the last 90 days up to today, UTC days, both ends included.
const today = new Date().toISOString().slice(0, 10);
const from = new Date(Date.parse(`${today}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);

interface Expected {
  emailsSent: number;
  openRate: string;
  activities: number;
  calls: number;
  answerRate: string;
  contacts: number;
  revenue: number;
  docsSigned: number;
}

const pct = (num: number, den: number) => (den > 0 ? `${(Math.round((10_000 * num) / den) / 100).toFixed(1)} %` : '—');

/** The headline numbers for the people in `owners`, summed from the metric tables here. */
async function expectedFor(workspaceId: string, owners: string[]): Promise<Expected> {
  const r = { ws: workspaceId, owners, from, to: today };
  const [e] = await select<{ sent: number; bounced: number; opens: number }>(
    `SELECT coalesce(sum(sent), 0)::int AS sent, coalesce(sum(bounced), 0)::int AS bounced, coalesce(sum(unique_opens), 0)::int AS opens
       FROM email_metrics WHERE workspace_id = :ws AND user_id IN (:owners) AND date BETWEEN :from AND :to`, r);
  const [a] = await select<{ n: number }>(
    `SELECT coalesce(sum(total_count), 0)::int AS n FROM activity_metrics WHERE workspace_id = :ws AND user_id IN (:owners) AND date BETWEEN :from AND :to`, r);
  const [c] = await select<{ calls: number; answered: number; logged: number }>(
    `SELECT coalesce(sum(total_calls), 0)::int AS calls, coalesce(sum(answered), 0)::int AS answered,
            coalesce(sum(answered + missed + voicemail), 0)::int AS logged
       FROM call_metrics WHERE workspace_id = :ws AND user_id IN (:owners) AND date BETWEEN :from AND :to`, r);
  const [ct] = await select<{ n: number }>(
    `SELECT coalesce(sum(total_contacts), 0)::int AS n FROM contact_metrics WHERE workspace_id = :ws AND owner_id IN (:owners) AND date BETWEEN :from AND :to`, r);
  const [rv] = await select<{ revenue: number }>(
    `SELECT coalesce(sum(total_revenue), 0)::float8 AS revenue FROM revenue_metrics
      WHERE workspace_id = :ws AND owner_id IN (:owners)
        AND make_date(year, month, 1) BETWEEN date_trunc('month', :from::date) AND :to::date`, r);
  const [d] = await select<{ n: number }>(
    `SELECT coalesce(sum(signed_documents), 0)::int AS n FROM document_metrics WHERE workspace_id = :ws AND owner_id IN (:owners) AND date BETWEEN :from AND :to`, r);
  return {
    emailsSent: e!.sent, openRate: pct(e!.opens, e!.sent - e!.bounced), activities: a!.n, calls: c!.calls,
    answerRate: pct(c!.answered, c!.logged), contacts: ct!.n, revenue: Math.round(rv!.revenue), docsSigned: d!.n,
  };
}

const kpi = (page: Page, id: string) => page.locator(`[data-testid="kpi-${id}"]`).innerText();
const kpiNumber = async (page: Page, id: string) => Number((await kpi(page, id)).replace(/[^0-9.]/g, ''));

async function readShown(page: Page): Promise<Expected> {
  return {
    emailsSent: await kpiNumber(page, 'emails-sent'), openRate: await kpi(page, 'open-rate'),
    activities: await kpiNumber(page, 'activities'), calls: await kpiNumber(page, 'calls'), answerRate: await kpi(page, 'answer-rate'),
    contacts: await kpiNumber(page, 'contacts'), revenue: await kpiNumber(page, 'revenue'), docsSigned: await kpiNumber(page, 'docs-signed'),
  };
}

/** Opens the dashboard and waits until every readable section has drawn its charts. */
async function openDashboard(page: Page, email: string): Promise<void> {
  // Tall enough for the whole dashboard in one screenshot (the panel scrolls inside its layout).
  await page.setViewportSize({ width: 1440, height: 2900 });
  await ui.logIn(page, email);
  await page.locator('[data-testid="analytics-dashboard"]').waitFor({ timeout: 90_000 });
  for (const section of ['revenue', 'email', 'activity', 'leads', 'documents']) {
    await page.locator(`[data-testid="section-${section}"] svg.recharts-surface`).first().waitFor();
  }
  // Bars and lines are drawn (recharts animates them in): wait for at least one bar rectangle.
  await page.locator('[data-testid="section-revenue"] .recharts-bar-rectangle path').first().waitFor();
  await page.waitForTimeout(1_600);
}

async function userId(email: string): Promise<{ id: string; workspaceId: string }> {
  const [u] = await select<{ id: string; workspaceId: string }>(`SELECT id, workspace_id AS "workspaceId" FROM users WHERE email = :email`, { email });
  return u!;
}

beforeAll(async () => {
  ui = await openBrowserPanel('dashboard');
  // The demo seed computes the metrics; other suites of the run may have added source rows since.
  for (const metric of METRIC_NAMES) await runMetricEtl(metric, { full: true });
}, 180_000);

afterAll(async () => {
  await ui?.close();
  await sequelize.close();
});

test('a manager sees the team’s numbers, charts drawn, and can narrow them to one rep', async () => {
  const page = await ui.newPage();
  const manager = await userId('manager@acme.example');
  const rep = await userId('rep@acme.example');
  const team = (await select<{ id: string }>(
    `SELECT tm.id FROM users tm WHERE tm.id = :me OR tm.team_id IN (
       SELECT t.id FROM teams t WHERE t.team_lead_id = :me UNION SELECT u.team_id FROM users u WHERE u.id = :me AND u.team_id IS NOT NULL)`,
    { me: manager.id },
  )).map((u) => u.id);
  expect(team.length).toBeGreaterThan(1);
  const expected = await expectedFor(manager.workspaceId, team);
  // A data set that shows something: otherwise equal zeros would prove nothing.
  expect(expected.emailsSent).toBeGreaterThan(0);
  expect(expected.activities).toBeGreaterThan(0);
  expect(expected.revenue).toBeGreaterThan(0);

  await openDashboard(page, 'manager@acme.example');
  await expect(page.locator('[data-testid="dashboard-scope"]').innerText()).resolves.toContain("Your team's numbers");
  expect(await readShown(page)).toEqual(expected);
  // pipeline_metrics has no owner: a team scope cannot read it, and the page says so.
  await expect(page.locator('[data-testid="pipeline-unavailable"]').innerText()).resolves.toMatch(/kept for the whole workspace/);
  await ui.shot(page, '10-dashboard-manager');

  // Narrowed to the rep: refetched, and the numbers are the rep's.
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/admin/api/dashboard') && r.url().includes(rep.id)),
    page.locator('select[name="ownerId"]').selectOption(rep.id),
  ]);
  await page.waitForTimeout(800);
  expect(await readShown(page)).toEqual(await expectedFor(manager.workspaceId, [rep.id]));
  await ui.shot(page, '11-dashboard-manager-one-rep');

  // A malformed filter is refused with a message, not a stack trace.
  const bad = await page.request.get(`${ui.panel.url}/admin/api/dashboard?from=2026-13-45`);
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ error: 'from: "2026-13-45" is not a date as YYYY-MM-DD' });
  await page.close();
}, 180_000);

test('a sales rep sees only their own numbers', async () => {
  const page = await ui.newPage();
  const rep = await userId('rep@acme.example');
  const expected = await expectedFor(rep.workspaceId, [rep.id]);
  expect(expected.emailsSent).toBeGreaterThan(0);

  await openDashboard(page, 'rep@acme.example');
  await expect(page.locator('[data-testid="dashboard-scope"]').innerText()).resolves.toContain('Your own numbers');
  expect(await readShown(page)).toEqual(expected);
  // Only themselves to choose from.
  const owners = await page.locator('select[name="ownerId"] option').allInnerTexts();
  expect(owners).toEqual(['Everyone', 'Rachel Kim']);
  await expect(page.locator('[data-testid="pipeline-unavailable"]').isVisible()).resolves.toBe(true);
  await ui.shot(page, '20-dashboard-rep');

  // Asking for a colleague's numbers is refused, not answered with theirs.
  const colleague = await userId('rep2@acme.example');
  const refused = await page.request.get(`${ui.panel.url}/admin/api/dashboard?ownerId=${colleague.id}`);
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error).toMatch(/^ownerId: no such person/);
  await page.close();
}, 180_000);

test('an admin sees the workspace, pipeline funnel included', async () => {
  const page = await ui.newPage();
  const admin = await userId('admin@acme.example');
  const [p] = await select<{ deals: number; won: number; lost: number }>(
    `SELECT coalesce(sum(deals_created), 0)::int AS deals, coalesce(sum(deals_won), 0)::int AS won, coalesce(sum(deals_lost), 0)::int AS lost
       FROM pipeline_metrics WHERE workspace_id = :ws AND period_type = 'daily' AND pipeline_id IS NULL AND stage_id IS NULL
        AND metric_date BETWEEN :from AND :to`,
    { ws: admin.workspaceId, from, to: today },
  );
  expect(p!.deals).toBeGreaterThan(0);

  await openDashboard(page, 'admin@acme.example');
  await page.locator('[data-testid="section-pipeline"] .recharts-bar-rectangle path').first().waitFor();
  await page.waitForTimeout(1_600);
  expect(await kpiNumber(page, 'deals')).toBe(p!.deals);
  expect(await kpi(page, 'win-rate')).toBe(pct(p!.won, p!.won + p!.lost));
  await ui.shot(page, '30-dashboard-admin');
  await page.close();
}, 180_000);
