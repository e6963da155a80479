/**
 * Every job module the worker runs, and the shape of one: a queue named after the job, its
 * payload schema (checked by `enqueue` before anything reaches Redis and again by the worker
 * before the processor runs), its retry policy and, where a double submit must not run twice,
 * a deterministic job id. Add a module here and the worker starts a processor for it.
 */
import type { Job, JobsOptions, WorkerOptions } from 'bullmq';
import type { z } from 'zod';
import { csvImportJob } from './csv-import.job.js';
import { passwordResetEmailJob } from './password-reset-email.job.js';
import { emailSendJob } from './email-send.job.js';
import { emailDispatchJob } from './email-dispatch.job.js';
import { sequenceStepJob } from './sequence-step.job.js';
import { campaignFanOutJob } from './campaign-fan-out.job.js';
import { campaignDrainJob } from './campaign-drain.job.js';
import { eventRelayJob } from './event-relay.job.js';
import { domainEventJob } from './domain-event.job.js';
import { recruitingFollowUpsJob } from './recruiting-follow-ups.job.js';
import { jobMatchesJob } from './job-matches.job.js';
import { externalPostingsExpiryJob } from './external-postings-expiry.job.js';
import { cleanupJob } from './cleanup.job.js';
import { leadScoreRecomputeJob } from './lead-score-recompute.job.js';
import { metricsEtlJob } from './metrics-etl.job.js';
import { workflowResumeJob } from './workflow-resume.job.js';
import { workflowScheduleJob } from './workflow-schedule.job.js';

export interface JobDefinition<Name extends string = string, Schema extends z.ZodType = z.ZodType> {
  /** Queue and job name, kebab-case (`csv-import`). */
  name: Name;
  payloadSchema: Schema;
  /** Per-job options over DEFAULT_JOB_OPTIONS (queues.ts). */
  jobOptions?: JobsOptions;
  /** A job id derived from the payload: BullMQ ignores an add whose id already exists. */
  jobId?: (payload: z.output<Schema>) => string;
  /** Jobs run at once per worker process (default WORKER_CONCURRENCY). */
  concurrency?: () => number;
  /** Lock and stall settings over BullMQ's defaults. */
  workerOptions?: Pick<WorkerOptions, 'lockDuration' | 'stalledInterval'>;
  /** Runs one job; its payload has been validated. Throw to fail (and retry) it. */
  process: (job: Job<z.output<Schema>>) => Promise<unknown>;
}

export const JOBS = [csvImportJob, passwordResetEmailJob, emailSendJob, emailDispatchJob, sequenceStepJob, campaignFanOutJob, campaignDrainJob, eventRelayJob, domainEventJob, recruitingFollowUpsJob, jobMatchesJob, externalPostingsExpiryJob, cleanupJob, leadScoreRecomputeJob, metricsEtlJob, workflowResumeJob, workflowScheduleJob] as const;

export type JobName = (typeof JOBS)[number]['name'];
export type JobPayload<N extends JobName> = z.input<Extract<(typeof JOBS)[number], { name: N }>['payloadSchema']>;

export function jobDefinition(name: string): JobDefinition {
  const found = JOBS.find((j) => j.name === name);
  if (!found) throw new Error(`no job named "${name}" (known: ${JOBS.map((j) => j.name).join(', ')})`);
  return found as unknown as JobDefinition;
}
