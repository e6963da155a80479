/**
 * Workflows end to end: 10,000 deals (BENCH_EVENTS) inserted in one statement write 10,000
 * `deal_created` events to the outbox (trigger, same transaction); one real worker process
 * (`src/worker.ts`) relays them to the `domain-event` queue and runs the workflow engine with 20
 * active workflows on that trigger (half match each deal and create a task or add a tag). Prints
 *   workflows events_per_s=<x> events=<n> workflows=20 executions=<m>
 * where events_per_s = events / (time from insert to the last event handled). It fails instead of
 * printing when the runs are not exactly one completed execution per matching workflow and deal.
 * `npm run bench:workflows`.
 */
import { scratchRun } from './scratch.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const WORKFLOWS = 20;

export async function run(): Promise<void> {
  const { db, startWorker, cleanUp } = await scratchRun('workflows');
  try {
    // 20 workflows on deal_created: even ones match deals worth over 10k and create a task for
    // the owner, odd ones match every deal and add a tag.
    await db.query(`
      INSERT INTO workspaces (name, slug) VALUES ('Bench', 'bench');
      INSERT INTO users (workspace_id, email, password_hash, first_name) SELECT id, 'owner@bench.test', 'x', 'Owner' FROM workspaces;
      INSERT INTO workflows (workspace_id, name, status, trigger_type, trigger_conditions, actions, execution_order)
      SELECT w.id, 'Workflow ' || g, 'active', 'deal_created',
             CASE WHEN g % 2 = 0 THEN '{"all": [{"field": "value", "op": "gt", "value": 10000}]}'::jsonb ELSE '{}'::jsonb END,
             CASE WHEN g % 2 = 0
                  THEN '[{"type": "create_task", "title": "Follow up on the new deal", "due_in_days": 2}]'::jsonb
                  ELSE jsonb_build_array(jsonb_build_object('type', 'add_tag', 'tag', 'wf' || g)) END,
             g
        FROM workspaces w, generate_series(1, ${WORKFLOWS}) g;
    `);
    startWorker();
    await new Promise((r) => setTimeout(r, 8000)); // the worker starts and registers its schedules
    const started = Date.now();
    await db.query(`
      INSERT INTO deals (workspace_id, title, value, owner_id)
      SELECT w.id, 'Deal ' || g, (g % 20) * 1000, u.id FROM workspaces w, users u, generate_series(1, ${EVENTS}) g`);
    const deadline = Date.now() + 15 * 60_000;
    for (;;) {
      const [[row]] = await db.query(`SELECT count(*) FILTER (WHERE handled_at IS NOT NULL)::int AS handled, count(*)::int AS total
                                        FROM domain_events`) as [[{ handled: number; total: number }], unknown];
      if (row.total >= EVENTS && row.handled === row.total) break;
      if (Date.now() > deadline) throw new Error(`only ${row.handled} of ${row.total} events handled after 15 minutes`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (Date.now() - started) / 1000;
    const [[runs]] = await db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'completed')::int AS completed
                                       FROM workflow_executions`) as [[{ n: number; completed: number }], unknown];
    // A fast run that skipped work is no result: every matching workflow ran once and completed
    // (odd ones for every deal, even ones for the deals worth over 10k, i.e. value 11k … 19k).
    const [[expected]] = await db.query(`SELECT sum(CASE WHEN value > 10000 THEN ${WORKFLOWS} ELSE ${WORKFLOWS / 2} END)::int AS n FROM deals`) as [[{ n: number }], unknown];
    if (runs.n !== expected.n || runs.completed !== runs.n) {
      throw new Error(`expected ${expected.n} completed executions, found ${runs.n} (${runs.completed} completed)`);
    }
    console.log(`workflows events_per_s=${(EVENTS / seconds).toFixed(0)} events=${EVENTS} workflows=${WORKFLOWS} executions=${runs.n}`);
  } finally {
    await cleanUp();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
}
