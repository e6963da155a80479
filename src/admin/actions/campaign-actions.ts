/**
 * E-mail campaigns → "Preview audience", "Schedule", "Send now", "Cancel". Each is named in the
 * role policies like a standard action (`previewAudience`, `schedule`, `sendNow`, `cancel` on
 * email_campaigns; `email_campaigns.*` grants them), and the record comes through
 * ScopedResource under that action's scope, so a campaign out of reach is "not found". The rules
 * (which status each starts from, what makes a campaign sendable) are in
 * src/domain/campaigns/lifecycle.ts; here they get an error notice, and a refusal writes nothing.
 *
 * The three writes act on POST only: AdminJS opens an action with a GET, and a GET must not
 * send mail (a link followed by a scanner, or from another site, carries the session cookie).
 * Their component shows the question and posts the answer.
 */
import type { Action, ActionContext, ActionRequest, ActionResponse, After } from 'adminjs';
import type { Transaction } from 'sequelize';
import { CampaignError } from '../../domain/campaigns/campaign-error.js';
import { loadCampaign } from '../../domain/campaigns/campaign-row.js';
import {
  CANCELLABLE_FROM,
  cancelCampaign,
  scheduleCampaign,
  scheduleCampaignNow,
  SCHEDULABLE_FROM,
  type StatusChange,
} from '../../domain/campaigns/lifecycle.js';
import { previewAudience } from '../../domain/campaigns/recipients.js';
import type { Actor } from '../../domain/permissions/actor.js';
import { campaignFanOutJob } from '../../jobs/campaign-fan-out.job.js';
import { enqueue, queueFor } from '../../jobs/queues.js';
import { component } from '../components/loader.js';
import { recordAudit } from '../data/audit.js';
import { JSON_TEXT_PROPERTIES, presentationAfter } from '../resources/index.js';
import { respond } from './record-response.js';
import { withActorTransaction } from '../data/actor-transaction.js';

const PREVIEW_SIZE = 20;
const campaignAction = component('CampaignAction', 'campaign-action.jsx');

/** Shown only where the status allows it; the handler still refuses with a message otherwise. */
const visibleIn = (statuses: readonly string[]) => ({ record }: ActionContext): boolean =>
  !record || statuses.includes(String(record.param('status')));

const refused = (context: ActionContext, err: unknown) => {
  if (err instanceof CampaignError) return respond(context, { message: err.message, type: 'error' });
  throw err;
};

/**
 * A status change and its audit entry in one transaction; a refusal (CampaignError) rolls both
 * back and becomes the error notice.
 */
async function change(
  context: ActionContext,
  description: string,
  run: (campaignId: string, transaction: Transaction) => Promise<StatusChange>,
): Promise<StatusChange> {
  const actor = context.currentAdmin as Actor;
  return withActorTransaction(actor, async (transaction) => {
    const result = await run(String(context.record!.id()), transaction);
    const workspace_id = result.campaign.workspace_id;
    await recordAudit({
      actor,
      action: 'update',
      table: 'email_campaigns',
      id: result.campaign.id,
      before: { workspace_id, ...result.before },
      after: { workspace_id, ...result.after },
      description: `${description} "${result.campaign.name}"`,
      metadata: { count: result.count },
      transaction,
    });
    return result;
  });
}

/**
 * The record as the show view presents it (JSON columns as text): after a redirect AdminJS first
 * renders the show page with the action's record, and a JSON column's textarea cannot show an object.
 */
const asShown: After<ActionResponse> = (response, request, context) =>
  presentationAfter(JSON_TEXT_PROPERTIES[context.resource.id()] ?? [], [], 'show')(response, request, context);

const isPost = (request: ActionRequest) => request.method === 'post';
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const previewAudienceAction: Partial<Action<ActionResponse>> = {
  actionType: 'record',
  icon: 'Users',
  component: campaignAction,
  after: asShown,
  handler: async (_request, _response, context) => {
    try {
      const campaign = await loadCampaign(String(context.record!.id()));
      const preview = await previewAudience(campaign, PREVIEW_SIZE);
      return respond(context, undefined, { preview });
    } catch (err) {
      return refused(context, err);
    }
  },
};

export const scheduleAction: Partial<Action<ActionResponse>> = {
  actionType: 'record',
  icon: 'Calendar',
  component: campaignAction,
  after: asShown,
  isVisible: visibleIn(SCHEDULABLE_FROM),
  handler: async (request, _response, context) => {
    if (!isPost(request)) return respond(context);
    const raw = String((request.payload as Record<string, unknown> | undefined)?.scheduled_at ?? '').trim();
    const at = raw ? new Date(raw) : null;
    if (at && Number.isNaN(at.getTime())) {
      return respond(context, { message: `"Scheduled at" is not a date and time: ${raw}`, type: 'error' });
    }
    try {
      const result = await change(context, 'Scheduled campaign', (id, t) => scheduleCampaign(id, at, t));
      const when = (result.after.scheduled_at as Date).toISOString();
      return respond(context, { message: `Scheduled for ${when}: ${plural(result.count, 'recipient')} at present`, type: 'success' });
    } catch (err) {
      return refused(context, err);
    }
  },
};

/** Queues the fan-out; a failed earlier job under the same id is removed first, or BullMQ would ignore the add. */
async function queueFanOut(campaignId: string): Promise<void> {
  const jobId = campaignFanOutJob.jobId({ campaignId });
  const previous = await queueFor('campaign-fan-out').getJob(jobId);
  if (previous && (await previous.isFailed())) await previous.remove();
  await enqueue('campaign-fan-out', { campaignId });
}

export const sendNowAction: Partial<Action<ActionResponse>> = {
  actionType: 'record',
  icon: 'Send',
  component: campaignAction,
  after: asShown,
  isVisible: visibleIn(SCHEDULABLE_FROM),
  handler: async (request, _response, context) => {
    if (!isPost(request)) return respond(context);
    let result: StatusChange;
    try {
      result = await change(context, 'Started sending campaign', (id, t) => scheduleCampaignNow(id, t));
    } catch (err) {
      return refused(context, err);
    }
    try {
      await queueFanOut(result.campaign.id);
    } catch (err) {
      // Scheduled for now all the same: the periodic drain fans out due campaigns.
      return respond(context, {
        message: `Sending to ${plural(result.count, 'recipient')} within a minute (the queue did not answer: ${(err as Error).message})`,
        type: 'info',
      });
    }
    return respond(context, { message: `Sending to ${plural(result.count, 'recipient')}`, type: 'success' });
  },
};

export const cancelCampaignAction: Partial<Action<ActionResponse>> = {
  actionType: 'record',
  icon: 'XCircle',
  component: campaignAction,
  after: asShown,
  isVisible: visibleIn(CANCELLABLE_FROM),
  handler: async (request, _response, context) => {
    if (!isPost(request)) return respond(context);
    try {
      const result = await change(context, 'Cancelled campaign', (id, t) => cancelCampaign(id, t));
      return respond(context, { message: `Cancelled: ${plural(result.count, 'queued e-mail')} will not be sent`, type: 'success' });
    } catch (err) {
      return refused(context, err);
    }
  },
};

/** By policy action name. */
export const campaignActions: Record<string, Partial<Action<ActionResponse>>> = {
  previewAudience: previewAudienceAction,
  schedule: scheduleAction,
  sendNow: sendNowAction,
  cancel: cancelCampaignAction,
};
