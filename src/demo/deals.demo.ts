/**
 * Pipelines with their stages, S3 opportunities with estimates, and deals in every stage of
 * every pipeline. Each deal walks its pipeline from the first stage to the stage it is in; every
 * move is a deal_stage_history row, so stage, status, probability, close date and history agree.
 */
import { faker } from '@faker-js/faker';
import {
  chance, Clock, id, int, money, pick, pickOwner, pickSome, weighted,
  type Contact, type DemoWorkspace, type Pipeline, type Row, type Stage, Seeder,
} from './demo-kit.js';

type StageSpec = [name: string, probability: number, color: string, days: number | null, outcome?: 'won' | 'lost'];
interface PipelineSpec { name: string; description: string; dealType: string | null; stages: StageSpec[] }

const WON: StageSpec = ['Closed Won', 100, '#22C55E', null, 'won'];
const LOST: StageSpec = ['Closed Lost', 0, '#EF4444', null, 'lost'];
const PIPELINES: Record<'acme' | 'globex', PipelineSpec[]> = {
  acme: [
    { name: 'New Business', description: 'Software subscriptions for new customers', dealType: 'standard', stages: [
      ['Prospecting', 10, '#94A3B8', 14], ['Qualification', 25, '#60A5FA', 10], ['Demo & Discovery', 40, '#818CF8', 10],
      ['Proposal', 60, '#F59E0B', 14], ['Negotiation', 80, '#FB923C', 10], WON, LOST] },
    { name: 'Commercial Projects', description: 'Construction and fit-out projects (BuildDesk)', dealType: 'commercial', stages: [
      ['Lead In', 10, '#94A3B8', 7], ['Site Visit', 25, '#38BDF8', 14], ['Estimate Sent', 50, '#F59E0B', 21],
      ['Bid Review', 70, '#FB923C', 21], ['Contract Out', 85, '#A855F7', 14], ['Won', 100, '#22C55E', null, 'won'],
      ['Lost', 0, '#EF4444', null, 'lost']] },
  ],
  globex: [
    { name: 'Vertrieb', description: 'Standard sales pipeline', dealType: null, stages: [
      ['Lead', 10, '#94A3B8', 14], ['Qualifiziert', 30, '#60A5FA', 14], ['Angebot', 60, '#F59E0B', 14], ['Verhandlung', 80, '#FB923C', 10],
      ['Gewonnen', 100, '#22C55E', null, 'won'], ['Verloren', 0, '#EF4444', null, 'lost']] },
  ],
};
const PRODUCTS = ['Platform licence', 'Sales Cloud rollout', 'Analytics add-on', 'Enterprise renewal', 'Pilot', 'Team expansion',
  'Onboarding package'];
const PROJECTS = ['Office fit-out', 'Warehouse expansion', 'HQ renovation', 'Retail build-out', 'Clinic remodel', 'Parking structure'];
const OPP_STAGE: Record<number, string> = { 0: 'prospecting', 1: 'qualified', 2: 'proposal', 3: 'negotiation', 4: 'negotiation' };
const MOVE_NOTES = ['Discovery call went well', 'Budget confirmed', 'Sent the proposal', 'Legal review started',
  'Champion pushing internally', null, null, null];

/** The task templates a stage creates on entry (S3 auto_tasks): proposal-type stages and the won stage. */
export function autoTasks(stage: Stage): { title: string; due_in_days: number; priority: string }[] {
  if (stage.isWon) return [{ title: 'Hand over to the onboarding team', due_in_days: 2, priority: 'medium' }];
  if (stage.orderIndex === 3 && !stage.isLost) return [{ title: 'Follow up on the proposal', due_in_days: 3, priority: 'high' }];
  return [];
}

export async function seedPipelines(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<void> {
  const pipelines: Row[] = [];
  const stages: Row[] = [];
  PIPELINES[ws.slug].forEach((spec, p) => {
    const pipeline: Pipeline = { id: id(), name: spec.name, stages: [] };
    pipelines.push({ id: pipeline.id, workspace_id: ws.id, name: spec.name, description: spec.description, deal_type: spec.dealType,
      is_default: true, is_active: true, order_index: p, created_at: clock.ago(395, 400) });
    spec.stages.forEach(([name, probability, color, days, outcome], order) => {
      const stage: Stage = { id: id(), pipelineId: pipeline.id, name, orderIndex: order, probability, isWon: outcome === 'won',
        isLost: outcome === 'lost' };
      pipeline.stages.push(stage);
      stages.push({
        id: stage.id, workspace_id: ws.id, pipeline_id: pipeline.id, name, order_index: order, color_code: color, probability,
        is_closed: outcome !== undefined, is_won: stage.isWon, is_lost: stage.isLost, expected_duration_days: days,
        conversion_rate: outcome ? null : Math.max(20, 85 - order * 12),
        description: outcome === 'won' ? 'Signed and handed over to onboarding' : outcome === 'lost' ? 'Closed without a deal' : null,
        auto_tasks: autoTasks(stage),
        required_fields: order >= 2 && !outcome ? ['value', 'expected_close_date', 'contact_id']
          : outcome === 'lost' ? ['lost_reason'] : [],
        created_at: clock.ago(395, 400),
      });
    });
    ws.pipelines.push(pipeline);
  });
  await s.insert('pipelines', pipelines);
  await s.insert('pipeline_stages', stages);
}

/** Stage for the n-th deal of a pipeline: the first 2 per stage fill every stage, then weighted. */
function stageFor(pipeline: Pipeline, n: number): Stage {
  const open = pipeline.stages.filter((st) => !st.isWon && !st.isLost);
  if (n < pipeline.stages.length * 2) return pipeline.stages[n % pipeline.stages.length]!;
  return weighted(pipeline.stages.map((st) => [st, st.isWon ? 2.5 : st.isLost ? 1.5 : 3 - (st.orderIndex / open.length) * 1.5] as const));
}

export async function seedDeals(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<void> {
  const deals: Row[] = [];
  const history: Row[] = [];
  const opportunities: Row[] = [];
  const estimates: Row[] = [];
  const withAccount = ws.contacts.filter((c) => c.accountId);
  const converted = ws.leads.filter((l) => l.status === 'converted');
  let estimateNo = 1;

  for (const [p, pipeline] of ws.pipelines.entries()) {
    const commercial = PIPELINES[ws.slug][p]!.dealType === 'commercial';
    const openStages = pipeline.stages.filter((st) => !st.isWon && !st.isLost);
    for (let n = 0; n < ws.scale.dealsPerPipeline[p]!; n += 1) {
      const stage = stageFor(pipeline, n);
      const closed = stage.isWon || stage.isLost;
      // The path: every open stage up to this one; a lost deal dropped out after some open stage.
      const reached = stage.isWon ? openStages.length : stage.isLost ? int(1, openStages.length) : stage.orderIndex + 1;
      const path = [...openStages.slice(0, reached), ...(closed ? [stage] : [])];
      const createdAt = clock.workHour(clock.ago(Math.max(3, path.length * 6), 330));
      const end = closed
        ? clock.between(clock.addDays(createdAt, path.length * 4), clock.addDays(clock.anchor, -1))
        : clock.addDays(clock.anchor, -0.5);
      const times = [createdAt,
        ...Array.from({ length: path.length - 1 },
          () => clock.between(clock.addDays(createdAt, 1), end)).sort((a, b) => a.getTime() - b.getTime())];
      const enteredAt = times[times.length - 1]!;
      // Only people, companies and leads that existed when the deal was opened.
      const known = withAccount.filter((c) => c.createdAt < createdAt);
      const contact: Contact | null = known.length && chance(0.92) ? pick(known) : null;
      const accounts = ws.accounts.filter((a) => a.createdAt < createdAt);
      const account = contact ? ws.accounts.find((a) => a.id === contact.accountId)! : pick(accounts.length ? accounts : ws.accounts);
      const accountId = account.id;
      const owner = pickOwner(ws);
      const value = commercial ? money(40_000, 900_000, 1_000) : money(6_000, 160_000, 500);
      const dealId = id();
      const status = stage.isWon ? 'won' : stage.isLost ? (n % 9 === 0 ? 'abandoned' : 'lost') : chance(0.06) ? 'on_hold' : 'open';
      const leads = converted.filter((l) => l.createdAt < createdAt);
      const lead = leads.length && chance(0.25) ? pick(leads) : null;
      const closeDay = closed ? clock.day(enteredAt) : null;
      const title = commercial ? `${pick(PROJECTS)} — ${account.name}` : `${account.name} — ${pick(PRODUCTS)}`;

      let opportunityId: string | null = null;
      if (commercial && n < ws.scale.opportunities) {
        opportunityId = id();
        const oppStage = stage.isWon ? 'won' : stage.isLost ? 'lost' : OPP_STAGE[stage.orderIndex] ?? 'negotiation';
        const proposalSent = reached >= 3 ? clock.day(times[Math.min(2, times.length - 1)]!) : null;
        opportunities.push({
          id: opportunityId, workspace_id: ws.id, name: title, description: `${faker.company.buzzPhrase()} for ${account.name}.`,
          project_type: pick(['commercial', 'tenant_improvement', 'industrial', 'healthcare']), lead_id: lead?.id ?? null,
          contact_id: contact?.id ?? null,
          estimated_value: value, actual_value: stage.isWon ? value : null, probability_percent: stage.probability, stage: oppStage,
          pipeline_position: stage.orderIndex + 1, expected_close_date: clock.day(closed ? enteredAt : clock.ahead(14, 150)),
          bid_required: chance(0.6), bid_due_date: !closed && chance(0.5) ? clock.day(clock.ahead(3, 30)) : null,
          proposal_sent_date: proposalSent, contract_signed_date: stage.isWon ? closeDay : null,
          competitor_names: pickSome(['Turner & Sons', 'BuildRight', 'Apex Contractors', 'Skyline Builders'], 0, 2),
          our_competitive_advantage: 'In-house estimating and a fixed-price schedule',
          key_decision_factors: pickSome(['price', 'schedule', 'references', 'safety record'], 1, 3),
          risk_level: pick(['low', 'medium', 'high']), risk_factors: pickSome(['permit delays', 'material costs', 'tight schedule'], 0, 2),
          mitigation_strategies: chance(0.5) ? 'Lock material prices with suppliers at contract signature' : null,
          account_manager: owner.id, estimator: (ws.users.office ?? owner).id, project_manager: (ws.users.pm ?? owner).id,
          close_date: closeDay,
          close_reason: stage.isWon ? 'Best schedule and price' : stage.isLost ? pick(['Lost on price', 'Project postponed']) : null,
          tags: pickSome(['bid', 'repeat-client', 'public-sector'], 0, 2), created_at: createdAt, updated_at: enteredAt,
        });
        ws.opportunities.push({ id: opportunityId, name: title, stage: oppStage, contactId: contact?.id ?? null,
          leadId: lead?.id ?? null, createdAt });
        if (reached >= 3) {
          const revisions = stage.isWon || stage.orderIndex >= 3 ? 2 : 1;
          for (let r = 0; r < revisions; r += 1) {
            const last = r === revisions - 1;
            estimates.push({ id: id(), workspace_id: ws.id, opportunity_id: opportunityId,
              estimate_number: `EST-${String(estimateNo++).padStart(4, '0')}`,
              total_amount: last ? value : Math.round(value * 1.08), created_by: (ws.users.pm ?? owner).id,
              status: !last ? 'rejected' : stage.isWon ? 'accepted' : stage.isLost ? pick(['rejected', 'expired']) : 'sent',
              created_at: clock.between(times[Math.min(2, times.length - 1)]!, enteredAt) });
          }
        }
      }

      const probabilities = path.map((st) => st.probability);
      path.forEach((st, k) => {
        history.push({
          id: id(), workspace_id: ws.id, deal_id: dealId, from_stage_id: k ? path[k - 1]!.id : null, to_stage_id: st.id, moved_by: owner.id,
          moved_at: times[k], notes: k ? pick(MOVE_NOTES) : 'Deal created',
          days_in_previous_stage: k ? clock.daysBetween(times[k - 1]!, times[k]!) : null,
          auto_moved: false, value_before: k ? value : null, value_after: value, probability_before: k ? probabilities[k - 1] : null,
          probability_after: probabilities[k], created_at: times[k],
        });
      });
      deals.push({
        id: dealId, workspace_id: ws.id, title, description: chance(0.5) ? faker.company.catchPhrase() : null, value, currency: ws.currency,
        pipeline_id: pipeline.id, stage_id: stage.id, stage_entered_at: enteredAt, status, probability: stage.probability,
        owner_id: owner.id, account_manager_id: chance(0.3) ? (ws.users.manager ?? owner).id : null, contact_id: contact?.id ?? null,
        account_id: accountId,
        lead_id: lead?.id ?? null, opportunity_id: opportunityId,
        deal_type: commercial ? pick(['commercial', 'large_project']) : ws.slug === 'acme' ? 'standard' : null,
        expected_close_date: closed ? closeDay : clock.day(chance(0.1) ? clock.ago(1, 10) : clock.ahead(5, 120)),
        actual_close_date: closeDay,
        actual_value: stage.isWon ? value : null,
        won_reason: stage.isWon ? pick(['Best fit for their workflow', 'Price and support', 'Strong champion', 'Faster rollout']) : null,
        lost_reason: stage.isLost ? pick(['Chose a competitor', 'No budget this year', 'Went silent', 'Project cancelled']) : null,
        lost_to_competitor: stage.isLost && chance(0.4) ? pick(['Pipedrive', 'HubSpot', 'Salesforce', 'BuildRight']) : null,
        priority: pick(['low', 'medium', 'medium', 'high', 'urgent']),
        risk_level: closed ? null : pick(['low', 'medium', 'high', 'critical']),
        source: pick(['website', 'referral', 'linkedin', 'cold_email', 'trade_show', 'cold_outreach']),
        competitors: pickSome(['Pipedrive', 'HubSpot', 'Salesforce', 'Zoho'], 0, 2),
        competitive_advantage: chance(0.4) ? 'Native recruiting and sales in one tool' : null,
        key_success_factors: pickSome(['executive sponsor', 'pilot success', 'integration with Gmail', 'fast onboarding'], 0, 2),
        risk_factors: closed ? [] : pickSome(['budget freeze', 'new decision maker', 'long legal review'], 0, 2),
        mitigation_strategies: !closed && chance(0.3) ? 'Offer a phased rollout' : null,
        tags: pickSome(['q-target', 'expansion', 'strategic', 'inbound'], 0, 2), custom_fields: chance(0.2) ? { seats: int(5, 200) } : {},
        created_at: createdAt, updated_at: enteredAt,
      });
      ws.deals.push({ id: dealId, title, pipelineId: pipeline.id, stage, status, value, ownerId: owner.id,
        contactId: contact?.id ?? null, accountId,
        createdAt, stageEnteredAt: enteredAt, closedAt: closed ? enteredAt : null, opportunityId, leadId: lead?.id ?? null });
    }
  }
  await s.insert('opportunities', opportunities);
  await s.insert('estimates', estimates);
  await s.insert('deals', deals);
  await s.insert('deal_stage_history', history);
}
