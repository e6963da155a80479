/**
 * Panel list latency on a million contacts: a scratch database with the demo data plus
 * 1,000,000 generated contacts (one set-based INSERT ... SELECT FROM generate_series), the app
 * in-process on an ephemeral port, and the AdminJS list API driven over HTTP with 1 and 4
 * concurrent clients. Prints `panel <case> clients=<n> p50_ms=<x> p95_ms=<y>` per case;
 * `npm run bench:panel` or `npm run bench -- panel`.
 *
 * src/config.ts reads the environment once, at import: DATABASE_URL is set before any src/
 * module is imported (dynamic import), so run this bench in a process of its own or first.
 * BENCH_PANEL_ROWS changes the row count, BENCH_PANEL_REQUESTS the requests per case.
 * BENCH_PANEL_DATABASE=<name> keeps the loaded database under that name and reuses it on the
 * next run (the load takes about two minutes), for trying an index or a query change.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

const ROWS = Number(process.env.BENCH_PANEL_ROWS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_PANEL_REQUESTS ?? 200);
const WARMUP = 20;
const SEARCH_WORD = 'Quentin';

const FIRST = ['Anna', 'Ben', 'Carla', 'David', 'Elena', 'Felix', 'Grace', 'Hugo', 'Irene', 'Jonas', 'Katrin', 'Liam',
  'Maya', 'Noah', 'Olga', 'Pablo', 'Quentin', 'Rosa', 'Stefan', 'Tara', 'Umar', 'Vera', 'Walter', 'Xenia', 'Yusuf'];
const LAST = ['Smith', 'Meyer', 'Garcia', 'Novak', 'Tanaka', 'Okafor', 'Silva', 'Larsen', 'Kowalski', 'Dubois', 'Rossi',
  'Schmidt', 'Nguyen', 'Patel', 'Jensen', 'Moreau', 'Fischer', 'Costa', 'Ivanova'];
const COMPANY_A = ['Blue', 'North', 'Bright', 'Iron', 'Silver', 'Green', 'Rapid', 'Prime', 'Summit', 'Harbor', 'Atlas'];
const COMPANY_B = ['Logistics', 'Systems', 'Foods', 'Labs', 'Partners', 'Works', 'Holdings', 'Media', 'Energy', 'Retail',
  'Analytics', 'Health', 'Capital'];
const STATUSES = ['new', 'contacted', 'qualified', 'unqualified', 'customer', 'inactive', 'engaged', 'opportunity', 'churned'];
const SOURCES = ['website', 'referral', 'linkedin', 'cold_email', 'trade_show', 'social_media', 'advertising', 'cold_outreach', 'other'];

const sqlArray = (words: string[]) => `ARRAY[${words.map((w) => `'${w}'`).join(',')}]`;

/** One statement: ~90% acme (rep ~25%, rep2 15%, manager 10%, admin 5%, unowned 45%), ~10% globex. */
export function insertSql(rows: number): string {
  return `
    WITH ws AS (
      SELECT (SELECT id FROM workspaces WHERE slug = 'acme') AS acme,
             (SELECT id FROM workspaces WHERE slug = 'globex') AS globex
    ), u AS (
      SELECT (SELECT id FROM users WHERE email = 'rep@acme.example') AS rep,
             (SELECT id FROM users WHERE email = 'rep2@acme.example') AS rep2,
             (SELECT id FROM users WHERE email = 'manager@acme.example') AS manager,
             (SELECT id FROM users WHERE email = 'admin@acme.example') AS admin,
             (SELECT id FROM users WHERE email = 'rep@globex.example') AS grep
    ), w AS (
      SELECT ${sqlArray(FIRST)} AS first, ${sqlArray(LAST)} AS last,
             ${sqlArray(COMPANY_A)} AS ca, ${sqlArray(COMPANY_B)} AS cb,
             ${sqlArray(STATUSES)}::enum_contacts_status[] AS st, ${sqlArray(SOURCES)}::enum_contacts_source[] AS so
    )
    INSERT INTO contacts (workspace_id, first_name, last_name, email, company_name, status, source, lead_score,
                          owner_id, created_by, created_at, updated_at)
    SELECT CASE WHEN g % 10 = 9 THEN ws.globex ELSE ws.acme END,
           w.first[1 + g % ${FIRST.length}],
           w.last[1 + (g / 7) % ${LAST.length}],
           'bench' || g || '@bench.example',
           w.ca[1 + (g / 3) % ${COMPANY_A.length}] || ' ' || w.cb[1 + (g / 11) % ${COMPANY_B.length}],
           w.st[1 + (g * 31 / 13) % ${STATUSES.length}],
           w.so[1 + (g / 5) % ${SOURCES.length}],
           CASE WHEN g % 4 = 0 THEN NULL ELSE (g * 37) % 101 END,
           o.owner, o.owner,
           c.created, c.created
    FROM generate_series(1, ${rows}) AS g
    CROSS JOIN ws CROSS JOIN u CROSS JOIN w
    CROSS JOIN LATERAL (SELECT CASE
      WHEN g % 10 = 9 THEN CASE WHEN g % 3 = 0 THEN u.grep END
      ELSE CASE (g * 7) % 20
        WHEN 0 THEN u.rep WHEN 1 THEN u.rep WHEN 2 THEN u.rep WHEN 3 THEN u.rep WHEN 4 THEN u.rep
        WHEN 5 THEN u.rep2 WHEN 6 THEN u.rep2 WHEN 7 THEN u.rep2
        WHEN 8 THEN u.manager WHEN 9 THEN u.manager
        WHEN 10 THEN u.admin
      END END AS owner) o
    -- Creation times from a hash of g, not from g itself: the names above are functions of g, and
    -- an arithmetic date (g * k % 730) made some names never among the newest rows, which turns a
    -- newest-first search for them into a walk over thousands of rows no real data would need.
    CROSS JOIN LATERAL (SELECT now() - ((hashint4(g)::bigint & 2147483647) % 63072000) * interval '1 second' AS created) c`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(): Promise<void> {
  const server = new URL(process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const kept = process.env.BENCH_PANEL_DATABASE;
  server.pathname = kept ? `/${kept}` : `/crm_bench_panel_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = server.toString();
  process.env.DATABASE_URL = url;
  process.env.QUEUE_PREFIX = `crm-bench-panel-${process.pid}`;
  const { dropDatabase, ensureDatabase, sequelize } = await import('../src/db.js');
  const { QueryTypes } = await import('sequelize');
  const { config } = await import('../src/config.js');
  if (config.databaseUrl !== url) {
    throw new Error(`src/config.ts was loaded earlier with ${config.databaseUrl}: run \`npm run bench:panel\` on its own`);
  }
  const { createMigrator } = await import('../src/migrator.js');
  const { seedDemoData } = await import('../src/demo/seed-demo.js');
  const { buildApp } = await import('../src/server.js');
  const { PanelClient } = await import('../test/helpers/panel-client.js');

  await ensureDatabase(url);
  let httpServer: Server | undefined;
  let closeApp: (() => Promise<void>) | undefined;
  try {
    await createMigrator(sequelize).up();
    const [{ loaded }] = await sequelize.query<{ loaded: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM contacts WHERE email LIKE 'bench%@bench.example') AS loaded`,
      { type: QueryTypes.SELECT },
    );
    if (loaded) {
      console.log(`panel load reusing database ${kept}`);
    } else {
      await seedDemoData();
      let started = performance.now();
      await sequelize.query(insertSql(ROWS));
      const insertMs = performance.now() - started;
      started = performance.now();
      await sequelize.query('ANALYZE contacts');
      console.log(`panel load contacts rows=${ROWS} insert_ms=${Math.round(insertMs)} analyze_ms=${Math.round(performance.now() - started)}`);
    }

    const { app, close } = buildApp();
    closeApp = close;
    httpServer = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

    const login = async (email: string) => {
      const c = new PanelClient(base, 'panel-bench');
      const r = await c.login(email, 'demo-password');
      if (!r.ok) throw new Error(`login as ${email} failed: status ${r.status}`);
      return c;
    };
    const admin = await login('admin@acme.example');
    const rep = await login('rep@acme.example');

    const list = 'contacts';
    const cases: [string, InstanceType<typeof PanelClient>, string][] = [
      ['unfiltered', admin, ''],
      ['scoped', rep, ''],
      ['status', admin, 'filters.status=qualified'],
      ['search', admin, `filters.first_name=${SEARCH_WORD}`],
      ['search_rep', rep, `filters.first_name=${SEARCH_WORD}`],
    ];

    const once = async (client: InstanceType<typeof PanelClient>, query: string, label: string): Promise<number> => {
      const t = performance.now();
      const res = await client.list(list, query);
      const ms = performance.now() - t;
      if (res.status !== 200 || typeof res.body !== 'object' || !Array.isArray(res.body?.records)) {
        throw new Error(`${label}: GET list?${query} answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
      if (res.body.records.length === 0) throw new Error(`${label}: GET list?${query} returned no records`);
      return ms;
    };

    for (const [name, client, query] of cases) {
      for (const clients of [1, 4]) {
        for (let i = 0; i < WARMUP; i += 1) await once(client, query, name);
        const times: number[] = [];
        let next = 0;
        await Promise.all(Array.from({ length: clients }, async () => {
          while (next < REQUESTS) {
            next += 1;
            times.push(await once(client, query, name));
          }
        }));
        times.sort((a, b) => a - b);
        console.log(`panel ${name} clients=${clients} p50_ms=${percentile(times, 50).toFixed(1)} p95_ms=${percentile(times, 95).toFixed(1)}`);
      }
    }
  } finally {
    if (httpServer) await new Promise<void>((resolve) => httpServer!.close(() => resolve()));
    await closeApp?.();
    await sequelize.close().catch(() => undefined);
    if (!kept) await dropDatabase(url);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
