/**
 * The scratch setup the pipeline benchmarks share: a database of their own (created and migrated
 * through the real migrate command), a Redis key prefix of their own, real worker processes
 * against both, and the clean-up that drops the database and deletes the keys.
 *
 * src/config.ts reads the environment once, at import: this sets DATABASE_URL and QUEUE_PREFIX
 * before anything imports it, so call `scratchRun` before importing from src/.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Sequelize } from 'sequelize';

export interface ScratchRun {
  url: string;
  prefix: string;
  /** A small pool on the scratch database for the bench's own queries. */
  db: Sequelize;
  /** Starts `src/worker.ts` on the scratch database and prefix (extra environment on top). */
  startWorker(env?: Record<string, string>, nodeArgs?: string[]): ChildProcess;
  /** Stops the workers (SIGTERM), drops the database, deletes the Redis keys. */
  cleanUp(): Promise<void>;
}

export async function scratchRun(name: string): Promise<ScratchRun> {
  const server = new URL(process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = `/crm_bench_${name}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = server.toString();
  const prefix = `crm-bench-${name}-${process.pid}`;
  process.env.DATABASE_URL = url;
  process.env.QUEUE_PREFIX = prefix;
  const { ensureDatabase, dropDatabase, createSequelize } = await import('../src/db.js');
  await ensureDatabase(url);
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/migrate.ts', 'up'], {
    env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  const db = createSequelize(url, { poolMax: 2 });
  const workers: ChildProcess[] = [];

  return {
    url,
    prefix,
    db,
    startWorker(env = {}, nodeArgs = []) {
      const worker = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/worker.ts'], {
        env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: url, QUEUE_PREFIX: prefix, ...env },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      workers.push(worker);
      return worker;
    },
    async cleanUp() {
      await Promise.all(workers.filter((w) => w.exitCode === null && w.signalCode === null).map((w) =>
        new Promise<void>((resolve) => { w.once('exit', () => resolve()); w.kill('SIGTERM'); })));
      await db.close();
      await dropDatabase(url);
      const { createRedis } = await import('../src/redis.js');
      const redis = createRedis();
      await redis.connect();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    },
  };
}
