/**
 * Accounts (S4 accounts + S1 clients), contacts (S2/S3/S4) and the reps' sales quotas (S3).
 * Contacts mostly belong to an account of the same workspace and use its e-mail domain.
 */
import { faker } from '@faker-js/faker';
import {
  chance, Clock, companyDomain, id, int, localPart, money, pick, pickOwner, pickSome, unique, weighted,
  type Account, type DemoWorkspace, type Row, Seeder,
} from './demo-kit.js';

const INDUSTRIES = ['Software', 'Construction', 'Healthcare', 'Financial Services', 'Manufacturing', 'Logistics', 'Retail', 'Education',
  'Real Estate', 'Media'];
const SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000'];
const STATES: Record<string, [string, string, string][]> = {
  acme: [['New York', 'NY', 'US'], ['Austin', 'TX', 'US'], ['Chicago', 'IL', 'US'], ['Denver', 'CO', 'US'], ['Seattle', 'WA', 'US'],
    ['Atlanta', 'GA', 'US'], ['Boston', 'MA', 'US']],
  globex: [['Berlin', 'BE', 'DE'], ['München', 'BY', 'DE'], ['Hamburg', 'HH', 'DE'], ['Köln', 'NW', 'DE'], ['Wien', 'W', 'AT']],
};
const CONTACT_STATUSES = [['new', 15], ['contacted', 15], ['engaged', 12], ['qualified', 12], ['unqualified', 5], ['opportunity', 10],
  ['customer', 18], ['churned', 5], ['inactive', 8]] as const;

export async function seedAccounts(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<void> {
  const rows: Row[] = [];
  const converted = ws.leads.filter((l) => l.status === 'converted' && l.companyName);
  const names = new Set<string>();
  for (let i = 0; i < ws.scale.accounts; i += 1) {
    // A third of the converted leads became accounts; the rest are prospects and customers.
    const fromLead = i >= ws.scale.clientAccounts && i % 3 === 0 ? converted.shift() : undefined;
    const name = unique(names, fromLead?.companyName ?? faker.company.name(), (n) => `${faker.company.name()} ${n}`);
    const domain = companyDomain(name);
    const [city, state, country] = pick(STATES[ws.slug]!);
    const isClient = i < ws.scale.clientAccounts;
    const owner = pickOwner(ws);
    const createdAt = fromLead ? clock.notAfterAnchor(clock.addDays(fromLead.lastActivityAt, 1)) : clock.ago(30, 380);
    const street = faker.location.streetAddress();
    const contractStart = isClient ? clock.ago(60, 400) : null;
    rows.push({
      id: id(), workspace_id: ws.id, name, domain, industry: pick(INDUSTRIES), employee_count: pick(SIZES),
      annual_revenue: money(1_000_000, 250_000_000, 100_000), address: street, city, state, country,
      postal_code: faker.location.zipCode(), phone: faker.phone.number({ style: 'national' }), website: `https://www.${domain}`,
      description: faker.company.catchPhrase(),
      status: weighted([['active', 12], ['inactive', 2], ['blacklisted', isClient ? 0 : 0.3]]),
      billing_address: isClient ? `${street}, ${city}, ${state}` : null,
      corporate_identity: !isClient ? {}
        : ws.slug === 'acme' ? { ein: `${int(10, 99)}-${int(1000000, 9999999)}` } : { ust_id: `DE${int(100000000, 999999999)}` },
      contract_start_date: contractStart ? clock.day(contractStart) : null,
      contract_end_date: contractStart ? clock.day(clock.addDays(contractStart, 365 * int(1, 3))) : null,
      owner_id: owner.id,
      account_manager_id: isClient ? (ws.users.recruiter ?? ws.users.manager ?? owner).id : null,
      created_from_lead_id: fromLead?.id ?? null,
      custom_fields: isClient ? { payment_terms: pick(['net 30', 'net 45']), fee_percent: pick([15, 18, 20, 22]) } : {},
      created_at: createdAt,
    });
    ws.accounts.push({ id: rows[rows.length - 1]!.id as string, name, domain, ownerId: owner.id, isClient, createdAt });
  }
  await s.insert('accounts', rows);
}

export async function seedContacts(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<void> {
  const rows: Row[] = [];
  const emails = new Set<string>();
  // People of converted leads who now work with us through their account.
  const fromLeads = new Map(ws.accounts.map((a) => [a.name, a]));
  const leadPeople = ws.leads.filter((l) => l.status === 'converted' && l.companyName && fromLeads.has(l.companyName));
  for (let i = 0; i < ws.scale.contacts; i += 1) {
    const person = leadPeople[i];
    const account: Account | null = person ? fromLeads.get(person.companyName!)! : chance(0.85) ? pick(ws.accounts) : null;
    const first = person?.firstName ?? faker.person.firstName();
    const last = person?.lastName ?? faker.person.lastName();
    const company = account?.name ?? faker.company.name();
    const domain = account?.domain ?? companyDomain(company);
    const email = unique(emails, `${localPart(first, last)}@${domain}`, (n) => `${localPart(first, last)}${n}@${domain}`);
    const status = person ? 'customer' : weighted(CONTACT_STATUSES);
    const owner = account && chance(0.7) ? ws.salesOwners.find((u) => u.id === account!.ownerId) ?? pickOwner(ws) : pickOwner(ws);
    const createdAt = clock.workHour(account ? clock.between(account.createdAt, clock.addDays(clock.anchor, -1)) : clock.ago(1, 365));
    const unsubscribed = chance(0.04);
    const unsubscribedAt = unsubscribed ? clock.between(createdAt, clock.addDays(clock.anchor, -1)) : null;
    const [city, state, country] = pick(STATES[ws.slug]!);
    const customer = status === 'customer';
    rows.push({
      id: id(), workspace_id: ws.id, account_id: account?.id ?? null, first_name: first, last_name: last, email,
      phone: faker.phone.number({ style: 'national' }), mobile: chance(0.6) ? faker.phone.number({ style: 'national' }) : null,
      company_name: company, title: faker.person.jobTitle(),
      department: pick(['Sales', 'Operations', 'Engineering', 'Finance', 'HR', 'Marketing', 'Procurement']),
      website: `https://www.${domain}`, address_line1: chance(0.5) ? faker.location.streetAddress() : null, city, state,
      postal_code: faker.location.zipCode(), country,
      status,
      source: weighted([['website', 25], ['referral', 15], ['linkedin', 18], ['cold_email', 10], ['trade_show', 8], ['social_media', 8],
        ['advertising', 6], ['cold_outreach', 6], ['other', 4]]),
      lead_score: chance(0.8) ? int(5, 98) : null, owner_id: owner.id,
      tags: pickSome(['decision-maker', 'champion', 'technical', 'budget-holder', 'newsletter', 'event-2025', 'vip'], 0, 2),
      custom_fields: chance(0.2) ? { preferred_language: pick(['en', 'es', 'de']) } : {},
      notes: chance(0.2) ? pick(['Prefers calls after 3pm.', 'Met at the customer summit.', 'Gatekeeper for the VP of Sales.',
        'Champion of the rollout.']) : null,
      linkedin_url: chance(0.7)
        ? `https://www.linkedin.com/in/${localPart(first, last).replace('.', '-')}-${faker.string.alphanumeric(6).toLowerCase()}` : null,
      twitter_handle: chance(0.15) ? `@${localPart(first, last).replace('.', '_')}` : null,
      contact_type: customer ? pick(['customer', 'decision_maker']) : weighted([['prospect', 10], ['decision_maker', 4], ['influencer', 4],
        ['partner', 1], ['vendor', 1]]),
      relationship_status: customer ? 'won' : status === 'churned' ? 'lost' : status === 'inactive' ? 'inactive' : 'active',
      preferred_contact_method: pick(['email', 'phone', 'meeting']),
      timezone: ws.slug === 'acme' ? pick(['America/New_York', 'America/Chicago', 'America/Denver',
        'America/Los_Angeles']) : 'Europe/Berlin',
      birthday: chance(0.2) ? clock.day(faker.date.birthdate({ min: 25, max: 60, mode: 'age', refDate: clock.anchor })) : null,
      anniversary: customer && chance(0.3) ? clock.day(clock.ago(200, 700)) : null,
      last_contacted_at: status === 'new' ? null : clock.workHour(clock.between(createdAt, clock.addDays(clock.anchor, -1))),
      next_contact_date: ['contacted', 'engaged', 'qualified', 'opportunity'].includes(status) ? clock.day(clock.ahead(1, 30)) : null,
      unsubscribed, unsubscribed_at: unsubscribedAt, bounced: !unsubscribed && chance(0.03),
      created_by: owner.id, created_at: createdAt,
    });
    ws.contacts.push({ id: rows[i]!.id as string, accountId: account?.id ?? null, firstName: first, lastName: last, email,
      ownerId: owner.id,
      companyName: company, createdAt, unsubscribedAt, bounced: rows[i]!.bounced as boolean });
  }
  await s.insert('contacts', rows);
}

function quarterStart(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1));
}

export async function seedQuotas(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<void> {
  const rows: Row[] = [];
  const current = quarterStart(clock.anchor);
  const dayBefore = (d: Date) => clock.day(clock.addDays(d, -1));
  for (const user of ws.salesOwners.filter((u) => u.role === 'sales_rep' || u.role === 'manager')) {
    const teamQuota = user.role === 'manager' ? 2 : 1;
    for (let q = -3; q <= 0; q += 1) {
      const start = new Date(Date.UTC(current.getUTCFullYear(), current.getUTCMonth() + q * 3, 1));
      const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 1));
      rows.push({ quota_period: 'quarterly', start_date: clock.day(start), end_date: dayBefore(end), user_id: user.id, is_active: q === 0,
        revenue_target: money(120_000, 180_000, 10_000) * teamQuota, deals_target: int(6, 12) * teamQuota, calls_target: 300,
        meetings_target: 45,
        territory: ws.slug === 'acme' ? pick(['US East', 'US Central', 'US West']) : 'DACH',
        deal_types: q === 0 && chance(0.5) ? ['standard', 'commercial'] : [],
        created_at: clock.notAfterAnchor(clock.addDays(start, -7)) });
    }
    const month = new Date(Date.UTC(clock.anchor.getUTCFullYear(), clock.anchor.getUTCMonth(), 1));
    const nextMonth = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
    rows.push({ quota_period: 'monthly', start_date: clock.day(month), end_date: dayBefore(nextMonth), user_id: user.id, is_active: true,
      revenue_target: 50_000 * teamQuota, deals_target: 3 * teamQuota, calls_target: 100, meetings_target: 15, deal_types: [],
      created_at: clock.notAfterAnchor(clock.addDays(month, -3)) });
    const year = new Date(Date.UTC(clock.anchor.getUTCFullYear(), 0, 1));
    rows.push({ quota_period: 'yearly', start_date: clock.day(year), end_date: `${year.getUTCFullYear()}-12-31`, user_id: user.id,
      is_active: true,
      revenue_target: 600_000 * teamQuota, deals_target: 36 * teamQuota, calls_target: 1200, meetings_target: 180, deal_types: [],
      created_at: clock.notAfterAnchor(clock.addDays(year, -10)) });
  }
  await s.insert('sales_quotas', rows.map((r) => ({ id: id(), workspace_id: ws.id, ...r })));
}
