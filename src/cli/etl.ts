/**
 * `npm run etl -- --metric email --from 2026-01-01 --to 2026-02-01` backfills one metric table
 * over [from, to) (`--metric all` for every table, `--workspace <id>` for one workspace);
 * `--full` recomputes every period; with neither, an incremental run. A backfill runs one
 * statement per month (per quarter for pipeline, whose roll-ups need whole quarters) so the bar
 * below moves; each chunk is its own transaction, so an interrupted backfill keeps what it did.
 *
 * The bar is twenty lines of our own rather than a dependency: one line redrawn with \r on a
 * terminal, plain lines otherwise (CI logs). Nothing a library would add is needed here.
 */
import { parseArgs } from 'node:util';
import { sequelize } from '../db.js';
import { METRIC_NAMES, runMetricEtl, type MetricName } from '../domain/metrics/run-metric-etl.js';

function bar(label: string, done: number, total: number, note: string): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const line = `${label.padEnd(9)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${note}`;
  if (process.stdout.isTTY) process.stdout.write(`\r${line}\x1b[K${done === total ? '\n' : ''}`);
  else console.log(line);
}

/** [from, to) cut at month (or quarter) starts. */
export function chunks(from: string, to: string, months: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let lo = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (lo < end) {
    const next = new Date(Date.UTC(lo.getUTCFullYear(), Math.floor(lo.getUTCMonth() / months) * months + months, 1));
    const hi = next < end ? next : end;
    out.push([lo.toISOString().slice(0, 10), hi.toISOString().slice(0, 10)]);
    lo = hi;
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { metric: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, full: { type: 'boolean' }, workspace: { type: 'string' } },
  });
  const names = values.metric === 'all' ? [...METRIC_NAMES] : [values.metric as MetricName];
  if (!values.metric || names.some((n) => !METRIC_NAMES.includes(n))) {
    throw new Error(`--metric must be one of ${METRIC_NAMES.join(', ')}, or all`);
  }
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if ((values.from === undefined) !== (values.to === undefined)) throw new Error('give both --from and --to, or neither');
  if (values.from && (!date.test(values.from) || !date.test(values.to!) || values.from >= values.to!)) {
    throw new Error('--from and --to are dates YYYY-MM-DD, from before to');
  }
  for (const metric of names) {
    if (!values.from) {
      bar(metric, 0, 1, values.full ? 'full' : 'incremental');
      const r = await runMetricEtl(metric, { full: values.full, workspaceId: values.workspace });
      bar(metric, 1, 1, `${r.mode}: ${r.upserted} rows upserted, ${r.deleted} deleted, ${r.ms} ms`);
      continue;
    }
    const parts = chunks(values.from, values.to!, metric === 'pipeline' ? 3 : 1);
    let upserted = 0;
    let deleted = 0;
    for (const [i, [from, to]] of parts.entries()) {
      bar(metric, i, parts.length, `${from}`);
      const r = await runMetricEtl(metric, { from, to, workspaceId: values.workspace });
      upserted += r.upserted;
      deleted += r.deleted;
    }
    bar(metric, parts.length, parts.length, `${upserted} rows upserted, ${deleted} deleted`);
  }
}

main()
  .then(() => sequelize.close())
  .catch(async (err: unknown) => {
    console.error(`etl: ${err instanceof Error ? err.message : String(err)}`);
    await sequelize.close().catch(() => undefined);
    process.exit(1);
  });
