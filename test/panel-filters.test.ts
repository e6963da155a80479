/**
 * No filter, sort or form input on any resource answers a 500: every filterable property with
 * values a person might type (partial ids, words in number fields, LIKE's own characters,
 * impossible dates), every sortable list column in both directions, and an empty form on every
 * writable resource, as the root admin (who may use every action).
 */
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { buildAdmin } from '../src/admin/index.js';
import { PanelClient, startPanel, type Panel } from './helpers/panel-client.js';

let panel: Panel;
let root: PanelClient;
const { admin } = buildAdmin();
const resources = admin.resources.map((r) => ({
  id: r.id(),
  filters: r.decorate().getProperties({ where: 'filter' }).map((p) => ({ path: p.propertyPath, type: p.type() })),
  sortable: r.decorate().getListProperties().filter((p) => p.isSortable()).map((p) => p.propertyPath),
}));
const BAD_VALUES = ['abc', '12', '%_\\', '3f2a', '2026-13-45', "'; DROP TABLE users; --"];

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  panel = await startPanel();
  root = new PanelClient(panel.url);
  if (!(await root.login('root@demo.example')).ok) throw new Error('root login failed');
});

afterAll(async () => {
  await panel.close();
  await sequelize.close();
});

test.each(resources.map((r) => [r.id, r] as const))('%s: filters and sorts never answer 500', async (_id, resource) => {
  for (const { path } of resource.filters) {
    for (const value of BAD_VALUES) {
      const res = await root.list(resource.id, `filters.${path}=${encodeURIComponent(value)}`);
      expect({ path, value, status: res.status }).toEqual({ path, value, status: 200 });
    }
    const range = await root.list(resource.id, `filters.${path}~~from=nonsense&filters.${path}~~to=2026-01-01`);
    expect({ path, status: range.status }).toEqual({ path, status: 200 });
  }
  for (const sortBy of resource.sortable) {
    for (const direction of ['asc', 'desc']) {
      const res = await root.list(resource.id, `sortBy=${sortBy}&direction=${direction}`);
      expect({ sortBy, status: res.status }).toEqual({ sortBy, status: 200 });
    }
  }
  const search = await root.get(`/admin/api/resources/${resource.id}/search/${encodeURIComponent('%a_')}`);
  expect(search.status).toBe(200);
});

test.each(resources.map((r) => [r.id] as const))('%s: an empty or nonsense form is refused with a message, not a 500', async (id) => {
  const empty = await root.create(id, {});
  expect(empty.status).toBeLessThan(500);
  const nonsense = await root.create(id, { id: 'x', workspace_id: 'x', created_at: 'yesterday' });
  expect(nonsense.status).toBeLessThan(500);
});
