/**
 * The demo data behind `npm run seed` and a first `npm start`: two workspaces (acme, the full
 * demo; globex, a small second tenant) with the documented logins of README "Demo logins".
 *
 * - Reproducible: faker is seeded with a fixed number, so names, amounts and ids are the same on
 *   every run; dates are offsets from the start of the current day (see Clock in demo-kit.ts).
 * - All or nothing: everything is written in one transaction, set-based (one INSERT per table
 *   and shape of row), so a failure leaves the database as it was.
 * - Idempotent: when the `acme` workspace exists nothing is written.
 * - Never in production: the demo users share a published password.
 */
import { hashPassword } from '../domain/auth/passwords.js';
import { faker } from '@faker-js/faker';
import { QueryTypes, type Transaction } from 'sequelize';
import { config } from '../config.js';
import { sequelize } from '../db.js';
import { METRIC_NAMES, runMetricEtl } from '../domain/metrics/run-metric-etl.js';
import { seedActivities, seedTasks } from './activities.demo.js';
import { seedApplications } from './applications.demo.js';
import { seedWorkflows } from './automation.demo.js';
import { seedAccounts, seedContacts, seedQuotas } from './crm.demo.js';
import { seedDeals, seedPipelines } from './deals.demo.js';
import { Clock, DEMO_SEED, Seeder, type DemoWorkspace, type Scale } from './demo-kit.js';
import { seedDocuments } from './documents.demo.js';
import { seedMessages } from './email-messages.demo.js';
import { seedEmailSetup, seedSequences } from './email.demo.js';
import { feedAudit, seedIdentity, seedSettingsAndLogs } from './identity.demo.js';
import { seedImports } from './imports.demo.js';
import { seedLeads, seedRoutingRules } from './leads.demo.js';
import { seedOutreach } from './outreach.demo.js';
import { seedCandidates, seedExternalPostings, seedJobs } from './recruiting.demo.js';

export const ALREADY_PRESENT = 'demo data already present';

const SCALES: Record<'acme' | 'globex', Scale> = {
  acme: {
    accounts: 60, clientAccounts: 8, contacts: 300, leads: 120, dealsPerPipeline: [50, 30], opportunities: 20, activities: 400, tasks: 90,
    enrollments: 60, campaigns: 3, adHocEmails: 110, workflows: 4, outreach: 40, jobPostings: 25, externalPostings: 18, jobs: 8,
    candidates: 30, applications: 60,
  },
  globex: {
    accounts: 12, clientAccounts: 0, contacts: 60, leads: 25, dealsPerPipeline: [20], opportunities: 0, activities: 80, tasks: 25,
    enrollments: 10, campaigns: 1, adHocEmails: 20, workflows: 1, outreach: 0, jobPostings: 0, externalPostings: 0, jobs: 0, candidates: 0,
    applications: 0,
  },
};

export interface SeedOptions {
  /** Refuse when true; defaults to NODE_ENV=production (config.isProduction). */
  production?: boolean;
  /** The demo users' password; defaults to DEMO_PASSWORD (config.demoPassword). */
  password?: string;
  /** "Today" for the demo's dates; defaults to the current time (must not lie in the future). */
  now?: Date;
}

/** True when no workspace exists: a fresh database that `npm start` may fill with the demo. */
export async function isDatabaseEmpty(): Promise<boolean> {
  const [row] = await sequelize.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM workspaces) AS empty',
    { type: QueryTypes.SELECT });
  return row!.empty;
}

async function acmeExists(transaction?: Transaction): Promise<boolean> {
  const rows = await sequelize.query("SELECT 1 FROM workspaces WHERE slug = 'acme'", { type: QueryTypes.SELECT, transaction });
  return rows.length > 0;
}

async function seedWorkspace(s: Seeder, clock: Clock, ws: DemoWorkspace, passwordHash: string): Promise<void> {
  await seedLeads(s, clock, ws);
  await seedRoutingRules(s, clock, ws);
  await seedAccounts(s, clock, ws);
  await seedContacts(s, clock, ws);
  await seedQuotas(s, clock, ws);
  await seedPipelines(s, clock, ws);
  await seedDeals(s, clock, ws);
  await seedDocuments(s, clock, ws);
  await seedEmailSetup(s, clock, ws);
  await seedMessages(s, clock, ws, await seedSequences(s, clock, ws));
  await seedWorkflows(s, clock, ws);
  await seedActivities(s, clock, ws);
  await seedTasks(s, clock, ws);
  await seedOutreach(s, clock, ws);
  if (!ws.scale.jobs) return;
  await seedExternalPostings(s, clock, ws);
  const jobs = await seedJobs(s, clock, ws);
  const candidates = await seedCandidates(s, clock, ws, passwordHash);
  const applications = await seedApplications(s, clock, ws, jobs, candidates);
  // S1's activity feed: jobs created, the demo candidate's applications, converted leads.
  const recruiter = ws.users.recruiter!;
  await s.insert('audit_logs', feedAudit(ws, clock, [
    ...jobs.map((j) => ({ user: recruiter, actionType: 'created_job', resourceType: 'jobs', resourceId: j.id,
      description: `Created job ${j.title}`, at: j.createdAt })),
    ...applications.filter((a) => a.candidate.user.id === ws.users.candidate?.id).map((a) => ({
      user: a.candidate.user, actionType: 'applied', resourceType: 'applications', resourceId: a.id,
      description: `Applied to ${a.job.title}`, at: a.appliedAt })),
    ...ws.leads.filter((l) => l.status === 'converted' && l.ownerId).slice(0, 6).map((l) => ({
      user: ws.salesOwners.find((u) => u.id === l.ownerId)!, actionType: 'converted_lead', resourceType: 'leads', resourceId: l.id,
      description: `Converted lead ${l.firstName} ${l.lastName} (${l.companyName})`, at: l.lastActivityAt })),
  ]));
}

/**
 * Loads the demo into the database of `sequelize` and returns a one-line summary, or
 * ALREADY_PRESENT when the acme workspace exists. Throws when run for production.
 */
export async function seedDemoData(options: SeedOptions = {}): Promise<string> {
  if (options.production ?? config.isProduction) {
    throw new Error('refusing to load demo data with NODE_ENV=production: the demo users share a published password');
  }
  if (await acmeExists()) return ALREADY_PRESENT;
  // One hash for every demo user, computed outside the transaction.
  const passwordHash = await hashPassword(options.password ?? config.demoPassword);
  const summary = await sequelize.transaction(async (transaction) => {
    // Two starts racing on one empty database: the second waits here, then finds acme.
    await sequelize.query(`SELECT pg_advisory_xact_lock(hashtext('crm-demo-seed'))`, { transaction });
    if (await acmeExists(transaction)) return ALREADY_PRESENT;
    faker.seed(DEMO_SEED);
    const clock = new Clock(options.now);
    const s = new Seeder(sequelize, transaction);
    const { acme, globex } = await seedIdentity(s, clock, passwordHash, SCALES);
    await seedWorkspace(s, clock, acme, passwordHash);
    await seedWorkspace(s, clock, globex, passwordHash);
    await seedSettingsAndLogs(s, clock, [acme, globex]);
    await seedImports(s, clock, acme);
    // The scoring triggers added the demo activities' points (and the e-mail engagement of lead
    // addresses) on top of the scores written with the leads: make every score the sum of its
    // activities, as the nightly recompute does.
    await s.select('SELECT recompute_lead_scores()');
    // The demo's rows are history, not news: their outbox events are marked handled so the
    // worker's first start does not run today's workflows over a year of demo changes.
    await s.select('UPDATE domain_events SET relayed_at = now(), handled_at = now() WHERE relayed_at IS NULL RETURNING 1');

    const [timeline] = await s.select<{ n: string }>('SELECT count(*) AS n FROM application_timeline');
    const n = (table: string) => s.counts.get(table) ?? 0;
    const total = [...s.counts.values()].reduce((a, b) => a + b, 0) + Number(timeline!.n);
    const tables = [...s.counts.values()].filter((c) => c > 0).length + (Number(timeline!.n) > 0 ? 1 : 0);
    const parts: [number, string][] = [
      [n('workspaces'), 'workspaces'], [n('users'), 'users'], [n('accounts'), 'accounts'], [n('contacts'), 'contacts'],
      [n('leads'), 'leads'],
      [n('deals'), 'deals'], [n('activities'), 'activities'], [n('tasks'), 'tasks'], [n('emails'), 'emails'],
      [n('email_events'), 'email events'],
      [n('sequence_enrollments'), 'enrollments'], [n('documents'), 'documents'], [n('job_postings'), 'job postings'], [n('jobs'), 'jobs'],
      [n('applications'), 'applications'],
    ];
    return `${parts.map(([count, label]) => `${count} ${label}`).join(', ')} (${total} rows in ${tables} tables)`;
  });
  if (summary === ALREADY_PRESENT) return summary;
  // The dashboard reads the metric tables only: fill them now (after the commit, as the ETL
  // reads committed rows in its own transaction) so a fresh start shows numbers at once.
  for (const metric of METRIC_NAMES) await runMetricEtl(metric, { full: true });
  return summary;
}
