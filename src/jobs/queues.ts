/**
 * The producers: one BullMQ queue per job module, named after it, under the configured
 * QUEUE_PREFIX (so test runs and benchmarks never share keys with the app), and `enqueue`, the
 * one way to add a job: the payload is validated with the job's schema first, so bad input is a
 * clear error at the caller and never a poisoned job.
 */
import { Queue, type Job, type JobsOptions } from 'bullmq';
import { z } from 'zod';
import { config } from '../config.js';
import { jobDefinition, type JobDefinition, type JobName, type JobPayload } from './registry.js';

/** Retried three times with exponential backoff, then failed and kept a week for the monitor. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** Connection options (BullMQ opens and owns its connections, so close() releases them). */
export function redisConnection(options: { worker?: boolean } = {}) {
  // Workers block on Redis and must retry forever; producers keep ioredis' bounded retries so a
  // Redis outage fails the caller instead of hanging it.
  return options.worker ? { url: config.redisUrl, maxRetriesPerRequest: null } : { url: config.redisUrl };
}

export class InvalidPayloadError extends Error {
  constructor(jobName: string, error: z.ZodError) {
    super(`${jobName}: invalid payload: ${error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidPayloadError';
  }
}

/** The payload as the job's schema parses it; throws InvalidPayloadError naming every problem. */
export function parsePayload<S extends z.ZodType>(definition: JobDefinition<string, S>, data: unknown): z.output<S> {
  const parsed = definition.payloadSchema.safeParse(data);
  if (!parsed.success) throw new InvalidPayloadError(definition.name, parsed.error);
  return parsed.data;
}

const queues = new Map<string, Queue>();

/** The producer queue of a job (one per process). */
export function queueFor(name: JobName): Queue {
  let queue = queues.get(name);
  if (!queue) {
    const definition = jobDefinition(name);
    queue = new Queue(name, {
      connection: redisConnection(),
      prefix: config.queuePrefix,
      defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...definition.jobOptions },
    });
    queues.set(name, queue);
  }
  return queue;
}

/** Validates the payload and adds the job (under its deterministic id when the job has one). */
export async function enqueue<N extends JobName>(name: N, data: JobPayload<N>, opts: JobsOptions = {}): Promise<Job> {
  const definition = jobDefinition(name);
  const payload = parsePayload(definition, data);
  const jobId = opts.jobId ?? definition.jobId?.(payload);
  return queueFor(name).add(name, payload, { ...opts, ...(jobId ? { jobId } : {}) });
}

/** Validates every payload first (all or nothing), then adds the jobs in one round trip. */
export async function enqueueBulk<N extends JobName>(name: N, payloads: JobPayload<N>[]): Promise<Job[]> {
  const definition = jobDefinition(name);
  const jobs = payloads.map((data) => {
    const payload = parsePayload(definition, data);
    const jobId = definition.jobId?.(payload);
    return { name, data: payload, opts: jobId ? { jobId } : {} };
  });
  return queueFor(name).addBulk(jobs);
}

/** Closes every producer queue this process opened. */
export async function closeQueues(): Promise<void> {
  const open = [...queues.values()];
  queues.clear();
  await Promise.all(open.map((q) => q.close()));
}
