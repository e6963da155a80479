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
import { QueryTypes } from 'sequelize';
import { sequelize } from '../db.js';
import { METRIC_NAMES, runMetricEtl, type MetricName } from '../domain/metrics/run-metric-etl.js';
import { isIsoDate } from '../domain/metrics/recompute-range.js';
import { isUuid } from '../domain/uuid.js';

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

/** Bad arguments: said on stderr with the usage, exit code 2, before anything is written. */
class UsageError extends Error {}

const USAGE = 'usage: npm run etl -- --metric <' + METRIC_NAMES.join('|') + '|all> [--from YYYY-MM-DD --to YYYY-MM-DD | --full] [--workspace <uuid>]';

interface Plan {
  names: MetricName[];
  from?: string;
  to?: string;
  full?: boolean;
  workspace?: string;
}

/** Reads and checks the arguments; throws UsageError naming the bad one. */
function parseEtlArgs(args: string[]): Plan {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { metric: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, full: { type: 'boolean' }, workspace: { type: 'string' } },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (!values.metric) throw new UsageError('--metric is required');
  const names = values.metric === 'all' ? [...METRIC_NAMES] : [values.metric as MetricName];
  if (names.some((n) => !METRIC_NAMES.includes(n))) {
    throw new UsageError(`--metric must be one of ${METRIC_NAMES.join(', ')}, or all (not "${values.metric}")`);
  }
  if ((values.from === undefined) !== (values.to === undefined)) throw new UsageError('give both --from and --to, or neither');
  for (const [flag, value] of [['--from', values.from], ['--to', values.to]] as const) {
    if (value !== undefined && !isIsoDate(value)) throw new UsageError(`${flag} must be a date YYYY-MM-DD (not "${value}")`);
  }
  if (values.from && values.from >= values.to!) throw new UsageError(`--from (${values.from}) must be before --to (${values.to}); --to is not included`);
  if (values.full && values.from) throw new UsageError('--full and --from/--to exclude each other');
  if (values.workspace !== undefined && !isUuid(values.workspace)) throw new UsageError(`--workspace must be a workspace id (uuid), not "${values.workspace}"`);
  return { names, from: values.from, to: values.to, full: values.full, workspace: values.workspace };
}

async function main(): Promise<void> {
  const values = parseEtlArgs(process.argv.slice(2));
  if (values.workspace) {
    const [found] = await sequelize.query(`SELECT 1 FROM workspaces WHERE id = :id`, { type: QueryTypes.SELECT, replacements: { id: values.workspace } });
    if (!found) throw new UsageError(`no workspace with id ${values.workspace}`);
  }
  for (const metric of values.names) {
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
    if (err instanceof UsageError) console.error(USAGE);
    await sequelize.close().catch(() => undefined);
    process.exit(err instanceof UsageError ? 2 : 1);
  });
