/**
 * End to end in a real browser (Debian's /usr/bin/chromium driven by playwright-core), as the
 * sales rep who does it: the CRM's main flow (S2/S3). The rep converts their lead into a deal,
 * finds the deal on the pipeline board, is refused a move to the won stage without a reason,
 * moves it a stage on, marks it won with a reason, finds the win in their quota's attainment,
 * and the opened opportunity's page with its estimates and activities.
 * After each step the database rows are checked; a screenshot of each step lands in
 * test-artifacts/e2e-crm/ (kept by CI).
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

beforeAll(async () => {
  ui = await openBrowserPanel('e2e-crm');
  ({ panel } = ui);
  page = await ui.newPage();
}, 300_000);

afterAll(async () => {
  await ui?.close();
  await sequelize.close();
});

test('a rep converts a lead, sees the deal on the board, moves it a stage, marks it won with a reason and sees it in their quota', async () => {
  const tag = randomUUID().slice(0, 8);
  const { rep, workspace } = await one<{ rep: string; workspace: string }>(
    `SELECT id AS rep, workspace_id AS workspace FROM users WHERE email = 'rep@acme.example'`,
  );
  // A pipeline of its own, so the board's columns and rules are known: Proposal needs a close date.
  const { pipeline } = await one<{ pipeline: string }>(
    `INSERT INTO pipelines (workspace_id, name, is_active, order_index) VALUES (:workspace, :name, true, 98) RETURNING id AS pipeline`,
    { workspace, name: `E2E pipeline ${tag}` },
  );
  const stages = await select<{ id: string; name: string }>(
    `INSERT INTO pipeline_stages (workspace_id, pipeline_id, name, order_index, probability, is_closed, is_won, is_lost, required_fields)
     VALUES (:workspace, :pipeline, 'Intake', 0, 10, false, false, false, '[]'),
            (:workspace, :pipeline, 'Proposal', 1, 60, false, false, false, '["expected_close_date", "contact_id"]'),
            (:workspace, :pipeline, 'Won', 2, 100, true, true, false, '[]'),
            (:workspace, :pipeline, 'Lost', 3, 0, true, false, true, '["lost_reason"]')
     RETURNING id, name`,
    { workspace, pipeline },
  );
  const stage = Object.fromEntries(stages.map((s) => [s.name, s.id])) as Record<string, string>;
  const company = `Harbor Works ${tag}`;
  const { lead } = await one<{ lead: string }>(
    `INSERT INTO leads (workspace_id, owner_id, company_name, first_name, last_name, email, estimated_value, expected_close_date, status)
     VALUES (:workspace, :rep, :company, 'Hana', 'Berg', :email, 48000, current_date + 45, 'qualified') RETURNING id AS lead`,
    { workspace, rep, company, email: `hana.${tag}@harbor-${tag}.example` },
  );

  // 1. Log in as the rep.
  await ui.logIn(page, 'rep@acme.example', '01-login');
  await shot('02-logged-in');

  // 2. Convert the lead from its page.
  await page.goto(`${panel.url}/admin/resources/leads/records/${lead}/show`);
  await page.locator('[data-testid="action-convertLead"]').click();
  const form = page.locator('[data-testid="convert-lead"]');
  await form.waitFor();
  await page.locator('[data-testid="convert-lead-pipeline"]').selectOption(pipeline);
  await form.locator('#conversionValue').fill('52000');
  await shot('03-convert-lead-form');
  await page.locator('[data-testid="convert-lead-submit"]').click();
  await page.getByText('Lead converted: a deal with a new contact, a new account, an opportunity').first().waitFor();
  await page.waitForURL(/\/admin\/resources\/deals\/records\/[0-9a-f-]+\/show/);
  await shot('04-converted-deal');

  const converted = await one<{ status: string; conversion_value: string }>(`SELECT status, conversion_value FROM leads WHERE id = :lead`, { lead });
  expect(converted).toEqual({ status: 'converted', conversion_value: '52000.00' });
  const deal = await one<{ id: string; title: string; stage_id: string; owner_id: string; contact_id: string; account_id: string; opportunity_id: string; value: string }>(
    `SELECT id, title, stage_id, owner_id, contact_id, account_id, opportunity_id, value FROM deals WHERE lead_id = :lead`, { lead },
  );
  expect(deal).toMatchObject({ title: company, stage_id: stage.Intake, owner_id: rep, value: '52000.00' });
  expect(deal.contact_id && deal.account_id && deal.opportunity_id).toBeTruthy();
  expect(page.url()).toContain(deal.id);

  // 3. The deal is on the board, in its first stage's column with the column's totals.
  await page.goto(`${panel.url}/admin/pages/pipelineBoard?pipelineId=${pipeline}`);
  const card = page.locator(`[data-testid="board-card-${deal.id}"]`);
  await page.locator(`[data-testid="board-column-${stage.Intake}"]`).locator(`[data-testid="board-card-${deal.id}"]`).waitFor();
  await expect(page.locator(`[data-testid="board-column-${stage.Intake}"] [data-testid="board-column-count"]`).textContent()).resolves.toBe('1');
  await shot('05-board');

  // 4. Straight to Won without a reason: refused with the rule's message, nothing written.
  await card.locator('[data-testid="board-move-to"]').selectOption(stage.Won!);
  await card.locator('[data-testid="board-move-submit"]').click();
  await card.locator('[data-testid="board-error"]').getByText('Give the reason the deal was won').waitFor();
  await shot('06-board-move-refused');
  expect((await one<{ stage_id: string }>(`SELECT stage_id FROM deals WHERE id = :id`, { id: deal.id })).stage_id).toBe(stage.Intake);

  // 5. Move it a stage on, to Proposal (its close date and contact came from the lead).
  await card.locator('[data-testid="board-move-to"]').selectOption(stage.Proposal!);
  await card.locator('[data-testid="board-move-submit"]').click();
  await page.locator(`[data-testid="board-column-${stage.Proposal}"]`).locator(`[data-testid="board-card-${deal.id}"]`).waitFor();
  await shot('07-board-moved');
  const moved = await one<{ stage_id: string; probability: string; moves: number }>(
    `SELECT stage_id, probability, (SELECT count(*)::int FROM deal_stage_history h WHERE h.deal_id = d.id) AS moves FROM deals d WHERE id = :id`,
    { id: deal.id },
  );
  expect(moved).toEqual({ stage_id: stage.Proposal, probability: '60.00', moves: 2 });

  // 6. Mark it won from the deal's page, giving the reason.
  await page.goto(`${panel.url}/admin/resources/deals/records/${deal.id}/show`);
  await page.locator('[data-testid="action-markWon"]').click();
  await page.locator('[data-testid="close-deal"]').waitFor();
  await page.locator('[data-testid="close-deal-reason"]').fill('Fastest schedule and a fixed price');
  await shot('08-mark-won-form');
  await page.locator('[data-testid="close-deal-submit"]').click();
  await page.getByText('Deal marked won (stage "Won")').first().waitFor();
  await page.waitForURL(new RegExp(`/admin/resources/deals/records/${deal.id}/show`));
  await shot('09-deal-won');

  const won = await one<{ status: string; stage_id: string; won_reason: string; closed_today: boolean; moves: number; audits: number }>(
    `SELECT status::text, stage_id, won_reason, actual_close_date = current_date AS closed_today,
            (SELECT count(*)::int FROM deal_stage_history h WHERE h.deal_id = d.id) AS moves,
            (SELECT count(*)::int FROM audit_logs a WHERE a.resource_id = d.id AND a.user_email = 'rep@acme.example') AS audits
       FROM deals d WHERE id = :id`,
    { id: deal.id },
  );
  expect(won).toEqual({ status: 'won', stage_id: stage.Won, won_reason: 'Fastest schedule and a fixed price', closed_today: true, moves: 3, audits: 3 });

  // 7. The win counts towards the rep's quota for the period: its page shows the attainment.
  const { quota } = await one<{ quota: string }>(
    `INSERT INTO sales_quotas (workspace_id, user_id, quota_period, start_date, end_date, revenue_target, deals_target)
     VALUES (:workspace, :rep, 'monthly', current_date, current_date, 104000, 2) RETURNING id AS quota`,
    { workspace, rep },
  );
  const expected = await one<{ revenue: string }>(
    `SELECT sum(COALESCE(actual_value, value))::text AS revenue FROM deals
      WHERE owner_id = :rep AND status = 'won' AND actual_close_date = current_date`, { rep },
  );
  expect(Number(expected.revenue)).toBeGreaterThanOrEqual(52000);
  await page.goto(`${panel.url}/admin/resources/sales_quotas/records/${quota}/show`);
  await page.locator('[data-testid="quota-attainment"]').waitFor();
  await shot('10-quota-attainment');
  const revenueCell = await page.locator('[data-testid="attainment-revenuePct"]').textContent();
  expect(revenueCell).toBe(`${Number(expected.revenue).toLocaleString('en-US', { maximumFractionDigits: 0 })} of 104,000`);

  // 8. The opportunity the conversion opened shows its estimates and activities on its page.
  const estimateNo = `EST-E2E-${tag}`;
  await sequelize.query(
    `INSERT INTO estimates (workspace_id, opportunity_id, estimate_number, total_amount, status, created_by)
     VALUES (:workspace, :opp, :estimateNo, 52000, 'accepted', :rep)`,
    { replacements: { workspace, opp: deal.opportunity_id, estimateNo, rep } },
  );
  await sequelize.query(
    `INSERT INTO activities (workspace_id, type, subject, status, owner_id, opportunity_id, occurred_at)
     VALUES (:workspace, 'meeting', :subject, 'completed', :rep, :opp, now())`,
    { replacements: { workspace, subject: `Site walk ${tag}`, rep, opp: deal.opportunity_id } },
  );
  await page.goto(`${panel.url}/admin/resources/opportunities/records/${deal.opportunity_id}/show`);
  await page.locator('[data-testid="related-estimates"]').getByText(estimateNo).waitFor();
  await page.locator('[data-testid="related-activities"]').getByText(`Site walk ${tag}`).waitFor();
  await page.locator('[data-testid="related-deals"]').getByText(company).first().waitFor();
  await shot('11-opportunity-estimates-activities');
}, 240_000);
