/**
 * The background side: connects to Redis and runs the queue processors of src/jobs/ (none are
 * registered yet, so it idles), and closes them on SIGTERM/SIGINT so no job is cut off.
 */
import { pathToFileURL } from 'node:url';
import { sequelize } from './db.js';
import { createRedis } from './redis.js';

export async function main(): Promise<void> {
  const redis = createRedis({ maxRetriesPerRequest: null });
  redis.on('error', (err) => console.error(`worker: redis: ${err.message}`));
  await redis.connect();
  await redis.ping();
  await sequelize.authenticate();
  console.log('worker ready: connected to Redis and PostgreSQL (no queue processors registered yet)');

  let stopping = false;
  // Ctrl-C reaches every process of the group and `npm start` forwards it too: stop once.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`worker: ${signal}, closing`);
    await redis.quit().catch(() => undefined);
    await sequelize.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
