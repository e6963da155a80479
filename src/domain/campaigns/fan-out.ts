/**
 * Fan-out: one `email_queue` row per recipient of a campaign, written by ONE set-based
 * INSERT … SELECT (the recipients query of recipients.ts, each row's due time from send-time.ts),
 * then the campaign moves to `sending`. Idempotent: an address already queued for the campaign
 * is skipped, and the campaign row is locked for the whole transaction, so a retried job, a
 * double click or two workers fanning out the same campaign add nothing the second time.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize, withTransaction } from '../../db.js';
import type { EmailCampaignType } from '../../models/email-campaign.model.js';
import { CampaignError } from './campaign-error.js';
import { loadCampaign, type CampaignRow } from './campaign-row.js';
import { assertSendable, refuseUnless } from './lifecycle.js';
import { recipientsSql } from './recipients.js';
import { campaignStart, CONTACT_TIMEZONE_JOIN, sendTimeSql, workspaceTimezone } from './send-time.js';
import { SqlParams } from './sql-params.js';

/**
 * email_queue.priority by campaign type (1 = drained first, 10 = last): a transactional mail
 * (receipt, password, invitation) is expected within seconds; onboarding and trial nurture are
 * time-sensitive lifecycle mail; broadcast mail (re-engagement, promotions) can wait behind them.
 */
export const CAMPAIGN_PRIORITY: Record<EmailCampaignType, number> = {
  transactional: 1,
  onboarding: 3,
  trial_nurture: 4,
  reengagement: 6,
  promotional: 7,
};
/** A campaign without a type sits in the middle. */
export const DEFAULT_PRIORITY = 5;

export const priorityOf = (type: EmailCampaignType | null): number => (type ? CAMPAIGN_PRIORITY[type] : DEFAULT_PRIORITY);

/** Statuses a fan-out may start from; `sending` re-runs are no-ops for addresses already queued. */
export const FAN_OUT_FROM = ['draft', 'scheduled', 'sending'] as const;

export interface FanOutResult {
  campaignId: string;
  /** Queue rows added by this run (0 on a re-run). */
  queued: number;
  status: string;
  skipped?: string;
}

export interface FanOutOptions {
  /** "Now" for a campaign that is not scheduled (tests pin it); default the current time. */
  now?: Date;
  /** Only fan out when the campaign (once locked) is in this status; otherwise report it skipped. */
  onlyIf?: CampaignRow['status'];
}

/** Inserts the campaign's queue rows (one statement) and returns how many; the caller holds the lock. */
async function insertQueueRows(campaign: CampaignRow, start: Date, transaction: Transaction): Promise<number> {
  const query = await assertSendable(campaign, transaction);
  const params = new SqlParams();
  const campaignId = params.add(campaign.id, 'uuid');
  const workspaceTz = params.add(await workspaceTimezone(campaign.workspace_id, transaction), 'text');
  const tz = `coalesce(tz.name, ${workspaceTz})`;
  const sendTime = sendTimeSql(start, campaign, tz, params);
  const priority = params.add(priorityOf(campaign.campaign_type), 'int');
  const variant = params.add(query.share?.variant ?? null, 'text');
  const from = recipientsSql(campaign, query, params, { joins: CONTACT_TIMEZONE_JOIN });
  const [, inserted] = await sequelize.query(
    `INSERT INTO email_queue (workspace_id, campaign_id, recipient_email, scheduled_for, priority, status, queue_metadata)
     SELECT c.workspace_id, ${campaignId}, c.email, ${sendTime}, ${priority}, 'pending',
            jsonb_build_object('contact_id', c.id, 'ab_variant', ${variant}, 'timezone', ${tz})
       ${from}
        AND NOT EXISTS (SELECT 1 FROM email_queue q WHERE q.campaign_id = ${campaignId} AND lower(q.recipient_email) = c.email)`,
    { type: QueryTypes.INSERT, bind: params.values, transaction },
  );
  return Number(inserted ?? 0);
}

/**
 * Fans the campaign out: a scheduled campaign starts at its scheduled_at, any other now; both
 * plus send_delay_minutes. Refused (CampaignError) when it was sent, cancelled or paused, or is
 * not sendable (no audience, no content, a broken A/B test).
 */
export async function fanOutCampaign(campaignId: string, options: FanOutOptions = {}): Promise<FanOutResult> {
  return withTransaction(async (transaction) => {
    const campaign = await loadCampaign(campaignId, { transaction, lock: true });
    if (options.onlyIf && campaign.status !== options.onlyIf) {
      return { campaignId, queued: 0, status: campaign.status, skipped: `the campaign is ${campaign.status}, not ${options.onlyIf}` };
    }
    refuseUnless(campaign, FAN_OUT_FROM, 'send');
    const now = options.now ?? new Date();
    const base = campaign.status === 'scheduled' && campaign.scheduled_at ? new Date(campaign.scheduled_at) : now;
    const queued = await insertQueueRows(campaign, campaignStart(base, campaign.send_delay_minutes), transaction);
    await sequelize.query(
      `UPDATE email_campaigns SET status = 'sending', sent_at = coalesce(sent_at, $2::timestamptz) WHERE id = $1`,
      { bind: [campaign.id, now], transaction },
    );
    return { campaignId, queued, status: 'sending' };
  });
}

export interface DueFanOuts {
  fannedOut: FanOutResult[];
  /** Campaigns that could not be sent: paused, with the reason. */
  paused: { campaignId: string; reason: string }[];
}

/**
 * Fans out every scheduled campaign whose scheduled_at has come (the periodic drain job calls
 * this). One that can no longer be sent (its audience or A/B test was broken after it was
 * scheduled) is paused, so it is not retried every minute; the reason is in the job's result.
 */
export async function fanOutDueCampaigns(options: { now?: Date; limit?: number } = {}): Promise<DueFanOuts> {
  const now = options.now ?? new Date();
  const due = await sequelize.query<{ id: string }>(
    `SELECT id FROM email_campaigns WHERE status = 'scheduled' AND scheduled_at <= $1 ORDER BY scheduled_at LIMIT $2`,
    { type: QueryTypes.SELECT, bind: [now, options.limit ?? 50] },
  );
  const result: DueFanOuts = { fannedOut: [], paused: [] };
  for (const { id } of due) {
    try {
      result.fannedOut.push(await fanOutCampaign(id, { now, onlyIf: 'scheduled' }));
    } catch (err) {
      if (!(err instanceof CampaignError)) throw err;
      await sequelize.query(`UPDATE email_campaigns SET status = 'paused' WHERE id = $1 AND status = 'scheduled'`, { bind: [id] });
      result.paused.push({ campaignId: id, reason: err.message });
    }
  }
  return result;
}
