/**
 * Domain events carry the person who caused them, whichever panel path wrote the change: a
 * plain edit (ScopedResource) and a custom action's own transaction (the deal stage move that a
 * deal edit hands to moveDealStage) both open it with withActorTransaction.
 */
import { randomUUID } from 'node:crypto';
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { PanelClient, startPanel, type Panel } from './helpers/panel-client.js';
import { select } from './helpers/sql.js';

let panel: Panel;
let rep: PanelClient;

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  panel = await startPanel();
  rep = new PanelClient(panel.url);
  if (!(await rep.login('rep@acme.example')).ok) throw new Error('demo login failed');
});

afterAll(async () => {
  await panel?.close();
  await sequelize.close();
});

test("moving a deal's stage in its edit form stamps the rep on deal_stage_changed", async () => {
  const [deal] = await select<{ id: string; rep: string; next_stage: string; pipeline_id: string; title: string }>(
    `SELECT d.id, d.owner_id AS rep, d.pipeline_id, d.title,
            (SELECT s2.id FROM pipeline_stages s2 WHERE s2.pipeline_id = d.pipeline_id AND s2.id <> d.stage_id
                AND NOT s2.is_won AND NOT s2.is_lost AND jsonb_array_length(COALESCE(s2.required_fields, '[]'::jsonb)) = 0
              ORDER BY s2.order_index LIMIT 1) AS next_stage
       FROM deals d JOIN users u ON u.id = d.owner_id
      WHERE u.email = 'rep@acme.example' AND d.status = 'open' AND d.pipeline_id IS NOT NULL
      ORDER BY d.created_at LIMIT 1`,
  );
  expect(deal?.next_stage).toBeTruthy();
  const title = `Actor ${randomUUID().slice(0, 8)}`;
  const res = await rep.edit('deals', deal!.id, { title, stage_id: deal!.next_stage, pipeline_id: deal!.pipeline_id });
  expect(res.status).toBe(200);
  expect(res.body.record.errors ?? {}).toEqual({});

  const events = await select<{ event_type: string; actor_id: string | null }>(
    `SELECT event_type, actor_id FROM domain_events WHERE record_id = :id AND event_type = 'deal_stage_changed' ORDER BY id DESC LIMIT 1`,
    { id: deal!.id },
  );
  expect(events).toEqual([{ event_type: 'deal_stage_changed', actor_id: deal!.rep }]);
});
