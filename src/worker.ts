/**
 * The background side: checks Redis and PostgreSQL, starts one BullMQ worker per job module of
 * src/jobs/registry.ts, and on SIGTERM/SIGINT closes them, which waits for the running jobs, so
 * no job is cut off (an interrupted one would be retried anyway: jobs are idempotent).
 */
import { pathToFileURL } from 'node:url';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { config } from './config.js';
import { sequelize } from './db.js';
import { closeQueues, InvalidPayloadError, parsePayload, redisConnection } from './jobs/queues.js';
import { JOBS, type JobDefinition } from './jobs/registry.js';
import { closeMailboxTransports } from './domain/email/mailbox-transport.js';
import { registerSchedules } from './jobs/schedules.js';
import { createRedis } from './redis.js';

/** The processor of a job module: the payload is validated first (a bad one fails at once, unretried). */
export function processorFor(definition: JobDefinition) {
  return async (job: Job) => {
    try {
      parsePayload(definition, job.data);
    } catch (err) {
      if (err instanceof InvalidPayloadError) throw new UnrecoverableError(err.message);
      throw err;
    }
    return definition.process(job);
  };
}

export interface StartWorkersOptions {
  concurrency?: number;
  /** Where failures are reported (default console.error). */
  log?: (message: string) => void;
}

/** Starts one worker per job module; close them with stopWorkers. */
export function startWorkers(definitions: readonly JobDefinition[] = JOBS as unknown as JobDefinition[], options: StartWorkersOptions = {}): Worker[] {
  const log = options.log ?? ((message: string) => console.error(message));
  return definitions.map((definition) => {
    const worker = new Worker(definition.name, processorFor(definition), {
      connection: redisConnection({ worker: true }),
      prefix: config.queuePrefix,
      concurrency: options.concurrency ?? definition.concurrency?.() ?? config.workerConcurrency,
      ...definition.workerOptions,
    });
    worker.on('failed', (job, err) => log(`worker: ${definition.name} job ${job?.id ?? '?'} failed: ${err.message}`));
    worker.on('error', (err) => log(`worker: ${definition.name}: ${err.message}`));
    return worker;
  });
}

/** Closes the workers: each waits for its running jobs to finish. */
export async function stopWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.close()));
}

export async function main(): Promise<void> {
  // Fail fast with a clear message when a service is down, before any worker starts.
  const redis = createRedis({ maxRetriesPerRequest: null });
  redis.on('error', (err) => console.error(`worker: redis: ${err.message}`));
  await redis.connect();
  await redis.ping();
  await redis.quit();
  await sequelize.authenticate();
  await registerSchedules();
  const workers = startWorkers();
  console.log(`worker ready: connected to Redis and PostgreSQL; processing ${JOBS.map((j) => j.name).join(', ')}`);

  let stopping = false;
  // Ctrl-C reaches every process of the group and `npm start` forwards it too: stop once.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`worker: ${signal}, closing`);
    await stopWorkers(workers).catch((err: Error) => console.error(`worker: closing: ${err.message}`));
    await closeQueues().catch(() => undefined);
    closeMailboxTransports();
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
