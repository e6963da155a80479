/**
 * CSV import throughput through the real job path (startImport -> BullMQ -> worker -> batches)
 * on a scratch database: 100,000 generated contacts (deterministic), imported once (all
 * creates) and again (all updates). Prints `import contacts rows=<n> ms=<x> rows_per_s=<y>` per
 * run; `npm run bench -- csv-import`. BENCH_IMPORT_ROWS changes the row count.
 */
import { randomBytes } from 'node:crypto';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);

const STATUSES = ['new', 'contacted', 'qualified', 'customer', 'engaged'];
const SOURCES = ['website', 'referral', 'linkedin', 'cold_email', 'trade_show'];
const CITIES = ['Berlin', 'Lisbon', 'Austin', 'Pune', 'Osaka', 'Lagos', 'Lima'];

/** The same file on every run: values are functions of the row number (and the run, for updates). */
function contactsCsv(rows: number, run: number): Buffer {
  const lines = ['First Name,Last Name,Email,Phone,Company,Title,City,Country,Status,Source,Lead Score,Tags,Notes'];
  for (let i = 0; i < rows; i += 1) {
    lines.push([
      `First${i}`, `Last${(i * 7919) % rows}`, `contact${i}@bench.example`, `+1-555-${String(i % 10_000).padStart(4, '0')}`,
      `"Company ${i % 5000}, Inc."`, run === 1 ? 'Buyer' : 'Head of Buying', CITIES[i % CITIES.length], 'US',
      STATUSES[(i + run) % STATUSES.length], SOURCES[i % SOURCES.length], String((i + run) % 101), `"bench; run${run}"`,
      run === 1 ? '' : `updated in run ${run}`,
    ].join(','));
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

export async function run(): Promise<void> {
  const server = new URL(process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = `/crm_bench_import_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = server.toString();
  // src/config.ts reads the environment once, at import: point it at the scratch database first.
  process.env.DATABASE_URL = url;
  process.env.QUEUE_PREFIX = `crm-bench-import-${process.pid}`;
  const { dropDatabase, ensureDatabase, sequelize } = await import('../src/db.js');
  const { createMigrator } = await import('../src/migrator.js');
  await import('../src/models/index.js');
  const { startImport, suggestMapping } = await import('../src/domain/csv/start-import.js');
  const { closeQueues, queueFor } = await import('../src/jobs/queues.js');
  const { startWorkers, stopWorkers } = await import('../src/worker.js');

  await ensureDatabase(url);
  const workers = startWorkers(undefined, { log: (m) => console.error(m) });
  try {
    await createMigrator(sequelize).up();
    const [[workspace]] = (await sequelize.query(`INSERT INTO workspaces (name, slug) VALUES ('Bench', 'bench') RETURNING id`)) as [[{ id: string }], unknown];
    const [[user]] = (await sequelize.query(
      `INSERT INTO users (workspace_id, email, password_hash, first_name) VALUES ($1, 'bench@bench.example', 'x', 'Bench') RETURNING id`,
      { bind: [workspace.id] },
    )) as [[{ id: string }], unknown];

    for (const [run, label] of [[1, 'create'], [2, 'update']] as const) {
      const csv = contactsCsv(ROWS, run);
      const headers = csv.subarray(0, csv.indexOf('\n')).toString().split(',');
      const started = performance.now();
      const row = await startImport({
        workspaceId: workspace.id, userId: user.id, resource: 'contacts', fileName: `bench-${run}.csv`, csv,
        mapping: suggestMapping('contacts', headers),
      });
      const queuedMs = performance.now() - started;
      let state: { status: string; created_count: number; updated_count: number; error_count: number; failure_reason: string | null };
      for (;;) {
        [[state]] = (await sequelize.query(
          'SELECT status, created_count, updated_count, error_count, failure_reason FROM data_imports WHERE id = $1', { bind: [row.id] },
        )) as [[typeof state], unknown];
        if (state.status === 'completed' || state.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const ms = performance.now() - started;
      if (state.status !== 'completed' || state.error_count > 0) throw new Error(`import ${label} ended ${state.status}: ${state.failure_reason ?? `${state.error_count} errors`}`);
      console.log(`import contacts rows=${ROWS} ms=${Math.round(ms)} rows_per_s=${Math.round(ROWS / (ms / 1000))}`);
      console.log(`  ${label}: created=${state.created_count} updated=${state.updated_count} csv_mib=${(csv.length / 1048576).toFixed(1)} upload_and_queue_ms=${Math.round(queuedMs)}`);
    }
  } finally {
    await stopWorkers(workers);
    await queueFor('csv-import').obliterate({ force: true }).catch(() => undefined);
    await closeQueues();
    await sequelize.close();
    await dropDatabase(url);
  }
}
