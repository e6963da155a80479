/**
 * "Company 360": everything the five systems know about one company, in one picture that none
 * of them could show alone: S0 outreach and job postings, S1 client jobs, applications and
 * placements, S3/S4 account, contacts, leads, opportunities, deals and e-mails, and the revenue
 * the company brought against the quotas of the people who sold to it.
 *
 * The systems link a company in different ways, so each row says how it was matched:
 * - `account link`: a foreign key to the account (contacts/deals.account_id, jobs.client_id,
 *   accounts.created_from_lead_id for the lead it came from);
 * - `via …`: through a matched row (an application through its job, a deal or an e-mail through
 *   a matched contact or lead, a posting through its outreach);
 * - `name`: the same company key (match-keys.ts: "Acme, Inc." = "acme");
 * - `domain`: the same e-mail or website domain (free mail providers excluded).
 *
 * Every section is read under the actor's `list` scope of its table (a rep sees their own rows);
 * a table the role may not list is reported as not allowed rather than silently empty.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import type { Actor } from '../permissions/actor.js';
import { isUuid } from '../uuid.js';
import {
  companyKey, companyKeySql, emailDomain, emailDomainSql, longestWord, websiteDomain, websiteDomainSql,
} from './match-keys.js';
import { visibleRows } from '../permissions/visible-rows.js';
import { RuleError } from '../rule-error.js';

export class CompanyViewError extends RuleError {}

export interface CompanyQuery {
  accountId?: string | null;
  /** A company name (any spelling), a domain ("acme.com") or an e-mail address at the company. */
  search?: string | null;
}

export interface CompanyAnchor {
  accountId: string | null;
  name: string;
  /** The company key names are compared by ('' when the query was only a domain). */
  key: string;
  domain: string | null;
}

type Row = Record<string, unknown>;

export interface CompanySection {
  key: string;
  title: string;
  /** The table the rows are records of (for links to them). */
  table: string;
  system: string;
  allowed: boolean;
  rows: Row[];
  /** More rows matched than the limit. */
  truncated: boolean;
}

export interface QuotaLine {
  quota_id: string;
  user_id: string;
  user_name: string;
  quota_period: string;
  start_date: string;
  end_date: string;
  revenue_target: string;
  company_won: string;
  percent_of_target: string | null;
}

export interface CompanyRevenue {
  allowed: boolean;
  won_value: string;
  won_count: number;
  open_value: string;
  weighted_open_value: string;
  open_count: number;
  lost_count: number;
  /** Active quotas of the people who own this company's deals, with what the company brought in each period. */
  quotas: QuotaLine[];
  quotasAllowed: boolean;
}

export interface CompanyView {
  anchor: CompanyAnchor;
  /** Accounts the search could mean, best first (the anchor's account is the first when it has one). */
  candidates: Array<{ id: string; name: string; domain: string | null; score: number }>;
  sections: CompanySection[];
  revenue: CompanyRevenue;
}

const DOMAIN_LIKE = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

async function select<T extends object = Row>(sql: string, replacements: Row): Promise<T[]> {
  return sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });
}

/** The conditions a row must meet to be "this company", given how the query was anchored. */
class Matcher {
  constructor(readonly anchor: CompanyAnchor) {}

  get params(): Row {
    const word = longestWord(this.anchor.key);
    return {
      accountId: this.anchor.accountId,
      key: this.anchor.key,
      like: `%${word}%`,
      domain: this.anchor.domain,
      emailLike: `%@${this.anchor.domain ?? ''}`,
    };
  }

  account(column: string): string {
    return this.anchor.accountId ? `${column} = CAST(:accountId AS uuid)` : 'FALSE';
  }

  /** Same company key; the ILIKE on the longest word lets a trigram index narrow the rows first. */
  name(column: string): string {
    if (!this.anchor.key) return 'FALSE';
    return `(${column} ILIKE :like AND ${companyKeySql(column)} = :key)`;
  }

  emailDomain(column: string): string {
    if (!this.anchor.domain) return 'FALSE';
    return `(${column} ILIKE :emailLike AND ${emailDomainSql(column)} = :domain)`;
  }

  websiteDomain(...columns: string[]): string {
    if (!this.anchor.domain) return 'FALSE';
    return `(${columns.map((c) => `${websiteDomainSql(c)} = :domain`).join(' OR ')})`;
  }

  /** Contacts of the company in the workspace, whoever owns them (for deals and e-mails through them). */
  contactIds(): string {
    return `(SELECT mc.id FROM contacts mc WHERE mc.workspace_id = :ws AND (${this.account('mc.account_id')}
              OR ${this.name('mc.company_name')} OR ${this.emailDomain('mc.email')}))`;
  }

  leadIds(): string {
    return `(SELECT ml.id FROM leads ml WHERE ml.workspace_id = :ws AND (${this.linkedLead('ml.id')}
              OR ${this.name('ml.company_name')} OR ${this.emailDomain('ml.email')}))`;
  }

  linkedLead(column: string): string {
    return this.anchor.accountId
      ? `${column} = (SELECT la.created_from_lead_id FROM accounts la WHERE la.id = CAST(:accountId AS uuid))`
      : 'FALSE';
  }
}

/** `CASE` naming the first rule a row meets, and the `OR` of all of them for the WHERE. */
function matchRules(rules: Array<[label: string, condition: string]>): { label: string; where: string } {
  const live = rules.filter(([, condition]) => condition !== 'FALSE');
  if (live.length === 0) return { label: `NULL::text`, where: 'FALSE' };
  return {
    label: `CASE ${live.map(([label, condition]) => `WHEN ${condition} THEN '${label}'`).join(' ')} END`,
    where: `(${live.map(([, condition]) => condition).join(' OR ')})`,
  };
}

interface SectionSpec {
  key: string;
  title: string;
  table: string;
  system: string;
  alias: string;
  rules: Array<[string, string]>;
  /** Columns (over alias and joins); the section adds id and matched_by. */
  columns: string;
  joins?: string;
  order: string;
}

function sectionSpecs(m: Matcher): SectionSpec[] {
  const userName = (alias: string) => `NULLIF(concat_ws(' ', ${alias}.first_name, ${alias}.last_name), '')`;
  return [
    {
      key: 'accounts', title: 'Accounts and clients (S1, S3/S4)', table: 'accounts', system: 'S1 S3 S4', alias: 'a',
      rules: [['account link', m.account('a.id')], ['name', m.name('a.name')], ['domain', m.websiteDomain('a.domain', 'a.website')]],
      columns: `a.name, a.domain, a.industry, a.status::text AS status, a.contract_start_date, a.contract_end_date, ${userName('ao')} AS owner`,
      joins: 'LEFT JOIN users ao ON ao.id = a.owner_id',
      order: 'a.created_at',
    },
    {
      key: 'outreach', title: 'Outreach (S0)', table: 'outreach', system: 'S0', alias: 'o',
      rules: [['name', m.name('o.company_name')]],
      columns: `o.company_name, o.contact_name, o.contact_title, o.contact_method::text AS contact_method, o.status::text AS status, o.outreach_date, ${userName('os')} AS staff`,
      joins: 'LEFT JOIN users os ON os.id = o.staff_user_id',
      order: 'o.outreach_date DESC, o.created_at',
    },
    {
      key: 'job_postings', title: 'Job postings shared with builders (S0)', table: 'job_postings', system: 'S0', alias: 'jp',
      rules: [
        ['name', m.name('jp.company_name')],
        ['via outreach', m.anchor.key ? `jp.outreach_id IN (SELECT mo.id FROM outreach mo WHERE mo.workspace_id = :ws AND ${m.name('mo.company_name')})` : 'FALSE'],
      ],
      columns: `jp.company_name, jp.job_title, jp.status::text AS status, jp.location,
                (SELECT count(*)::int FROM job_posting_builders b WHERE b.job_posting_id = jp.id) AS builders,
                (SELECT count(*)::int FROM job_posting_builders b WHERE b.job_posting_id = jp.id AND b.status = 'hired') AS builders_hired`,
      order: 'jp.created_at DESC',
    },
    {
      key: 'jobs', title: 'Client jobs (S1)', table: 'jobs', system: 'S1', alias: 'j',
      rules: [['account link', m.account('j.client_id')]],
      columns: `j.title, j.status::text AS status, j.number_of_openings,
                (SELECT count(*)::int FROM applications ja WHERE ja.job_id = j.id) AS applications,
                (SELECT count(*)::int FROM applications ja WHERE ja.job_id = j.id AND ja.follow_up_status = 'joined') AS placements,
                ${userName('jr')} AS recruiter`,
      joins: 'LEFT JOIN users jr ON jr.id = j.assigned_recruiter_id',
      order: 'j.created_at DESC',
    },
    {
      key: 'applications', title: 'Applications and placements (S1)', table: 'applications', system: 'S1', alias: 'ap',
      rules: [['via job', m.anchor.accountId ? `ap.job_id IN (SELECT mj.id FROM jobs mj WHERE mj.client_id = CAST(:accountId AS uuid))` : 'FALSE']],
      columns: `apj.title AS job, ${userName('apc')} AS candidate, ap.status::text AS status,
                ap.follow_up_status::text AS follow_up_status, (ap.follow_up_status = 'joined') AS placed, ap.applied_at`,
      joins: 'JOIN jobs apj ON apj.id = ap.job_id LEFT JOIN users apc ON apc.id = ap.candidate_id',
      order: 'ap.applied_at DESC',
    },
    {
      key: 'leads', title: 'Leads (S1, S3)', table: 'leads', system: 'S1 S3', alias: 'l',
      rules: [['account link', m.linkedLead('l.id')], ['name', m.name('l.company_name')], ['domain', m.emailDomain('l.email')]],
      columns: `l.company_name, ${userName('l')} AS name, l.email, l.status::text AS status, l.lead_score, l.estimated_value, ${userName('lo')} AS owner`,
      joins: 'LEFT JOIN users lo ON lo.id = l.owner_id',
      order: 'l.created_at DESC',
    },
    {
      key: 'contacts', title: 'Contacts (S2, S3, S4)', table: 'contacts', system: 'S2 S3 S4', alias: 'c',
      rules: [['account link', m.account('c.account_id')], ['name', m.name('c.company_name')], ['domain', m.emailDomain('c.email')]],
      columns: `${userName('c')} AS name, c.email, c.title, c.company_name, c.status::text AS status, ${userName('co')} AS owner`,
      joins: 'LEFT JOIN users co ON co.id = c.owner_id',
      order: 'c.created_at DESC',
    },
    {
      key: 'opportunities', title: 'Opportunities (S3)', table: 'opportunities', system: 'S3', alias: 'op',
      rules: [['via contact', `op.contact_id IN ${m.contactIds()}`], ['via lead', `op.lead_id IN ${m.leadIds()}`]],
      columns: `op.name, op.stage::text AS stage, op.estimated_value, op.expected_close_date`,
      order: 'op.created_at DESC',
    },
    {
      key: 'deals', title: 'Deals (S2, S3)', table: 'deals', system: 'S2 S3', alias: 'd',
      rules: [['account link', m.account('d.account_id')], ['via contact', `d.contact_id IN ${m.contactIds()}`], ['via lead', `d.lead_id IN ${m.leadIds()}`]],
      columns: `d.title, d.status::text AS status, ds.name AS stage, d.value, d.actual_value, d.currency,
                d.expected_close_date, d.actual_close_date, ${userName('dow')} AS owner`,
      joins: 'LEFT JOIN pipeline_stages ds ON ds.id = d.stage_id LEFT JOIN users dow ON dow.id = d.owner_id',
      order: 'd.created_at DESC',
    },
    {
      key: 'emails', title: 'E-mails (S2, S3, S4)', table: 'emails', system: 'S2 S3 S4', alias: 'e',
      rules: [['via contact', `e.contact_id IN ${m.contactIds()}`], ['domain', m.emailDomain('e.to_email')]],
      columns: `e.subject, e.to_email, e.status::text AS status, e.sent_at, e.opened_at, e.replied_at`,
      order: 'e.created_at DESC',
    },
  ];
}

async function readSection(actor: Actor, spec: SectionSpec, params: Row, limit: number): Promise<CompanySection> {
  const base = { key: spec.key, title: spec.title, table: spec.table, system: spec.system };
  const visible = visibleRows(actor, spec.table, spec.alias);
  if (!visible) return { ...base, allowed: false, rows: [], truncated: false };
  const { label, where } = matchRules(spec.rules);
  if (where === 'FALSE') return { ...base, allowed: true, rows: [], truncated: false };
  const rows = await select(
    `SELECT ${spec.alias}.id, ${label} AS matched_by, ${spec.columns}
       FROM ${spec.table} ${spec.alias} ${spec.joins ?? ''}
      WHERE ${spec.alias}.workspace_id = :ws AND (${visible}) AND ${where}
      ORDER BY ${spec.order}
      LIMIT :limitPlusOne`,
    { ...params, limitPlusOne: limit + 1 },
  );
  return { ...base, allowed: true, rows: rows.slice(0, limit), truncated: rows.length > limit };
}

async function readRevenue(actor: Actor, m: Matcher, params: Row): Promise<CompanyRevenue> {
  const empty: CompanyRevenue = {
    allowed: false, won_value: '0', won_count: 0, open_value: '0', weighted_open_value: '0', open_count: 0, lost_count: 0,
    quotas: [], quotasAllowed: false,
  };
  const deals = visibleRows(actor, 'deals', 'd');
  if (!deals) return empty;
  const { where } = matchRules([
    ['account link', m.account('d.account_id')], ['via contact', `d.contact_id IN ${m.contactIds()}`], ['via lead', `d.lead_id IN ${m.leadIds()}`],
  ]);
  // The company's deals the actor may see, once; totals and each owner's quota periods come from it.
  const companyDeals = `SELECT d.* FROM deals d WHERE d.workspace_id = :ws AND (${deals}) AND ${where}`;
  const [totals] = await select<Omit<CompanyRevenue, 'allowed' | 'quotas' | 'quotasAllowed'>>(
    `SELECT COALESCE(sum(COALESCE(actual_value, value)) FILTER (WHERE status = 'won'), 0)::text AS won_value,
            (count(*) FILTER (WHERE status = 'won'))::int AS won_count,
            COALESCE(sum(value) FILTER (WHERE status IN ('open', 'on_hold')), 0)::text AS open_value,
            COALESCE(sum(weighted_value) FILTER (WHERE status IN ('open', 'on_hold')), 0)::text AS weighted_open_value,
            (count(*) FILTER (WHERE status IN ('open', 'on_hold')))::int AS open_count,
            (count(*) FILTER (WHERE status = 'lost'))::int AS lost_count
       FROM (${companyDeals}) d`,
    params,
  );
  const quotaRows = visibleRows(actor, 'sales_quotas', 'q');
  const quotas = quotaRows
    ? await select<QuotaLine>(
      // A won deal counts in the period its close date (else its last update) falls in.
      `SELECT q.id AS quota_id, q.user_id, NULLIF(concat_ws(' ', u.first_name, u.last_name), '') AS user_name,
              q.quota_period::text AS quota_period, q.start_date, q.end_date, q.revenue_target::text AS revenue_target,
              COALESCE(sum(COALESCE(cd.actual_value, cd.value)), 0)::numeric(15,2)::text AS company_won,
              CASE WHEN q.revenue_target > 0
                   THEN round(COALESCE(sum(COALESCE(cd.actual_value, cd.value)), 0) * 100 / q.revenue_target, 2)::text END AS percent_of_target
         FROM sales_quotas q
         JOIN users u ON u.id = q.user_id
         LEFT JOIN (${companyDeals}) cd ON cd.owner_id = q.user_id AND cd.status = 'won'
              AND COALESCE(cd.actual_close_date, cd.updated_at::date) BETWEEN q.start_date AND q.end_date
        WHERE q.workspace_id = :ws AND (${quotaRows}) AND q.is_active
          AND q.user_id IN (SELECT owner_id FROM (${companyDeals}) od WHERE owner_id IS NOT NULL)
        GROUP BY q.id, u.id
        ORDER BY COALESCE(sum(COALESCE(cd.actual_value, cd.value)), 0) DESC, q.start_date DESC, user_name`,
      params,
    )
    : [];
  return { allowed: true, ...totals!, quotas, quotasAllowed: !!quotaRows };
}

/** What a search string can mean: a domain, an e-mail address at the company, or a name. */
function parseSearch(search: string): { name: string; key: string; domain: string | null } {
  const q = search.trim();
  if (q.length < 2 || q.length > 200) throw new CompanyViewError('Type 2 to 200 characters: a company name, a domain or an e-mail address');
  if (q.includes('@')) {
    const domain = emailDomain(q);
    if (!domain) throw new CompanyViewError(`"${q}" is at a mail provider, not at a company: search by the company's name instead`);
    return { name: domain, key: '', domain };
  }
  if (DOMAIN_LIKE.test(q) || /^[a-z]+:\/\//i.test(q)) return { name: q, key: '', domain: websiteDomain(q) };
  const key = companyKey(q);
  if (!key) throw new CompanyViewError(`"${q}" is only a legal form: type the company's name`);
  return { name: q, key, domain: null };
}

interface AccountRow { id: string; name: string; domain: string | null; website: string | null; score: number; strong: boolean }

async function resolveAnchor(actor: Actor, query: CompanyQuery): Promise<{ anchor: CompanyAnchor; candidates: AccountRow[] }> {
  const accounts = visibleRows(actor, 'accounts', 'a', query.accountId ? 'show' : 'list');
  if (query.accountId) {
    if (!isUuid(query.accountId)) throw new CompanyViewError('The account id is not valid');
    const [account] = accounts
      ? await select<AccountRow>(
        `SELECT a.id, a.name, a.domain, a.website, 1 AS score, TRUE AS strong FROM accounts a
          WHERE a.id = :id AND a.workspace_id = :ws AND (${accounts})`,
        { id: query.accountId, ws: actor.workspaceId },
      )
      : [];
    // Out of scope and missing read the same: another rep's account is not ours to reveal.
    if (!account) throw new CompanyViewError('No such account that you may see');
    return { anchor: anchorOf(account, null), candidates: [account] };
  }
  if (!query.search?.trim()) throw new CompanyViewError('Give an account or a company name, domain or e-mail address to look up');
  const parsed = parseSearch(query.search);
  const anchorNone: CompanyAnchor = { accountId: null, ...parsed };
  if (!accounts) return { anchor: anchorNone, candidates: [] };
  const m = new Matcher(anchorNone);
  // Offered as well: similar names (typos) and names the query is the start of ("jerde pfeffer"
  // for "Jerde, Pfeffer and Cormier"), both served by the trigram index on accounts.name.
  const byName = parsed.key ? `(${m.name('a.name')} OR a.name % :q OR :q <% a.name)` : 'FALSE';
  const byDomain = m.websiteDomain('a.domain', 'a.website');
  const candidates = await select<AccountRow>(
    `SELECT a.id, a.name, a.domain, a.website, round(GREATEST(similarity(a.name, :q), word_similarity(:q, a.name))::numeric, 3)::float AS score,
            (${m.name('a.name')} OR ${byDomain}) AS strong
       FROM accounts a
      WHERE a.workspace_id = :ws AND (${accounts}) AND (${byName} OR ${byDomain})
      ORDER BY strong DESC, score DESC, a.name
      LIMIT 10`,
    { ...m.params, q: query.search.trim(), ws: actor.workspaceId },
  );
  const best = candidates[0];
  // A merely similar name ("Acme" for "Acme Roofing") is offered, not assumed.
  return { anchor: best?.strong ? anchorOf(best, parsed.domain) : anchorNone, candidates };
}

function anchorOf(account: AccountRow, queryDomain: string | null): CompanyAnchor {
  return {
    accountId: account.id,
    name: account.name,
    key: companyKey(account.name),
    domain: websiteDomain(account.domain) ?? websiteDomain(account.website) ?? queryDomain,
  };
}

/**
 * One company's picture across the systems, under the actor's scopes, in the workspace the actor
 * works in. Refuses (CompanyViewError, nothing read) a malformed id or search, and an account the
 * actor may not see.
 */
export async function companyView(actor: Actor, query: CompanyQuery, options: { limit?: number } = {}): Promise<CompanyView> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const { anchor, candidates } = await resolveAnchor(actor, query);
  const m = new Matcher(anchor);
  const params = { ...m.params, ws: actor.workspaceId };
  const sections: CompanySection[] = [];
  for (const spec of sectionSpecs(m)) sections.push(await readSection(actor, spec, params, limit));
  return {
    anchor,
    candidates: candidates.map(({ id, name, domain, score }) => ({ id, name, domain, score: Number(score) })),
    sections,
    revenue: await readRevenue(actor, m, params),
  };
}
