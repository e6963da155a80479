/**
 * Custom actions by table. Each is named in the role policies like a standard action
 * (`bulkEdit`, `export`, `import`, `revoke`, `switchWorkspace`), so the same policy check guards it;
 * the sequence ones (`enrollInSequence`, `pause`, `resume`, `activate`, `archive`) fall back to
 * the table's `edit` rights when a policy does not name them.
 */
import type { Action, ActionResponse } from 'adminjs';
import { bulkEditAction } from './bulk-edit.js';
import { campaignActions } from './campaign-actions.js';
import { enrollInSequenceAction } from './enroll-in-sequence.js';
import { enrollmentStatusActions } from './enrollment-status.js';
import { sequenceStatusActions } from './sequence-status.js';
import { exportAction, importAction, IMPORTABLE } from './csv.js';
import { revokeSessionAction } from './revoke-session.js';
import { switchWorkspaceAction } from './switch-workspace.js';
import { workflowActions, workflowExecutionActions } from './workflow-actions.js';

type Actions = Record<string, Partial<Action<ActionResponse>>>;

export function customActionsFor(table: string): Actions {
  const actions: Actions = { bulkEdit: bulkEditAction, export: exportAction };
  if (IMPORTABLE.includes(table)) actions.import = importAction;
  if (table === 'sessions') actions.revoke = revokeSessionAction;
  if (table === 'workspaces') actions.switchWorkspace = switchWorkspaceAction;
  if (table === 'email_campaigns') Object.assign(actions, campaignActions);
  if (table === 'contacts') actions.enrollInSequence = enrollInSequenceAction;
  if (table === 'sequence_enrollments') Object.assign(actions, enrollmentStatusActions);
  if (table === 'sequences') Object.assign(actions, sequenceStatusActions);
  if (table === 'workflows') Object.assign(actions, workflowActions);
  if (table === 'workflow_executions') Object.assign(actions, workflowExecutionActions);
  return actions;
}
