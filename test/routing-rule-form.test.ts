/**
 * A lead routing rule is checked when it is saved, by the model, whatever path writes it: a bad
 * field, operator, key or task template is refused next to its field with its path, and nothing
 * is written; the demo's own rules pass the same check.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { routingConditionProblems, routingTaskProblems } from '../src/domain/leads/routing-rule-check.js';
import { Lead } from '../src/models/index.js';
import { PanelClient, startPanel, type Panel } from './helpers/panel-client.js';

let panel: Panel;
let admin: PanelClient;
const count = async (name: string) => (await sequelize.query<{ n: number }>(
  `SELECT count(*)::int AS n FROM lead_routing_rules WHERE name = :name`, { type: QueryTypes.SELECT, replacements: { name } },
))[0]!.n;

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  panel = await startPanel();
  admin = new PanelClient(panel.url);
  if (!(await admin.login('admin@acme.example')).ok) throw new Error('demo login failed');
});

afterAll(async () => {
  await panel?.close();
  await sequelize.close();
});

const rule = (name: string, conditions: unknown, tasks: unknown = []) => admin.create('lead_routing_rules', {
  name, priority: '5', conditions: JSON.stringify(conditions), auto_create_tasks: JSON.stringify(tasks),
});

test('a rule with a good condition tree and task list saves', async () => {
  const res = await rule('Enterprise inbound', { all: [{ field: 'service_type', op: 'in', value: ['remodel', 'new build'] }, { field: 'email_domain', op: 'neq', value: 'gmail.com' }] },
    [{ title: 'Call within the hour', priority: 'urgent', due_in_hours: 1 }]);
  expect(res.body.record.errors ?? {}).toEqual({});
  expect(await count('Enterprise inbound')).toBe(1);
});

test.each([
  ['an unknown column', { field: 'budgett', op: 'eq', value: 1 }, 'conditions: leads have no column "budgett"'],
  ['an unknown operator', { any: [{ field: 'source', op: 'bigger', value: 'x' }] }, 'conditions.any[0]: unknown operator "bigger"'],
  ['a list operator without a list', { not: { field: 'source', op: 'in', value: 'web' } }, 'conditions.not: in needs a list as its value'],
  ['an unknown key', { field: 'source', value: 'web', weight: 3 }, 'conditions: unknown key "weight"'],
  ['an empty group', { all: [] }, 'conditions: all needs a non-empty list of conditions'],
])('a rule with %s is refused with its path, nothing written', async (_what, conditions, message) => {
  const name = `Bad rule ${message.slice(0, 40)}`;
  const res = await rule(name, conditions);
  expect(res.body.record.errors.conditions.message).toContain(message);
  expect(await count(name)).toBe(0);
});

test('a bad task template is refused next to auto_create_tasks', async () => {
  const res = await rule('Bad tasks', {}, [{ title: '' }, { title: 'ok', priority: 'whenever' }]);
  const message: string = res.body.record.errors.auto_create_tasks.message;
  expect(message).toContain('auto_create_tasks[0].title');
  expect(message).toContain('auto_create_tasks[1].priority');
  expect(await count('Bad tasks')).toBe(0);
});

test("the demo's rules pass the check", async () => {
  const rules = await sequelize.query<{ conditions: unknown; auto_create_tasks: unknown }>(
    'SELECT conditions, auto_create_tasks FROM lead_routing_rules', { type: QueryTypes.SELECT },
  );
  expect(rules.length).toBeGreaterThan(0);
  const columns = Object.keys(Lead.getAttributes());
  for (const r of rules) expect([...routingConditionProblems(r.conditions, columns), ...routingTaskProblems(r.auto_create_tasks)]).toEqual([]);
});
