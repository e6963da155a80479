/**
 * `workflow-resume`: with { executionId }, goes on with a run (after its wait, or after the
 * panel's Retry reopened it); with {} (every minute, schedules.ts), the sweep of
 * src/domain/workflows/recovery.ts: waits whose job never came and runs whose job was lost.
 * Idempotent: each step of a run locks its row and re-reads where the run is.
 *
 * Importing this module registers the engine's resume scheduler (a delayed job per wait), so
 * every process that can add jobs can start waits.
 */
import { z } from 'zod';
import { sweepStaleRuns } from '../domain/workflows/recovery.js';
import { continueRun, setResumeScheduler } from '../domain/workflows/run.js';
import type { JobDefinition } from './registry.js';

// queues.ts imports the registry, which imports this module: loaded when first used, so this
// module may be imported first (a test, a script) without meeting a half-initialised registry.
const queues = () => import('./queues.js');

const payloadSchema = z.strictObject({ executionId: z.uuid().optional() });

setResumeScheduler(async (executionId, delayMs) => {
  // The id names the run and its due time: one resume per wait, however often it is asked.
  await (await queues()).enqueue('workflow-resume', { executionId }, { delay: delayMs, jobId: `wf-resume-${executionId}-${Date.now() + delayMs}` });
});

export const workflowResumeJob = {
  name: 'workflow-resume',
  payloadSchema,
  process: async (job) => {
    if (job.data.executionId) return { status: await continueRun(job.data.executionId) };
    return sweepStaleRuns();
  },
} satisfies JobDefinition<'workflow-resume', typeof payloadSchema>;
