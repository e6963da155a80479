/**
 * Workspaces, teams, the documented demo logins and their roles (README "Demo logins").
 * Every login's password is the demo password; the hash is computed once by the caller.
 */
import { faker } from '@faker-js/faker';
import { Clock, demoIp, id, pick, type DemoUser, type DemoWorkspace, type RoleName, type Row, type Scale, Seeder } from './demo-kit.js';
import { LEAD_POINTS } from './leads.demo.js';

interface Login {
  key: string;
  email: string;
  firstName: string;
  lastName: string;
  role: RoleName;
  workspace: 'acme' | 'globex';
  title: string;
  department: string;
  team?: string;
  manager?: string;
}

/** The demo logins, kept exactly as documented. */
export const DEMO_LOGINS: readonly Login[] = [
  { key: 'root', email: 'root@demo.example', firstName: 'Robin', lastName: 'Castillo', role: 'root_admin', workspace: 'acme',
    title: 'Platform Administrator', department: 'IT' },
  { key: 'admin', email: 'admin@acme.example', firstName: 'Alice', lastName: 'Morgan', role: 'admin', workspace: 'acme',
    title: 'Operations Director', department: 'Operations', team: 'Operations' },
  { key: 'manager', email: 'manager@acme.example', firstName: 'Marcus', lastName: 'Bell', role: 'manager', workspace: 'acme',
    title: 'Sales Manager', department: 'Sales', team: 'Enterprise Sales', manager: 'admin' },
  { key: 'rep', email: 'rep@acme.example', firstName: 'Rachel', lastName: 'Kim', role: 'sales_rep', workspace: 'acme',
    title: 'Account Executive', department: 'Sales', team: 'Enterprise Sales', manager: 'manager' },
  { key: 'rep2', email: 'rep2@acme.example', firstName: 'Daniel', lastName: 'Ortiz', role: 'sales_rep', workspace: 'acme',
    title: 'Account Executive', department: 'Sales', team: 'Enterprise Sales', manager: 'manager' },
  { key: 'recruiter', email: 'recruiter@acme.example', firstName: 'Priya', lastName: 'Natarajan', role: 'recruiter', workspace: 'acme',
    title: 'Senior Recruiter', department: 'Talent', team: 'Recruiting', manager: 'admin' },
  { key: 'staff', email: 'staff@acme.example', firstName: 'Sam', lastName: 'Taylor', role: 'staff', workspace: 'acme',
    title: 'Employer Partnerships Associate', department: 'Partnerships', team: 'Operations', manager: 'admin' },
  { key: 'office', email: 'office@acme.example', firstName: 'Olivia', lastName: 'Chen', role: 'office_staff', workspace: 'acme',
    title: 'Office Coordinator', department: 'Operations', team: 'Operations', manager: 'admin' },
  { key: 'pm', email: 'pm@acme.example', firstName: 'Peter', lastName: 'Novak', role: 'project_manager', workspace: 'acme',
    title: 'Project Manager', department: 'Delivery', team: 'Operations', manager: 'admin' },
  { key: 'candidate', email: 'candidate@acme.example', firstName: 'Chris', lastName: 'Walker', role: 'candidate', workspace: 'acme',
    title: 'Full-Stack Developer', department: '' },
  { key: 'admin', email: 'admin@globex.example', firstName: 'Gina', lastName: 'Alvarez', role: 'admin', workspace: 'globex',
    title: 'Managing Director', department: 'Management', team: 'Globex Sales' },
  { key: 'rep', email: 'rep@globex.example', firstName: 'Tom', lastName: 'Becker', role: 'sales_rep', workspace: 'globex',
    title: 'Sales Representative', department: 'Sales', team: 'Globex Sales', manager: 'admin' },
];

const TEAMS: Record<'acme' | 'globex', { name: string; description: string; lead: string }[]> = {
  acme: [
    { name: 'Enterprise Sales', description: 'Account executives working mid-market and enterprise deals', lead: 'manager' },
    { name: 'Recruiting', description: 'Agency recruiting for client accounts', lead: 'recruiter' },
    { name: 'Operations', description: 'Office, partnerships and project delivery', lead: 'admin' },
  ],
  globex: [{ name: 'Globex Sales', description: 'The whole Globex sales floor', lead: 'admin' }],
};

export async function loadRoleIds(s: Seeder): Promise<Map<string, string>> {
  const rows = await s.select<{ id: string; name: string }>('SELECT id, name FROM roles');
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** A users row with the fields every demo user shares. */
export function userRow(ws: { id: string }, u: DemoUser, passwordHash: string, clock: Clock, extra: Row = {}): Row {
  const createdAt = (extra.created_at as Date | undefined) ?? clock.ago(380, 400);
  const lastLogin = clock.ago(0.1, 6);
  return {
    id: u.id,
    workspace_id: ws.id,
    email: u.email,
    password_hash: passwordHash,
    first_name: u.firstName,
    last_name: u.lastName,
    phone: faker.phone.number({ style: 'national' }),
    timezone: 'America/New_York',
    language: 'en',
    is_active: true,
    email_verified: true,
    last_login_at: lastLogin,
    last_active_at: clock.addMinutes(lastLogin, faker.number.int({ min: 5, max: 240 })),
    settings: { theme: pick(['light', 'dark', 'system']), notifications: { email: true, in_app: true } },
    created_at: createdAt,
    ...extra,
  };
}

export async function seedIdentity(
  s: Seeder,
  clock: Clock,
  passwordHash: string,
  scales: Record<'acme' | 'globex', Scale>,
): Promise<{ acme: DemoWorkspace; globex: DemoWorkspace }> {
  const roleIds = await loadRoleIds(s);
  const roleId = (name: RoleName) => {
    const found = roleIds.get(name);
    if (!found) throw new Error(`role "${name}" is missing from roles (migrations not applied?)`);
    return found;
  };
  const founded = clock.ago(400, 410);
  const make = (slug: 'acme' | 'globex', name: string, currency: string): DemoWorkspace => ({
    id: id(), slug, name, domain: `${slug}.example`, currency, scale: scales[slug], users: {}, salesOwners: [], teams: {},
    accounts: [], contacts: [], leads: [], pipelines: [], deals: [], opportunities: [], documents: [], templates: [], mailboxes: [],
  });
  const spaces = { acme: make('acme', 'Acme Corporation', 'USD'), globex: make('globex', 'Globex GmbH', 'EUR') };
  await s.insert('workspaces', [
    { id: spaces.acme.id, name: spaces.acme.name, slug: 'acme', created_at: founded,
      settings: { timezone: 'America/New_York', currency: 'USD', locale: 'en-US', fiscal_year_start_month: 1 } },
    { id: spaces.globex.id, name: spaces.globex.name, slug: 'globex', created_at: clock.addDays(founded, 3),
      settings: { timezone: 'Europe/Berlin', currency: 'EUR', locale: 'de-DE', fiscal_year_start_month: 1 } },
  ]);

  const teamRows: Row[] = [];
  for (const ws of Object.values(spaces)) {
    for (const team of TEAMS[ws.slug]) {
      ws.teams[team.name] = id();
      teamRows.push({ id: ws.teams[team.name], workspace_id: ws.id, name: team.name, description: team.description, created_at: founded });
    }
  }
  await s.insert('teams', teamRows);

  const userRows: Row[] = [];
  const roleRows: Row[] = [];
  for (const login of DEMO_LOGINS) {
    const ws = spaces[login.workspace];
    ws.users[login.key] = { id: id(), email: login.email, firstName: login.firstName, lastName: login.lastName, role: login.role };
  }
  spaces.globex.users.root = spaces.acme.users.root!;
  for (const login of DEMO_LOGINS) {
    const ws = spaces[login.workspace];
    const user = ws.users[login.key]!;
    const createdAt = clock.addDays(founded, faker.number.int({ min: 0, max: 20 }));
    userRows.push(userRow(ws, user, passwordHash, clock, {
      title: login.title,
      department: login.department || null,
      team_id: login.team ? ws.teams[login.team] : null,
      manager_id: login.manager ? ws.users[login.manager]!.id : null,
      timezone: ws.slug === 'globex' ? 'Europe/Berlin' : 'America/New_York',
      language: ws.slug === 'globex' ? 'de' : 'en',
      created_at: createdAt,
    }));
    roleRows.push({ workspace_id: ws.id, user_id: user.id, role_id: roleId(login.role), created_at: createdAt });
  }
  // The root admin works in every workspace (home: acme).
  roleRows.push({ workspace_id: spaces.globex.id, user_id: spaces.acme.users.root!.id, role_id: roleId('root_admin'),
    created_at: clock.addDays(founded, 3) });
  await s.insert('users', userRows);
  await s.insert('user_roles', roleRows);

  // Team leads can only be set once their users exist (teams and users reference each other).
  const leads = Object.values(spaces).flatMap((ws) => TEAMS[ws.slug].map((t) => ({ id: ws.teams[t.name], lead: ws.users[t.lead]!.id })));
  await s.exec(
    `UPDATE teams t SET team_lead_id = v.lead FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, lead uuid) WHERE t.id = v.id`,
    [JSON.stringify(leads)],
  );

  const { acme, globex } = spaces;
  acme.salesOwners = [acme.users.rep!, acme.users.rep2!, acme.users.manager!];
  globex.salesOwners = [globex.users.rep!, globex.users.admin!];
  return spaces;
}

/** Global settings (S1 feature flags) and a few security and audit log rows per workspace. */
export async function seedSettingsAndLogs(s: Seeder, clock: Clock, spaces: DemoWorkspace[]): Promise<void> {
  const root = spaces[0]!.users.root!;
  await s.insert('system_settings', [
    { key: 'ENABLE_AI_PARSING', value: true, description: 'Parse uploaded resumes into candidate profiles with the AI parser' },
    { key: 'MAINTENANCE_MODE', value: false, description: 'Show a maintenance banner and refuse logins for non-admins' },
    { key: 'EXTERNAL_JOBS_TTL_HOURS', value: 24, description: 'Hours an external job posting stays cached before it expires' },
    { key: 'LEAD_SCORE_WEIGHTS', value: LEAD_POINTS, description: 'Points added to a lead per lead activity type' },
    { key: 'SUPPORT_EMAIL', value: 'support@demo.example', description: 'Shown in the footer of outgoing mail' },
  ].map((r) => ({ ...r, updated_by: root.id, created_at: clock.ago(390, 395) })), { onConflictDoNothing: true });

  const security: Row[] = [];
  const audit: Row[] = [];
  const ua = () => faker.internet.userAgent();
  for (const ws of spaces) {
    const users = Object.values(ws.users).filter((u) => u.role !== 'candidate');
    for (const u of users) {
      security.push({ workspace_id: ws.id, event_type: 'login_success', severity: 'info', user_id: u.id, user_email: u.email,
        description: 'Signed in with password', ip_address: demoIp(), user_agent: ua(),
        location: ws.slug === 'acme' ? 'New York, US' : 'Berlin, DE',
        created_at: clock.ago(0.2, 5) });
    }
    const target = ws.users.rep!;
    const failedAt = clock.ago(20, 40);
    security.push(
      { workspace_id: ws.id, event_type: 'login_failed', severity: 'warning', user_id: target.id, user_email: target.email,
        description: 'Wrong password', details: { attempt: 1 }, ip_address: demoIp(), user_agent: ua(), created_at: failedAt },
      { workspace_id: ws.id, event_type: 'password_changed', severity: 'info', user_id: target.id, user_email: target.email,
        description: 'Password changed from the profile page', ip_address: demoIp(), user_agent: ua(),
        created_at: clock.addMinutes(failedAt, 12) },
      { workspace_id: ws.id, event_type: 'permission_denied', severity: 'warning', user_id: target.id, user_email: target.email,
        description: 'Tried to open Settings › Roles', details: { resource: 'roles', action: 'edit' }, ip_address: demoIp(),
        user_agent: ua(), created_at: clock.ago(2, 15) },
    );
    audit.push(
      { workspace_id: ws.id, user_id: ws.users.admin!.id, user_email: ws.users.admin!.email, action: 'update', resource_type: 'users',
        resource_id: target.id,
        description: `Changed the team of ${target.firstName} ${target.lastName}`,
        changes: { team_id: { before: null, after: ws.teams[Object.keys(ws.teams)[0]!] } },
        ip_address: demoIp(), user_agent: ua(), request_method: 'POST', request_path: `/admin/resources/users/records/${target.id}/edit`,
        created_at: clock.ago(60, 90) },
      { workspace_id: ws.id, user_id: ws.users.admin!.id, user_email: ws.users.admin!.email, action: 'export', resource_type: 'contacts',
        description: 'Exported contacts to CSV', metadata: { format: 'csv', filter: { status: 'customer' } }, ip_address: demoIp(),
        user_agent: ua(),
        request_method: 'GET', request_path: '/admin/resources/contacts/actions/export', created_at: clock.ago(5, 30) },
      { workspace_id: ws.id, user_id: target.id, user_email: target.email, action: 'login', action_type: 'login', severity: 'success',
        description: 'Signed in', ip_address: demoIp(), user_agent: ua(), request_method: 'POST', request_path: '/admin/login',
        created_at: clock.ago(0.2, 2) },
    );
  }
  // Events without a workspace: probing logins for addresses that do not exist.
  const probeAt = clock.ago(8, 12);
  for (let i = 0; i < 5; i += 1) {
    security.push({ event_type: 'login_failed', severity: 'warning', user_email: `admin${i ? i : ''}@example.com`,
      description: 'Unknown e-mail address',
      ip_address: '203.0.113.66', user_agent: 'python-requests/2.31.0', created_at: clock.addMinutes(probeAt, i) });
  }
  security.push({ event_type: 'suspicious_activity', severity: 'critical', user_email: 'admin@example.com',
    description: 'Five failed logins for unknown addresses from one IP within 5 minutes', details: { attempts: 5, window_minutes: 5 },
    ip_address: '203.0.113.66', action_taken: 'IP rate-limited for 1 hour', created_at: clock.addMinutes(probeAt, 5) });
  const locked = spaces[0]!.users.rep2!;
  const lockedAt = clock.ago(30, 45);
  security.push({ workspace_id: spaces[0]!.id, event_type: 'account_locked', severity: 'warning', user_id: locked.id,
    user_email: locked.email,
    description: 'Locked after 5 failed logins', ip_address: demoIp(), action_taken: 'Locked for 15 minutes', created_at: lockedAt },
  { workspace_id: spaces[0]!.id, event_type: 'password_reset', severity: 'info', user_id: locked.id, user_email: locked.email,
    description: 'Password reset through the e-mailed link', ip_address: demoIp(), created_at: clock.addMinutes(lockedAt, 25) });
  await s.insert('security_logs', security.map((r) => ({ id: id(), ...r })));
  await s.insert('audit_logs', audit.map((r) => ({ id: id(), ...r })));
}

/** Audit rows in S1's activity-feed vocabulary (action_type), written once the records exist. */
export function feedAudit(ws: DemoWorkspace, clock: Clock,
  entries: { user: DemoUser; actionType: string; resourceType: string; resourceId: string; description: string; at: Date }[]): Row[] {
  return entries.map((e) => ({
    id: id(), workspace_id: ws.id, user_id: e.user.id, user_email: e.user.email,
    action: e.actionType === 'user_update' ? 'update' : 'create',
    action_type: e.actionType, severity: 'success', resource_type: e.resourceType, resource_id: e.resourceId, description: e.description,
    ip_address: demoIp(), created_at: clock.notAfterAnchor(e.at),
  }));
}
