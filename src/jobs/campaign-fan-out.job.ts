/**
 * `campaign-fan-out`: queues one campaign's e-mails (src/domain/campaigns/fan-out.ts), then runs
 * one drain pass so that "Send now" mail is handed to the sender at once instead of at the next
 * periodic drain. The job id is `campaign-fan-out-<campaignId>`, so a double click queues it once;
 * the fan-out itself is idempotent, so a retry adds nothing. A refusal (sent, cancelled, no
 * audience …) fails the job without retrying: it cannot succeed later.
 */
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { CampaignError } from '../domain/campaigns/campaign-error.js';
import { drainCampaignQueue } from '../domain/campaigns/drain.js';
import { fanOutCampaign } from '../domain/campaigns/fan-out.js';
import type { JobDefinition } from './registry.js';

const payloadSchema = z.strictObject({ campaignId: z.uuid({ error: 'must be the id (UUID) of an e-mail campaign' }) });

export const campaignFanOutJob = {
  name: 'campaign-fan-out',
  payloadSchema,
  jobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 } },
  jobId: ({ campaignId }) => `campaign-fan-out-${campaignId}`,
  async process(job) {
    try {
      const fanOut = await fanOutCampaign(job.data.campaignId);
      const drain = await drainCampaignQueue();
      return { ...fanOut, emailsCreated: drain.emailsCreated };
    } catch (err) {
      if (err instanceof CampaignError) throw new UnrecoverableError(`campaign-fan-out: ${err.message}`);
      throw err;
    }
  },
} satisfies JobDefinition<'campaign-fan-out', typeof payloadSchema>;
