/**
 * Foundation figures on a fresh database: time to migrate from empty, to revert and re-apply,
 * to load the demo data, and for `npm start` to answer /healthz = 200, with the memory of the
 * server and worker processes once healthy. Prints `startup <case> <figure>` lines.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';

function databaseUrl(): string {
  const url = new URL(process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/crm_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return url.toString();
}

async function drop(url: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  await client.end();
}

function timed(label: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', ...args], { env, stdio: 'ignore' });
  const ms = performance.now() - started;
  console.log(`startup ${label} ms=${Math.round(ms)}`);
  return ms;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process and its descendants, in MiB (Linux /proc). */
function rssTree(pid: number): number {
  const children = (p: number): number[] => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const rss = (p: number) => {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  };
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      total += rss(p);
    } catch {
      continue;
    }
    stack.push(...children(p));
  }
  return total;
}

export async function run(): Promise<void> {
  const url = databaseUrl();
  const env = { ...process.env, NODE_ENV: 'development', DATABASE_URL: url };
  try {
    timed('migrate_from_empty', ['src/cli/migrate.ts', 'up'], env);
    timed('migrate_down_all', ['src/cli/migrate.ts', 'down'], env);
    timed('migrate_again', ['src/cli/migrate.ts', 'up'], env);
    timed('seed_demo', ['src/cli/seed.ts'], env);
    timed('seed_again_noop', ['src/cli/seed.ts'], env);
  } finally {
    await drop(url);
  }

  // npm start on a database that does not exist yet: create, migrate, seed, serve.
  const startUrl = databaseUrl();
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    env: { ...env, DATABASE_URL: startUrl, PORT: String(port), QUEUE_PREFIX: `crm-bench-${port}` },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (performance.now() - started > 120_000) throw new Error('npm start was not healthy within 120 s');
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`startup npm_start_to_healthy ms=${Math.round(performance.now() - started)}`);
    await new Promise((r) => setTimeout(r, 1000));
    console.log(`startup rss_all_processes_mib=${Math.round(rssTree(child.pid!))}`);
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => child.on('exit', r));
    await drop(startUrl);
  }
}
