/**
 * S1 recruiting, part 1: cached external postings ("hot drops", some expired), the agency's jobs
 * for its client accounts, and candidates: users with the candidate role, profiles and work
 * history. The documented candidate@acme.example login is one of them.
 */
import { faker } from '@faker-js/faker';
import {
  chance, Clock, id, int, localPart, pick, pickSome, slugify, unique, weighted, type DemoUser, type DemoWorkspace, type Row, Seeder,
} from './demo-kit.js';
import { loadRoleIds, userRow } from './identity.demo.js';

export interface Job { id: string; title: string; status: string; createdAt: Date }
export interface Candidate { user: DemoUser; createdAt: Date; expectedCtc: number }

const ROLES: [title: string, area: string, skills: string[]][] = [
  ['Senior Backend Engineer', 'Engineering', ['Node.js', 'TypeScript', 'PostgreSQL', 'AWS', 'Kafka']],
  ['Frontend Engineer', 'Engineering', ['React', 'TypeScript', 'CSS', 'Accessibility', 'Jest']],
  ['Data Engineer', 'Data', ['Python', 'SQL', 'Airflow', 'dbt', 'Snowflake']],
  ['DevOps Engineer', 'Infrastructure', ['Kubernetes', 'Terraform', 'AWS', 'Prometheus', 'Linux']],
  ['Product Designer', 'Design', ['Figma', 'User research', 'Prototyping', 'Design systems']],
  ['Account Executive', 'Sales', ['Salesforce', 'Negotiation', 'SaaS sales', 'Forecasting']],
  ['QA Automation Engineer', 'Engineering', ['Playwright', 'TypeScript', 'CI/CD', 'API testing']],
  ['Engineering Manager', 'Engineering', ['People management', 'Hiring', 'Agile', 'System design']],
];
const JOB_STATUSES = ['sourcing', 'sourcing', 'interview', 'interview', 'offer', 'sourcing', 'closed', 'draft'];
const CITIES = ['Austin, TX', 'New York, NY', 'Chicago, IL', 'Denver, CO', 'Remote (US)', 'Seattle, WA'];

export async function seedExternalPostings(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<void> {
  const rows: Row[] = [];
  for (let n = 0; n < ws.scale.externalPostings; n += 1) {
    const [title, , skills] = pick(ROLES);
    const company = faker.company.name();
    const source = pick(['ai_scraper', 'linkedin', 'indeed']);
    // A third are still fresh (fetched today, cached for 72 h); the rest expired after 24 h.
    const fresh = n % 3 === 0;
    const fetched = fresh ? clock.ago(0.05, 1) : clock.ago(3, 40);
    rows.push({
      id: id(), workspace_id: ws.id, source, title, company_name: company, location: pick(CITIES),
      original_url: `https://${source === 'ai_scraper' ? 'scraped' : source}.jobs.example/`
        + `${slugify(company)}/${slugify(title)}-${int(100000, 999999)}`,
      posted_date: clock.day(clock.addDays(fetched, -int(0, 5))),
      summary: `${company} is hiring a ${title}: ${skills.slice(0, 3).join(', ')}.`,
      salary_text: chance(0.6) ? `$${int(90, 150)}k – $${int(151, 210)}k` : null, job_type: pick(['remote', 'contract', 'full_time']),
      fetched_at: fetched, expires_at: clock.addDays(fetched, fresh ? 3 : 1), created_at: fetched,
    });
  }
  await s.insert('external_job_postings', rows);
}

export async function seedJobs(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<Job[]> {
  const clients = ws.accounts.filter((a) => a.isClient);
  const recruiter = ws.users.recruiter!;
  const rows: Row[] = [];
  const jobs: Job[] = [];
  for (let n = 0; n < ws.scale.jobs; n += 1) {
    const [title, area, skills] = ROLES[n % ROLES.length]!;
    const client = clients[n % clients.length]!;
    const status = JOB_STATUSES[n % JOB_STATUSES.length]!;
    const createdAt = clock.workHour(clock.ago(status === 'closed' ? 120 : 20, status === 'closed' ? 200 : 110));
    const contractor = n === 6;
    const min = contractor ? 70 : int(90, 140) * 1000;
    const slug = `${slugify(client.name)}-${slugify(title)}-${n + 1}`;
    rows.push({
      id: id(), workspace_id: ws.id, client_id: client.id, assigned_recruiter_id: recruiter.id, title,
      internal_job_id: `JOB-${String(1041 + n)}`,
      employment_type: contractor ? 'contractor' : 'full_time', work_mode: pick(['on_site', 'remote', 'hybrid']), industry: 'Software',
      functional_area: area,
      job_locations: pickSome(CITIES, 1, 2), min_salary: min, max_salary: contractor ? 95 : min + int(20, 50) * 1000, currency: 'USD',
      salary_unit: contractor ? 'hour' : 'year',
      benefits_perks: pickSome(['Health, dental and vision', '401(k) match', 'Remote stipend', 'Equity', '4-day summer weeks',
        'Learning budget'], 2, 4),
      about_company: `${client.name} builds software for ${pick(['logistics', 'healthcare', 'construction', 'retail'])} teams.`,
      job_summary: `We are looking for a ${title} to join a small, senior team.`,
      responsibilities: ['Own features end to end', 'Review code and mentor peers', 'Work with product on scope'],
      experience_required: pick(['2-4 years', '3-5 years', '5+ years']),
      education_qualification: "Bachelor's degree or equivalent experience",
      required_skills: skills.slice(0, 3), preferred_skills: skills.slice(3), tools_tech_stack: skills, number_of_openings: int(1, 3),
      application_deadline: status === 'closed' ? null : clock.day(clock.ahead(10, 45)),
      hiring_process_rounds: ['Recruiter screen', 'Technical interview', 'Team interview', 'Offer'],
      notice_period_accepted: pick(['Immediate', '30 days', '60 days']),
      slug_url: status === 'draft' ? null : slug, meta_title: `${title} at ${client.name}`,
      meta_description: `${title} — ${area}, ${pick(CITIES)}. Apply through ${ws.name}.`,
      status, created_at: createdAt,
    });
    jobs.push({ id: rows[n]!.id as string, title, status, createdAt });
  }
  await s.insert('jobs', rows);
  return jobs;
}

export async function seedCandidates(s: Seeder, clock: Clock, ws: DemoWorkspace, passwordHash: string): Promise<Candidate[]> {
  const roleId = (await loadRoleIds(s)).get('candidate')!;
  const users: Row[] = [];
  const profiles: Row[] = [];
  const history: Row[] = [];
  const candidates: Candidate[] = [];
  const emails = new Set<string>();
  for (let n = 0; n < ws.scale.candidates; n += 1) {
    // The documented login (created with the other logins) is the first candidate.
    const login = n === 0 ? ws.users.candidate : undefined;
    const first = login?.firstName ?? faker.person.firstName();
    const last = login?.lastName ?? faker.person.lastName();
    const user: DemoUser = login ?? { id: id(), firstName: first, lastName: last, role: 'candidate',
      email: unique(emails, `${localPart(first, last)}@mail.example`, (k) => `${localPart(first, last)}${k}@mail.example`) };
    const createdAt = clock.workHour(clock.ago(5, 200));
    if (!login) {
      users.push(userRow(ws, user, passwordHash, clock, { created_at: createdAt, title: null, email_verified: chance(0.8),
        last_login_at: clock.ago(0.5, 20) }));
      users[users.length - 1]!.last_active_at = users[users.length - 1]!.last_login_at;
    }
    const [role, , skills] = pick(ROLES);
    const years = int(1, 14);
    const current = Math.round((years * 9_000 + 60_000) / 1000) * 1000;
    const expected = Math.round(current * (1.1 + int(0, 25) / 100) / 1000) * 1000;
    const gradYear = clock.anchor.getUTCFullYear() - years - int(0, 2);
    profiles.push({
      user_id: user.id, workspace_id: ws.id, phone: faker.phone.number({ style: 'national' }),
      linkedin_url: `https://www.linkedin.com/in/${localPart(first, last).replace('.', '-')}`,
      github_url: chance(0.5) ? `https://github.com/${localPart(first, last).replace('.', '')}` : null,
      portfolio_url: chance(0.2) ? `https://${localPart(first, last).replace('.', '')}.portfolio.example` : null,
      resume_url: `https://files.${ws.domain}/resumes/${user.id}.pdf`, resume_last_updated: clock.ago(1, 90),
      bio: `${role} with ${years} years of experience in ${skills.slice(0, 2).join(' and ')}.`, is_actively_searching: chance(0.85),
      highest_education: pick(['B.S. Computer Science', 'B.A. Economics', 'M.S. Software Engineering', 'Bootcamp certificate']),
      year_of_passing: gradYear,
      skills: pickSome(skills, 3, skills.length),
      certificates: chance(0.3) ? [pick(['AWS Solutions Architect', 'CKA', 'Scrum Master'])] : [],
      projects_summary: chance(0.5) ? 'Led the migration of a monolith to services; cut p95 latency by 40%.' : null,
      total_experience_years: years + int(0, 9) / 10, current_role: role, expected_role: years > 8 ? `Lead ${role}` : role,
      job_type_preference: weighted([['full_time', 8], ['contract', 2]]), current_locations: [pick(CITIES)],
      preferred_locations: pickSome(CITIES, 1, 3),
      ready_to_relocate: pick(['yes', 'no', 'open_to_discussion']), notice_period: pick([0, 14, 30, 60]),
      availability_date: clock.day(clock.ahead(7, 60)),
      shift_preference: pick(['day', 'flex']), work_authorization: pick(['US citizen', 'Green card', 'H-1B (transfer needed)']),
      current_ctc: current, expected_ctc: expected, currency: 'USD', is_ctc_negotiable: chance(0.6), looking_for_jobs_abroad: chance(0.1),
      sector_preference: 'private', preferred_industries: pickSome(['Software', 'Fintech', 'Healthcare', 'Logistics'], 1, 2),
      dob: chance(0.4) ? clock.day(faker.date.birthdate({ min: 22 + years, max: 30 + years, mode: 'age', refDate: clock.anchor })) : null,
      languages: ['English', ...pickSome(['Spanish', 'Hindi', 'Mandarin', 'Portuguese'], 0, 1)],
      willingness_to_travel: pick(['no', 'occasionally', 'up to 25%']),
      has_driving_license: chance(0.8), has_current_offers: n % 7 === 3, number_of_offers: n % 7 === 3 ? int(1, 2) : 0,
      best_time_to_contact: pick(['weekday mornings', 'after 6 pm', 'any time']),
      preferred_contact_mode: pick(['email', 'call', 'whatsapp']),
      time_zone: 'America/New_York', created_at: createdAt,
    });
    // Work history, oldest first: the years since graduation split into consecutive jobs; the
    // last one is current for most candidates.
    const careerStart = new Date(Date.UTC(gradYear, int(5, 8), 1));
    const careerEnd = clock.addDays(clock.anchor, -30);
    const span = careerEnd.getTime() - careerStart.getTime();
    const jobs = Math.min(3, 1 + Math.floor(years / 4));
    for (let k = 0; k < jobs; k += 1) {
      const isCurrent = k === jobs - 1 && chance(0.8);
      const start = clock.addDays(new Date(careerStart.getTime() + (span * k) / jobs), int(0, 20));
      const end = isCurrent ? null : clock.addDays(new Date(careerStart.getTime() + (span * (k + 1)) / jobs), -int(0, 20));
      history.push({
        id: id(), workspace_id: ws.id, profile_id: user.id, company_name: faker.company.name(),
        job_title: k === jobs - 1 ? role : pick(['Software Engineer', 'Analyst', 'Associate', role]),
        start_date: clock.day(start), end_date: end ? clock.day(end) : null, is_current: isCurrent,
        responsibilities: 'Shipped customer-facing features; on-call rotation; mentoring interns.', tools_used: pickSome(skills, 2, 4),
        ctc_at_role: `$${Math.round((current * (0.6 + (0.4 * (k + 1)) / jobs)) / 1000)}k`, created_at: createdAt,
      });
    }
    candidates.push({ user, createdAt, expectedCtc: expected });
  }
  await s.insert('users', users);
  await s.insert('user_roles', users.map((u) => ({ workspace_id: ws.id, user_id: u.id, role_id: roleId, created_at: u.created_at })));
  await s.insert('candidate_profiles', profiles);
  await s.insert('candidate_work_history', history);
  return candidates;
}
