/**
 * The metric ETL, measured (`npm run bench:etl`): a scratch database (created, migrated and
 * dropped here) gets, set-based, 1,000,000 emails with 3,000,000 events, 1,000,000 activities
 * (a quarter of them calls), 200,000 deals with a stage move each, contacts and documents, spread
 * over the last 365 days of one workspace. Then per metric table:
 *   etl <table> full_ms=<x> floor_ms=<y> hourly_ms=<z>
 * full = a full recompute (INSERT ... SELECT ... ON CONFLICT + pruning), floor = the bare
 * SELECT ... GROUP BY of the same computation, hourly = an incremental run whose watermark is one
 * hour old (detecting the touched periods included: for email and call, the current day).
 * Sizes: BENCH_EMAILS, BENCH_ACTIVITIES, BENCH_DEALS.
 */
import { scratchRun } from './scratch.js';

const EMAILS = Number(process.env.BENCH_EMAILS ?? 1_000_000);
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 1_000_000);
const DEALS = Number(process.env.BENCH_DEALS ?? 200_000);

export async function run(): Promise<void> {
  const { db, cleanUp } = await scratchRun('etl');
  const { METRICS, METRIC_NAMES, runMetricEtl, resolveScope, SCOPE } = await import('../src/domain/metrics/run-metric-etl.js');
  try {
    const t0 = performance.now();
    // Times: spread over the last 365 days, so "today" holds ~1/365 of everything.
    await db.query(`
      INSERT INTO workspaces (name, slug) VALUES ('Bench', 'bench');
      INSERT INTO teams (workspace_id, name) SELECT id, 'Team ' || g FROM workspaces, generate_series(1, 5) g;
      INSERT INTO users (workspace_id, email, password_hash, first_name, team_id)
        SELECT w.id, 'rep' || g || '@bench.test', 'x', 'Rep', (SELECT id FROM teams ORDER BY name OFFSET g % 5 LIMIT 1)
          FROM workspaces w, generate_series(1, 50) g;
      CREATE TEMP TABLE reps AS SELECT id, row_number() OVER (ORDER BY email) - 1 AS k FROM users;
      INSERT INTO pipelines (workspace_id, name) SELECT id, 'Sales' FROM workspaces;
      INSERT INTO pipeline_stages (workspace_id, pipeline_id, name, order_index, probability, is_closed, is_won, is_lost)
        SELECT p.workspace_id, p.id, s.name, s.o, s.prob, s.o >= 3, s.o = 3, s.o = 4
          FROM pipelines p, (VALUES ('Qualify', 0, 10), ('Propose', 1, 40), ('Negotiate', 2, 70), ('Won', 3, 100), ('Lost', 4, 0)) s (name, o, prob);
      CREATE TEMP TABLE st AS SELECT id, pipeline_id, order_index FROM pipeline_stages;
      ANALYZE;
    `);
    await db.query(`
      INSERT INTO emails (workspace_id, owner_id, to_email, status, sent_at, bounced_at)
      SELECT w.id, r.id, 'to' || g || '@bench.example', 'sent',
             now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second',
             CASE WHEN g % 20 = 0 THEN now() - (g % 365) * interval '1 day' END
        FROM workspaces w, generate_series(1, ${EMAILS}) g JOIN reps r ON r.k = g % 50`);
    await db.query(`
      INSERT INTO email_events (workspace_id, email_id, event_type, link_url, created_at)
      SELECT e.workspace_id, e.id, ev.t, CASE WHEN ev.t = 'clicked' THEN 'https://bench.example/x' END,
             least(now(), e.sent_at + k * interval '20 minutes')
        FROM (SELECT *, row_number() OVER () n FROM emails) e, generate_series(1, 3) k,
             LATERAL (SELECT (CASE (e.n * k) % 5 WHEN 0 THEN 'clicked' WHEN 1 THEN 'delivered' WHEN 2 THEN 'unsubscribed' ELSE 'opened' END)::enum_email_events_event_type AS t) ev`);
    await db.query(`
      INSERT INTO activities (workspace_id, owner_id, type, status, occurred_at, due_at, completed_at, duration_minutes, call_result, is_recorded, created_at)
      SELECT w.id, r.id, t.type, (ARRAY['completed', 'pending', 'overdue', 'cancelled']::enum_activities_status[])[1 + g % 4],
             now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second',
             CASE WHEN t.type = 'task' THEN now() - (g % 365) * interval '1 day' END,
             CASE WHEN g % 4 = 0 THEN now() - (g % 365) * interval '1 day' END, g % 45,
             CASE WHEN t.type = 'call' THEN (ARRAY['answered', 'missed', 'voicemail']::enum_activities_call_result[])[1 + g % 3] END,
             t.type = 'call' AND g % 3 = 0, now() - (g % 365) * interval '1 day' - interval '2 days'
        FROM workspaces w, generate_series(1, ${ACTIVITIES}) g JOIN reps r ON r.k = g % 50,
             LATERAL (SELECT (ARRAY['call', 'meeting', 'task', 'email']::enum_activities_type[])[1 + g % 4] AS type) t`);
    await db.query(`
      INSERT INTO contacts (workspace_id, email, status, source, lead_score, owner_id, created_at)
      SELECT w.id, 'c' || g || '@bench.example', (ARRAY['new', 'contacted', 'qualified', 'customer']::enum_contacts_status[])[1 + g % 4],
             (ARRAY['website', 'referral', 'linkedin']::enum_contacts_source[])[1 + g % 3], g % 101, r.id,
             now() - (g % 365) * interval '1 day'
        FROM workspaces w, generate_series(1, ${DEALS / 2}) g JOIN reps r ON r.k = g % 50;
      CREATE TEMP TABLE cn AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM contacts;
      INSERT INTO deals (workspace_id, title, value, probability, pipeline_id, stage_id, status, owner_id, contact_id,
                         created_at, actual_close_date, expected_close_date)
      SELECT w.id, 'Deal ' || g, 1000 + g % 9000, s.order_index * 25, s.pipeline_id, s.id,
             (CASE s.order_index WHEN 3 THEN 'won' WHEN 4 THEN 'lost' ELSE 'open' END)::enum_deals_status, r.id,
             cn.id,
             now() - (g % 365) * interval '1 day',
             CASE WHEN s.order_index >= 3 THEN (now() - (g % 365) * interval '1 day')::date + 20 END,
             (now() - (g % 365) * interval '1 day')::date + 45
        FROM workspaces w, generate_series(1, ${DEALS}) g JOIN reps r ON r.k = g % 50 JOIN st s ON s.order_index = g % 5
        JOIN cn ON cn.k = g % 1000;
      INSERT INTO deal_stage_history (workspace_id, deal_id, from_stage_id, to_stage_id, moved_at)
      SELECT d.workspace_id, d.id, f.id, d.stage_id, d.created_at + interval '3 days'
        FROM deals d JOIN st t ON t.id = d.stage_id JOIN st f ON f.order_index = (t.order_index + 1) % 5;
      INSERT INTO documents (workspace_id, name, type, status, owner_id, sent_at, view_count, created_at)
      SELECT w.id, 'Doc ' || g, 'contract', (ARRAY['draft', 'sent', 'viewed', 'signed']::enum_documents_status[])[1 + g % 4], r.id,
             CASE WHEN g % 4 > 0 THEN now() - (g % 365) * interval '1 day' END, g % 5, now() - (g % 365) * interval '1 day'
        FROM workspaces w, generate_series(1, ${DEALS / 4}) g JOIN reps r ON r.k = g % 50;
    `);
    // Generated rows were all written just now; age updated_at to their own time so that "changed
    // in the last hour" is what a live system would see (today's rows only).
    await db.query(`
      ALTER TABLE activities DISABLE TRIGGER USER; ALTER TABLE contacts DISABLE TRIGGER USER;
      ALTER TABLE deals DISABLE TRIGGER USER; ALTER TABLE documents DISABLE TRIGGER USER;
      ALTER TABLE deal_stage_history DISABLE TRIGGER USER;
      UPDATE activities SET updated_at = least(occurred_at, created_at + interval '2 days');
      UPDATE contacts SET updated_at = created_at;
      UPDATE deals SET updated_at = created_at;
      UPDATE documents SET updated_at = created_at;
      UPDATE deal_stage_history SET updated_at = least(now(), moved_at);
      ALTER TABLE activities ENABLE TRIGGER USER; ALTER TABLE contacts ENABLE TRIGGER USER;
      ALTER TABLE deals ENABLE TRIGGER USER; ALTER TABLE documents ENABLE TRIGGER USER;
      ALTER TABLE deal_stage_history ENABLE TRIGGER USER;`);
    await db.query('VACUUM ANALYZE');
    console.log(`# generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    for (const metric of METRIC_NAMES) {
      const etl = METRICS[metric];
      await runMetricEtl(metric, { full: true }, db); // warm the cache (and the table) once
      let started = performance.now();
      await runMetricEtl(metric, { full: true }, db);
      const fullMs = performance.now() - started;
      const full = { from: '1900-01-01', to: '2200-01-01', workspaceId: null, since: null };
      started = performance.now();
      const replacements = { ...full, ...(await resolveScope(db, etl, 'full', full)) };
      for (const sql of etl.floors(SCOPE)) await db.query(sql, { replacements });
      const floorMs = performance.now() - started;
      // The last run started an hour ago: an incremental run re-computes what changed since.
      await db.query(`UPDATE system_settings SET value = jsonb_set(value, '{startedAt}', to_jsonb((now() - interval '1 hour')::text)) WHERE key = :key`,
        { replacements: { key: `metrics_etl.${metric}` } });
      started = performance.now();
      await runMetricEtl(metric, {}, db);
      const hourlyMs = performance.now() - started;
      console.log(`etl ${etl.table} full_ms=${fullMs.toFixed(0)} floor_ms=${floorMs.toFixed(0)} hourly_ms=${hourlyMs.toFixed(0)}`);
    }
  } finally {
    await cleanUp();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
}
