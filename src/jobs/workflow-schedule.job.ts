/**
 * `workflow-schedule`: with {} (every minute, schedules.ts) finds the scheduled workflows that
 * are due and adds one job each, under the id "<workflow>@<due time>" so a due time is queued
 * once; with { workflowId, dueAt } runs that workflow for that due time (the engine's claim and
 * its one-run-per-event key make a second run of the same due time a no-op anyway).
 */
import { z } from 'zod';
import { dueScheduledRuns, runScheduledWorkflow } from '../domain/workflows/scheduled.js';
import type { JobDefinition } from './registry.js';

// queues.ts imports the registry, which imports this module: loaded when first used, so this
// module may be imported first (a test, a script) without meeting a half-initialised registry.
const queues = () => import('./queues.js');

const payloadSchema = z.union([
  z.strictObject({}),
  z.strictObject({ workflowId: z.uuid(), dueAt: z.iso.datetime() }),
]);

export const workflowScheduleJob = {
  name: 'workflow-schedule',
  payloadSchema,
  jobId: (p) => ('workflowId' in p ? `${p.workflowId}@${Date.parse(p.dueAt)}` : ''),
  process: async (job) => {
    const data = job.data;
    if ('workflowId' in data) return runScheduledWorkflow(data.workflowId, data.dueAt);
    const due = await dueScheduledRuns();
    if (due.length) await (await queues()).enqueueBulk('workflow-schedule', due);
    return { queued: due.length };
  },
} satisfies JobDefinition<'workflow-schedule', typeof payloadSchema>;
