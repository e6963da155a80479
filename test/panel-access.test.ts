/**
 * Roles, row scopes and tenancy, enforced on the server: each seeded role against the panel's
 * API (list, show, new, edit, delete, bulk, search, export), with calls a browser would never
 * make (guessed ids, other workspaces' references) refused and nothing changed.
 */
import { parse } from 'csv-parse/sync';
import { EXACT_UP_TO } from '../src/admin/data/count.js';
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { PanelClient, startPanel, type Panel } from './helpers/panel-client.js';
import { makeUser } from './helpers/users.js';
import { select } from './helpers/sql.js';

let panel: Panel;
const clients: Record<string, PanelClient> = {};
const one = async <T extends object>(sql: string, replacements: Record<string, unknown> = {}) => (await select<T>(sql, replacements))[0];
const userId = async (email: string) => (await one<{ id: string }>(`SELECT id FROM users WHERE email = :email`, { email })).id;

const LOGINS = [
  'root@demo.example', 'admin@acme.example', 'manager@acme.example', 'rep@acme.example', 'rep2@acme.example',
  'recruiter@acme.example', 'staff@acme.example', 'office@acme.example', 'pm@acme.example', 'admin@globex.example',
  'rep@globex.example',
];

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  panel = await startPanel();
  for (const email of LOGINS) {
    clients[email] = new PanelClient(panel.url);
    const result = await clients[email].login(email);
    if (!result.ok) throw new Error(`demo login ${email} failed`);
  }
});

afterAll(async () => {
  await panel.close();
  await sequelize.close();
});

/** AdminJS answers a record out of reach with 200 + an error notice and no data; our guard with 403/404. */
function expectRefused(res: { status: number; body: { notice?: { type: string }; record?: { params?: object } } }) {
  if (res.status === 403 || res.status === 404) return;
  expect(res.status).toBe(200);
  expect(res.body.notice?.type).toBe('error');
  expect(Object.keys(res.body.record?.params ?? {})).toHaveLength(0);
}

const ids = (response: { body: { records: { id: string }[] } }) => response.body.records.map((r) => r.id);

describe('row scopes', () => {
  test('a sales rep lists only their own contacts, leads and deals', async () => {
    const rep = await userId('rep@acme.example');
    for (const table of ['contacts', 'leads', 'deals']) {
      const res = await clients['rep@acme.example'].list(table, 'perPage=500');
      expect(res.status).toBe(200);
      expect(res.body.records.length).toBeGreaterThan(0);
      for (const record of res.body.records) expect(record.params.owner_id).toBe(rep);
      const [{ n }] = await select<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE owner_id = :rep`, { rep });
      expect(res.body.records.length).toBe(Number(n));
      // The pager's total is exact up to EXACT_UP_TO rows, an estimate above.
      if (Number(n) <= EXACT_UP_TO) expect(res.body.meta.total).toBe(Number(n));
      else expect(res.body.meta.total).toBeGreaterThan(EXACT_UP_TO);
    }
  });

  test('office staff see every contact of their workspace, and only of it', async () => {
    const res = await clients['office@acme.example'].list('contacts', 'perPage=500');
    const [{ n }] = await select<{ n: string }>(
      `SELECT count(*) AS n FROM contacts c JOIN workspaces w ON w.id = c.workspace_id WHERE w.slug = 'acme'`,
    );
    expect(res.body.records.length).toBe(Number(n));
    const acme = (await one<{ id: string }>(`SELECT id FROM workspaces WHERE slug = 'acme'`)).id;
    for (const record of res.body.records) expect(record.params.workspace_id).toBe(acme);
  });

  test("a manager sees their team's deals, not the whole workspace's", async () => {
    const res = await clients['manager@acme.example'].list('deals', 'perPage=500');
    const team = await select<{ owner_id: string }>(
      `SELECT DISTINCT d.owner_id FROM deals d JOIN users u ON u.id = d.owner_id JOIN users m ON m.email = 'manager@acme.example'
        WHERE u.id = m.id OR u.team_id IN (SELECT id FROM teams WHERE team_lead_id = m.id) OR (m.team_id IS NOT NULL AND u.team_id = m.team_id)`,
    );
    const allowed = new Set(team.map((t) => t.owner_id));
    expect(res.body.records.length).toBeGreaterThan(0);
    for (const record of res.body.records) expect(allowed.has(record.params.owner_id)).toBe(true);
  });

  test('a rep searching for text sees only their own matches', async () => {
    const rep = await userId('rep@acme.example');
    const company = await one<{ company_name: string }>(
      `SELECT company_name FROM contacts WHERE owner_id <> :rep AND company_name IS NOT NULL LIMIT 1`, { rep },
    );
    const word = company.company_name.split(' ')[0];
    const res = await clients['rep@acme.example'].list('contacts', `filters.company_name=${encodeURIComponent(word)}&perPage=500`);
    expect(res.status).toBe(200);
    for (const record of res.body.records) expect(record.params.owner_id).toBe(rep);
    const admin = await clients['admin@acme.example'].list('contacts', `filters.company_name=${encodeURIComponent(word)}&perPage=500`);
    expect(admin.body.records.length).toBeGreaterThan(res.body.records.length);
  });

  test("a rep cannot read, edit or delete another rep's lead by guessing its id", async () => {
    const other = await one<{ id: string; status: string; notes: string | null }>(
      `SELECT l.id, l.status, l.notes FROM leads l JOIN users u ON u.id = l.owner_id WHERE u.email = 'rep2@acme.example' LIMIT 1`,
    );
    const rep = clients['rep@acme.example'];
    expectRefused(await rep.show('leads', other.id));
    expectRefused(await rep.edit('leads', other.id, { notes: 'hijacked' }));
    expectRefused(await rep.remove('leads', other.id));
    expectRefused(await rep.post(`/admin/api/resources/leads/bulk/bulkDelete?recordIds=${other.id}`, {}));
    const after = await one<{ status: string; notes: string | null }>(`SELECT status, notes FROM leads WHERE id = :id`, { id: other.id });
    expect(after).toEqual({ status: other.status, notes: other.notes });
  });

  test('a rep may not open the audit log, roles or sessions, even straight through the API', async () => {
    for (const table of ['audit_logs', 'roles', 'sessions', 'security_logs']) {
      const res = await clients['rep@acme.example'].list(table);
      expect(res.status).toBe(403);
    }
  });
});

describe('tenancy', () => {
  test('a user of workspace A cannot see rows of workspace B', async () => {
    const acmeContact = await one<{ id: string }>(
      `SELECT c.id FROM contacts c JOIN workspaces w ON w.id = c.workspace_id WHERE w.slug = 'acme' LIMIT 1`,
    );
    const globex = clients['admin@globex.example'];
    expectRefused(await globex.show('contacts', acmeContact.id));
    expectRefused(await globex.edit('contacts', acmeContact.id, { notes: 'cross-tenant' }));
    const list = await globex.list('contacts', 'perPage=500');
    expect(ids(list)).not.toContain(acmeContact.id);
    const filtered = await globex.list('contacts', `filters.id=${acmeContact.id}`);
    expect(filtered.body.records).toHaveLength(0);
  });

  test('a reference to a row of another workspace is refused and nothing is written', async () => {
    const acmeAccount = await one<{ id: string }>(
      `SELECT a.id FROM accounts a JOIN workspaces w ON w.id = a.workspace_id WHERE w.slug = 'acme' LIMIT 1`,
    );
    const res = await clients['admin@globex.example'].create('contacts', {
      first_name: 'Cross', last_name: 'Tenant', email: 'cross-tenant@example.com', account_id: acmeAccount.id,
    });
    expect(res.body.record.errors.account_id.message).toMatch(/workspace/);
    expect(await select(`SELECT 1 FROM contacts WHERE email = 'cross-tenant@example.com'`)).toHaveLength(0);
  });

  test('new rows get the creator\'s workspace and, for an own scope, the creator as owner', async () => {
    const res = await clients['rep@globex.example'].create('contacts', {
      first_name: 'Own', last_name: 'Contact', email: 'own-contact@example.com', workspace_id: '00000000-0000-4000-8000-000000000000',
    });
    expect(res.status).toBe(200);
    expect(res.body.record.errors).toEqual({});
    const row = await one<{ workspace: string; owner: string }>(
      `SELECT w.slug AS workspace, u.email AS owner FROM contacts c JOIN workspaces w ON w.id = c.workspace_id
         JOIN users u ON u.id = c.owner_id WHERE c.email = 'own-contact@example.com'`,
    );
    expect(row).toEqual({ workspace: 'globex', owner: 'rep@globex.example' });
  });

  test('created_by is the creator, whatever the form says, and an edit cannot change it', async () => {
    const rep = await userId('rep@globex.example');
    const admin = await userId('admin@globex.example');
    const res = await clients['rep@globex.example'].create('contacts', {
      first_name: 'Made', last_name: 'ByRep', email: 'made-by-rep@example.com', created_by: admin,
    });
    expect(res.body.record.errors).toEqual({});
    const id = res.body.record.id as string;
    expect((await one<{ created_by: string }>(`SELECT created_by FROM contacts WHERE id = :id`, { id })).created_by).toBe(rep);
    await clients['admin@globex.example'].edit('contacts', id, { first_name: 'Made', created_by: admin });
    expect((await one<{ created_by: string }>(`SELECT created_by FROM contacts WHERE id = :id`, { id })).created_by).toBe(rep);
  });

  test('a root admin switches the session to another workspace; new rows land there; nobody else may switch', async () => {
    const root = new PanelClient(panel.url);
    expect((await root.login('root@demo.example')).ok).toBe(true);
    const globex = (await one<{ id: string }>(`SELECT id FROM workspaces WHERE slug = 'globex'`)).id;
    const acme = (await one<{ id: string }>(`SELECT id FROM workspaces WHERE slug = 'acme'`)).id;

    const admin = clients['admin@acme.example'];
    const refused = await admin.post(`/admin/api/resources/workspaces/records/${globex}/switchWorkspace`, {});
    expectRefused(refused);
    const adminSession = await one<{ workspace_id: string }>(
      `SELECT s.workspace_id FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE u.email = 'admin@acme.example' AND NOT s.is_revoked ORDER BY s.last_activity_at DESC LIMIT 1`,
    );
    expect(adminSession.workspace_id).toBe(acme);

    const switched = await root.post(`/admin/api/resources/workspaces/records/${globex}/switchWorkspace`, {});
    expect(switched.status).toBe(200);
    expect(switched.body.notice).toEqual({ message: 'You now work in Globex GmbH', type: 'success' });
    const created = await root.create('accounts', { name: 'Switched Workspace Ltd' });
    expect(created.body.record.errors).toEqual({});
    const row = await one<{ slug: string }>(
      `SELECT w.slug FROM accounts a JOIN workspaces w ON w.id = a.workspace_id WHERE a.id = :id`, { id: created.body.record.id },
    );
    expect(row.slug).toBe('globex');
    const audit = await one<{ description: string }>(
      `SELECT description FROM audit_logs WHERE resource_type = 'workspaces' AND resource_id = :globex ORDER BY created_at DESC LIMIT 1`, { globex },
    );
    expect(audit.description).toBe('Switched the panel session to workspace Globex GmbH');
  });

  test('the root admin sees every workspace', async () => {
    const res = await clients['root@demo.example'].list('workspaces');
    expect(res.body.records.length).toBeGreaterThanOrEqual(2);
  });
});

describe('bad input', () => {
  test.each([
    ['contacts', { first_name: 'Bad', email: 'not-an-email' }, 'email'],
    ['contacts', { first_name: 'Bad', email: 'bad-status@example.com', status: 'sleeping' }, 'status'],
    ['contacts', { first_name: 'Bad', email: 'bad-ref@example.com', account_id: '00000000-0000-4000-8000-000000000000' }, 'account_id'],
    ['contacts', { first_name: 'Bad', email: 'bad-uuid@example.com', owner_id: 'abc' }, 'owner_id'],
  ])('%s %j is refused next to %s and nothing is written', async (table, form, field) => {
    const before = await one<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    const res = await clients['admin@acme.example'].create(table, form as Record<string, string>);
    expect(res.status).toBe(200);
    expect(res.body.notice.type).toBe('error');
    expect(res.body.record.errors[field].message).toEqual(expect.any(String));
    const after = await one<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    expect(after.n).toBe(before.n);
  });

  test('a negative deal value is refused next to the field', async () => {
    const deal = await one<{ id: string; value: string }>(
      `SELECT d.id, d.value FROM deals d JOIN workspaces w ON w.id = d.workspace_id WHERE w.slug = 'acme' LIMIT 1`,
    );
    const res = await clients['admin@acme.example'].edit('deals', deal.id, { value: '-5' });
    expect(res.body.record.errors.value.message).toEqual(expect.any(String));
    expect((await one<{ value: string }>(`SELECT value FROM deals WHERE id = :id`, { id: deal.id })).value).toBe(deal.value);
  });
});

describe('audit', () => {
  test('create, update and delete through the panel write audit_logs with the diff and the request', async () => {
    const admin = clients['admin@acme.example'];
    const created = await admin.create('contacts', { first_name: 'Audit', last_name: 'Me', email: 'audit-me@example.com' });
    const id = created.body.record.id as string;
    await admin.edit('contacts', id, { last_name: 'Changed' });
    await admin.remove('contacts', id);
    const logs = await select<{ action: string; changes: Record<string, { from: unknown; to: unknown }>; request_method: string; request_path: string; user_email: string; ip_address: string }>(
      `SELECT action, changes, request_method, request_path, user_email, ip_address::text FROM audit_logs
        WHERE resource_type = 'contacts' AND resource_id = :id ORDER BY created_at`, { id },
    );
    expect(logs.map((l) => l.action)).toEqual(['create', 'update', 'delete']);
    expect(logs[1].changes).toEqual({ last_name: { from: 'Me', to: 'Changed' } });
    expect(logs[0].changes.email).toEqual({ from: null, to: 'audit-me@example.com' });
    expect(logs[2].request_method).toBe('POST');
    expect(logs[2].request_path).toBe(`/admin/api/resources/contacts/records/${id}/delete`);
    expect(logs.every((l) => l.user_email === 'admin@acme.example')).toBe(true);
  });

  test("a password change is audited with the hash masked, and never returned", async () => {
    const admin = clients['admin@acme.example'];
    // A user of its own: the demo logins keep their demo password for the suites after this one.
    const email = `password-change-${Date.now().toString(36)}@acme.example`;
    const user = { id: await makeUser(email, { password: 'demo-password', role: 'staff' }) };
    const shown = await admin.show('users', user.id);
    expect(shown.body.record.params.password_hash).toBeUndefined();
    const res = await admin.edit('users', user.id, { password: 'a-new-password-123' });
    expect(res.body.record.params.password_hash).toBeUndefined();
    const log = await one<{ changes: Record<string, { from: unknown; to: unknown }> }>(
      `SELECT changes FROM audit_logs WHERE resource_id = :id AND action = 'update' ORDER BY created_at DESC LIMIT 1`, { id: user.id },
    );
    expect(log.changes.password_hash).toEqual({ from: '[secret]', to: '[secret]' });
    const fresh = new PanelClient(panel.url);
    expect((await fresh.login(email, 'a-new-password-123')).ok).toBe(true);
  });
});

describe('bulk edit', () => {
  test('sets one field on the selected rows the user may edit, audited row by row', async () => {
    const rep = await userId('rep@acme.example');
    const mine = await select<{ id: string }>(`SELECT id FROM contacts WHERE owner_id = :rep ORDER BY id LIMIT 2`, { rep });
    const theirs = await one<{ id: string; status: string }>(`SELECT id, status FROM contacts WHERE owner_id <> :rep AND workspace_id = (SELECT workspace_id FROM users WHERE id = :rep) LIMIT 1`, { rep });
    const recordIds = [...mine.map((m) => m.id), theirs.id].join(',');
    const res = await clients['rep@acme.example'].post(`/admin/api/resources/contacts/bulk/bulkEdit?recordIds=${recordIds}`, { field: 'status', value: 'engaged' });
    expect(res.status).toBe(200);
    const rows = await select<{ id: string; status: string }>(`SELECT id, status FROM contacts WHERE id IN (:ids)`, { ids: [...mine.map((m) => m.id), theirs.id] });
    const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    for (const m of mine) expect(status[m.id]).toBe('engaged');
    expect(status[theirs.id]).toBe(theirs.status);
    const [{ n }] = await select<{ n: string }>(`SELECT count(*) AS n FROM audit_logs WHERE resource_id IN (:ids) AND action = 'update' AND changes ? 'status'`, { ids: mine.map((m) => m.id) });
    expect(Number(n)).toBe(2);
  });

  test('an unknown enum value in a bulk edit changes nothing and says why', async () => {
    const rep = await userId('rep@acme.example');
    const mine = await one<{ id: string; status: string }>(`SELECT id, status FROM contacts WHERE owner_id = :rep LIMIT 1`, { rep });
    const res = await clients['rep@acme.example'].post(`/admin/api/resources/contacts/bulk/bulkEdit?recordIds=${mine.id}`, { field: 'status', value: 'sleeping' });
    expect(res.body.notice.type).toBe('error');
    expect((await one<{ status: string }>(`SELECT status FROM contacts WHERE id = :id`, { id: mine.id })).status).toBe(mine.status);
  });

  test("goes through the edit form's rules: a deal's won status is refused, its stage moves by the stage rules", async () => {
    const rep = await userId('rep@acme.example');
    const deal = await one<{ id: string; next_stage: string }>(
      `SELECT d.id, (SELECT s.id FROM pipeline_stages s WHERE s.pipeline_id = d.pipeline_id AND s.id <> d.stage_id AND NOT s.is_won AND NOT s.is_lost
                       AND jsonb_array_length(COALESCE(s.required_fields, '[]'::jsonb)) = 0 ORDER BY s.order_index LIMIT 1) AS next_stage
         FROM deals d WHERE d.owner_id = :rep AND d.status = 'open' AND d.pipeline_id IS NOT NULL ORDER BY d.created_at LIMIT 1`, { rep },
    );
    const moved = await clients['rep@acme.example'].post(`/admin/api/resources/deals/bulk/bulkEdit?recordIds=${deal.id}`, { field: 'stage_id', value: deal.next_stage });
    expect(moved.body.notice).toEqual({ message: 'Changed 1 record', type: 'success' });
    const history = await select<{ to_stage_id: string }>(
      `SELECT to_stage_id FROM deal_stage_history WHERE deal_id = :id ORDER BY created_at DESC LIMIT 1`, { id: deal.id },
    );
    expect(history).toEqual([{ to_stage_id: deal.next_stage }]);

    const won = await clients['rep@acme.example'].post(`/admin/api/resources/deals/bulk/bulkEdit?recordIds=${deal.id}`, { field: 'status', value: 'won' });
    expect(won.body.notice).toEqual({ message: expect.stringContaining('Use "Mark won" (it asks the reason)'), type: 'error' });
    expect((await one<{ status: string }>(`SELECT status FROM deals WHERE id = :id`, { id: deal.id })).status).toBe('open');
  });
});

describe('export', () => {
  test('exports the filtered list under the user scope, without secrets', async () => {
    const rep = await userId('rep@acme.example');
    const res = await clients['rep@acme.example'].get('/admin/export/contacts');
    expect(res.status).toBe(200);
    const rows = parse(String(res.body), { columns: true }) as Record<string, string>[];
    const [{ n }] = await select<{ n: string }>(`SELECT count(*) AS n FROM contacts WHERE owner_id = :rep`, { rep });
    expect(rows.length).toBe(Number(n));
    for (const row of rows) expect(row.owner_id).toBe(rep);
    const users = await clients['admin@acme.example'].get('/admin/export/users');
    expect(String(users.body).split('\n')[0]).not.toContain('password_hash');
    expect((await clients['rep@acme.example'].get('/admin/export/audit_logs')).status).toBe(403);
  });
});

describe('role policies', () => {
  test('an admin edits a role policy; a malformed one or an `all` grant is refused and nothing changes', async () => {
    const role = await one<{ id: string; permissions: unknown }>(`SELECT id, permissions FROM roles WHERE name = 'project_manager'`);
    const admin = clients['admin@acme.example'];
    const bad = await admin.edit('roles', role.id, { permissions: '{"resources": {"deals": {"list": "everything"}}}' });
    expect(bad.body.record.errors.permissions.message).toMatch(/Not a valid policy/);
    const all = await admin.edit('roles', role.id, { permissions: '{"resources": {"*": {"*": "all"}}}' });
    expect(all.body.record.errors.permissions.message).toMatch(/root admin/);
    expect((await one<{ permissions: unknown }>(`SELECT permissions FROM roles WHERE id = :id`, { id: role.id })).permissions).toEqual(role.permissions);
    const policy = { resources: { ...(role.permissions as { resources: object }).resources, pipelines: { list: 'workspace', show: 'workspace' } } };
    const ok = await admin.edit('roles', role.id, { permissions: JSON.stringify(policy) });
    expect(ok.body.record.errors).toEqual({});
    expect((await one<{ permissions: unknown }>(`SELECT permissions FROM roles WHERE id = :id`, { id: role.id })).permissions).toEqual(policy);
  });
});

describe('role assignments (user_roles, keyed by workspace, user and role)', () => {
  test('an admin lists, opens, grants and removes a role by its composite key; edit is not offered', async () => {
    const admin = clients['admin@acme.example'];
    const user = await userId('pm@acme.example');
    const role = (await one<{ id: string }>(`SELECT id FROM roles WHERE name = 'office_staff'`)).id;
    const workspace = (await one<{ id: string }>(`SELECT id FROM workspaces WHERE slug = 'acme'`)).id;

    const listed = await admin.list('user_roles', `filters.user_id=${user}`);
    expect(listed.status).toBe(200);
    expect(listed.body.records.length).toBeGreaterThan(0);
    for (const record of listed.body.records) {
      expect(record.id).toBe(`${record.params.workspace_id}.${record.params.user_id}.${record.params.role_id}`);
    }
    const shown = await admin.show('user_roles', listed.body.records[0].id);
    expect(shown.body.record.params.user_id).toBe(user);

    const granted = await admin.create('user_roles', { user_id: user, role_id: role });
    expect(granted.body.record.errors).toEqual({});
    const key = `${workspace}.${user}.${role}`;
    expect(granted.body.record.id).toBe(key);
    expect(await select(`SELECT 1 FROM user_roles WHERE user_id = :user AND role_id = :role`, { user, role })).toHaveLength(1);

    const edit = await admin.edit('user_roles', key, { role_id: role });
    expect(edit.status === 403 || edit.body.notice?.type === 'error' || edit.status >= 400).toBe(true);

    // A malformed or foreign key finds nothing.
    expectRefused(await admin.show('user_roles', `${workspace}.${user}`));
    expectRefused(await admin.show('user_roles', 'x.y.z'));

    const removed = await admin.remove('user_roles', key);
    expect(removed.status).toBe(200);
    expect(removed.body.notice.type).toBe('success');
    expect(await select(`SELECT 1 FROM user_roles WHERE user_id = :user AND role_id = :role`, { user, role })).toHaveLength(0);
    const audit = await one<{ metadata: { key: string } }>(
      `SELECT metadata FROM audit_logs WHERE resource_type = 'user_roles' AND action = 'delete' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(audit.metadata.key).toBe(key);

    // A rep may not grant roles at all.
    const rep = await clients['rep@acme.example'].create('user_roles', { user_id: user, role_id: role });
    expect(rep.status).toBe(403);
  });
});
