/** The state of the two services everything depends on, as /healthz reports it. */
import type { Redis } from 'ioredis';
import type { Sequelize } from 'sequelize';

export interface Probe {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

async function probe(fn: () => Promise<unknown>, timeoutMs: number): Promise<Probe> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(sequelize: Sequelize, redis: Redis, timeoutMs = 2000) {
  const [postgres, redisProbe] = await Promise.all([
    probe(() => sequelize.query('SELECT 1'), timeoutMs),
    probe(async () => {
      if (redis.status === 'wait' || redis.status === 'end') await redis.connect();
      return redis.ping();
    }, timeoutMs),
  ]);
  return { status: postgres.ok && redisProbe.ok ? ('ok' as const) : ('degraded' as const), postgres, redis: redisProbe };
}
