/**
 * S0 "Sales Tracker": staff outreach to employers (pathway 1), job postings sourced from that
 * outreach or from job boards (pathway 2), and the Builders each posting was shared with.
 * Builder statuses follow their posting's status (an offer only where the posting has one).
 */
import { faker } from '@faker-js/faker';
import {
  chance, Clock, companyDomain, id, int, pick, pickSome, slugify, weighted, type DemoWorkspace, type Row, Seeder,
} from './demo-kit.js';

const TITLES = ['Junior Software Engineer', 'Frontend Developer', 'Data Analyst', 'QA Engineer', 'Full-Stack Developer', 'Support Engineer',
  'DevOps Apprentice', 'Backend Engineer (Node.js)'];
const CONTACT_TITLES = ['Head of Engineering', 'Talent Acquisition Lead', 'CTO', 'Engineering Manager', 'HR Business Partner',
  'VP of Product'];
const LOCATIONS = ['New York, NY (hybrid)', 'Remote (US)', 'Brooklyn, NY', 'Jersey City, NJ (on-site)', 'Remote (EST hours)'];
const RESPONSES: Record<string, string> = {
  responded: 'Replied asking for more details about the program.', interested: 'Interested in hiring two juniors next quarter.',
  meeting_scheduled: 'Intro call booked with their engineering manager.', opportunity_created: 'Shared two open roles with us.',
  not_interested: 'No junior hiring this year.',
};
/** Which Builder statuses a posting in each status can have. */
const BUILDER_STATUSES: Record<string, [string, number][]> = {
  shared_with_builders: [['shared', 5], ['declined', 1]],
  builders_applied: [['applied', 4], ['shared', 2], ['declined', 1]],
  interview_stage: [['interview', 3], ['applied', 2], ['declined', 1]],
  offer_received: [['interview', 2], ['applied', 2], ['declined', 1]],
  closed: [['declined', 3], ['applied', 1]],
};

export async function seedOutreach(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<void> {
  if (!ws.scale.outreach && !ws.scale.jobPostings) return;
  const staff = ws.users.staff ?? ws.users.admin!;
  const admin = ws.users.admin!;
  const outreach: Row[] = [];
  const postings: Row[] = [];
  const builders: Row[] = [];
  const sources: { id: string; company: string; staffId: string; date: Date }[] = [];

  for (let n = 0; n < ws.scale.outreach; n += 1) {
    const company = faker.company.name();
    const status = weighted([['attempted', 8], ['responded', 6], ['interested', 6], ['meeting_scheduled', 5], ['opportunity_created', 7],
      ['not_interested', 4], ['no_response', 4]]);
    const date = clock.workHour(clock.ago(1, 300));
    const name = faker.person.fullName();
    const staffId = chance(0.8) ? staff.id : admin.id;
    const rowId = id();
    outreach.push({
      id: rowId, workspace_id: ws.id, staff_user_id: staffId, contact_name: name, contact_title: pick(CONTACT_TITLES),
      company_name: company,
      linkedin_url: chance(0.7) ? `https://www.linkedin.com/in/${slugify(name)}-${faker.string.alphanumeric(5).toLowerCase()}` : null,
      contact_method: weighted([['linkedin', 5], ['email', 5], ['phone', 2], ['in_person', 1], ['other', 1]]),
      outreach_date: clock.day(date), status,
      notes: pick(['Met at the NYC tech hiring fair.', 'Alumni referral.', 'Found through their engineering blog.',
        'Cold outreach about the apprenticeship program.']),
      response_notes: RESPONSES[status] ?? null, created_at: date,
      updated_at: status === 'attempted' ? date : clock.notAfterAnchor(clock.addDays(date, int(1, 14))),
    });
    if (status === 'opportunity_created') sources.push({ id: rowId, company, staffId, date },
      ...(chance(0.4) ? [{ id: rowId, company, staffId, date }] : []));
  }

  const pool = Array.from({ length: 24 }, () => faker.person.fullName());
  for (let n = 0; n < ws.scale.jobPostings; n += 1) {
    const from = sources[n];
    const source = from ? 'outreach' : weighted([['job_board', 6], ['referral', 3], ['other', 1]]);
    const company = from?.company ?? faker.company.name();
    const createdAt = from ? clock.notAfterAnchor(clock.addDays(from.date, int(2, 20))) : clock.workHour(clock.ago(1, 240));
    const status = n < 7 ? ['new', 'reviewing', 'shared_with_builders', 'builders_applied', 'interview_stage', 'offer_received',
      'closed'][n]!
      : weighted([['new', 3], ['reviewing', 3], ['shared_with_builders', 4], ['builders_applied', 3], ['interview_stage', 2],
        ['offer_received', 1], ['closed', 2]]);
    const postingId = id();
    const low = int(60, 110) * 1000;
    postings.push({
      id: postingId, workspace_id: ws.id, staff_user_id: from?.staffId ?? staff.id, company_name: company, job_title: pick(TITLES),
      job_url: from
        ? `https://careers.${companyDomain(company)}/jobs/${int(1000, 9999)}`
        : `https://boards.jobs.example/${slugify(company)}/${int(10000, 99999)}`,
      source, outreach_id: from?.id ?? null, status,
      description: 'Entry-level role; training provided. Strong fit for Builders who finished the full-stack track.',
      salary_range: chance(0.8) ? `$${low.toLocaleString('en-US')} – $${(low + int(10, 30) * 1000).toLocaleString('en-US')}` : null,
      location: pick(LOCATIONS), notes: chance(0.3) ? 'Hiring manager prefers candidates with a portfolio project.' : null,
      created_at: createdAt,
    });
    const statuses = BUILDER_STATUSES[status];
    if (!statuses) continue;
    const names = pickSome(pool, 2, 5);
    names.forEach((builder, k) => {
      // The posting's headline outcome belongs to its first Builder.
      const own = k === 0 && status === 'offer_received' ? 'offer' : k === 0 && status === 'closed' ? 'hired' : weighted(statuses);
      const shared = clock.between(createdAt, clock.addDays(clock.anchor, -1));
      builders.push({ id: id(), workspace_id: ws.id, job_posting_id: postingId, builder_name: builder, status: own,
        shared_date: clock.day(shared),
        notes: own === 'hired' ? 'Accepted the offer; starts next month.' : own === 'declined' ? 'Not a fit for the tech stack.' : null,
        created_at: shared });
    });
  }
  await s.insert('outreach', outreach);
  await s.insert('job_postings', postings);
  await s.insert('job_posting_builders', builders);
}
