/**
 * The models work as the panel and the jobs will use them: creating rows through the ORM relies
 * on the mirrored defaults, associations load, and derived values read true.
 */
import { sequelize } from '../src/db.js';
import { Contact, Deal, Pipeline, PipelineStage, User, Workspace } from '../src/models/index.js';
import { daysInPipeline } from '../src/models/deal.model.js';

afterAll(() => sequelize.close());

test('rows created through the models get the database defaults and load their associations', async () => {
  const workspace = await Workspace.create({ name: 'Model Co', slug: `model-co-${Date.now()}` });
  const owner = await User.create({
    workspace_id: workspace.id, email: `owner-${Date.now()}@example.test`, password_hash: 'x', first_name: 'Ada', last_name: 'Lovelace Byron',
  });
  expect(owner.full_name).toBe('Ada Lovelace Byron');
  expect(owner.timezone).toBe('UTC');
  expect(owner.failed_login_count).toBe(0);

  const contact = await Contact.create({ workspace_id: workspace.id, email: `c-${Date.now()}@example.test`, owner_id: owner.id });
  expect(contact.status).toBe('new');
  const shouted = await Contact.create({ workspace_id: workspace.id, email: `  Shout-${Date.now()}@Example.TEST ` });
  expect(shouted.email).toMatch(/^shout-\d+@example\.test$/); // the column's lower-case CHECK holds
  expect(contact.tags).toEqual([]);

  const pipeline = await Pipeline.create({ workspace_id: workspace.id, name: 'Sales' });
  const stage = await PipelineStage.create({ workspace_id: workspace.id, pipeline_id: pipeline.id, name: 'Proposal', order_index: 1, probability: '60' });
  const deal = await Deal.create({
    workspace_id: workspace.id, title: 'Big one', pipeline_id: pipeline.id, stage_id: stage.id, value: '1000.00', probability: '60', owner_id: owner.id, contact_id: contact.id,
  });
  await deal.reload();
  expect(deal.weighted_value).toBe('600.00');
  expect(deal.currency).toBe('USD');
  expect(deal.status).toBe('open');

  const loaded = await Deal.findByPk(deal.id, { include: ['owner', 'contact', 'stage', 'pipeline'] });
  expect(loaded!.get('owner')).toMatchObject({ email: owner.email });
  expect(loaded!.get('stage')).toMatchObject({ name: 'Proposal' });
  const withDeals = await User.findByPk(owner.id, { include: ['ownedDeals'] });
  expect((withDeals!.get('ownedDeals') as Deal[]).map((d) => d.id)).toEqual([deal.id]);
});

test('days in pipeline are computed on read, to the close date or today', () => {
  const created = new Date('2026-01-01T15:00:00Z');
  expect(daysInPipeline(created, '2026-01-31', 0)).toBe(30);
  expect(daysInPipeline(created, null, 0, new Date('2026-01-11T01:00:00Z'))).toBe(10);
  expect(daysInPipeline(created, '2025-12-01', 0)).toBe(0); // imported, closed before it was created here
  expect(daysInPipeline(undefined, null, 7)).toBe(7);
});

test('a stored deal reports the same days as the database trigger', async () => {
  const [[row]] = (await sequelize.query(
    `SELECT d.id, d.days_in_pipeline FROM deals d LIMIT 1`,
  )) as [[{ id: string; days_in_pipeline: number }], unknown];
  await sequelize.query(`UPDATE deals SET created_at = now() - interval '12 days' WHERE id = :id`, { replacements: { id: row.id } });
  const deal = await Deal.findByPk(row.id);
  const [[db]] = (await sequelize.query(`SELECT days_in_pipeline FROM deals WHERE id = :id`, { replacements: { id: row.id } })) as [[{ days_in_pipeline: number }], unknown];
  expect(db.days_in_pipeline).toBe(12);
  expect(deal!.days_in_pipeline).toBe(12);
});
