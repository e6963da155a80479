/**
 * S3 inbound funnel: leads (with S1's service leads mixed in), their behavioural signals
 * (lead_activities), demo requests, "contact sales" requests and the routing rules. A lead's
 * score and interest flags are computed from its own activities with S3's points, so the
 * numbers on screen add up.
 */
import { LEAD_ACTIVITY_SCORING } from '../domain/leads/scoring.js';
import { faker } from '@faker-js/faker';
import {
  chance, Clock, companyDomain, demoIp, id, int, localPart, money, pick, pickOwner, pickSome, unique, weighted,
  type DemoWorkspace, type Lead, type Row, Seeder,
} from './demo-kit.js';

/** S3's lead score points per activity type, from the one table the scoring triggers use. */
export const LEAD_POINTS: Record<string, number> = Object.fromEntries(
  Object.entries(LEAD_ACTIVITY_SCORING).map(([type, rule]) => [type, rule.points]),
);

const STATUSES = [['new', 20], ['contacted', 18], ['qualified', 14], ['demo_scheduled', 9], ['proposal', 8], ['negotiation', 6],
  ['converted', 13], ['lost', 12]] as const;
const PROBABILITY: Record<string, number> = {
  new: 5, contacted: 10, qualified: 25, demo_scheduled: 35, proposal: 50, negotiation: 70, converted: 100, lost: 0,
};
const SOURCES = [
  ['website', 30], ['referral', 12], ['linkedin', 12], ['cold_email', 8], ['trade_show', 6], ['social_media', 8], ['advertising', 10],
  ['cold_outreach', 10], ['other', 4],
] as const;
const REFERRERS = ['https://www.google.com/', 'https://www.linkedin.com/', 'https://news.ycombinator.com/', 'https://www.capterra.com/'];
const OPEN = new Set(['new', 'contacted', 'qualified', 'demo_scheduled', 'proposal', 'negotiation']);
const PAGES = [
  ['/', 'Home'], ['/pricing', 'Pricing'], ['/features', 'Features'], ['/customers', 'Customer stories'],
  ['/blog/sales-pipeline-hygiene', 'Blog: Pipeline hygiene'],
  ['/integrations', 'Integrations'], ['/security', 'Security'], ['/resources/benchmark-report', '2026 Sales Benchmark Report'],
] as const;
const NOTES = [
  'Asked about SSO and audit logs before a security review.', 'Budget approved for next quarter; needs a proposal for 25 seats.',
  'Currently on spreadsheets, evaluating two other vendors.', 'Met at the SaaStr booth; wants a follow-up after their board meeting.',
  'Interested in contract recruiting for three backend roles.', 'Referred by an existing customer, warm intro.',
];
const PLACES: Record<string, [string, string][]> = {
  acme: [['US', 'New York'], ['US', 'Austin'], ['US', 'Chicago'], ['US', 'San Francisco'], ['US', 'Boston'], ['CA', 'Toronto'],
    ['GB', 'London']],
  globex: [['DE', 'Berlin'], ['DE', 'Munich'], ['DE', 'Hamburg'], ['AT', 'Vienna'], ['CH', 'Zurich'], ['NL', 'Amsterdam']],
};

function activityData(type: string, ws: DemoWorkspace): { data: Row; url: string } {
  const [path, title] = pick(PAGES);
  const site = `https://www.${ws.domain}`;
  switch (type) {
    case 'page_view': return { data: { path, title, seconds_on_page: int(5, 400) }, url: site + path };
    case 'pricing_viewed': return { data: { plan_viewed: pick(['Starter', 'Growth', 'Enterprise']), billing: pick(['monthly', 'annual']) },
      url: `${site}/pricing` };
    case 'resource_downloaded': return { data: { resource: '2026 Sales Benchmark Report.pdf' }, url: `${site}/resources/benchmark-report` };
    case 'signup_started': return { data: { plan: 'trial', step_reached: pick(['account', 'workspace', 'invite_team']) },
      url: `${site}/signup` };
    case 'demo_request': return { data: { demo_type: pick(['quick_15min', 'standard_30min', 'full_60min']) }, url: `${site}/demo` };
    case 'form_submit': return { data: { form: pick(['newsletter', 'webinar_registration', 'contact_sales']) }, url: `${site}/contact` };
    case 'email_open': return { data: { campaign: 'Trial nurture — week 1' }, url: '' };
    default: return { data: { url: `${site}/features`, campaign: 'Trial nurture — week 1' }, url: `${site}/features` };
  }
}

export async function seedLeads(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<void> {
  const leads: Row[] = [];
  const activities: Row[] = [];
  const demos: Row[] = [];
  const salesRequests: Row[] = [];
  const emails = new Set<string>();
  const anonymous = Math.max(1, Math.round(ws.scale.leads / 25));

  for (let i = 0; i < ws.scale.leads; i += 1) {
    const leadId = id();
    const anon = i < anonymous;
    const status = anon ? 'new' : weighted(STATUSES);
    const createdAt = clock.workHour(clock.ago(1, 360));
    const first = anon ? null : faker.person.firstName();
    const last = anon ? null : faker.person.lastName();
    const company = anon ? null : faker.company.name();
    const email = anon ? null : unique(emails, `${localPart(first!, last!)}@${companyDomain(company!)}`,
      (n) => `${localPart(first!, last!)}${n}@${companyDomain(company!)}`);
    const owner = anon || (status === 'new' && chance(0.35)) ? null : pickOwner(ws);

    // Behavioural signals between first sight and today (or 4 months later), oldest first.
    const until = clock.notAfterAnchor(clock.addDays(createdAt, 120));
    const types: string[] = ['page_view'];
    const extra = anon ? int(0, 4) : int(1, status === 'new' ? 3 : 7);
    for (let k = 0; k < extra; k += 1) {
      types.push(weighted([['page_view', 40], ['email_open', anon ? 0 : 15], ['email_click', anon ? 0 : 8], ['form_submit', anon ? 0 : 6],
        ['pricing_viewed', 9], ['resource_downloaded', anon ? 0 : 6], ['signup_started', anon ? 0 : 3]]));
    }
    const pastQualified = ['qualified', 'proposal', 'negotiation', 'converted', 'lost'].includes(status);
    const wantsDemo = status === 'demo_scheduled' || (!anon && pastQualified && chance(0.4));
    if (wantsDemo) types.push('demo_request');
    const wantsSales = !anon && !wantsDemo && status !== 'new' && chance(0.18);
    if (wantsSales) types.push('form_submit');
    const times = types.map((_, k) => (k === 0 ? createdAt : clock.between(createdAt, until))).sort((a, b) => a.getTime() - b.getTime());
    // The demo request is the latest signal of a lead that asked for one.
    const ordered = [...types.filter((t) => t !== 'demo_request'), ...types.filter((t) => t === 'demo_request')];
    const [country, city] = pick(PLACES[ws.slug]!);
    const ua = faker.internet.userAgent();
    let score = 0;
    ordered.forEach((type, k) => {
      const { data, url } = activityData(type, ws);
      if (wantsSales && k === ordered.length - 1) data.form = 'contact_sales'; // the request itself
      score += LEAD_POINTS[type] ?? 0;
      activities.push({ id: id(), workspace_id: ws.id, lead_id: leadId, activity_type: type, activity_data: data, page_url: url || null,
        ip_address: demoIp(), user_agent: ua, country, city, created_at: times[k] });
    });
    const lastActivityAt = times[times.length - 1]!;
    const has = (t: string) => ordered.includes(t);
    const utm = chance(0.5);
    const converted = status === 'converted';
    leads.push({
      id: leadId, workspace_id: ws.id, owner_id: owner?.id ?? null, company_name: company, first_name: first, last_name: last, email,
      phone: anon ? null : faker.phone.number({ style: 'national' }), job_title: anon ? null : faker.person.jobTitle(), status,
      service_type: !anon && ws.slug === 'acme' && chance(0.3) ? pick(['permanent', 'contract', 'rpo', 'executive_search']) : null,
      estimated_value: (OPEN.has(status) && status !== 'new') || converted ? money(5_000, 180_000, 500) : null,
      probability: PROBABILITY[status],
      expected_close_date: OPEN.has(status) && status !== 'new' ? clock.day(clock.ahead(10, 120)) : null,
      next_follow_up: OPEN.has(status) && owner ? clock.workHour(clock.ahead(0, 14)) : null,
      source: anon ? pick(['website', 'advertising']) : weighted(SOURCES),
      priority: score >= 60 ? 'hot' : score >= 30 ? 'high' : score >= 10 ? 'medium' : 'low',
      lead_score: score,
      interest_type: has('demo_request') ? 'demo' : wantsSales ? 'sales_contact' : has('signup_started') ? 'trial' : 'just_browsing',
      requested_demo: has('demo_request'), requested_sales_contact: wantsSales, downloaded_resource: has('resource_downloaded'),
      viewed_pricing: has('pricing_viewed'), started_signup: has('signup_started'),
      conversion_value: converted ? money(8_000, 150_000, 500) : null,
      utm_source: utm ? pick(['google', 'linkedin', 'newsletter', 'capterra']) : null,
      utm_medium: utm ? pick(['cpc', 'social', 'email', 'referral']) : null,
      utm_campaign: utm ? pick(['spring-launch', 'benchmark-report', 'brand-search', 'retargeting']) : null,
      utm_content: utm && chance(0.5) ? pick(['hero-cta', 'sidebar', 'footer']) : null,
      utm_term: utm && chance(0.3) ? pick(['crm software', 'sales pipeline tool', 'recruiting crm']) : null,
      landing_page: `https://www.${ws.domain}${pick(PAGES)[0]}`,
      referrer: chance(0.6) ? pick(REFERRERS) : null,
      notes: !anon && chance(0.3) ? pick(NOTES) : null,
      tags: anon ? [] : pickSome(['inbound', 'enterprise', 'smb', 'webinar', 'trial', 'partner-referral', 'event'], 0, 2),
      first_seen_at: createdAt, last_activity_at: lastActivityAt, created_at: createdAt, updated_at: lastActivityAt,
    });
    ws.leads.push({ id: leadId, email, firstName: first, lastName: last, companyName: company,
      ownerId: owner?.id ?? null, status, createdAt, lastActivityAt });

    if (wantsDemo) {
      const requestedAt = lastActivityAt;
      const demoStatus = status === 'demo_scheduled' ? 'scheduled'
        : status === 'lost' ? pick(['no_show', 'cancelled'])
        : status === 'qualified' ? pick(['requested', 'scheduled']) : 'completed';
      const scheduledAt = demoStatus === 'scheduled' ? clock.workHour(clock.ahead(1, 12))
        : demoStatus === 'requested' ? null : clock.notAfterAnchor(clock.workHour(clock.addDays(requestedAt, int(1, 4))));
      const done = demoStatus === 'completed' && scheduledAt ? clock.addMinutes(scheduledAt, 30) : null;
      demos.push({
        id: id(), workspace_id: ws.id, lead_id: leadId, email, first_name: first, last_name: last, company_name: company,
        phone: faker.phone.number({ style: 'national' }), demo_type: pick(['quick_15min', 'standard_30min', 'full_60min']),
        preferred_date: clock.day(clock.addDays(requestedAt, int(1, 5))), preferred_time: pick(['morning', 'afternoon', '10:00', '14:30']),
        timezone: ws.slug === 'acme' ? 'America/New_York' : 'Europe/Berlin',
        message: chance(0.5) ? 'We would like to see the pipeline reports and the Gmail integration.' : null,
        scheduled_at: scheduledAt, calendar_event_id: scheduledAt ? `evt_${faker.string.alphanumeric(16)}` : null,
        meeting_url: scheduledAt ? `https://meet.${ws.domain}/demo-${faker.string.alphanumeric(10).toLowerCase()}` : null,
        status: demoStatus, completed_at: done, cancelled_at: demoStatus === 'cancelled' ? clock.addDays(requestedAt, 1) : null,
        cancellation_reason: demoStatus === 'cancelled' ? 'Chose to postpone the evaluation' : null,
        follow_up_sent: done !== null, follow_up_sent_at: done ? clock.addMinutes(done, 90) : null,
        converted_to_paid: converted && done !== null,
        converted_at: converted && done ? clock.notAfterAnchor(clock.addDays(done, int(7, 30))) : null,
        assigned_sales_rep: owner?.id ?? null, created_at: requestedAt,
      });
    }
    if (wantsSales) {
      const at = lastActivityAt; // leads that asked for sales are past 'new', so they were contacted
      salesRequests.push({
        id: id(), workspace_id: ws.id, lead_id: leadId, email, first_name: first, last_name: last, company_name: company,
        phone: faker.phone.number({ style: 'national' }), inquiry_type: pick(['pricing', 'enterprise', 'partnership', 'general']),
        message: pick(['Looking for a quote for 40 users with SSO.', 'Can we get a partner discount?',
          'Need help migrating from our current CRM.']),
        estimated_budget: pick(['< $10k', '$10k–$25k', '$25k–$50k', '$50k+']),
        timeline: pick(['immediate', '1_3_months', '3_6_months', '6_12_months', 'planning']),
        status: { contacted: 'contacted', qualified: 'qualified', proposal: 'in_progress', negotiation: 'in_progress',
          converted: 'converted', lost: 'closed' }[status] ?? 'new',
        contacted_at: clock.notAfterAnchor(clock.addDays(at, 1)), assigned_to: owner?.id ?? null,
        assigned_at: owner ? clock.notAfterAnchor(clock.addMinutes(at, 20)) : null, created_at: at,
      });
    }
  }
  await s.insert('leads', leads);
  await s.insert('lead_activities', activities);
  await s.insert('demo_requests', demos);
  await s.insert('sales_contact_requests', salesRequests);
}

export async function seedRoutingRules(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<void> {
  const reps = ws.salesOwners.filter((u) => u.role === 'sales_rep');
  const team = Object.keys(ws.teams).find((t) => t.includes('Sales')) ?? null;
  const rules: Row[] = [
    { name: 'Hot inbound leads — round robin', description: 'Demo requests and hot leads go to the reps in turn', priority: 100,
      conditions: { any: [{ field: 'requested_demo', op: 'eq', value: true }, { field: 'priority', op: 'eq', value: 'hot' }] },
      assign_to_team: team, set_priority: 'hot', add_tags: ['inbound'], use_round_robin: true, round_robin_users: reps.map((r) => r.id),
      last_assigned_user_id: reps[0]!.id,
      auto_create_tasks: [{ title: 'Call the lead within 1 hour', due_in_hours: 1, priority: 'urgent' }] },
  ];
  if (ws.slug === 'acme') {
    rules.push(
      { name: 'Enterprise inquiries to the sales manager', description: 'Large budgets are qualified by the manager first', priority: 90,
        conditions: { all: [{ field: 'requested_sales_contact', op: 'eq', value: true }, { field: 'estimated_value', op: 'gte',
          value: 50000 }] },
        assign_to_user_id: ws.users.manager!.id, set_priority: 'high', add_tags: ['enterprise'],
        auto_create_tasks: [{ title: 'Qualify budget and timeline', due_in_days: 1, priority: 'high' }] },
      { name: 'Recruiting service leads', description: 'Permanent, contract and RPO inquiries go to recruiting', priority: 80,
        conditions: { all: [{ field: 'service_type', op: 'in', value: ['permanent', 'contract', 'rpo', 'executive_search'] }] },
        assign_to_user_id: ws.users.recruiter!.id, add_tags: ['recruiting'] },
      { name: 'Everything else', description: 'Catch-all: round robin between the reps at normal priority', priority: 0, conditions: {},
        use_round_robin: true, round_robin_users: reps.map((r) => r.id), last_assigned_user_id: reps[reps.length - 1]!.id,
        set_priority: 'medium' },
      { name: 'Trade show badge scans (2025)', description: 'Retired after the event', priority: 50, is_active: false,
        conditions: { all: [{ field: 'source', op: 'eq', value: 'trade_show' }] }, assign_to_user_id: reps[0]!.id, add_tags: ['event'] },
    );
  }
  await s.insert('lead_routing_rules', rules.map((r) => ({ id: id(), workspace_id: ws.id, created_at: clock.ago(300, 350), ...r })));
}
