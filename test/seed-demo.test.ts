/**
 * The demo data (`npm run seed`, first `npm start`): every documented login works with its role in
 * its workspace, every screen has rows, deals sit in every stage, child rows share their parent's
 * workspace, a second run changes nothing and production is refused. Runs against the run's
 * migrated database (global-setup.ts), through the app's own `sequelize`.
 */
import bcrypt from 'bcryptjs';
import { QueryTypes } from 'sequelize';
import { config } from '../src/config.js';
import { sequelize } from '../src/db.js';
import { ALREADY_PRESENT, isDatabaseEmpty, seedDemoData } from '../src/demo/seed-demo.js';
import { parseWorkflowDefinition } from '../src/domain/workflows/schema.js';

const LOGINS: [email: string, role: string, workspace: string][] = [
  ['root@demo.example', 'root_admin', 'acme'],
  ['root@demo.example', 'root_admin', 'globex'],
  ['admin@acme.example', 'admin', 'acme'],
  ['manager@acme.example', 'manager', 'acme'],
  ['rep@acme.example', 'sales_rep', 'acme'],
  ['rep2@acme.example', 'sales_rep', 'acme'],
  ['recruiter@acme.example', 'recruiter', 'acme'],
  ['staff@acme.example', 'staff', 'acme'],
  ['office@acme.example', 'office_staff', 'acme'],
  ['pm@acme.example', 'project_manager', 'acme'],
  ['candidate@acme.example', 'candidate', 'acme'],
  ['admin@globex.example', 'admin', 'globex'],
  ['rep@globex.example', 'sales_rep', 'globex'],
];
// Roles that have no panel access may have no demo user; the metric tables are filled by the
// ETL; sessions and reset tokens appear only when people use the panel. Imports appear when people import. (This file runs first,
// test/sequencer.js, so the panel tests sharing the run's database have not created any yet.)
const ROLES_WITHOUT_USERS = ['field_supervisor', 'client_portal', 'accounting'];
const EMPTY_TABLES = [
  'activity_metrics', 'call_metrics', 'contact_metrics', 'document_metrics', 'email_metrics', 'pipeline_metrics', 'revenue_metrics',
  'sessions', 'password_reset_tokens', 'data_imports',
];

const select = <T extends object>(sql: string, bind: unknown[] = []) => sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT });

async function tables(): Promise<string[]> {
  const rows = await select<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tables()) {
    const [row] = await select<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    counts[table] = Number(row!.n);
  }
  return counts;
}

let summary: string;
beforeAll(async () => {
  summary = await seedDemoData();
}, 60_000);
afterAll(() => sequelize.close());

test('loads the demo and returns a one-line summary', async () => {
  expect(summary).toMatch(/^2 workspaces, \d+ users, \d+ accounts, \d+ contacts, .* \(\d+ rows in \d+ tables\)$/);
  expect(await isDatabaseEmpty()).toBe(false);
  const workspaces = await select<{ slug: string }>(`SELECT slug FROM workspaces WHERE slug IN ('acme', 'globex') ORDER BY slug`);
  expect(workspaces.map((w) => w.slug)).toEqual(['acme', 'globex']);
});

test.each(LOGINS)('%s is an active %s in %s and accepts the demo password', async (email, role, workspace) => {
  const rows = await select<{ is_active: boolean; deleted_at: Date | null; password_hash: string; roles: string[] }>(
    `SELECT u.is_active, u.deleted_at, u.password_hash,
            array(SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id JOIN workspaces w ON w.id = ur.workspace_id
                   WHERE ur.user_id = u.id AND w.slug = $2) AS roles
       FROM users u WHERE u.email = $1`,
    [email, workspace],
  );
  expect(rows).toHaveLength(1);
  const user = rows[0]!;
  expect(user).toMatchObject({ is_active: true, deleted_at: null });
  expect(user.roles).toEqual([role]);
  expect(await bcrypt.compare(config.demoPassword, user.password_hash)).toBe(true);
});

test('the root admin lives in acme; rep and rep2 share one team and each own leads, contacts and deals', async () => {
  const [root] = await select<{ slug: string }>(
    `SELECT w.slug FROM users u JOIN workspaces w ON w.id = u.workspace_id WHERE u.email = 'root@demo.example'`);
  expect(root!.slug).toBe('acme');
  const reps = await select<{ email: string; team_id: string | null; leads: string; contacts: string; deals: string }>(
    `SELECT u.email, u.team_id,
            (SELECT count(*) FROM leads WHERE owner_id = u.id) AS leads,
            (SELECT count(*) FROM contacts WHERE owner_id = u.id) AS contacts,
            (SELECT count(*) FROM deals WHERE owner_id = u.id) AS deals
       FROM users u WHERE u.email IN ('rep@acme.example', 'rep2@acme.example', 'rep@globex.example') ORDER BY u.email`,
  );
  expect(reps).toHaveLength(3);
  expect(reps[0]!.team_id).not.toBeNull();
  expect(reps[0]!.team_id).toBe(reps[1]!.team_id);
  for (const rep of reps) for (const n of [rep.leads, rep.contacts, rep.deals]) expect(Number(n)).toBeGreaterThan(0);
});

test('every role with panel access has a user', async () => {
  const missing = await select<{ name: string }>(
    `SELECT r.name FROM roles r WHERE NOT EXISTS (SELECT 1 FROM user_roles ur WHERE ur.role_id = r.id) ORDER BY r.name`,
  );
  expect(missing.map((r) => r.name).filter((name) => !ROLES_WITHOUT_USERS.includes(name))).toEqual([]);
});

test('every table behind a screen has rows in acme', async () => {
  const empty: string[] = [];
  for (const table of await tables()) {
    if (EMPTY_TABLES.includes(table)) continue;
    const [hasWorkspace] = await select<{ n: string }>(
      `SELECT count(*) AS n FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = $1 AND column_name = 'workspace_id'`, [table]);
    const where = Number(hasWorkspace!.n) ? `WHERE workspace_id = (SELECT id FROM workspaces WHERE slug = 'acme')` : '';
    const [row] = await select<{ n: string }>(`SELECT count(*) AS n FROM "${table}" ${where}`);
    if (Number(row!.n) === 0) empty.push(table);
  }
  expect(empty).toEqual([]);
});

test('deals sit in every stage of every acme pipeline, consistent with their stage and history', async () => {
  const stages = await select<{ pipeline: string; stage: string; deals: string }>(
    `SELECT p.name AS pipeline, s.name AS stage, count(d.id) AS deals
       FROM pipelines p JOIN workspaces w ON w.id = p.workspace_id AND w.slug = 'acme'
       JOIN pipeline_stages s ON s.pipeline_id = p.id LEFT JOIN deals d ON d.stage_id = s.id
      GROUP BY p.name, s.name, s.order_index ORDER BY p.name, s.order_index`,
  );
  expect(new Set(stages.map((s) => s.pipeline)).size).toBeGreaterThanOrEqual(2);
  expect(stages.filter((s) => Number(s.deals) === 0)).toEqual([]);
  const [bad] = await select<{ won: string; lost: string; history: string }>(
    `SELECT count(*) FILTER (WHERE s.is_won AND (d.status <> 'won' OR d.actual_close_date IS NULL)) AS won,
            count(*) FILTER (WHERE s.is_lost AND d.status NOT IN ('lost', 'abandoned')) AS lost,
            count(*) FILTER (WHERE (SELECT h.to_stage_id FROM deal_stage_history h WHERE h.deal_id = d.id ORDER BY h.moved_at DESC LIMIT 1)
                                   IS DISTINCT FROM d.stage_id) AS history
       FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id`,
  );
  expect(bad).toEqual({ won: '0', lost: '0', history: '0' });
});

test('every activities.type value occurs, and calls carry a result', async () => {
  const [types] = await select<{ labels: string[] }>(
    `SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
      WHERE t.typname = (SELECT udt_name FROM information_schema.columns WHERE table_name = 'activities' AND column_name = 'type')`,
  );
  const used = await select<{ type: string }>('SELECT DISTINCT type::text AS type FROM activities');
  expect(used.map((u) => u.type).sort()).toEqual([...types!.labels].sort());
  const [calls] = await select<{ n: string }>(
    `SELECT count(*) AS n FROM activities WHERE type = 'call' AND status = 'completed' AND call_result IS NOT NULL`);
  expect(Number(calls!.n)).toBeGreaterThan(0);
});

test('child rows belong to the workspace of what they point at; users they name hold a role there', async () => {
  const links = await select<{ tbl: string; col: string; ref: string; refcol: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col, c.confrelid::regclass::text AS ref, af.attname AS refcol
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.connamespace = 'public'::regnamespace
        AND EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.conrelid AND x.attname = 'workspace_id' AND NOT x.attisdropped)
        AND a.attname <> 'workspace_id'`,
  );
  expect(links.length).toBeGreaterThan(50);
  const wrong: string[] = [];
  for (const { tbl, col, ref, refcol } of links) {
    const sql = ref === 'users'
      ? `SELECT count(*) AS n FROM ${tbl} t WHERE t.${col} IS NOT NULL AND t.workspace_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = t.${col} AND ur.workspace_id = t.workspace_id)`
      : `SELECT count(*) AS n FROM ${tbl} t JOIN ${ref} r ON r.${refcol} = t.${col} WHERE r.workspace_id <> t.workspace_id`;
    const hasWorkspace = ref === 'users'
      || (await select(`SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = 'workspace_id'`, [ref])).length;
    if (!hasWorkspace) continue;
    const [row] = await select<{ n: string }>(sql);
    if (Number(row!.n)) wrong.push(`${tbl}.${col} -> ${ref}: ${row!.n}`);
  }
  expect(wrong).toEqual([]);
});

test('events never precede their e-mail, and nothing that happened is dated in the future', async () => {
  const [row] = await select<{ early: string; unsent: string; future: string }>(
    `SELECT (SELECT count(*) FROM email_events ev JOIN emails e ON e.id = ev.email_id WHERE ev.created_at < e.sent_at) AS early,
            (SELECT count(*) FROM email_events ev JOIN emails e ON e.id = ev.email_id WHERE e.sent_at IS NULL) AS unsent,
            (SELECT count(*) FROM emails WHERE sent_at > now()) + (SELECT count(*) FROM activities WHERE occurred_at > now())
              + (SELECT count(*) FROM deal_stage_history WHERE moved_at > now())
              + (SELECT count(*) FROM application_timeline WHERE created_at > now()) AS future`,
  );
  expect(row).toEqual({ early: '0', unsent: '0', future: '0' });
  const [enrollments] = await select<{ n: string }>(
    `SELECT count(*) AS n FROM sequence_enrollments en JOIN sequences s ON s.id = en.sequence_id WHERE en.current_step > s.steps_count`);
  expect(Number(enrollments!.n)).toBe(0);
});

test('every demo workflow is one the engine accepts; demo history leaves nothing for the worker to run', async () => {
  const workflows = await sequelize.query<{ name: string; trigger_type: string; trigger_conditions: unknown; actions: unknown }>(
    `SELECT name, trigger_type, trigger_conditions, actions FROM workflows`, { type: QueryTypes.SELECT },
  );
  expect(workflows.length).toBeGreaterThan(0);
  const refused = workflows.flatMap((w) => {
    try {
      parseWorkflowDefinition(w);
      return [];
    } catch (err) {
      return [`${w.name}: ${(err as Error).message}`];
    }
  });
  expect(refused).toEqual([]);
  const [pending] = await sequelize.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM domain_events WHERE relayed_at IS NULL OR handled_at IS NULL`, { type: QueryTypes.SELECT },
  );
  expect(pending!.n).toBe(0);
});

test('a second run changes nothing', async () => {
  const before = await rowCounts();
  expect(await seedDemoData()).toBe(ALREADY_PRESENT);
  expect(await rowCounts()).toEqual(before);
});

test('refuses in production, before touching anything', async () => {
  const before = await rowCounts();
  await expect(seedDemoData({ production: true })).rejects.toThrow(/production/);
  expect(await rowCounts()).toEqual(before);
});
