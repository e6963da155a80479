/** Redis connections. BullMQ workers need `maxRetriesPerRequest: null`; probes must fail fast. */
import { Redis, type RedisOptions } from 'ioredis';
import { config } from './config.js';

export function createRedis(options: RedisOptions = {}): Redis {
  return new Redis(config.redisUrl, { lazyConnect: true, ...options });
}

/** A connection for health probes: no offline queue, one attempt, short timeout. */
export function createProbeRedis(): Redis {
  return createRedis({
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 500, 5000),
  });
}
