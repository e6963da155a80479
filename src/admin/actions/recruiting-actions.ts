/**
 * S1 daily flows in the panel. Applications → "Change status" (with remarks: the timeline row is
 * the database's), "Approve" (is_recruiter_approved), "Post message" (a recruiter line in the
 * chat). Action queue → "Dismiss". Leads → "Convert to client" (an account with
 * created_from_lead_id). Policy names: changeStatus, approve, postMessage, dismiss,
 * convertToClient — a recruiter holds `*` on the applications of the jobs assigned to them and on
 * their own queue items, so a recruiter of another job or workspace finds no such record.
 */
import type { Action, ActionResponse } from 'adminjs';
import { APPLICATION_FOLLOW_UP_STATUSES, APPLICATION_STATUSES } from '../../models/application.model.js';
import { approveApplication, changeStatusWithRemarks, postRecruiterMessage } from '../../domain/recruiting/application-actions.js';
import { dismissActionItem } from '../../domain/recruiting/action-queue.js';
import { convertLeadToClient } from '../../domain/recruiting/lead-conversion.js';
import { flowAction, requirePermission } from './flow-action.js';

type Actions = Record<string, Partial<Action<ActionResponse>>>;

const applicationAudit = (id: string, workspaceId: string, before: object, after: object, description: string) => ({
  action: 'update' as const, table: 'applications', id,
  before: { workspace_id: workspaceId, ...before }, after: { workspace_id: workspaceId, ...after }, description,
});

export const applicationActions: Actions = {
  changeStatus: flowAction({
    actionType: 'record',
    icon: 'GitCommit',
    intro: 'Move this application on; the remarks go on its timeline.',
    submit: 'Change status',
    fields: [
      { name: 'status', label: 'Status', type: 'select', options: APPLICATION_STATUSES },
      { name: 'follow_up_status', label: 'Follow-up status', type: 'select', options: APPLICATION_FOLLOW_UP_STATUSES, help: 'Unchanged when empty' },
      { name: 'remarks', label: 'Remarks', type: 'textarea', required: true },
    ],
    load: async ({ record }) => ({ defaults: { status: record!.param('status') } }),
    run: async ({ actor, record, payload }, transaction) => {
      const workspaceId = String(record!.param('workspace_id'));
      const id = String(record!.id());
      const { before, after } = await changeStatusWithRemarks({
        workspaceId, applicationId: id, actorId: actor.id,
        status: payload.status, followUpStatus: payload.follow_up_status, remarks: payload.remarks,
      }, transaction);
      return {
        message: `Status changed: ${before.status} → ${after.status}${after.follow_up_status !== before.follow_up_status ? `, follow-up ${after.follow_up_status}` : ''}`,
        audits: [applicationAudit(id, workspaceId, before, after, `Change status: application ${id}`)],
      };
    },
  }),

  approve: flowAction({
    actionType: 'record',
    icon: 'CheckCircle',
    intro: 'Approve this candidate for the job? Approved applications stand out to the team.',
    submit: 'Approve',
    fields: [],
    appliesTo: (record) => record.param('is_recruiter_approved') !== true && record.param('is_active') !== false,
    run: async ({ record }, transaction) => {
      const workspaceId = String(record!.param('workspace_id'));
      const id = String(record!.id());
      const { before, after } = await approveApplication(workspaceId, id, transaction);
      return { message: 'Application approved', audits: [applicationAudit(id, workspaceId, before, after, `Approve: application ${id}`)] };
    },
  }),

  postMessage: flowAction({
    actionType: 'record',
    icon: 'MessageSquare',
    intro: 'Write to the candidate in this application\'s chat.',
    submit: 'Send message',
    fields: [{ name: 'message_text', label: 'Message', type: 'textarea', required: true }],
    run: async ({ actor, record, payload }, transaction) => {
      requirePermission(actor, 'chat_messages', 'new', 'post chat messages');
      const workspaceId = String(record!.param('workspace_id'));
      const row = await postRecruiterMessage(workspaceId, String(record!.id()), payload.message_text ?? '', transaction);
      return {
        message: 'Message posted to the chat',
        audits: [{ action: 'create', table: 'chat_messages', id: String(row.id), before: null, after: row, description: `Post message: application ${record!.id()}` }],
      };
    },
  }),
};

export const actionQueueActions: Actions = {
  dismiss: flowAction({
    actionType: 'record',
    icon: 'XCircle',
    intro: 'Dismiss this item? It leaves your action queue.',
    submit: 'Dismiss',
    fields: [],
    appliesTo: (record) => record.param('is_dismissed') !== true,
    run: async ({ record }, transaction) => {
      const workspaceId = String(record!.param('workspace_id'));
      const id = String(record!.id());
      const { before, after } = await dismissActionItem(workspaceId, id, transaction);
      return {
        message: 'Item dismissed',
        audits: [{ action: 'update', table: 'action_queue', id, before: { workspace_id: workspaceId, ...before }, after: { workspace_id: workspaceId, ...after }, description: `Dismiss: action item ${id}` }],
      };
    },
  }),
};

export const leadActions: Actions = {
  convertToClient: flowAction({
    actionType: 'record',
    icon: 'UserCheck',
    intro: 'Make this lead a client: an account linked to the lead, which becomes converted.',
    submit: 'Convert to client',
    fields: [
      { name: 'client_name', label: 'Client name', required: true },
      { name: 'billing_address', label: 'Billing address', type: 'textarea' },
    ],
    appliesTo: (record) => !['converted', 'lost'].includes(String(record.param('status'))),
    load: async ({ record }) => ({ defaults: { client_name: record!.param('company_name') ?? '' } }),
    run: async ({ actor, record, payload }, transaction) => {
      requirePermission(actor, 'accounts', 'new', 'convert leads to clients');
      const workspaceId = String(record!.param('workspace_id'));
      const { account, lead } = await convertLeadToClient({
        workspaceId, leadId: String(record!.id()), actorId: actor.id, clientName: payload.client_name, billingAddress: payload.billing_address,
      }, transaction);
      const accountId = String(account.id);
      return {
        message: `Lead converted: client "${account.name}" created`,
        audits: [
          { action: 'create', table: 'accounts', id: accountId, before: null, after: account, description: `Convert to client: lead ${lead.id}` },
          { action: 'update', table: 'leads', id: lead.id, before: { workspace_id: workspaceId, ...lead.before }, after: { workspace_id: workspaceId, ...lead.after }, description: `Converted to client ${accountId}` },
        ],
        redirect: { resourceId: 'accounts', recordId: accountId },
      };
    },
  }),
};
