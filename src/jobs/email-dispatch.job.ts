/**
 * `email-dispatch` (every 2 s, schedules.ts): hands every due email to `email-send`, a batch at
 * a time (src/domain/email/dispatch.ts). Emails are claimed in PostgreSQL before their jobs are
 * added; an email whose job never made it to Redis is handed out again later.
 */
import { z } from 'zod';
import { claimDueEmails } from '../domain/email/dispatch.js';
import { enqueueBulk } from './queues.js';
import type { JobDefinition } from './registry.js';

const BATCH = 1000;
// One run hands out at most this many, so a huge backlog does not hold the job for minutes.
const MAX_PER_RUN = 50_000;

const payloadSchema = z.strictObject({});

export const emailDispatchJob = {
  name: 'email-dispatch',
  payloadSchema,
  jobOptions: { attempts: 1, removeOnComplete: true, removeOnFail: { count: 100 } },
  async process() {
    let handedOut = 0;
    for (;;) {
      const due = await claimDueEmails(BATCH);
      if (due.length) await enqueueBulk('email-send', due.map((e) => ({ emailId: e.id, attempt: e.attempt })));
      handedOut += due.length;
      if (due.length < BATCH || handedOut >= MAX_PER_RUN) return { handedOut };
    }
  },
} satisfies JobDefinition<'email-dispatch', typeof payloadSchema>;
