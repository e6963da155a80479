/**
 * `recruiting-follow-ups` (daily, payload {}): the recruiter's action-queue items for follow-ups
 * that are due and for applications stuck without a reply (src/domain/recruiting/follow-ups.ts).
 * Running it twice adds nothing the second time.
 */
import { z } from 'zod';
import { queueRecruiterReminders } from '../domain/recruiting/follow-ups.js';
import type { JobDefinition } from './registry.js';

const payloadSchema = z.strictObject({});

export const recruitingFollowUpsJob = {
  name: 'recruiting-follow-ups',
  payloadSchema,
  process: () => queueRecruiterReminders(),
} satisfies JobDefinition<'recruiting-follow-ups', typeof payloadSchema>;
