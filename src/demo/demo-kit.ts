/**
 * Shared tools of the demo generators: the seeded randomness, the reference clock, the
 * set-based row writer and the types that carry one workspace's generated records from one
 * generator to the next.
 */
import { faker } from '@faker-js/faker';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

/** The fixed random seed: every run draws the same names, amounts, ids and offsets. */
export const DEMO_SEED = 20261123;

export type Row = Record<string, unknown>;

const DAY_MS = 86_400_000;

/**
 * Time in the demo. Decision: every timestamp is the start of the current UTC day (`anchor`)
 * plus or minus an offset drawn from the seeded faker. The offsets, and so every row's content
 * relative to "today", are identical on every run; only the calendar position moves with the
 * day the demo is loaded, so a fresh install always looks current (recent activity, deals
 * closing next month) instead of aging from a frozen date. Two runs on the same day produce
 * identical rows. Nothing reads the wall clock except through `anchor`.
 */
export class Clock {
  readonly anchor: Date;

  constructor(now: Date = new Date()) {
    this.anchor = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  }

  /** A random instant between maxDays and minDays days before the anchor. */
  ago(minDays: number, maxDays: number): Date {
    return new Date(this.anchor.getTime() - faker.number.int({ min: Math.round(minDays * DAY_MS), max: Math.round(maxDays * DAY_MS) }));
  }

  /** A random instant between minDays and maxDays days after the anchor. */
  ahead(minDays: number, maxDays: number): Date {
    return new Date(this.anchor.getTime() + faker.number.int({ min: Math.round(minDays * DAY_MS), max: Math.round(maxDays * DAY_MS) }));
  }

  /** A random instant in [from, to]; `from` itself when the range is empty. */
  between(from: Date, to: Date): Date {
    const span = to.getTime() - from.getTime();
    return span <= 0 ? new Date(from) : new Date(from.getTime() + faker.number.int({ min: 0, max: span }));
  }

  /** The same calendar day at a random office-hours time (13:00-22:00 UTC, i.e. US business hours). */
  workHour(d: Date): Date {
    const out = new Date(d);
    out.setUTCHours(faker.number.int({ min: 13, max: 21 }), faker.number.int({ min: 0, max: 59 }), faker.number.int({ min: 0,
      max: 59 }), 0);
    return out;
  }

  addDays(d: Date, days: number): Date {
    return new Date(d.getTime() + days * DAY_MS);
  }

  addMinutes(d: Date, minutes: number): Date {
    return new Date(d.getTime() + minutes * 60_000);
  }

  /** Whole days from a to b (b later), never negative. */
  daysBetween(a: Date, b: Date): number {
    return Math.max(0, Math.floor((b.getTime() - a.getTime()) / DAY_MS));
  }

  /** A DATE column value: 'YYYY-MM-DD' in UTC. */
  day(d: Date): string {
    return d.toISOString().slice(0, 10);
  }

  /** The earlier of two instants, never later than the anchor. */
  notAfterAnchor(d: Date): Date {
    return d.getTime() > this.anchor.getTime() ? new Date(this.anchor.getTime() - 60_000) : d;
  }
}

// ---------------------------------------------------------------- randomness helpers

export const id = (): string => faker.string.uuid();
export const pick = <T>(items: readonly T[]): T => faker.helpers.arrayElement(items);
export const pickSome = <T>(items: readonly T[], min: number, max: number): T[] =>
  faker.helpers.arrayElements(items, { min: Math.min(min, items.length), max: Math.min(max, items.length) });
export const chance = (probability: number): boolean => faker.number.float({ min: 0, max: 1 }) < probability;
export const int = (min: number, max: number): number => faker.number.int({ min, max });
/** A money amount rounded to `step` (e.g. 500 → 12 500.00). */
export const money = (min: number, max: number, step = 1): number => Math.round(faker.number.int({ min, max }) / step) * step;

/** Picks a value by weight: weighted([['open', 6], ['won', 1]]). */
export function weighted<T>(choices: readonly (readonly [T, number])[]): T {
  // Zero weights mean "never" (faker refuses them).
  return faker.helpers.weightedArrayElement(choices.filter(([, weight]) => weight > 0).map(([value, weight]) => ({ value, weight })));
}

/** 'Hartmann, Koss and Schultz' → 'hartmann-koss-and-schultz'. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** An e-mail local part from a person's name: "Zoë O'Hara" → 'zoe.ohara'. */
export function localPart(first: string, last: string): string {
  const clean = (s: string) => s.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${clean(first)}.${clean(last)}`.replace(/^\.|\.$/g, '') || 'contact';
}

/** Returns a variant of `candidate` not yet in `taken` (adds a number), and records it. */
export function unique(taken: Set<string>, candidate: string, vary: (n: number) => string): string {
  let value = candidate;
  for (let n = 2; taken.has(value); n += 1) value = vary(n);
  taken.add(value);
  return value;
}

/**
 * Demo addresses, hosts and IPs use reserved names only (RFC 2606 `.example`, RFC 5737
 * documentation networks): demo mail or webhooks can never reach a real party.
 */
export function companyDomain(companyName: string): string {
  return `${slugify(companyName).split('-').slice(0, 2).join('-') || 'company'}.example`;
}
export function demoIp(): string {
  return `${pick(['192.0.2', '198.51.100', '203.0.113'])}.${int(1, 254)}`;
}

// ---------------------------------------------------------------- writing rows

/**
 * Writes rows set-based inside the seed's one transaction. Each call is one multi-row INSERT
 * per shape of row (rows with the same defined columns): the rows travel as one JSON parameter
 * and `jsonb_populate_recordset` converts every value to its column's type (enums, arrays,
 * JSONB, INET, DATE), so no per-type escaping is needed. A column a row leaves undefined is
 * omitted, so the database DEFAULT applies. Generated columns are never written.
 */
export class Seeder {
  readonly counts = new Map<string, number>();

  constructor(
    readonly sequelize: Sequelize,
    readonly transaction: Transaction,
  ) {}

  async insert(table: string, rows: Row[], options: { onConflictDoNothing?: boolean } = {}): Promise<void> {
    const groups = new Map<string, Row[]>();
    for (const row of rows) {
      const clean: Row = {};
      for (const [key, value] of Object.entries(row)) if (value !== undefined) clean[key] = value;
      // A demo row was last touched when it was created unless a generator says otherwise.
      if (clean.created_at !== undefined && clean.updated_at === undefined) clean.updated_at = clean.created_at;
      const shape = Object.keys(clean).sort().join(',');
      const group = groups.get(shape) ?? [];
      group.push(clean);
      groups.set(shape, group);
    }
    for (const [shape, group] of groups) {
      const columns = shape.split(',').map((c) => `"${c}"`).join(', ');
      const conflict = options.onConflictDoNothing ? ' ON CONFLICT DO NOTHING' : '';
      for (let i = 0; i < group.length; i += 2000) {
        await this.sequelize.query(
          `INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)${conflict}`,
          { bind: [JSON.stringify(group.slice(i, i + 2000))], transaction: this.transaction, type: QueryTypes.INSERT },
        );
      }
    }
    this.counts.set(table, (this.counts.get(table) ?? 0) + rows.length);
  }

  /** Runs one statement in the seed's transaction and returns its rows. */
  async select<T extends object>(sql: string, bind: unknown[] = []): Promise<T[]> {
    return this.sequelize.query<T>(sql, { bind, transaction: this.transaction, type: QueryTypes.SELECT });
  }

  async exec(sql: string, bind: unknown[] = []): Promise<void> {
    await this.sequelize.query(sql, { bind, transaction: this.transaction });
  }
}

// ---------------------------------------------------------------- what generators hand on

export type RoleName =
  | 'root_admin' | 'admin' | 'manager' | 'sales_rep' | 'recruiter' | 'staff' | 'office_staff'
  | 'project_manager' | 'candidate';

export interface DemoUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: RoleName;
}

/** How much of everything a workspace gets. */
export interface Scale {
  accounts: number;
  clientAccounts: number;
  contacts: number;
  leads: number;
  dealsPerPipeline: number[];
  opportunities: number;
  activities: number;
  tasks: number;
  enrollments: number;
  campaigns: number;
  adHocEmails: number;
  workflows: number;
  outreach: number;
  jobPostings: number;
  externalPostings: number;
  jobs: number;
  candidates: number;
  applications: number;
}

export interface Account { id: string; name: string; domain: string; ownerId: string; isClient: boolean; createdAt: Date }
export interface Contact {
  id: string; accountId: string | null; firstName: string; lastName: string; email: string; ownerId: string;
  companyName: string; createdAt: Date; unsubscribedAt: Date | null; bounced: boolean;
}
export interface Lead {
  id: string; email: string | null; firstName: string | null; lastName: string | null; companyName: string | null;
  ownerId: string | null; status: string; createdAt: Date; lastActivityAt: Date;
}
export interface Stage { id: string; pipelineId: string; name: string; orderIndex: number; probability: number; isWon: boolean;
  isLost: boolean }
export interface Pipeline { id: string; name: string; stages: Stage[] }
export interface Deal {
  id: string; title: string; pipelineId: string; stage: Stage; status: string; value: number; ownerId: string;
  contactId: string | null; accountId: string | null; createdAt: Date; stageEnteredAt: Date; closedAt: Date | null;
  opportunityId: string | null; leadId: string | null;
}
export interface Opportunity { id: string; name: string; stage: string; contactId: string | null; leadId: string | null; createdAt: Date }
export interface DemoDocument { id: string; type: string; status: string; dealId: string | null; contactId: string | null; ownerId: string;
  sentAt: Date | null; signedAt: Date | null }
export interface Template { id: string; name: string; subject: string }
export interface Mailbox { id: string; userId: string; email: string }

/** One workspace and everything generated for it so far. */
export interface DemoWorkspace {
  id: string;
  slug: 'acme' | 'globex';
  name: string;
  /** The company's own e-mail domain (logins, mailboxes, links). */
  domain: string;
  currency: string;
  scale: Scale;
  /** Login users by short key: admin, manager, rep, rep2, recruiter, staff, office, pm, candidate. */
  users: Record<string, DemoUser>;
  /** Users who own leads, contacts and deals, most often first. */
  salesOwners: DemoUser[];
  teams: Record<string, string>;
  accounts: Account[];
  contacts: Contact[];
  leads: Lead[];
  pipelines: Pipeline[];
  deals: Deal[];
  opportunities: Opportunity[];
  documents: DemoDocument[];
  templates: Template[];
  mailboxes: Mailbox[];
}

/** Picks a sales owner: sales reps four times as often as the managers and admins beside them. */
export function pickOwner(ws: DemoWorkspace): DemoUser {
  return weighted(ws.salesOwners.map((u) => [u, u.role === 'sales_rep' ? 4 : 1] as const));
}
