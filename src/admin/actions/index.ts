/**
 * Custom actions by table. Each is named in the role policies like a standard action
 * (`bulkEdit`, `export`, `import`, `revoke`, `switchWorkspace`), so the same policy check guards it.
 */
import type { Action, ActionResponse } from 'adminjs';
import { bulkEditAction } from './bulk-edit.js';
import { exportAction, importAction, IMPORTABLE } from './csv.js';
import { revokeSessionAction } from './revoke-session.js';
import { switchWorkspaceAction } from './switch-workspace.js';

type Actions = Record<string, Partial<Action<ActionResponse>>>;

export function customActionsFor(table: string): Actions {
  const actions: Actions = { bulkEdit: bulkEditAction, export: exportAction };
  if (IMPORTABLE.includes(table)) actions.import = importAction;
  if (table === 'sessions') actions.revoke = revokeSessionAction;
  if (table === 'workspaces') actions.switchWorkspace = switchWorkspaceAction;
  return actions;
}
