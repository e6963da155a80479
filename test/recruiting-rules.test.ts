/**
 * Recruiting (S1) and outreach (S0) rules and the clean-up jobs, against the real database:
 * status changes -> timeline + is_active, the follow-up and stuck reminders (twice -> once),
 * job matching and NEW_MATCHES (once), expired Hot Drops leaving the board, a job posting's
 * status following its Builders, and the clean-up of sessions, reset tokens and mailbox counters.
 * The job modules' processors are called as the worker calls them.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { sequelize } from '../src/db.js';
import { changeApplicationStatus } from '../src/domain/recruiting/application-status.js';
import { MIN_MATCH_SCORE } from '../src/domain/recruiting/job-matches.js';
import { STUCK_AFTER_DAYS } from '../src/domain/recruiting/follow-ups.js';
import { recruitingFollowUpsJob } from '../src/jobs/recruiting-follow-ups.job.js';
import { jobMatchesJob } from '../src/jobs/job-matches.job.js';
import { externalPostingsExpiryJob } from '../src/jobs/external-postings-expiry.job.js';
import { cleanupJob } from '../src/jobs/cleanup.job.js';
import { select, one, idOf } from './helpers/sql.js';

const exec = (sql: string, replacements: Record<string, unknown> = {}) => sequelize.query(sql, { replacements });
const run = (job: { process: (job: Job) => Promise<unknown> }) => job.process({ data: {} } as Job) as Promise<Record<string, number>>;

const HASH = '$2a$10$abcdefghijklmnopqrstuuJ3a0ZzF3nYvQe6Jm0m1ZqJ6z8u1u8a';
let ws: string;
let recruiter: string;

async function newUser(name: string, timezone = 'UTC') {
  return idOf(`INSERT INTO users (workspace_id, email, password_hash, first_name, timezone) VALUES (:ws, :email, :hash, :name, :timezone) RETURNING id`,
    { ws, email: `${name.toLowerCase()}-${randomUUID()}@recruiting.test`, hash: HASH, name, timezone });
}
async function newCandidate(name: string, skills: string[], searching = true) {
  const id = await newUser(name);
  await exec(`INSERT INTO candidate_profiles (user_id, workspace_id, skills, is_actively_searching) VALUES (:id, :ws, :skills::jsonb, :searching)`,
    { id, ws, skills: JSON.stringify(skills), searching });
  return id;
}
async function newJob(fields: { required?: string[]; preferred?: string[]; status?: string; recruiterId?: string | null } = {}) {
  return idOf(
    `INSERT INTO jobs (workspace_id, title, assigned_recruiter_id, required_skills, preferred_skills, status)
     VALUES (:ws, :title, :recruiter, :required::jsonb, :preferred::jsonb, :status) RETURNING id`,
    { ws, title: `Job ${randomUUID().slice(0, 8)}`, recruiter: fields.recruiterId === undefined ? recruiter : fields.recruiterId,
      required: JSON.stringify(fields.required ?? []), preferred: JSON.stringify(fields.preferred ?? []), status: fields.status ?? 'sourcing' },
  );
}
async function newApplication(jobId: string, candidateId: string, fields: Record<string, unknown> = {}) {
  return idOf(
    `INSERT INTO applications (workspace_id, job_id, candidate_id, automation_status, next_follow_up_date)
     VALUES (:ws, :jobId, :candidateId, :automation, :followUp) RETURNING id`,
    { ws, jobId, candidateId, automation: fields.automation_status ?? 'new', followUp: fields.next_follow_up_date ?? null },
  );
}
const items = (type: string, jobId: string) =>
  select<{ title: string; user_id: string; related_candidate_id: string | null; priority: string }>(
    `SELECT title, user_id, related_candidate_id, priority FROM action_queue WHERE type = :type AND related_job_id = :jobId ORDER BY created_at`,
    { type, jobId });

beforeAll(async () => {
  ws = await idOf(`INSERT INTO workspaces (name, slug) VALUES ('Recruiting', :slug) RETURNING id`, { slug: `recruiting-${Date.now()}` });
  recruiter = await newUser('Recruiter');
});

describe('application status changes', () => {
  test('each changed status column writes one timeline row naming it, with who and why', async () => {
    const job = await newJob();
    const app = await newApplication(job, await newCandidate('Tl', []));
    await changeApplicationStatus({ applicationId: app, actorId: recruiter, status: 'screening', followUpStatus: 'shortlisted', remarks: 'good CV' });
    const rows = await select<{ previous_status: string | null; new_status: string; changed_by: string | null; remarks: string }>(
      `SELECT previous_status, new_status, changed_by, remarks FROM application_timeline WHERE application_id = :app ORDER BY created_at`, { app });
    expect(rows).toEqual([
      { previous_status: null, new_status: 'new', changed_by: null, remarks: 'status' },
      { previous_status: null, new_status: 'new', changed_by: null, remarks: 'automation_status' },
      { previous_status: 'new', new_status: 'screening', changed_by: recruiter, remarks: 'status: good CV' },
      { previous_status: null, new_status: 'shortlisted', changed_by: recruiter, remarks: 'follow_up_status: good CV' },
    ]);
  });

  test.each([
    [{ status: 'rejected' as const }],
    [{ status: 'withdrawn' as const }],
    [{ followUpStatus: 'joined' as const }],
  ])('%j makes the application inactive; leaving that state makes it active again', async (change) => {
    const app = await newApplication(await newJob(), await newCandidate('Ia', []));
    expect(await changeApplicationStatus({ applicationId: app, actorId: recruiter, ...change })).toMatchObject({ is_active: false });
    const reopen = 'status' in change ? { status: 'screening' as const } : { followUpStatus: 'under_follow_up' as const };
    expect(await changeApplicationStatus({ applicationId: app, actorId: recruiter, ...reopen })).toMatchObject({ is_active: true });
  });
});

describe('recruiting-follow-ups job', () => {
  test('due follow-ups and stuck applications get one item each, however often it runs', async () => {
    const job = await newJob();
    const due = await newCandidate('Due', []);
    const later = await newCandidate('Later', []);
    const stuck = await newCandidate('Stuck', []);
    const chatting = await newCandidate('Chatting', []);
    const closed = await newCandidate('Closed', []);
    await newApplication(job, due, { next_follow_up_date: '2020-01-01' });
    await newApplication(job, later, { next_follow_up_date: '2999-01-01' });
    const stuckApp = await newApplication(job, stuck, { automation_status: 'awaiting_reply' });
    const chattingApp = await newApplication(job, chatting, { automation_status: 'contacting' });
    const closedApp = await newApplication(job, closed, { automation_status: 'awaiting_reply', next_follow_up_date: '2020-01-01' });
    await changeApplicationStatus({ applicationId: closedApp, actorId: recruiter, status: 'rejected' });
    // Silent for longer than the limit: every timeline row and the application itself are old ...
    const old = `now() - make_interval(days => ${STUCK_AFTER_DAYS + 1})`;
    for (const app of [stuckApp, chattingApp, closedApp]) {
      await exec(`UPDATE application_timeline SET created_at = ${old} WHERE application_id = :app`, { app });
      await exec(`UPDATE applications SET created_at = ${old} WHERE id = :app`, { app });
    }
    // ... except a chat message yesterday on one of them.
    await exec(`INSERT INTO chat_messages (workspace_id, application_id, sender_type, message_text, sent_at)
                VALUES (:ws, :app, 'candidate', 'Sounds good', now() - interval '1 day')`, { ws, app: chattingApp });

    await run(recruitingFollowUpsJob);
    expect(await run(recruitingFollowUpsJob)).toEqual({ dueFollowUps: 0, stuck: 0 });

    const followUps = await items('chat_followup', job);
    expect(followUps).toEqual([expect.objectContaining({ user_id: recruiter, related_candidate_id: due, priority: 'high' })]);
    expect(followUps[0]!.title).toMatch(/^Follow up with Due \(Job /);
    expect(await items('no_response', job)).toEqual([expect.objectContaining({ user_id: recruiter, related_candidate_id: stuck })]);

    // Dismissed for this due date: not raised again; a new due date raises it again.
    await exec(`UPDATE action_queue SET is_dismissed = true WHERE related_job_id = :job`, { job });
    expect(await run(recruitingFollowUpsJob)).toEqual({ dueFollowUps: 0, stuck: 0 });
    // (the dismissed reminder was raised back then; the recruiter then set a new date, now due)
    await exec(`UPDATE action_queue SET created_at = '2020-01-02' WHERE related_job_id = :job AND type = 'chat_followup'`, { job });
    await exec(`UPDATE applications SET next_follow_up_date = current_date - 1 WHERE job_id = :job AND candidate_id = :due`, { job, due });
    expect(await run(recruitingFollowUpsJob)).toEqual({ dueFollowUps: 1, stuck: 0 });
  });
});

describe('job-matches job', () => {
  test('a new job scores active candidates by skills overlap and queues NEW_MATCHES once', async () => {
    const job = await newJob({ required: ['React', 'TypeScript'], preferred: ['GraphQL', 'Docker'] });
    const strong = await newCandidate('Strong', ['react', ' TypeScript ', 'docker']);      // (2*2 + 1) / 6 = 83
    const partial = await newCandidate('Partial', ['React', 'GraphQL']);                   // (2*1 + 1) / 6 = 50
    const weak = await newCandidate('Weak', ['Docker']);                                   // 1 / 6 = 17
    const idle = await newCandidate('Idle', ['React', 'TypeScript'], false);               // not searching
    const applied = await newCandidate('Applied', ['GraphQL']);                            // applied already: 17
    await newApplication(job, applied);
    const noRecruiter = await newJob({ required: ['Cobol'], recruiterId: null });
    await newCandidate('Cobol', ['COBOL']);

    await run(jobMatchesJob);
    const scores = await select<{ candidate_id: string; match_score: number; status: string; automation_status: string }>(
      `SELECT candidate_id, match_score, status, automation_status FROM applications WHERE job_id = :job`, { job });
    const byCandidate = Object.fromEntries(scores.map((s) => [s.candidate_id, s.match_score]));
    expect(byCandidate).toEqual({ [strong]: 83, [partial]: 50, [applied]: 17 });
    expect(MIN_MATCH_SCORE).toBe(50);
    expect(byCandidate[weak]).toBeUndefined();
    expect(byCandidate[idle]).toBeUndefined();
    expect(scores.find((s) => s.candidate_id === strong)).toMatchObject({ status: 'new', automation_status: 'new' });

    const queued = await items('new_matches', job);
    expect(queued).toEqual([expect.objectContaining({ user_id: recruiter, related_candidate_id: null })]);
    expect(queued[0]!.title).toMatch(/^2 new matches for Job /);
    // A job without a recruiter gets its match, but nobody to tell.
    expect(await select(`SELECT 1 FROM applications WHERE job_id = :noRecruiter AND match_score = 100`, { noRecruiter })).toHaveLength(1);
    expect(await items('new_matches', noRecruiter)).toHaveLength(0);

    // The second run finds no job without computed matches: nothing new.
    await newCandidate('Latecomer', ['React', 'TypeScript']);
    await run(jobMatchesJob);
    expect(await select(`SELECT 1 FROM applications WHERE job_id = :job`, { job })).toHaveLength(3);
    expect(await items('new_matches', job)).toHaveLength(1);
  });
});

test('expired external postings leave the board', async () => {
  const posting = (url: string, expires: string) =>
    idOf(`INSERT INTO external_job_postings (workspace_id, original_url, title, fetched_at, expires_at)
          VALUES (:ws, :url, 'Hot drop', now() - interval '2 days', ${expires}) RETURNING id`, { ws, url });
  const expired = await posting(`https://jobs.test/${randomUUID()}`, `now() - interval '1 minute'`);
  const fresh = await posting(`https://jobs.test/${randomUUID()}`, `now() + interval '1 hour'`);
  expect((await run(externalPostingsExpiryJob)).removed).toBeGreaterThanOrEqual(1);
  const left = await select<{ id: string }>(`SELECT id FROM external_job_postings WHERE id IN (:ids)`, { ids: [expired, fresh] });
  expect(left.map((r) => r.id)).toEqual([fresh]);
});

test("a job posting's status follows its Builders, forward only", async () => {
  const posting = await idOf(`INSERT INTO job_postings (workspace_id, staff_user_id, company_name, job_title) VALUES (:ws, :recruiter, 'Acme', 'Dev') RETURNING id`,
    { ws, recruiter });
  const status = async () => (await one<{ status: string }>(`SELECT status FROM job_postings WHERE id = :posting`, { posting })).status;
  const builder = (name: string, st: string) =>
    idOf(`INSERT INTO job_posting_builders (workspace_id, job_posting_id, builder_name, status) VALUES (:ws, :posting, :name, :st) RETURNING id`,
      { ws, posting, name, st });
  const ann = await builder('Ann', 'shared');
  expect(await status()).toBe('shared_with_builders');
  await exec(`UPDATE job_posting_builders SET status = 'applied' WHERE id = :ann`, { ann });
  expect(await status()).toBe('builders_applied');
  const bob = await builder('Bob', 'applied');
  await exec(`UPDATE job_posting_builders SET status = 'interview' WHERE id = :bob`, { bob });
  expect(await status()).toBe('interview_stage');
  // Another Builder applying or one declining moves nothing back.
  await builder('Cid', 'applied');
  await exec(`UPDATE job_posting_builders SET status = 'declined' WHERE id = :bob`, { bob });
  expect(await status()).toBe('interview_stage');
  await exec(`UPDATE job_posting_builders SET status = 'offer' WHERE id = :ann`, { ann });
  expect(await status()).toBe('offer_received');
  await exec(`UPDATE job_postings SET status = 'closed' WHERE id = :posting`, { posting });
  await builder('Dee', 'hired');
  expect(await status()).toBe('closed');
});

test('clean-up: ended sessions, expired reset tokens and long-handled events go, mailbox counters of an ended day are zeroed', async () => {
  const user = await newUser('Sender', 'Pacific/Kiritimati'); // UTC+14: their day ends first
  const hash = () => createHash('sha256').update(randomUUID()).digest('hex');
  const session = (expires: string) =>
    idOf(`INSERT INTO sessions (workspace_id, user_id, token, expires_at) VALUES (:ws, :user, :token, ${expires}) RETURNING id`,
      { ws, user, token: hash() });
  const oldSession = await session(`now() - interval '8 days'`);
  const recentSession = await session(`now() - interval '1 day'`);
  const liveSession = await session(`now() + interval '1 day'`);
  const token = (expires: string) =>
    idOf(`INSERT INTO password_reset_tokens (workspace_id, user_id, token, expires_at) VALUES (:ws, :user, :token, ${expires}) RETURNING id`,
      { ws, user, token: hash() });
  const expiredToken = await token(`now() - interval '1 minute'`);
  const openToken = await token(`now() + interval '1 hour'`);
  const mailbox = (lastReset: string) =>
    idOf(`INSERT INTO email_accounts (workspace_id, user_id, email, provider, daily_sent_count, last_sent_reset)
          VALUES (:ws, :user, :email, 'smtp', 7, ${lastReset}) RETURNING id`, { ws, user, email: `m-${randomUUID()}@mail.test` });
  const yesterdays = await mailbox(`now() - interval '1 day'`);
  const todays = await mailbox(`now()`);

  const event = (created: string, handled: string) =>
    idOf(`INSERT INTO domain_events (workspace_id, event_type, table_name, record_id, record, created_at, handled_at)
          VALUES (:ws, 'contact_created', 'contacts', gen_random_uuid(), '{}', ${created}, ${handled}) RETURNING id::text`, { ws });
  const oldHandled = await event(`now() - interval '31 days'`, `now() - interval '31 days'`);
  const oldPending = await event(`now() - interval '31 days'`, 'NULL');
  const recentHandled = await event(`now() - interval '29 days'`, `now() - interval '29 days'`);

  await run(cleanupJob);
  expect((await select<{ id: string }>(`SELECT id::text FROM domain_events WHERE id IN (:ids) ORDER BY id`,
    { ids: [oldHandled, oldPending, recentHandled] })).map((e) => e.id)).toEqual([oldPending, recentHandled]);
  const ids = (sql: string, list: string[]) => select<{ id: string }>(sql, { ids: list }).then((r) => r.map((x) => x.id).sort());
  expect(await ids(`SELECT id FROM sessions WHERE id IN (:ids)`, [oldSession, recentSession, liveSession])).toEqual([recentSession, liveSession].sort());
  expect(await ids(`SELECT id FROM password_reset_tokens WHERE id IN (:ids)`, [expiredToken, openToken])).toEqual([openToken]);
  const counts = await select<{ id: string; daily_sent_count: number }>(`SELECT id, daily_sent_count FROM email_accounts WHERE id IN (:ids)`,
    { ids: [yesterdays, todays] });
  expect(Object.fromEntries(counts.map((c) => [c.id, c.daily_sent_count]))).toEqual({ [yesterdays]: 0, [todays]: 7 });
  expect((await run(cleanupJob)).mailboxCountersReset).toBe(0);
});
