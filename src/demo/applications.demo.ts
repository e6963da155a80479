/**
 * S1 recruiting, part 2: applications, their timeline, the co-pilot chat and the recruiter's
 * action queue. application_timeline is written by the database trigger, exactly as in
 * production: applications are inserted as 'new' and then moved through their statuses with
 * set-based UPDATEs (the co-pilot's automation steps as the system, the recruiter's steps with
 * app.user_id set); after each statement its timeline rows are dated when that step happened.
 */
import { chance, Clock, id, int, pick, weighted, type DemoWorkspace, type Row, Seeder } from './demo-kit.js';
import type { Candidate, Job } from './recruiting.demo.js';

type State = { status: string; automation_status: string; follow_up_status: string | null };
interface Plan { id: string; job: Job; candidate: Candidate; appliedAt: Date; auto: State[]; human: State[]; final: State; autoAt: Date[];
  humanAt: Date[] }

const AUTO_PATHS: Record<string, string[]> = {
  new: [], contacting: ['contacting'], awaiting_reply: ['contacting', 'awaiting_reply'],
  live_chat: ['contacting', 'awaiting_reply', 'live_chat'],
  intervention_needed: ['contacting', 'awaiting_reply', 'live_chat', 'intervention_needed'],
  declined: ['contacting', 'awaiting_reply', 'declined'],
  completed: ['contacting', 'awaiting_reply', 'live_chat', 'completed'],
};

const OUTCOMES: Record<string, [string, number][]> = {
  sourcing: [['new', 4], ['screening', 4], ['rejected', 1]],
  interview: [['screening', 2], ['interview', 4], ['rejected', 2], ['withdrawn', 1]],
  offer: [['interview', 3], ['offer', 2], ['rejected', 2]],
  closed: [['offer', 2], ['rejected', 4], ['withdrawn', 1]],
};
const STATUS_STEPS: Record<string, string[]> = { new: [], screening: ['screening'], interview: ['screening', 'interview'],
  offer: ['screening', 'interview', 'offer'], rejected: ['screening'], withdrawn: ['screening'] };
const FOLLOW_STEPS: Record<string, string[]> = {
  shortlisted: ['shortlisted'], int_scheduled: ['shortlisted', 'int_scheduled'], offered: ['shortlisted', 'int_scheduled', 'offered'],
  joined: ['shortlisted', 'int_scheduled', 'offered', 'joined'], no_show: ['shortlisted', 'int_scheduled', 'no_show'],
  rejected: ['shortlisted', 'rejected'], under_follow_up: ['under_follow_up'],
};

/** The final state of an application, given how far its job has got. */
function finalState(job: Job): State {
  const status = weighted(OUTCOMES[job.status] ?? [['new', 1]]);
  const automation = status === 'new' ? pick(['new', 'contacting', 'awaiting_reply']) : status === 'screening' ? pick(['awaiting_reply',
    'live_chat', 'intervention_needed'])
    : status === 'withdrawn' ? 'declined' : status === 'rejected' ? pick(['completed', 'live_chat']) : 'completed';
  const followUp = status === 'offer' ? (job.status === 'closed' ? 'joined' : 'offered') : status === 'interview' ? pick(['shortlisted',
    'int_scheduled'])
    : status === 'rejected' && automation === 'completed' ? pick(['rejected',
      'no_show']) : status === 'screening' && chance(0.4) ? 'under_follow_up' : null;
  return { status, automation_status: automation, follow_up_status: followUp };
}

/** The recruiter's steps: statuses and follow-ups interleaved; a rejection or withdrawal comes last. */
function humanPath(final: State): State[] {
  const statuses = STATUS_STEPS[final.status] ?? [];
  const follows = FOLLOW_STEPS[final.follow_up_status ?? ''] ?? [];
  const steps: State[] = [];
  let state: State = { status: 'new', automation_status: final.automation_status, follow_up_status: null };
  for (let k = 0; k < Math.max(statuses.length, follows.length); k += 1) {
    if (statuses[k]) steps.push((state = { ...state, status: statuses[k]! }));
    if (follows[k]) steps.push((state = { ...state, follow_up_status: follows[k]! }));
  }
  if (state.status !== final.status) steps.push({ ...state, status: final.status });
  return steps;
}

async function advance(s: Seeder, steps: { id: string; state: State }[]): Promise<void> {
  if (!steps.length) return;
  await s.exec(
    `UPDATE applications a SET status = v.status::enum_applications_status,
            automation_status = v.automation_status::enum_applications_automation_status,
            follow_up_status = v.follow_up_status::enum_applications_follow_up_status
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, status text, automation_status text, follow_up_status text)
      WHERE a.id = v.id`,
    [JSON.stringify(steps.map((x) => ({ id: x.id, ...x.state })))],
  );
}

export interface Application { id: string; candidate: Candidate; job: Job; appliedAt: Date }

export async function seedApplications(s: Seeder, clock: Clock, ws: DemoWorkspace, jobs: Job[],
  candidates: Candidate[]): Promise<Application[]> {
  const open = jobs.filter((j) => j.status !== 'draft');
  const recruiter = ws.users.recruiter!;
  const pairs = new Set<string>();
  const plans: Plan[] = [];
  for (let tries = 0; plans.length < ws.scale.applications && tries < ws.scale.applications * 3; tries += 1) {
    // The documented candidate login applies to the first three jobs.
    const candidate = tries < 3 ? candidates[0]! : pick(candidates);
    const job = tries < 3 ? open[tries]! : pick(open);
    if (pairs.has(`${job.id}/${candidate.user.id}`)) continue;
    pairs.add(`${job.id}/${candidate.user.id}`);
    const final = finalState(job);
    const auto = AUTO_PATHS[final.automation_status]!.map((a) => ({ status: 'new', automation_status: a, follow_up_status: null }));
    const human = humanPath(final);
    const from = job.createdAt > candidate.createdAt ? job.createdAt : candidate.createdAt;
    const appliedAt = clock.workHour(clock.between(from, clock.addDays(clock.anchor, -2)));
    // The co-pilot works within hours of the application; the recruiter over the following weeks.
    const cap = clock.addMinutes(clock.anchor, -60);
    let at = appliedAt;
    const autoAt = auto.map(() => (at = clock.addMinutes(at, int(10, 300))));
    const humanFrom = new Date(Math.min(clock.addDays(appliedAt, 2).getTime(), cap.getTime()));
    const humanTo = new Date(Math.min(clock.addDays(appliedAt, 40).getTime(), cap.getTime()));
    const humanAt = human.map(() => clock.between(humanFrom, humanTo)).sort((a, b) => a.getTime() - b.getTime());
    plans.push({ id: id(), job, candidate, appliedAt, auto, human, final, autoAt, humanAt });
  }
  await s.insert('applications', plans.map((p) => ({
    id: p.id, workspace_id: ws.id, job_id: p.job.id, candidate_id: p.candidate.user.id, applied_at: p.appliedAt, status: 'new',
    automation_status: 'new',
    match_score: int(38, 97),
    ai_custom_summary: `Strong overlap with the ${p.job.title} requirements; expects $${Math.round(p.candidate.expectedCtc / 1000)}k.`,
    is_recruiter_approved: p.human.length > 0,
    next_follow_up_date: ['shortlisted', 'int_scheduled', 'offered',
      'under_follow_up'].includes(p.final.follow_up_status ?? '') ? clock.day(clock.ahead(1, 14)) : null,
    follow_up_remarks: p.final.follow_up_status === 'under_follow_up' ? 'Waiting for the candidate to confirm availability.' : null,
    created_at: p.appliedAt,
  })));

  // The trigger dates timeline rows with the wall clock, i.e. after this transaction began;
  // rows already re-dated lie in the past. So the rows of the last statement are exactly those
  // dated after the transaction start, and they get the time that step happened.
  const date = (rows: { id: string; at: Date }[]) => s.exec(
    `UPDATE application_timeline t SET created_at = v.at FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, at timestamptz)
      WHERE t.application_id = v.id AND t.created_at >= transaction_timestamp()`, [JSON.stringify(rows)]);
  await date(plans.map((p) => ({ id: p.id, at: p.appliedAt })));
  // The co-pilot's steps (no acting user), then the recruiter's.
  await s.exec(`SELECT set_config('app.user_id', '', true), set_config('app.timeline_remarks', 'AI co-pilot', true)`);
  for (let r = 0; plans.some((p) => p.auto[r]); r += 1) {
    const due = plans.filter((p) => p.auto[r]);
    await advance(s, due.map((p) => ({ id: p.id, state: p.auto[r]! })));
    await date(due.map((p) => ({ id: p.id, at: p.autoAt[r]! })));
  }
  await s.exec(`SELECT set_config('app.user_id', $1, true), set_config('app.timeline_remarks', '', true)`, [recruiter.id]);
  for (let r = 0; plans.some((p) => p.human[r]); r += 1) {
    const due = plans.filter((p) => p.human[r]);
    await advance(s, due.map((p) => ({ id: p.id, state: p.human[r]! })));
    await date(due.map((p) => ({ id: p.id, at: p.humanAt[r]! })));
  }
  await s.exec(`SELECT set_config('app.user_id', '', true)`);

  await seedChat(s, clock, ws, plans);
  await seedActionQueue(s, clock, ws, plans, jobs);
  return plans;
}

async function seedChat(s: Seeder, clock: Clock, ws: DemoWorkspace, plans: Plan[]): Promise<void> {
  const rows: Row[] = [];
  for (const p of plans) {
    const a = p.final.automation_status;
    if (a === 'new') continue;
    const first = p.candidate.user.firstName;
    const lines: [string, string][] = [['bot',
      `Hi ${first}, thanks for applying to ${p.job.title}! Do you have five minutes for a few quick questions?`]];
    if (a !== 'contacting' && a !== 'awaiting_reply') {
      lines.push(['candidate', pick(['Sure, go ahead.', 'Yes, happy to!', 'Hi! Yes.'])],
        ['bot', "Great. What is your notice period, and what salary range are you targeting?"],
        ['candidate',
          `${pick(['Two weeks', '30 days', 'I can start right away'])}; around $${Math.round(p.candidate.expectedCtc / 1000)}k.`]);
    } else if (a === 'awaiting_reply') {
      lines.push(['bot', `Just checking in, ${first} — are you still interested in the role?`]);
    }
    if (a === 'intervention_needed') lines.push(['candidate',
      'Does this role offer visa sponsorship? I would like to talk to a recruiter about it.']);
    if (a === 'live_chat') lines.push(['recruiter', `Hi ${first}, Priya here from the recruiting team. Could you do a call on Thursday?`],
      ['candidate', 'Thursday afternoon works.']);
    if (a === 'declined') lines.push(['candidate', 'Thanks, but I have accepted another offer.'],
      ['bot', 'Congratulations, and good luck! We will keep your profile on file.']);
    if (a === 'completed') lines.push(['bot', 'Thanks! A recruiter will reach out to schedule your interview.']);
    let at = clock.addMinutes(p.appliedAt, int(5, 90));
    lines.forEach(([sender, text], k) => {
      at = clock.notAfterAnchor(clock.addMinutes(at, int(2, 600)));
      // Everything is read except what is still waiting for the recruiter.
      const waiting = k === lines.length - 1 && sender === 'candidate' && (a === 'intervention_needed' || a === 'live_chat');
      rows.push({ id: id(), workspace_id: ws.id, application_id: p.id, sender_type: sender, message_text: text, sent_at: at,
        is_read: !waiting, created_at: at });
    });
  }
  await s.insert('chat_messages', rows);
}

async function seedActionQueue(s: Seeder, clock: Clock, ws: DemoWorkspace, plans: Plan[], jobs: Job[]): Promise<void> {
  const recruiter = ws.users.recruiter!;
  const rows: Row[] = [];
  const name = (p: Plan) => `${p.candidate.user.firstName} ${p.candidate.user.lastName}`;
  for (const p of plans.filter((x) => x.final.automation_status === 'intervention_needed')) {
    rows.push({ type: 'intervention_needed', priority: 'high', title: `${name(p)} asked for a recruiter`,
      description: 'Question about visa sponsorship in the co-pilot chat.',
      related_job_id: p.job.id, related_candidate_id: p.candidate.user.id, created_at: clock.ago(0.2, 3) });
  }
  const seen = new Set<string>();
  const firstPer = (p: Plan) => !seen.has(p.candidate.user.id) && seen.add(p.candidate.user.id);
  for (const p of plans.filter((x) => x.final.automation_status === 'live_chat').filter(firstPer).slice(0, 4)) {
    rows.push({ type: 'chat_followup', priority: 'medium', title: `Reply to ${name(p)}`,
      description: `Live chat about ${p.job.title} is waiting for you.`,
      related_job_id: p.job.id, related_candidate_id: p.candidate.user.id, created_at: clock.ago(0.1, 2) });
  }
  for (const p of plans.filter((x) => x.final.automation_status === 'awaiting_reply').slice(0, 4)) {
    rows.push({ type: 'no_response', priority: 'low', title: `${name(p)} has not replied in 3 days`,
      description: 'Consider a call or closing the application.',
      related_job_id: p.job.id, related_candidate_id: p.candidate.user.id, is_dismissed: chance(0.3), created_at: clock.ago(1, 6) });
  }
  for (const job of jobs.filter((j) => j.status === 'sourcing')) {
    rows.push({ type: 'new_matches', priority: 'medium', title: `${int(3, 9)} new matches for ${job.title}`,
      description: 'Candidates whose skills overlap the required skills.',
      related_job_id: job.id, created_at: clock.ago(0.1, 2) });
  }
  const unparsed = plans[plans.length - 1]!;
  rows.push({ type: 'parse_failure', priority: 'low', title: `Could not parse the resume of ${name(unparsed)}`,
    description: 'The PDF is a scanned image; ask for a text PDF.',
    related_candidate_id: unparsed.candidate.user.id, is_dismissed: true, created_at: clock.ago(10, 20) });
  await s.insert('action_queue', rows.map((r) => ({ id: id(), workspace_id: ws.id, user_id: recruiter.id, ...r })));
}
