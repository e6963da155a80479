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
}

export const SCHEDULES: Schedule[] = [
  { job: 'email-dispatch', pattern: '*/2 * * * * *', why: 'due emails leave within two seconds' },
  { job: 'sequence-step', pattern: '*/30 * * * * *', why: 'sequence steps are due by the day; 30 s keeps "send now" enrollments prompt' },
  { job: 'campaign-drain', pattern: '*/15 * * * * *', why: 'a scheduled campaign starts, and its due queue items become emails, within 15 seconds' },
];

/** Upserts every schedule and removes the ones no longer declared. Returns the scheduler ids. */
export async function registerSchedules(schedules: Schedule[] = SCHEDULES): Promise<string[]> {
  const declared = new Map(schedules.map((s) => [`${s.job}@${s.pattern}`, s]));
  for (const [id, schedule] of declared) {
    jobDefinition(schedule.job); // a typo in the list fails the start, not silently never runs
    await queueFor(schedule.job).upsertJobScheduler(id, { pattern: schedule.pattern, tz: 'UTC' }, { name: schedule.job, data: {} });
  }
  const queues = new Set(schedules.map((s) => s.job));
  for (const job of queues) {
    for (const existing of await queueFor(job).getJobSchedulers()) {
      if (!declared.has(existing.key)) await queueFor(job).removeJobScheduler(existing.key);
    }
  }
  return [...declared.keys()];
}
