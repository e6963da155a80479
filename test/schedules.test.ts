/**
 * src/jobs/schedules.ts is the whole truth about what runs on a clock: registering is
 * idempotent (every worker does it at start), and a scheduler no longer listed is removed.
 */
import { closeQueues, queueFor } from '../src/jobs/queues.js';
import { registerSchedules, SCHEDULES } from '../src/jobs/schedules.js';

const jobs = [...new Set(SCHEDULES.map((s) => s.job))];
const schedulers = async () =>
  (await Promise.all(jobs.map((job) => queueFor(job).getJobSchedulers()))).flat().map((s) => ({ key: s.key, pattern: s.pattern }));

afterAll(async () => {
  for (const job of jobs) await queueFor(job).obliterate({ force: true });
  await closeQueues();
});

test('every declared schedule is registered once, however often workers start', async () => {
  await registerSchedules();
  await registerSchedules();
  const registered = await schedulers();
  expect(registered.sort((a, b) => a.key.localeCompare(b.key))).toEqual(
    SCHEDULES.map((s) => ({ key: `${s.job}@${s.pattern}`, pattern: s.pattern })).sort((a, b) => a.key.localeCompare(b.key)),
  );
  expect(SCHEDULES.map((s) => s.job)).toEqual(expect.arrayContaining(['email-dispatch', 'sequence-step', 'campaign-drain']));
});

test('a schedule removed from the list (or its pattern changed) is unregistered at the next start', async () => {
  await queueFor('email-dispatch').upsertJobScheduler('email-dispatch@*/5 * * * * *', { pattern: '*/5 * * * * *' }, { name: 'email-dispatch', data: {} });
  expect((await schedulers()).map((s) => s.key)).toContain('email-dispatch@*/5 * * * * *');
  await registerSchedules();
  expect((await schedulers()).map((s) => s.key)).not.toContain('email-dispatch@*/5 * * * * *');
});

test('a schedule naming no job module fails the start', async () => {
  await expect(registerSchedules([{ job: 'no-such-job' as never, pattern: '* * * * *', why: 'typo' }])).rejects.toThrow(/no job named "no-such-job"/);
});
