/**
 * `email-send`: sends one email (src/domain/email/send-email.ts). The job id is the email's id
 * and due time, so one attempt of an email is one job however often the dispatcher hands it
 * out. Temporary SMTP failures are not job failures: the email itself waits for its retry
 * (retry_count, next_retry_at) and the dispatcher makes a new job when it is due. The job's own
 * attempts cover the unexpected (the database was unreachable) and resume the same email.
 */
import { z } from 'zod';
import { config } from '../config.js';
import { sendEmail } from '../domain/email/send-email.js';
import type { JobDefinition } from './registry.js';

const payloadSchema = z.strictObject({
  emailId: z.uuid({ error: 'must be the id (UUID) of an email' }),
  attempt: z.string().regex(/^\d{1,16}$/, { error: 'must be the due time in epoch milliseconds' }),
});

export const emailSendJob = {
  name: 'email-send',
  payloadSchema,
  jobOptions: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { age: 3600, count: 20_000 },
  },
  // Sends wait on SMTP round trips, not on CPU: many at once per process (README: scaling).
  concurrency: () => config.emailSendConcurrency,
  // A worker killed mid-send gives its jobs back within ~30 s (lock 15 s + stall check 15 s).
  workerOptions: { lockDuration: 15_000, stalledInterval: 15_000 },
  jobId: ({ emailId, attempt }) => `email-send-${emailId}-${attempt}`,
  async process(job) {
    return sendEmail(job.data.emailId, job.id!);
  },
} satisfies JobDefinition<'email-send', typeof payloadSchema>;
