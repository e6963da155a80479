/**
 * Emails → "Send now", "Cancel"; mailboxes → "Send test email" (src/domain/email/manual-send.ts).
 * Send now and Cancel are state changes (asked, then posted); the test email asks for the address
 * (the actor's own by default). All three only set rows: the worker's pipe sends, guards and all.
 */
import { NotFoundError, type Action, type ActionResponse } from 'adminjs';
import { cancelEmail, createTestEmail, EmailRuleError, sendEmailNow, testEmailRequest } from '../../domain/email/manual-send.js';
import type { Actor } from '../../domain/permissions/actor.js';
import { component } from '../components/loader.js';
import { recordAudit } from '../data/audit.js';
import { respond } from './record-response.js';
import { stateChangeAction } from './state-change.js';
import { withActorTransaction } from '../data/actor-transaction.js';

const WAITING = ['draft', 'scheduled', 'queued'];

export const emailManualActions: Record<string, Partial<Action<ActionResponse>>> = {
  sendNow: stateChangeAction({
    icon: 'Send',
    question: 'Send this email now? It goes out within seconds, unless the recipient unsubscribed or bounced.',
    appliesTo: (status) => status === 'draft' || status === 'scheduled',
    change: ({ workspaceId, id }, transaction) => sendEmailNow({ workspaceId, id }, transaction),
    done: 'Email due now: the worker sends it within seconds',
  }),
  cancel: stateChangeAction({
    icon: 'XCircle',
    question: 'Cancel this email? It will not be sent; a sequence step moves on to the next step.',
    appliesTo: (status) => WAITING.includes(status),
    change: ({ workspaceId, id, actor }, transaction) => cancelEmail({ workspaceId, id, byName: actor.title }, transaction),
    done: 'Email cancelled',
  }),
};

export const sendTestEmailAction: Partial<Action<ActionResponse>> = {
  actionType: 'record',
  icon: 'Send',
  component: component('SendTestEmail', 'send-test-email.jsx'),
  isVisible: ({ record }) => !!record && record.param('is_active') !== false,
  handler: async (request, _response, context) => {
    const { record, currentAdmin } = context;
    if (!record) throw new NotFoundError('No record given', 'sendTest');
    if (request.method !== 'post') return respond(context);
    const actor = currentAdmin as Actor;
    const parsed = testEmailRequest.safeParse({ to: request.payload?.to ?? '' });
    if (!parsed.success) return respond(context, { message: parsed.error.issues[0]!.message, type: 'error' });
    const mailboxId = String(record.id());
    // The row was read under the actor's scope: its workspace is one they may act in.
    const workspaceId = String(record.param('workspace_id'));
    try {
      const emailId = await withActorTransaction(actor, async (transaction) => {
        const id = await createTestEmail({ workspaceId, mailboxId, userId: actor.id, to: parsed.data.to }, transaction);
        await recordAudit({
          actor, action: 'create', table: 'emails', id,
          before: null, after: { workspace_id: workspaceId, email_account_id: mailboxId, to_email: parsed.data.to },
          description: `Test email from mailbox ${mailboxId} to ${parsed.data.to}`,
          transaction,
        });
        return id;
      });
      return respond(context, { message: `Test email to ${parsed.data.to} is on its way`, type: 'success' }, { emailId });
    } catch (error) {
      if (error instanceof EmailRuleError) return respond(context, { message: error.message, type: 'error' });
      throw error;
    }
  },
};
