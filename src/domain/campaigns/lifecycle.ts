/**
 * A campaign's status moves draft → scheduled → sending → sent (or → cancelled; `paused` when
 * a due campaign could not be sent). The panel's Schedule / Send now / Cancel and the jobs move
 * it through these functions only, each on the locked row inside the caller's transaction, so
 * the refusal rules live here once: which statuses each step starts from, and what makes a
 * campaign sendable.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import type { EmailCampaignStatus } from '../../models/email-campaign.model.js';
import { CampaignError } from './campaign-error.js';
import { loadCampaign, type CampaignRow } from './campaign-row.js';
import { previewAudience, recipientsQueryFor, type RecipientsQuery } from './recipients.js';

const WHY_NOT: Record<EmailCampaignStatus, string> = {
  draft: 'is still a draft',
  scheduled: 'is already scheduled',
  sending: 'is being sent',
  sent: 'has already been sent',
  paused: 'is paused',
  cancelled: 'was cancelled',
};

/** CampaignError unless the campaign is in one of `from` ("… cannot be sent: it has already been sent"). */
export function refuseUnless(campaign: CampaignRow, from: readonly EmailCampaignStatus[], verb: string): void {
  if (!from.includes(campaign.status)) {
    throw new CampaignError(`"${campaign.name}" cannot be ${verb}: it ${WHY_NOT[campaign.status]}`);
  }
}

/** Schedule (and Send now, which schedules for this instant) from these; paused ones resume this way. */
export const SCHEDULABLE_FROM = ['draft', 'scheduled', 'paused'] as const;
export const CANCELLABLE_FROM = ['draft', 'scheduled', 'sending', 'paused'] as const;

/**
 * What every send needs, checked before anything is scheduled or queued: an active campaign, a
 * valid non-empty audience, a subject and a body (its own or its template's), a well-formed A/B
 * test. Returns the checked recipients query.
 */
export async function assertSendable(campaign: CampaignRow, transaction?: Transaction): Promise<RecipientsQuery> {
  if (!campaign.is_active) throw new CampaignError(`"${campaign.name}" is inactive: set it active first`);
  const query = await recipientsQueryFor(campaign, transaction);
  if (!campaign.subject_line?.trim() && !campaign.template_subject?.trim()) {
    throw new CampaignError(`"${campaign.name}" has no subject line (and its template none either)`);
  }
  if (!campaign.html_content?.trim() && !campaign.text_content?.trim() && !campaign.template_has_body) {
    throw new CampaignError(`"${campaign.name}" has no content: give it HTML or text content, or a template with a body`);
  }
  return query;
}

type Row = Record<string, unknown>;

export interface StatusChange {
  campaign: CampaignRow;
  before: Row;
  after: Row;
  /** Recipients at the time of the change (schedule, send now) or queue items cancelled (cancel). */
  count: number;
}

/** Refuses a campaign whose audience reaches nobody now: scheduling it would send nothing. */
async function countRecipients(campaign: CampaignRow, transaction: Transaction): Promise<number> {
  const { count } = await previewAudience(campaign, 0, transaction);
  if (count === 0) throw new CampaignError(`The audience of "${campaign.name}" matches no contact that may be mailed`);
  return count;
}

async function setScheduled(campaign: CampaignRow, at: Date, transaction: Transaction): Promise<StatusChange> {
  refuseUnless(campaign, SCHEDULABLE_FROM, 'scheduled');
  await assertSendable(campaign, transaction);
  const count = await countRecipients(campaign, transaction);
  await sequelize.query(`UPDATE email_campaigns SET status = 'scheduled', scheduled_at = $2 WHERE id = $1`, {
    bind: [campaign.id, at],
    transaction,
  });
  return {
    campaign,
    before: { status: campaign.status, scheduled_at: campaign.scheduled_at },
    after: { status: 'scheduled', scheduled_at: at },
    count,
  };
}

/** Allowed lateness of a scheduled_at typed a moment ago. */
const PAST_TOLERANCE_MS = 60_000;

/** Schedule: at `at`, or at the campaign's own scheduled_at when not given. */
export async function scheduleCampaign(campaignId: string, at: Date | null, transaction: Transaction): Promise<StatusChange> {
  const campaign = await loadCampaign(campaignId, { transaction, lock: true });
  const when = at ?? (campaign.scheduled_at ? new Date(campaign.scheduled_at) : null);
  if (!when || Number.isNaN(when.getTime())) {
    throw new CampaignError(`"${campaign.name}" has no "Scheduled at": set the date and time it should go out`);
  }
  if (when.getTime() < Date.now() - PAST_TOLERANCE_MS) {
    throw new CampaignError(`"Scheduled at" (${when.toISOString()}) is in the past: pick a later time, or use Send now`);
  }
  return setScheduled(campaign, when, transaction);
}

/**
 * Send now = scheduled for this instant. The caller then queues the fan-out job; should that
 * job be lost, the periodic drain fans out every due scheduled campaign anyway.
 */
export async function scheduleCampaignNow(campaignId: string, transaction: Transaction): Promise<StatusChange> {
  const campaign = await loadCampaign(campaignId, { transaction, lock: true });
  refuseUnless(campaign, SCHEDULABLE_FROM, 'sent');
  return setScheduled(campaign, new Date(), transaction);
}

/** Cancel: the campaign's pending queue items become cancelled (items already handed to the sender go on). */
export async function cancelCampaign(campaignId: string, transaction: Transaction): Promise<StatusChange> {
  const campaign = await loadCampaign(campaignId, { transaction, lock: true });
  refuseUnless(campaign, CANCELLABLE_FROM, 'cancelled');
  const [, cancelled] = await sequelize.query(
    `UPDATE email_queue SET status = 'cancelled' WHERE campaign_id = $1 AND status = 'pending'`,
    { type: QueryTypes.UPDATE, bind: [campaign.id], transaction },
  );
  await sequelize.query(`UPDATE email_campaigns SET status = 'cancelled' WHERE id = $1`, { bind: [campaign.id], transaction });
  return {
    campaign,
    before: { status: campaign.status },
    after: { status: 'cancelled' },
    count: Number(cancelled ?? 0),
  };
}
