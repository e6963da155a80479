/**
 * Custom actions by table. Each is named in the role policies like a standard action
 * (`bulkEdit`, `export`, `import`, `revoke`, `switchWorkspace`), so the same policy check guards it;
 * the sequence ones (`enrollInSequence`, `pause`, `resume`, `activate`, `archive`) fall back to
 * the table's `edit` rights when a policy does not name them.
 */
import type { Action, ActionResponse } from 'adminjs';
import { bulkEditAction } from './bulk-edit.js';
import { campaignActions } from './campaign-actions.js';
import { contactTimelineAction } from './contact-timeline.js';
import { emailManualActions, sendTestEmailAction } from './email-manual.js';
import { enrollInSequenceAction } from './enroll-in-sequence.js';
import { enrollmentStatusActions } from './enrollment-status.js';
import { sequenceStatusActions } from './sequence-status.js';
import { exportAction, importAction, IMPORTABLE } from './csv.js';
import { recomputeMetricsAction, isMetricTable } from './recompute-metrics.js';
import { revokeSessionAction } from './revoke-session.js';
import { switchWorkspaceAction } from './switch-workspace.js';
import { workflowActions, workflowExecutionActions } from './workflow-actions.js';
import { jobPostingActions, outreachActions } from './outreach-actions.js';
import { actionQueueActions, applicationActions, leadActions } from './recruiting-actions.js';
import { convertLeadAction } from './convert-lead.js';
import { markLostAction, markWonAction } from './close-deal.js';
import { recordSignatureAction, sendForSignatureAction } from './document-signature.js';

type Actions = Record<string, Partial<Action<ActionResponse>>>;

export function customActionsFor(table: string): Actions {
  const actions: Actions = { bulkEdit: bulkEditAction, export: exportAction };
  if (IMPORTABLE.includes(table)) actions.import = importAction;
  if (table === 'sessions') actions.revoke = revokeSessionAction;
  if (table === 'workspaces') actions.switchWorkspace = switchWorkspaceAction;
  if (table === 'email_campaigns') Object.assign(actions, campaignActions);
  if (table === 'contacts') Object.assign(actions, { enrollInSequence: enrollInSequenceAction, timeline: contactTimelineAction });
  if (table === 'sequence_enrollments') Object.assign(actions, enrollmentStatusActions);
  if (table === 'sequences') Object.assign(actions, sequenceStatusActions);
  if (table === 'emails') Object.assign(actions, emailManualActions);
  if (table === 'email_accounts') actions.sendTest = sendTestEmailAction;
  if (table === 'workflows') Object.assign(actions, workflowActions);
  if (table === 'workflow_executions') Object.assign(actions, workflowExecutionActions);
  if (isMetricTable(table)) actions.recompute = recomputeMetricsAction;
  // S0 / S1 daily flows (outreach-actions.ts, recruiting-actions.ts).
  if (table === 'outreach') Object.assign(actions, outreachActions);
  if (table === 'job_postings') Object.assign(actions, jobPostingActions);
  if (table === 'applications') Object.assign(actions, applicationActions);
  if (table === 'action_queue') Object.assign(actions, actionQueueActions);
  if (table === 'leads') Object.assign(actions, leadActions);
  // S2 / S3 daily flows (convert-lead.ts, close-deal.ts, document-signature.ts).
  if (table === 'leads') actions.convertLead = convertLeadAction;
  if (table === 'deals') Object.assign(actions, { markWon: markWonAction, markLost: markLostAction });
  if (table === 'documents') actions.sendForSignature = sendForSignatureAction;
  if (table === 'document_signatures') actions.recordSignature = recordSignatureAction;
  return actions;
}
