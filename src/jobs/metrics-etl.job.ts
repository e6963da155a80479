/**
 * `metrics-etl`: recomputes one metric table (src/domain/metrics). The schedules in
 * schedules.ts run it incrementally (hourly: email, call; daily: activity, contact, document)
 * or in full (weekly: pipeline; monthly: revenue); `from`/`to` backfill a range. Idempotent, so
 * BullMQ's retries are safe; runs of one metric are serialized by an advisory lock.
 */
import { z } from 'zod';
import { METRIC_NAMES, runMetricEtl } from '../domain/metrics/run-metric-etl.js';
import type { JobDefinition } from './registry.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { error: 'must be a real calendar date' });

const payloadSchema = z.strictObject({
  metric: z.enum(METRIC_NAMES, { error: `must be one of ${METRIC_NAMES.join(', ')}` }),
  from: isoDate.optional(),
  to: isoDate.optional(),
  full: z.boolean().optional(),
  workspaceId: z.uuid().optional(),
}).refine((p) => (p.from === undefined) === (p.to === undefined), { error: 'give both from and to, or neither', path: ['to'] })
  .refine((p) => !p.from || !p.to || p.from < p.to, { error: 'from must be before to', path: ['from'] })
  .refine((p) => !(p.full && p.from), { error: 'full and a range exclude each other', path: ['full'] });

export const metricsEtlJob = {
  name: 'metrics-etl',
  payloadSchema,
  // A full recompute of a big table may take a while: keep the lock longer than BullMQ's 30 s.
  workerOptions: { lockDuration: 10 * 60_000 },
  concurrency: () => 1,
  async process(job) {
    return runMetricEtl(job.data.metric, job.data);
  },
} satisfies JobDefinition<'metrics-etl', typeof payloadSchema>;
