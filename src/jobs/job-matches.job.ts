/**
 * `job-matches` (periodic, payload {}): scores active candidates against jobs whose matches were
 * never computed and queues one NEW_MATCHES item per job for its recruiter
 * (src/domain/recruiting/job-matches.ts). A sweep rather than a handler of a "job created"
 * event: it needs no event, catches jobs from every path (panel, import, SQL) and a second run
 * adds nothing.
 */
import { z } from 'zod';
import { computeJobMatches } from '../domain/recruiting/job-matches.js';
import type { JobDefinition } from './registry.js';

const payloadSchema = z.strictObject({});

export const jobMatchesJob = {
  name: 'job-matches',
  payloadSchema,
  // The next sweep comes within minutes: a failed one is not worth retrying.
  jobOptions: { attempts: 1 },
  process: () => computeJobMatches(),
} satisfies JobDefinition<'job-matches', typeof payloadSchema>;
