/**
 * `lead-score-recompute` (periodic, payload {}): re-scores every lead from all its activities in
 * one statement (src/domain/leads/recompute-scores.ts). Activities score incrementally as they
 * are recorded; this nightly pass repairs what the increments cannot know about (a weight changed
 * by a migration, a score typed or imported by hand) and is a no-op when they agree. Idempotent:
 * no job id needed, a second run changes nothing.
 *
 * It runs nightly (src/jobs/schedules.ts).
 */
import { z } from 'zod';
import { recomputeLeadScores } from '../domain/leads/recompute-scores.js';
import type { JobDefinition } from './registry.js';

const payloadSchema = z.strictObject({});

export const leadScoreRecomputeJob = {
  name: 'lead-score-recompute',
  payloadSchema,
  // Retried a few times (the database may be restarting at night), then visible as failed.
  jobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: { age: 7 * 86_400, count: 30 } },
  process: () => recomputeLeadScores(),
} satisfies JobDefinition<'lead-score-recompute', typeof payloadSchema>;
