/**
 * Company 360 against the real database: one company that lives in every system (S0 outreach and
 * postings, S1 client, job, application and placement, S3/S4 account, leads, contacts, deals and
 * e-mails, a quota) under three spellings and a domain, plus look-alikes that must stay out.
 * Checks how each row matched (link, name, domain), the revenue against quota, a rep's scoped
 * view, and the refusals.
 */
import { randomUUID } from 'node:crypto';
import { sequelize } from '../src/db.js';
import { loadActor, type Actor } from '../src/domain/permissions/actor.js';
import { companyView, CompanyViewError, type CompanyView } from '../src/domain/views/company-360.js';
import { select, idOf } from './helpers/sql.js';


const tag = randomUUID().slice(0, 8);
const domain = `acme-${tag}.test`;
let ws: string;
const user: Record<string, string> = {};
const id: Record<string, string> = {};
let admin: Actor;
let rep: Actor;

async function makeUser(key: string, role: string): Promise<void> {
  user[key] = await idOf(
    `WITH u AS (INSERT INTO users (workspace_id, email, password_hash, first_name, last_name)
                VALUES (:ws, :email, 'x', :first, 'Tester') RETURNING id)
     INSERT INTO user_roles (workspace_id, user_id, role_id) SELECT :ws, u.id, r.id FROM u, roles r WHERE r.name = :role
     RETURNING user_id AS id`,
    { ws, email: `${key}-${tag}@c360.test`, first: key, role },
  );
}

const section = (view: CompanyView, key: string) => view.sections.find((s) => s.key === key)!;
/** id → how it matched, for one section. */
const matches = (view: CompanyView, key: string) =>
  Object.fromEntries(section(view, key).rows.map((r) => [r.id as string, r.matched_by as string]));

beforeAll(async () => {
  ws = await idOf(`INSERT INTO workspaces (name, slug) VALUES ('Company 360', :slug) RETURNING id`, { slug: `c360-${tag}` });
  await makeUser('admin', 'admin');
  await makeUser('rep', 'sales_rep');
  await makeUser('rep2', 'sales_rep');
  await makeUser('recruiter', 'recruiter');
  await makeUser('candidate', 'candidate');
  const other = await idOf(`INSERT INTO workspaces (name, slug) VALUES ('Other', :slug) RETURNING id`, { slug: `c360-other-${tag}` });

  // S1 lead the client account was created from, under a name no rule would match.
  id.sourceLead = await idOf(`INSERT INTO leads (workspace_id, company_name, first_name, email, owner_id)
    VALUES (:ws, 'ACM Holdings (old name)', 'Origin', :email, :rep) RETURNING id`, { ws, email: `origin-${tag}@gmail.com`, rep: user.rep });
  id.account = await idOf(`INSERT INTO accounts (workspace_id, name, domain, website, owner_id, created_from_lead_id)
    VALUES (:ws, 'Acme, Inc.', :domain, :site, :rep, :lead) RETURNING id`, { ws, domain, site: `https://www.${domain}/about`, rep: user.rep, lead: id.sourceLead });
  id.lookalike = await idOf(`INSERT INTO accounts (workspace_id, name, owner_id) VALUES (:ws, 'Acme Roofing', :rep) RETURNING id`, { ws, rep: user.rep });
  id.otherWsAccount = await idOf(`INSERT INTO accounts (workspace_id, name, domain) VALUES (:other, 'Acme Inc', :domain) RETURNING id`, { other, domain });

  // S0: outreach and a posting born from it, typed by staff under other spellings.
  id.outreach = await idOf(`INSERT INTO outreach (workspace_id, staff_user_id, contact_name, company_name, outreach_date)
    VALUES (:ws, :admin, 'Olga Outreach', 'ACME inc', current_date) RETURNING id`, { ws, admin: user.admin });
  id.outreachRoofing = await idOf(`INSERT INTO outreach (workspace_id, staff_user_id, contact_name, company_name, outreach_date)
    VALUES (:ws, :admin, 'Roy Roofing', 'Acme Roofing LLC', current_date) RETURNING id`, { ws, admin: user.admin });
  id.posting = await idOf(`INSERT INTO job_postings (workspace_id, staff_user_id, company_name, job_title, outreach_id)
    VALUES (:ws, :admin, 'Acme Incorporated', 'Backend engineer', :outreach) RETURNING id`, { ws, admin: user.admin, outreach: id.outreach });
  id.postingByLink = await idOf(`INSERT INTO job_postings (workspace_id, staff_user_id, company_name, job_title, outreach_id)
    VALUES (:ws, :admin, 'A.C.M.E. Careers portal', 'Designer', :outreach) RETURNING id`, { ws, admin: user.admin, outreach: id.outreach });
  await select(`INSERT INTO job_posting_builders (workspace_id, job_posting_id, builder_name, status) VALUES (:ws, :p, 'Bea Builder', 'hired')`, { ws, p: id.posting });

  // S1: the account as a client with a job, and a placed candidate.
  id.job = await idOf(`INSERT INTO jobs (workspace_id, client_id, assigned_recruiter_id, title, slug_url)
    VALUES (:ws, :account, :recruiter, 'Site engineer', :slug) RETURNING id`, { ws, account: id.account, recruiter: user.recruiter, slug: `site-engineer-${tag}` });
  id.application = await idOf(`INSERT INTO applications (workspace_id, job_id, candidate_id, follow_up_status)
    VALUES (:ws, :job, :candidate, 'joined') RETURNING id`, { ws, job: id.job, candidate: user.candidate });

  // Leads by name and by domain, and a look-alike.
  id.leadByName = await idOf(`INSERT INTO leads (workspace_id, company_name, first_name, owner_id) VALUES (:ws, 'acme', 'Nora', :rep2) RETURNING id`, { ws, rep2: user.rep2 });
  id.leadByDomain = await idOf(`INSERT INTO leads (workspace_id, company_name, first_name, email, owner_id)
    VALUES (:ws, 'Totally different', 'Dora', :email, :rep) RETURNING id`, { ws, email: `dora@${domain}`, rep: user.rep });
  id.leadGmail = await idOf(`INSERT INTO leads (workspace_id, company_name, first_name, email) VALUES (:ws, 'Someone else', 'Gus', :email) RETURNING id`,
    { ws, email: `gus-${tag}@gmail.com` });

  // Contacts: linked (rep's), by name (rep2's), by domain (rep2's), look-alike.
  id.contactLinked = await idOf(`INSERT INTO contacts (workspace_id, account_id, first_name, email, owner_id)
    VALUES (:ws, :account, 'Lina', :email, :rep) RETURNING id`, { ws, account: id.account, email: `lina-${tag}@gmail.com`, rep: user.rep });
  id.contactByName = await idOf(`INSERT INTO contacts (workspace_id, company_name, first_name, owner_id)
    VALUES (:ws, 'Acme Inc.', 'Nick', :rep2) RETURNING id`, { ws, rep2: user.rep2 });
  id.contactByDomain = await idOf(`INSERT INTO contacts (workspace_id, first_name, email, owner_id)
    VALUES (:ws, 'Dan', :email, :rep2) RETURNING id`, { ws, email: `dan@${domain}`, rep2: user.rep2 });
  id.contactRoofing = await idOf(`INSERT INTO contacts (workspace_id, company_name, first_name, owner_id)
    VALUES (:ws, 'Acme Roofing', 'Rita', :rep) RETURNING id`, { ws, rep: user.rep });

  // Deals: won on the account (rep), open through the name-matched contact (rep2), lost through a lead.
  const pipeline = await idOf(`INSERT INTO pipelines (workspace_id, name) VALUES (:ws, 'Sales') RETURNING id`, { ws });
  const stage = await idOf(`INSERT INTO pipeline_stages (workspace_id, pipeline_id, name, order_index, probability) VALUES (:ws, :pipeline, 'Lead', 0, 50) RETURNING id`, { ws, pipeline });
  id.dealWon = await idOf(`INSERT INTO deals (workspace_id, title, value, actual_value, status, actual_close_date, account_id, owner_id, pipeline_id, stage_id, probability)
    VALUES (:ws, 'Acme roof', 1000, 1200, 'won', current_date, :account, :rep, :pipeline, :stage, 100) RETURNING id`, { ws, account: id.account, rep: user.rep, pipeline, stage });
  id.dealOpen = await idOf(`INSERT INTO deals (workspace_id, title, value, status, contact_id, owner_id, pipeline_id, stage_id, probability)
    VALUES (:ws, 'Acme extension', 500, 'open', :contact, :rep2, :pipeline, :stage, 50) RETURNING id`, { ws, contact: id.contactByName, rep2: user.rep2, pipeline, stage });
  id.dealLost = await idOf(`INSERT INTO deals (workspace_id, title, value, status, lead_id, owner_id, pipeline_id, stage_id)
    VALUES (:ws, 'Acme lost one', 300, 'lost', :lead, :rep2, :pipeline, :stage) RETURNING id`, { ws, lead: id.leadByDomain, rep2: user.rep2, pipeline, stage });
  id.dealRoofing = await idOf(`INSERT INTO deals (workspace_id, title, value, status, contact_id, owner_id, pipeline_id, stage_id)
    VALUES (:ws, 'Roofing deal', 999, 'won', :contact, :rep, :pipeline, :stage) RETURNING id`, { ws, contact: id.contactRoofing, rep: user.rep, pipeline, stage });

  // E-mails: to the linked contact (rep's), to an address at the domain without a contact (rep2's).
  id.emailToContact = await idOf(`INSERT INTO emails (workspace_id, contact_id, owner_id, subject, from_email, to_email, status)
    VALUES (:ws, :contact, :rep, 'Hello Lina', 'rep@crm.test', :to, 'sent') RETURNING id`, { ws, contact: id.contactLinked, rep: user.rep, to: `lina-${tag}@gmail.com` });
  id.emailToDomain = await idOf(`INSERT INTO emails (workspace_id, owner_id, subject, from_email, to_email, status)
    VALUES (:ws, :rep2, 'Hello team', 'rep2@crm.test', :to, 'sent') RETURNING id`, { ws, rep2: user.rep2, to: `team@${domain}` });

  // The rep's quota this quarter: the company's won deal counts against it.
  await select(`INSERT INTO sales_quotas (workspace_id, user_id, quota_period, start_date, end_date, revenue_target)
    VALUES (:ws, :rep, 'quarterly', date_trunc('quarter', current_date)::date, (date_trunc('quarter', current_date) + interval '3 months - 1 day')::date, 10000)`,
  { ws, rep: user.rep });

  admin = (await loadActor(user.admin!))!;
  rep = (await loadActor(user.rep!))!;
});

afterAll(async () => {
  await sequelize.close();
});

test('by account link: every system contributes, and each row says how it matched', async () => {
  const view = await companyView(admin, { accountId: id.account });
  expect(view.anchor).toMatchObject({ accountId: id.account, name: 'Acme, Inc.', key: 'acme', domain });
  expect(matches(view, 'accounts')).toEqual({ [id.account!]: 'account link' });
  expect(matches(view, 'outreach')).toEqual({ [id.outreach!]: 'name' });
  expect(matches(view, 'job_postings')).toEqual({ [id.posting!]: 'name', [id.postingByLink!]: 'via outreach' });
  const posting = section(view, 'job_postings').rows.find((r) => r.id === id.posting)!;
  expect(posting).toMatchObject({ builders: 1, builders_hired: 1 });
  expect(matches(view, 'jobs')).toEqual({ [id.job!]: 'account link' });
  expect(section(view, 'jobs').rows[0]).toMatchObject({ applications: 1, placements: 1 });
  expect(matches(view, 'applications')).toEqual({ [id.application!]: 'via job' });
  expect(section(view, 'applications').rows[0]).toMatchObject({ placed: true, job: 'Site engineer' });
  expect(matches(view, 'leads')).toEqual({ [id.sourceLead!]: 'account link', [id.leadByName!]: 'name', [id.leadByDomain!]: 'domain' });
  expect(matches(view, 'contacts')).toEqual({
    [id.contactLinked!]: 'account link', [id.contactByName!]: 'name', [id.contactByDomain!]: 'domain',
  });
  expect(matches(view, 'deals')).toEqual({ [id.dealWon!]: 'account link', [id.dealOpen!]: 'via contact', [id.dealLost!]: 'via lead' });
  expect(matches(view, 'emails')).toEqual({ [id.emailToContact!]: 'via contact', [id.emailToDomain!]: 'domain' });
  expect(view.sections.every((s) => s.allowed)).toBe(true);

  expect(view.revenue).toMatchObject({
    allowed: true, won_value: '1200.00', won_count: 1, open_value: '500.00', weighted_open_value: '250.00', open_count: 1, lost_count: 1,
  });
  expect(view.revenue.quotas).toHaveLength(1);
  expect(view.revenue.quotas[0]).toMatchObject({ user_id: user.rep, revenue_target: '10000.00', company_won: '1200.00', percent_of_target: '12.00' });
});

test('by name variant: "acme" and "ACME, inc." find the account "Acme, Inc." and not "Acme Roofing"', async () => {
  for (const search of ['acme', 'ACME, inc.', '  Acme Incorporated ']) {
    const view = await companyView(admin, { search });
    expect(view.anchor.accountId).toBe(id.account);
    expect(view.candidates[0]!.id).toBe(id.account);
    expect(Object.keys(matches(view, 'contacts'))).not.toContain(id.contactRoofing);
    expect(Object.keys(matches(view, 'deals'))).not.toContain(id.dealRoofing);
    expect(Object.keys(matches(view, 'outreach'))).not.toContain(id.outreachRoofing);
  }
  // Another workspace's account of the same name is never a candidate.
  const view = await companyView(admin, { search: 'acme' });
  expect(view.candidates.map((c) => c.id)).not.toContain(id.otherWsAccount);
});

test('a partial name is offered, not assumed: "Acme Roof" suggests "Acme Roofing" without anchoring on it', async () => {
  const view = await companyView(admin, { search: 'Acme Roof' });
  expect(view.anchor.accountId).toBeNull();
  expect(view.candidates.map((c) => c.id)).toContain(id.lookalike);
  expect(section(view, 'contacts').rows).toEqual([]);
});

test('by domain or an address at it: the account and the rows at that domain', async () => {
  for (const search of [domain, `someone@${domain}`, `https://${domain}/careers`]) {
    const view = await companyView(admin, { search });
    expect(view.anchor.accountId).toBe(id.account);
    expect(matches(view, 'contacts')[id.contactByDomain!]).toBe('domain');
  }
});

test('a name no account has still gathers what S0 and the leads know by that name', async () => {
  const view = await companyView(admin, { search: 'Acme Roofing, LLC' });
  // "Acme Roofing" is an account: the name matches it exactly.
  expect(view.anchor.accountId).toBe(id.lookalike);
  expect(matches(view, 'outreach')).toEqual({ [id.outreachRoofing!]: 'name' });
  // Initech is only in S0 outreach and an S1 lead: no account, still one picture by name.
  const outreach = await idOf(`INSERT INTO outreach (workspace_id, staff_user_id, contact_name, company_name, outreach_date)
    VALUES (:ws, :admin, 'Ian', :name, current_date) RETURNING id`, { ws, admin: user.admin, name: `Initech ${tag} LLC` });
  const lead = await idOf(`INSERT INTO leads (workspace_id, company_name, first_name) VALUES (:ws, :name, 'Ivy') RETURNING id`,
    { ws, name: `initech-${tag}` });
  const orphan = await companyView(admin, { search: `Initech ${tag}` });
  expect(orphan.anchor).toMatchObject({ accountId: null, key: `initech ${tag}` });
  expect(matches(orphan, 'outreach')).toEqual({ [outreach]: 'name' });
  expect(matches(orphan, 'leads')).toEqual({ [lead]: 'name' });
  expect(section(orphan, 'contacts').rows).toEqual([]);
});

test("a rep's view holds only what the rep's policy lets them list", async () => {
  const view = await companyView(rep, { accountId: id.account });
  // Shared tables (accounts, jobs, postings) in full; own tables only the rep's rows.
  expect(matches(view, 'contacts')).toEqual({ [id.contactLinked!]: 'account link' });
  expect(matches(view, 'leads')).toEqual({ [id.sourceLead!]: 'account link', [id.leadByDomain!]: 'domain' });
  expect(matches(view, 'deals')).toEqual({ [id.dealWon!]: 'account link' });
  expect(matches(view, 'emails')).toEqual({ [id.emailToContact!]: 'via contact' });
  expect(matches(view, 'jobs')).toEqual({ [id.job!]: 'account link' });
  // Tables a rep may not list are said to be not allowed, not shown as empty.
  expect(section(view, 'outreach').allowed).toBe(false);
  expect(section(view, 'applications').allowed).toBe(false);
  expect(view.revenue).toMatchObject({ won_value: '1200.00', open_count: 0, lost_count: 0 });
  expect(view.revenue.quotas.map((q) => q.user_id)).toEqual([user.rep]);
});

test('refusals: a malformed or foreign account, an empty or meaningless search', async () => {
  await expect(companyView(admin, {})).rejects.toThrow(CompanyViewError);
  await expect(companyView(admin, { accountId: 'not-a-uuid' })).rejects.toThrow('The account id is not valid');
  await expect(companyView(admin, { accountId: id.otherWsAccount })).rejects.toThrow('No such account that you may see');
  await expect(companyView(admin, { search: 'x' })).rejects.toThrow('Type 2 to 200 characters');
  await expect(companyView(admin, { search: 'Inc.' })).rejects.toThrow('only a legal form');
  await expect(companyView(admin, { search: 'me@gmail.com' })).rejects.toThrow('mail provider');
});
