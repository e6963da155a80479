/**
 * `campaign-drain` (periodic, payload {}): first fans out every scheduled campaign whose
 * scheduled_at has come (so the drain job is also the campaign scheduler: nothing else needs to
 * watch scheduled_at), then turns due queue items into e-mails for the sender and marks finished
 * campaigns sent (src/domain/campaigns/). Safe to run on several workers at once: fan-outs lock
 * their campaign and the drain claims items with SKIP LOCKED. No job id: each run is a new sweep.
 *
 * It runs every 15 seconds (src/jobs/schedules.ts).
 */
import { z } from 'zod';
import { drainCampaignQueue } from '../domain/campaigns/drain.js';
import { fanOutDueCampaigns } from '../domain/campaigns/fan-out.js';
import type { JobDefinition } from './registry.js';

const payloadSchema = z.strictObject({});

/** For SCHEDULES in schedules.ts. A sweep with nothing due costs three indexed queries. */
/** One sweep: due scheduled campaigns fanned out, due items drained, finished campaigns completed. */
export async function runCampaignSweep(options: { now?: Date } = {}) {
  const due = await fanOutDueCampaigns(options);
  const drain = await drainCampaignQueue(options);
  return {
    fannedOut: due.fannedOut.map((f) => ({ campaignId: f.campaignId, queued: f.queued })),
    paused: due.paused,
    emailsCreated: drain.emailsCreated,
    campaignsCompleted: drain.campaignsCompleted,
  };
}

export const campaignDrainJob = {
  name: 'campaign-drain',
  payloadSchema,
  // A failed sweep is not worth retrying: the next one runs within a minute.
  jobOptions: { attempts: 1, removeOnComplete: { age: 3600, count: 100 } },
  process: () => runCampaignSweep(),
} satisfies JobDefinition<'campaign-drain', typeof payloadSchema>;
