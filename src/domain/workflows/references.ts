/**
 * The rows a definition's actions name (templates, stages, sequences, mailboxes, users) must
 * exist in the workflow's workspace: checked at save, so a pasted id from another workspace or a
 * typo is refused next to the field rather than failing every run. The engine checks again at
 * run time (a row deleted since fails that action with the reason).
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import { WorkflowDefinitionError, type DefinitionProblem, type WorkflowAction } from './schema.js';

const TABLES = {
  email_templates: 'email template',
  pipeline_stages: 'stage',
  sequences: 'sequence',
  email_accounts: 'mailbox',
  users: 'user',
} as const;
type Table = keyof typeof TABLES;

const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v);

function referencesOf(action: WorkflowAction, index: number): { table: Table; id: string; path: string }[] {
  const refs: { table: Table; id: string; path: string }[] = [];
  const add = (table: Table, id: unknown, key: string) => { if (isUuid(id)) refs.push({ table, id, path: `[${index}].${key}` }); };
  switch (action.type) {
    case 'send_email': add('email_templates', action.template_id, 'template_id'); add('email_accounts', action.mailbox_id, 'mailbox_id'); break;
    case 'move_deal_stage': add('pipeline_stages', action.stage_id, 'stage_id'); break;
    case 'enroll_in_sequence': add('sequences', action.sequence_id, 'sequence_id'); add('email_accounts', action.mailbox_id, 'mailbox_id'); break;
    case 'assign_owner':
      add('users', action.user_id, 'user_id');
      action.round_robin?.forEach((id, i) => add('users', id, `round_robin[${i}]`));
      break;
    case 'create_task': add('users', action.assign_to, 'assign_to'); break;
    case 'add_action_item': add('users', action.user, 'user'); break;
    default: break;
  }
  return refs;
}

/** Throws WorkflowDefinitionError naming each reference that is not a row of the workspace. */
export async function checkReferences(actions: WorkflowAction[], workspaceId: string): Promise<void> {
  const refs = actions.flatMap(referencesOf);
  const problems: DefinitionProblem[] = [];
  for (const table of Object.keys(TABLES) as Table[]) {
    const ids = [...new Set(refs.filter((r) => r.table === table).map((r) => r.id))];
    if (!ids.length) continue;
    const found = await sequelize.query<{ id: string }>(
      `SELECT id FROM ${table} WHERE workspace_id = :workspaceId AND id IN (:ids)`,
      { type: QueryTypes.SELECT, replacements: { workspaceId, ids } },
    );
    const known = new Set(found.map((r) => r.id));
    for (const ref of refs.filter((r) => r.table === table && !known.has(r.id))) {
      problems.push({ field: 'actions', path: ref.path, message: `${TABLES[table]} ${ref.id} does not exist in this workspace` });
    }
  }
  if (problems.length) throw new WorkflowDefinitionError(problems);
}
