/**
 * Every repeating job, in one list: BullMQ job schedulers with cron patterns (six fields: the
 * first is seconds). `registerSchedules` upserts each one at worker start — idempotent, so any
 * number of workers may start at once — and removes schedulers no longer listed here, so this
 * file is the whole truth about what runs on a clock.
 */
import { jobDefinition, type JobName } from './registry.js';
import { queueFor } from './queues.js';

export interface Schedule {
  job: JobName;
  /** Cron pattern, seconds first; read in UTC. */
  pattern: string;
  /** Why it runs this often. */
  why: string;
  /** The job's payload (default {}). Ids stay `job@pattern`: two schedules of a job need two patterns. */
  data?: Record<string, unknown>;
}

export const SCHEDULES: Schedule[] = [
  { job: 'email-dispatch', pattern: '*/2 * * * * *', why: 'due emails leave within two seconds' },
  { job: 'sequence-step', pattern: '*/30 * * * * *', why: 'sequence steps are due by the day; 30 s keeps "send now" enrollments prompt' },
  { job: 'campaign-drain', pattern: '*/15 * * * * *', why: 'a scheduled campaign starts, and its due queue items become emails, within 15 seconds' },
  { job: 'event-relay', pattern: '* * * * * *', why: 'domain events reach their handlers (workflows, lead scoring) within a second of the change' },
  { job: 'recruiting-follow-ups', pattern: '0 0 6 * * *', why: "daily, before recruiters' working day: due follow-ups and stuck applications in their action queue" },
  { job: 'job-matches', pattern: '0 */10 * * * *', why: 'a new job gets its matching candidates and a NEW_MATCHES item within ten minutes' },
  { job: 'external-postings-expiry', pattern: '0 0 * * * *', why: 'hourly: expired Hot Drops (TTL about a day) leave the board' },
  { job: 'cleanup', pattern: '0 5 * * * *', why: "hourly: owners' midnights fall at different hours (mailbox counters); sessions and reset tokens expire by the hour" },
  { job: 'lead-score-recompute', pattern: '0 30 2 * * *', why: 'nightly at a quiet hour: re-scores every lead in one statement (incremental scores are already live)' },
  { job: 'workflow-resume', pattern: '0 * * * * *', why: 'a workflow wait whose delayed job never came, or a run whose job was lost, goes on within minutes' },
  { job: 'workflow-schedule', pattern: '0 * * * * *', why: 'cron expressions of scheduled workflows have minute resolution' },
  // Metric ETL (S2's cadence; src/domain/metrics). Minutes staggered so runs do not pile up.
  { job: 'metrics-etl', pattern: '0 2 * * * *', data: { metric: 'email' }, why: 'hourly (S2): email performance fresh to the hour; late opens re-compute their send day' },
  { job: 'metrics-etl', pattern: '0 7 * * * *', data: { metric: 'call' }, why: 'hourly (SCHEMA C6): calls per rep per day, fresh to the hour' },
  { job: 'metrics-etl', pattern: '0 10 1 * * *', data: { metric: 'activity' }, why: 'daily (S2), after midnight UTC closes the day' },
  { job: 'metrics-etl', pattern: '0 20 1 * * *', data: { metric: 'contact' }, why: 'daily (S2): lead sources and conversion move slowly' },
  { job: 'metrics-etl', pattern: '0 30 1 * * *', data: { metric: 'document' }, why: 'daily (S2): signing times are read by the day' },
  { job: 'metrics-etl', pattern: '0 0 3 * * 1', data: { metric: 'pipeline', full: true }, why: 'weekly full recalculation (S2), Monday night after the week closed' },
  { job: 'metrics-etl', pattern: '0 0 4 1 * *', data: { metric: 'revenue', full: true }, why: 'monthly full recalculation (S2), after the month closed' },
];

/** Upserts every schedule and removes the ones no longer declared. Returns the scheduler ids. */
export async function registerSchedules(schedules: Schedule[] = SCHEDULES): Promise<string[]> {
  const declared = new Map(schedules.map((s) => [`${s.job}@${s.pattern}`, s]));
  for (const [id, schedule] of declared) {
    jobDefinition(schedule.job); // a typo in the list fails the start, not silently never runs
    await queueFor(schedule.job).upsertJobScheduler(id, { pattern: schedule.pattern, tz: 'UTC' }, { name: schedule.job, data: schedule.data ?? {} });
  }
  const queues = new Set(schedules.map((s) => s.job));
  for (const job of queues) {
    for (const existing of await queueFor(job).getJobSchedulers()) {
      if (!declared.has(existing.key)) await queueFor(job).removeJobScheduler(existing.key);
    }
  }
  return [...declared.keys()];
}
